"""What templates show, computed in Python: French dates and numbers, territories in words, labels.

Templates only lay things out; every value that needs a decision (which territories an actor
covers, how a period is said in French) is prepared here, where it can be unit-tested.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from .. import vocabularies
from ..accompaniments import COLUMN_DESCRIPTIONS, REPORT_FILE
from ..corpus import Corpus, title_key
from ..loading import Record
from ..maintenance import is_stale  # noqa: F401 - used by templates through `views`
from ..matching import reach
from ..models import KINDS
from ..places import coverage, place
from . import maps

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def date_fr(value: dt.date | str | None) -> str:
    """2026-11-02 -> "2 novembre 2026"; "2021-09" -> "septembre 2021"; "2021" -> "2021"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def number_fr(value: int | None) -> str:
    """1014 -> "1 014" with a narrow no-break space, as French typography wants."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", "\u202f")


def label(term_id: str, vocabulary: str) -> str:
    return vocabularies.get(vocabulary).label(term_id)


def step_when(step) -> str:
    """When a step happened: the period as the source wrote it, else its dates in French."""
    if step.periode:
        return step.periode
    if step.date and step.fin and step.fin != step.date:
        return f"{_de(date_fr(step.date))} à {date_fr(step.fin)}"
    return date_fr(step.date)


def period(record: Record) -> str:
    """When an experience happened: "depuis 2021 (en cours)", "de mars 2021 à juin 2023"."""
    data = record.data
    if not data.debut:
        return (
            f"jusqu'en {date_fr(data.fin)}"
            if data.fin
            else ("en cours, date de début non précisée" if data.en_cours else "non précisée")
        )
    start = date_fr(data.debut)
    if data.fin:
        return f"{_de(start)} à {date_fr(data.fin)}" if data.fin != data.debut else start
    if data.en_cours:
        return f"depuis {start} (en cours)"
    return f"à partir {_de(start)}"


def _de(text: str) -> str:
    """ "de" before a date, elided before a vowel: "de mars 2021", "d'octobre 2015"."""
    return f"d'{text}" if text[:1] in "aâàeéèêiîoôuûAEIOU" else f"de {text}"


def participation_scale(level: str) -> list[dict]:
    """The five participation levels, marking those reached, for the scale drawn on sheets."""
    vocabulary = vocabularies.get("niveaux-participation")
    reached = vocabulary[level].rank or 0
    return [{"id": t.id, "label": t.label, "reached": (t.rank or 0) <= reached, "current": t.id == level} for t in vocabulary]


def map_points(corpus: Corpus) -> list[dict]:
    """Actors (at their headquarters) and experiences that have coordinates, sorted by title."""
    points = []
    for record in corpus.active("actor"):
        hq = record.data.siege
        if hq and hq.latitude is not None:
            commune = corpus.territories.communes[hq.commune]
            points.append(_point(record, hq.latitude, hq.longitude, f"{commune.name} ({commune.department})"))
    for record in corpus.active("experience"):
        if record.data.coordonnees:
            c = record.data.coordonnees
            points.append(_point(record, c.latitude, c.longitude, place(record, corpus.territories).summary))
    return sorted(points, key=lambda p: (title_key(p["title"]), p["url"]))


def unmapped_count(corpus: Corpus) -> int:
    return len(corpus.active("actor")) + len(corpus.active("experience")) - len(map_points(corpus))


def _point(record: Record, lat: float, lon: float, where: str) -> dict:
    kind = KINDS[record.kind]
    return {
        "kind": kind.key,
        "kind_label": kind.title,
        "title": record.title,
        "url": record.url,
        "lat": f"{lat:.5f}",
        "lon": f"{lon:.5f}",
        "themes": list(record.data.thematiques),
        "place": where,
    }


def latest(records, count: int) -> list[Record]:
    """The most recently changed records, for the home page; among those changed the same day, the
    most recent facts first (an experience's start, a guide's or actor's verification)."""

    def recency(record: Record) -> tuple:
        changed = record.updated or record.data.reviewed
        return changed, str(getattr(record.data, "debut", None) or record.data.reviewed)

    by_title = sorted(records, key=lambda r: title_key(r.title))
    return sorted(by_title, key=recency, reverse=True)[:count]  # stable: ties stay in title order


def edit_url(record: Record, repository: str, branch: str) -> str:
    """GitHub's web editor on the record's source file."""
    return f"{repository}/edit/{branch}/{record.source}"


def editor_url(record: Record) -> str:
    """The record in the form editor (/admin/), relative to the site's root."""
    return f"admin/#/collections/{record.kind}/entries/{record.id}"


def report_url(record: Record, repository: str) -> str:
    """The "Signaler une erreur" issue form, pre-filled with the record's id."""
    query = urlencode({"template": "signaler-une-erreur.yml", "fiche": record.id, "title": f"Erreur sur la fiche {record.id}"})
    return f"{repository}/issues/new?{query}"


def regions_covered(corpus: Corpus) -> int:
    """Regions where at least one actor works at regional or local level (national ones aside)."""
    ref = corpus.territories
    return len({code for record in corpus.actors.values() for code in reach(record, ref).region_codes(ref)})


def size_fr(size: int) -> str:
    """12345 -> "12 ko", in the French way."""
    if size < 1000:
        return f"{size} octets"
    if size < 1_000_000:
        return f"{round(size / 1000)} ko"
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


def json_ld(record: Record, corpus: Corpus, public_url: str) -> dict:
    """schema.org description of a record page, for search engines and aggregators."""
    page = f"{public_url}/{record.url}"
    data = record.data
    themes = [label(t, "thematiques") for t in data.thematiques]
    common = {
        "@context": "https://schema.org",
        "mainEntityOfPage": page,
        "description": data.resume,
        "inLanguage": "fr",
        "dateModified": data.reviewed.isoformat(),
    }
    if record.kind == "actor":
        node = {
            "@type": "Organization",
            "@id": f"{page}#organisation",
            "name": data.nom,
            "url": data.site_web or page,
            "knowsAbout": themes,
            "areaServed": [
                {"@type": "Country", "name": "France"}
                if item.level == "national"
                else {"@type": "AdministrativeArea", "name": item.label}
                for item in coverage(record, corpus.territories)
            ],
        }
        if data.sigle:
            node["alternateName"] = data.sigle
        if data.contact and data.contact.email:
            node["email"] = data.contact.email
        if data.contact and data.contact.telephone:
            node["telephone"] = data.contact.telephone
        if data.siege:
            commune = corpus.territories.communes[data.siege.commune]
            node["address"] = {"@type": "PostalAddress", "addressLocality": commune.name, "addressCountry": "FR"}
        if data.reseaux:
            node["memberOf"] = [
                {"@type": "Organization", "name": corpus.actors[i].title, "url": f"{public_url}/{corpus.actors[i].url}"}
                for i in data.reseaux
            ]
        del common["dateModified"]
        return common | node
    licence = vocabularies.get("licences")["etalab-2.0" if record.kind == "experience" else data.licence]
    node = {
        "@type": "Article" if record.kind == "experience" else "CreativeWork",
        "headline": record.title,
        "name": record.title,
        "about": themes,
        "isPartOf": {"@type": "WebSite", "name": "Territoires en commun", "url": f"{public_url}/"},
    }
    if licence.url:
        node["license"] = licence.url
    people = data.acteurs if record.kind == "experience" else data.auteurs
    organisations = [
        {"@type": "Organization", "name": corpus.actors[i].title, "url": f"{public_url}/{corpus.actors[i].url}"} for i in people
    ]
    if record.kind == "experience":
        node["spatialCoverage"] = {"@type": "Place", "name": place(record, corpus.territories).name}
        if data.coordonnees:
            node["spatialCoverage"]["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": data.coordonnees.latitude,
                "longitude": data.coordonnees.longitude,
            }
        if organisations:
            node["mentions"] = organisations
    else:
        if organisations:
            node["author"] = organisations
        node["audience"] = [{"@type": "Audience", "audienceType": label(p, "publics")} for p in data.publics]
        if data.date_publication:
            node["datePublished"] = data.date_publication
    return common | node


def theme_has_records(corpus: Corpus, theme: str) -> bool:
    return any(theme in record.data.thematiques for record in corpus.records)


# ---- Territories accompanied by the ANCT ----------------------------------------------------------

LEVEL_LABELS = {
    "region": "Région",
    "departement": "Département",
    "groupement": "Groupement de collectivités",
    "epci": "Intercommunalité",
    "commune": "Commune",
}
LEVEL_ORDER = tuple(LEVEL_LABELS)


def department_map(counts: dict[str, int], title: str, unit: tuple[str, str]):
    return maps.department_map(counts, title, unit)


def local_actor_counts(rows) -> dict[str, int]:
    return {row.code: row.local_actors for row in rows}


def map_legend(counts: dict[str, int]) -> list[dict]:
    return maps.legend(counts, ("", ""))


def import_report() -> dict | None:
    """The last import's summary and decisions, read from the report it wrote beside the data."""
    if not REPORT_FILE.exists():
        return None
    lines = REPORT_FILE.read_text(encoding="utf-8").splitlines()
    heading = lines.index("## Bilan")
    return {
        "summary": lines[heading + 2],
        "decisions": [line[2:] for line in lines if line.startswith("- ")],
    }


def service_url(corpus: Corpus, service: str) -> str | None:
    """The programme page of an ANCT service, when the site has one (its id is the page's)."""
    return corpus.pages[service].url if service in corpus.pages else None


def accompaniment_columns() -> dict[str, tuple[str, str]]:
    return COLUMN_DESCRIPTIONS


def accompaniment_sort_key(item) -> tuple:
    return LEVEL_ORDER.index(item.level), title_key(item.name)


def territory_url(item) -> str | None:
    """The site's page about an accompanied territory (its department's for a commune or EPCI)."""
    if item.level == "region":
        return f"territoires/regions/{item.code}/"
    if item.departments:
        return f"territoires/{item.code if item.level == 'departement' else item.departments[0]}/"
    return None


def experiences_about(corpus: Corpus, item) -> list[Record]:
    """Experience sheets located in an accompanied commune or intercommunality."""
    if item.level not in ("commune", "epci"):
        return []
    found = []
    for record in corpus.active("experience"):
        territory = record.data.territoire
        if (item.level == "commune" and territory.commune == item.code) or (item.level == "epci" and territory.epci == item.code):
            found.append(record)
    return found


def service_territories(corpus: Corpus, service: str) -> dict | None:
    """What a programme page shows of the territories its service accompanied: by region, with
    counts, and the number per department for the map. None if `service` is not a service."""
    if service not in vocabularies.get("services-anct"):
        return None
    ref = corpus.territories
    items = [a for a in corpus.accompaniments if a.service == service]
    by_region: dict[str, list] = {}
    per_department: dict[str, int] = {}
    for item in items:
        if item.level == "region":
            region = item.code
        else:
            region = ref.departments[item.departments[0]].region if item.departments else ""
        by_region.setdefault(region, []).append(item)
        for department in item.departments:
            per_department[department] = per_department.get(department, 0) + 1
    regions = sorted(by_region, key=lambda code: (code == "", title_key(ref.regions[code].name) if code else ""))
    return {
        "count": len(items),
        "regions": [
            {
                "code": code,
                "name": ref.regions[code].name if code else "Territoires sans département connu",
                "items": sorted(by_region[code], key=accompaniment_sort_key),
            }
            for code in regions
        ],
        "per_department": per_department,
        "departments_reached": len(per_department),
    }


def accompanied_in(corpus: Corpus, department_codes: set[str]) -> list:
    """Territories accompanied by the ANCT that lie (wholly or partly) in these departments."""
    found = {id(a): a for code in sorted(department_codes) for a in corpus.accompanied_in_department.get(code, [])}
    return sorted(found.values(), key=lambda a: (*accompaniment_sort_key(a), a.service))


def accompaniments_of(corpus: Corpus, record: Record) -> list:
    """The ANCT's accompaniments of the commune or intercommunality where an experience took place."""
    where = place(record, corpus.territories)
    found = []
    if where.commune:
        found += corpus.accompanied.get(("commune", where.commune.code), [])
    if where.epci:
        found += corpus.accompanied.get(("epci", where.epci.siren), [])
    return found
