"""The territories the ANCT accompanied (programme Territoires d'engagement), as reference data.

The ANCT publishes the list behind its map of the territories of citizen engagement as a CSV
file (`data/accompagnements/source/`, with its provenance in `source.json`). That file has real
defects; `import_file()` turns it into `data/accompagnements/accompagnements.csv`, one row per
territory and service, and says in French, line by line, what it decided for each defect. The
import is deterministic: a second run on the same file writes the same bytes.

`read_accompaniments()` reads the normalised file back for validation and the build, checking
every code against the territory reference, as records are.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import strictyaml, vocabularies
from .errors import ProjectError
from .paths import DATA_DIR, shown_path
from .problems import Problems
from .territories import Reference

FOLDER = DATA_DIR / "accompagnements"
DATA_FILE = FOLDER / "accompagnements.csv"
REPORT_FILE = FOLDER / "rapport-import.md"
GROUPINGS_FILE = FOLDER / "groupements.yaml"
SOURCE_FOLDER = FOLDER / "source"

# The source's `Dispositif` codes -> ids of the vocabulary `services-anct`.
SERVICES = {
    "CCO": "cellule-de-conseil-et-d-orientation",
    "PATDE": "parcours-d-accompagnement",
    "PPTDE": "projets-partages",
    "AI": "ateliers-interactifs",
}
LEVELS = ("commune", "epci", "groupement", "departement", "region")
SOURCE_COLUMNS = ("id_engcit", "codgeo", "libgeo", "echelon", "Dispositif", "periode", "projet_partage", "url")
COLUMNS = (
    "service",
    "niveau",
    "code",
    "nom",
    "departements",
    "debut",
    "fin",
    "periode_source",
    "projet_partage",
    "page",
    "source",
    "lignes_source",
    "identifiants_source",
)
# What each column holds, for the Table Schema of the open data package and the /donnees/ page.
COLUMN_DESCRIPTIONS = {
    "service": (
        "string",
        "Service de l'ANCT (vocabulaire services-anct) : cellule-de-conseil-et-d-orientation, parcours-d-accompagnement, projets-partages ou ateliers-interactifs.",
    ),
    "niveau": (
        "string",
        "Niveau du territoire : commune, epci, groupement (PETR, syndicat mixte, parc naturel régional), departement ou region.",
    ),
    "code": (
        "string",
        "Code officiel : code INSEE de la commune, SIREN de l'intercommunalité ou du groupement, code du département ou de la région.",
    ),
    "nom": (
        "string",
        "Nom officiel (Code officiel géographique) ; pour un groupement, le nom donné par la page citée dans groupements.yaml.",
    ),
    "departements": ("string", "Départements où se trouve le territoire, séparés par des espaces (vide si inconnu)."),
    "debut": ("string", "Début de l'accompagnement (AAAA ou AAAA-MM), quand la période publiée se lit."),
    "fin": ("string", "Fin de l'accompagnement (AAAA ou AAAA-MM), quand la période publiée se lit."),
    "periode_source": ("string", "Période telle que l'ANCT l'a écrite."),
    "projet_partage": ("string", "Thème du projet partagé, s'il y a lieu."),
    "page": ("string", "Page de l'ANCT sur ce territoire, quand le fichier en donne une."),
    "source": ("string", "Adresse du fichier publié par l'ANCT dont la ligne provient."),
    "lignes_source": ("string", "Numéros des lignes du fichier source (plusieurs quand des doublons ont été fusionnés)."),
    "identifiants_source": ("string", "Identifiants des lignes dans le fichier source (id_engcit)."),
}
MONTHS = {
    "jan": 1, "janv": 1, "feb": 2, "fev": 2, "fév": 2, "févr": 2, "mar": 3, "mars": 3, "apr": 4, "avr": 4,
    "may": 5, "mai": 5, "jun": 6, "juin": 6, "jul": 7, "juil": 7, "aug": 8, "aou": 8, "aoû": 8, "août": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "déc": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Accompaniment:
    """One territory accompanied by one service of the ANCT."""

    service: str  # id in the vocabulary services-anct
    level: str  # commune, epci, groupement, departement, region
    code: str  # INSEE code, SIREN, department or region code
    name: str
    departments: tuple[str, ...]  # where it lies (several for an EPCI across departments, a region's)
    start: str  # "2021", "2021-09" or ""
    end: str
    period: str  # as the source wrote it
    shared_project: str
    url: str  # the ANCT's page about this territory, when the source gives one
    lines: tuple[int, ...]  # lines of the source file this row comes from
    ids: tuple[str, ...] = ()
    source: str = ""  # address of the published file
    line: int = 0  # line in accompagnements.csv (when read back)

    @property
    def period_fr(self) -> str:
        """ "2021-2025", "septembre 2021 – décembre 2022", or the source's own words."""
        if not self.start:
            return self.period
        return self.start[:4] + (f"-{self.end[:4]}" if self.end and self.end[:4] != self.start[:4] else "")


@dataclass
class ImportResult:
    rows: list[Accompaniment]
    messages: list[str] = field(default_factory=list)  # "fichier:ligne: …", one per decision
    read: int = 0
    merged: int = 0
    set_aside: Counter = field(default_factory=Counter)  # reason -> count

    @property
    def summary(self) -> str:
        aside = sum(self.set_aside.values())
        reasons = " ; ".join(f"{reason} : {count}" for reason, count in sorted(self.set_aside.items()))
        return (
            f"{_count(self.read, 'ligne lue', 'lignes lues')}, {_count(len(self.rows), 'gardée', 'gardées')},"
            f" {_count(self.merged, 'fusionnée', 'fusionnées')} (doublons), {_count(aside, 'mise de côté', 'mises de côté')}"
            + (f" ({reasons})" if reasons else "")
            + "."
        )


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number < 2 else plural}"


@dataclass(frozen=True)
class Grouping:
    """A grouping the ANCT codes `epci` although it is not one (PETR, syndicat mixte, PNR)."""

    siren: str
    name: str
    nature: str
    departments: tuple[str, ...]
    source: str


class SourceFileError(ProjectError):
    """The source file cannot be imported at all (not a CSV, columns missing)."""


NATURES = {
    "petr": "un pôle d'équilibre territorial et rural (PETR)",
    "syndicat-mixte": "un syndicat mixte",
    "parc-naturel-regional": "le syndicat mixte d'un parc naturel régional",
    "syndicat": "un syndicat",
}


def read_groupings(path: Path = GROUPINGS_FILE) -> dict[str, Grouping]:
    """The groupings known by hand, each with the page that says where it lies."""
    if not path.exists():
        return {}
    parsed = strictyaml.parse(path.read_text(encoding="utf-8"))
    if parsed.issues or not isinstance(parsed.data, list):
        issue = parsed.issues[0] if parsed.issues else None
        where = f"{shown_path(path)}:{issue.line}" if issue else shown_path(path)
        raise SourceFileError(f"{where} : {issue.message if issue else 'une liste de groupements attendue'}")
    groupings = {}
    for index, item in enumerate(parsed.data):
        line = parsed.positions.get((index,), (0, 0))[0]
        if not isinstance(item, dict) or not {"siren", "nom", "nature", "departements", "source"} <= set(item):
            raise SourceFileError(
                f"{shown_path(path)}:{line} : « siren », « nom », « nature », « departements » et « source » attendus"
            )
        if item["nature"] not in NATURES:
            raise SourceFileError(f"{shown_path(path)}:{line} : nature « {item['nature']} » inconnue ({', '.join(NATURES)})")
        groupings[item["siren"]] = Grouping(
            item["siren"], item["nom"], item["nature"], tuple(item["departements"] or ()), item["source"]
        )
    return groupings


def read_period(text: str) -> tuple[str, str] | None:
    """ "2021-2025" -> ("2021", "2025"); "Sep. 2021-Dec.2022" -> ("2021-09", "2022-12"); None if unreadable."""
    text = text.strip()
    years = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text)
    if years:
        return years.group(1), years.group(2)
    months = re.fullmatch(r"([A-Za-zéû]+)\.?\s*(\d{4})\s*[-–]\s*([A-Za-zéû]+)\.?\s*(\d{4})", text)
    if months:
        first, second = MONTHS.get(months.group(1).lower()), MONTHS.get(months.group(3).lower())
        if first and second:
            return f"{months.group(2)}-{first:02d}", f"{months.group(4)}-{second:02d}"
    year = re.fullmatch(r"(\d{4})", text)
    if year:
        return year.group(1), ""
    return None


def _source_rows(text: str, where: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in SOURCE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise SourceFileError(f"{where}:1 : colonnes absentes ({', '.join(missing)}) : est-ce bien le fichier de l'ANCT ?")
    rows = []
    for row in reader:
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


def import_file(path: Path, ref: Reference, groupings: dict[str, Grouping] | None = None) -> ImportResult:
    """Normalise the ANCT's file; every defect gets a message naming its line and the decision."""
    where = shown_path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceFileError(f"{where} : fichier illisible en UTF-8 (octet {error.start})") from None
    groupings = read_groupings() if groupings is None else groupings
    result = ImportResult(rows=[])
    kept: dict[tuple[str, str, str], Accompaniment] = {}
    for line, row in _source_rows(text, where):
        result.read += 1

        def say(message: str, line: int = line) -> None:
            result.messages.append(f"{where}:{line}: {message}")

        def aside(reason: str, message: str) -> None:
            result.set_aside[reason] += 1
            say(f"{message} : ligne mise de côté")

        code, level, name = row["codgeo"], row["echelon"].lower(), row["libgeo"]
        if code.startswith("#") or level.startswith("#"):
            aside("référence invalide", f"code et échelon illisibles (« {row['codgeo']} », territoire « {name} »)")
            continue
        service = SERVICES.get(row["Dispositif"].upper())
        if service is None:
            aside("dispositif inconnu", f"dispositif « {row['Dispositif']} » inconnu (attendus : {', '.join(SERVICES)})")
            continue
        located = _locate(level, code, name, ref, groupings, say)
        if located is None:
            aside("territoire inconnu du référentiel", f"{level} « {code} » ({name}) absent du Code officiel géographique")
            continue
        level, official, departments = located
        start = end = ""
        if row["periode"]:
            period = read_period(row["periode"])
            if period is None:
                say(f"période « {row['periode']} » illisible : gardée telle quelle, sans début ni fin")
            else:
                start, end = period
                if not re.fullmatch(r"\d{4}\s*-\s*\d{4}|\d{4}", row["periode"]):
                    say(f"période « {row['periode']} » lue comme {start} – {end}")
        entry = Accompaniment(
            service=service,
            level=level,
            code=code,
            name=official,
            departments=departments,
            start=start,
            end=end,
            period=row["periode"],
            shared_project=row["projet_partage"],
            url=row["url"],
            lines=(line,),
            ids=(row["id_engcit"],) if row["id_engcit"] else (),
        )
        key = (service, level, code)
        if key in kept:
            first = kept[key]
            result.merged += 1
            say(f"doublon de la ligne {first.lines[0]} ({official}, même dispositif) : fusionnée avec elle")
            kept[key] = _merge(first, entry, say)
        else:
            kept[key] = entry
    result.rows = sorted(kept.values(), key=lambda a: (a.service, LEVELS.index(a.level), a.code))
    return result


def _locate(level, code, name, ref: Reference, groupings, say) -> tuple[str, str, tuple[str, ...]] | None:
    """(level, official name, departments) of a source row, or None if the reference does not know it."""
    if level == "commune":
        commune = ref.communes.get(code)
        if commune is None:
            return None
        _same_name(name, commune.name, say)
        return "commune", commune.name, (commune.department,)
    if level == "epci":
        epci = ref.epcis.get(code)
        if epci is not None:
            _same_name(name, epci.name, say)
            return "epci", epci.name, epci.departments
        if not re.fullmatch(r"\d{9}", code):
            return None
        grouping = groupings.get(code)
        if grouping is None:
            say(
                f"« {name} » ({code}) n'est pas une intercommunalité du Code officiel géographique et n'est pas"
                f" dans {shown_path(GROUPINGS_FILE)} : gardé comme groupement, sans département"
            )
            return "groupement", name, ()
        places = (
            ", ".join(ref.departments[d].name for d in grouping.departments if d in ref.departments) or "aucun département connu"
        )
        say(
            f"« {name} » ({code}) n'est pas une intercommunalité mais {NATURES[grouping.nature]} : gardé comme groupement,"
            f" rattaché à : {places} (source : {grouping.source})"
        )
        return "groupement", grouping.name, grouping.departments
    if level == "departement":
        department = ref.departments.get(code.zfill(2) if code.isdigit() and len(code) < 2 else code)
        if department is None:
            return None
        _same_name(name, department.name, say)
        return "departement", department.name, (department.code,)
    if level == "region":
        region = ref.regions.get(code)
        if region is None:
            return None
        _same_name(name, region.name, say)
        return "region", region.name, tuple(sorted(d.code for d in ref.departments.values() if d.region == code))
    return None


def _same_name(given: str, official: str, say) -> None:
    if given and given != official:
        say(f"nom « {given} » différent du référentiel (« {official} ») : le nom officiel est retenu")


def _merge(first: Accompaniment, other: Accompaniment, say) -> Accompaniment:
    """A repeated row: the first one, completed with what only the other one says."""
    merged = first
    for attribute in ("start", "end", "period", "shared_project", "url"):
        mine, theirs = getattr(first, attribute), getattr(other, attribute)
        if not mine and theirs:
            merged = replace(merged, **{attribute: theirs})
        elif mine and theirs and mine != theirs:
            say(
                f"doublon : « {theirs} » diffère de « {mine} » (ligne {first.lines[0]}) : la première valeur est retenue",
                other.lines[0],
            )
    return replace(merged, lines=first.lines + other.lines, ids=first.ids + other.ids)


def source_address(folder: Path = SOURCE_FOLDER) -> str:
    """The address of the published file, from the provenance written beside the raw copy."""
    provenance = folder / "source.json"
    return json.loads(provenance.read_text(encoding="utf-8"))["adresse"] if provenance.exists() else ""


def rows_csv(rows: list[Accompaniment], source: str = "") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in rows:
        writer.writerow([
            a.service, a.level, a.code, a.name, " ".join(a.departments), a.start, a.end, a.period,
            a.shared_project, a.url, source or a.source, " ".join(map(str, a.lines)), " ".join(a.ids),
        ])  # fmt: skip
    return buffer.getvalue()


def report_markdown(result: ImportResult, source: Path) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    lines = [
        "# Import des territoires accompagnés par l'ANCT",
        "",
        f"Fichier importé : `{shown_path(source)}` (sha256 `{digest}`).",
        "Produit par `python build.py import-accompagnements` : ne pas modifier à la main.",
        "",
        "## Bilan",
        "",
        result.summary,
        "",
        "## Décisions, ligne par ligne",
        "",
    ]
    lines += [f"- {message}" for message in result.messages] or ["Aucune."]
    return "\n".join(lines) + "\n"


def write_import(result: ImportResult, source: Path, data_file: Path = DATA_FILE, report_file: Path = REPORT_FILE) -> list[Path]:
    """Write the normalised file and the report; returns the files whose content changed."""
    changed = []
    for path, text in ((data_file, rows_csv(result.rows, source_address())), (report_file, report_markdown(result, source))):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


# ---- Reading the normalised file back ------------------------------------------------------------

_DATE = re.compile(r"^$|^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")


def read_accompaniments(ref: Reference, problems: Problems, path: Path = DATA_FILE) -> list[Accompaniment]:
    """The normalised file, every row checked like a record: unknown codes fail with their line."""
    if not path.exists():
        return []
    services = vocabularies.get("services-anct")
    rows = []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        problems.add(path, 1, 1, f"colonnes absentes : {', '.join(missing)}")
        return []
    for row in reader:
        line = reader.line_num

        def error(column: str, message: str, line: int = line) -> None:
            problems.add(path, line, COLUMNS.index(column) + 1, f"colonne « {column} » : {message}")

        errors_before = len(problems.errors)
        if row["service"] not in services:
            error("service", f"service « {row['service']} » inconnu (voir data/vocabulaires/services-anct.yaml)")
        level, code = row["niveau"], row["code"]
        table = {"commune": ref.communes, "epci": ref.epcis, "departement": ref.departments, "region": ref.regions}.get(level)
        if level not in LEVELS:
            error("niveau", f"niveau « {level} » inconnu ({', '.join(LEVELS)} attendus)")
        elif table is not None and code not in table:
            error("code", f"code « {code} » inconnu du référentiel des territoires pour le niveau « {level} »")
        elif level == "groupement" and not re.fullmatch(r"\d{9}", code):
            error("code", f"un numéro SIREN à 9 chiffres attendu, reçu « {code} »")
        departments = tuple(row["departements"].split())
        for department in departments:
            if department not in ref.departments:
                error("departements", f"département « {department} » inconnu")
        for column in ("debut", "fin"):
            if not _DATE.match(row[column]):
                error(column, f"une date AAAA ou AAAA-MM attendue, reçu « {row[column]} »")
        if len(problems.errors) > errors_before:
            continue
        rows.append(
            Accompaniment(
                service=row["service"],
                level=level,
                code=code,
                name=row["nom"],
                departments=departments,
                start=row["debut"],
                end=row["fin"],
                period=row["periode_source"],
                shared_project=row["projet_partage"],
                url=row["page"],
                source=row["source"],
                lines=tuple(int(n) for n in row["lignes_source"].split() if n.isdigit()),
                ids=tuple(row["identifiants_source"].split()),
                line=line,
            )
        )
    return rows
