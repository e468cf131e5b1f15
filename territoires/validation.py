"""Validate the whole content tree: every file, then what ties files together.

`load_corpus()` reads every record (`loading.py`), then checks across records: ids unique
across all kinds, references to existing records, territory codes that exist in the reference
and agree with each other, Markdown bodies free of raw HTML and unsafe links. It collects every
problem and fails once, with all of them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from . import personal_data
from .accompaniments import read_accompaniments
from .corpus import Corpus
from .images import FORMATS, IMAGES_FOLDER, check_image
from .loading import Record, ascii_fold, read_record
from .models import KINDS, RECORD_KINDS
from .models.fields import DEPARTMENT_CODE, IMAGE_FILE, INSEE_CODE, RECORD_ID, REGION_CODE, SIREN
from .outlines import distance_outside
from .parallel import parallel_map, workers
from .personal_data import person_names
from .places import experience_department
from .problems import ContentError, Problems
from .rendering import Renderer, needs_render, nested_headings, too_many_brackets
from .strictyaml import format_loc
from .territories import Reference, reference

# Top-level URL segments used by the site itself: an editorial page cannot take them.
RESERVED_PAGE_IDS = {
    "acteurs",
    "experiences",
    "guides",
    "recherche",
    "parcours",
    "carte",
    "thematiques",
    "territoires",
    "donnees",
    "plan-du-site",
    "theme",
    "images",
    "404",
    "index",
    "sitemap",
    "feeds",
    "recherche-index",
}
# Pages the site links to from every page footer; the law requires the first two.
REQUIRED_PAGES = ("accessibilite", "mentions-legales", "contribuer", "a-propos")


def content_files(content_dir: Path, kind: str) -> list[Path]:
    folder = content_dir / KINDS[kind].folder
    if not folder.is_dir():
        return []
    # Sorted by name (the same order as paths of one folder, without comparing Path objects).
    return sorted((p for p in folder.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)


def load_corpus(
    content_dir: Path,
    *,
    project_root: Path | None = None,
    base_url: str = "",
    today: dt.date | None = None,
    territories: Reference | None = None,
    render: bool = False,
    keep: bool = True,
) -> tuple[Corpus | None, Problems]:
    """Read and check everything under `content_dir`.

    Returns the corpus (None if there is any error, or if `keep` is false: checking only) and every
    problem found. With `render`, every body is rendered to HTML (for the site); without, bodies
    are only checked.
    """
    problems = Problems(project_root or content_dir.parent)
    jobs: list[tuple[Path, str]] = []
    for kind in KINDS:
        for path in content_files(content_dir, kind):
            if path.is_dir():
                problems.add(
                    path, 0, 0, "dossier inattendu : les fiches sont des fichiers .md placés directement dans le dossier"
                )
            else:
                jobs.append((path, kind))
    # Every check that needs one file only runs where the file is read; what it needs of the others
    # (which ids exist) comes from the file names, known before any file is read.
    context = _Context(
        ids={kind: {path.stem for path, k in jobs if k == kind} for kind in KINDS},
        territories=territories or reference(),
        today=today or dt.date.today(),
        images=content_dir / IMAGES_FOLDER,
        base_url=base_url,
        render=render,
        keep=keep,
    )
    records, used_images = _read_records(jobs, problems, context)
    _check_unique_ids(jobs, problems)
    _check_pages(jobs, content_dir, problems)
    _check_unused_images(context.images, used_images, problems)
    accompaniments = read_accompaniments(context.territories, problems)
    if problems.errors or not keep:
        return None, problems
    by_kind: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    for record in records:
        if record is not None:
            by_kind[record.kind][record.id] = record
    corpus = Corpus(
        by_kind["actor"], by_kind["experience"], by_kind["guide"], by_kind["page"], context.territories, accompaniments
    )
    return corpus, problems


@dataclass(frozen=True)
class _Context:
    ids: dict[str, set[str]]  # kind -> ids of every file, readable or not
    territories: Reference
    today: dt.date
    images: Path
    base_url: str
    render: bool
    keep: bool


# Files from which reading is shared between processes: below, starting them costs more than it
# saves. Rendering Markdown (for the site) is slower than checking it, so it pays off sooner.
PARALLEL_FROM = {False: 1500, True: 300}


@dataclass(frozen=True)
class _Signature:
    """What tells two experience sheets apart, kept from each file for the duplicate check."""

    path: Path
    place: str  # commune code, or EPCI SIREN
    title: str
    line: int


def _read_chunk(
    context: _Context, chunk: tuple[Path, list[tuple[Path, str]]]
) -> tuple[list[Record | None], list, set[str], list]:
    """Read, type and check each file of a chunk: everything that needs one file only."""
    root, jobs = chunk
    problems = Problems(root)
    renderer = Renderer(context.base_url)
    records: list[Record | None] = []
    used: set[str] = set()
    signatures: list[_Signature] = []
    for path, kind in jobs:
        record = read_record(path, KINDS[kind], problems)
        if record is not None and record.data is not None and kind == "experience":
            territory = record.data.territoire
            where = territory.commune or territory.epci
            if where:
                signatures.append(_Signature(path, where, record.data.titre, record.line_of(("titre",))[0]))
        if record is not None:
            _check_body(record, renderer, problems, context.render)
            used |= _check_record(record, context, problems)
            # The raw fields and their positions only serve the checks, done now: the corpus (sent
            # back from a worker process) goes without them.
            record.raw, record.positions = {}, {}
        records.append(record if context.keep else None)
    return records, problems.items, used, signatures


def _read_records(jobs: list[tuple[Path, str]], problems: Problems, context: _Context) -> tuple[list[Record | None], set[str]]:
    """Every file read and checked; a large corpus is shared between one process per core."""
    size = -(-len(jobs) // (workers() * 4)) if jobs else 1
    chunks = [(problems.root, jobs[i : i + size]) for i in range(0, len(jobs), size)]
    records: list[Record | None] = []
    used: set[str] = set()
    signatures: list[_Signature] = []
    for chunk_records, items, chunk_used, chunk_signatures in parallel_map(
        _read_chunk, chunks, context, parallel=len(jobs) >= PARALLEL_FROM[context.render]
    ):
        records += chunk_records
        problems.items += items
        used |= chunk_used
        signatures += chunk_signatures
    _check_duplicates(signatures, problems)
    return records, used


def validated_corpus(content_dir: Path, **options) -> Corpus:
    """Like `load_corpus`, but raises ContentError with every problem if there is any error."""
    corpus, problems = load_corpus(content_dir, **options)
    if corpus is None:
        raise ContentError(problems.items)
    return corpus


def _strings(record: Record, *loc: str) -> list[tuple[tuple, str]]:
    """The text values found at `loc` in the raw fields (one value, or each item of a list)."""
    value = record.raw
    for part in loc:
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, list):
        return [(loc + (i,), v) for i, v in enumerate(value) if isinstance(v, str)]
    return []


def _check_unique_ids(jobs: list[tuple[Path, str]], problems: Problems) -> None:
    owners: dict[str, Path] = {}
    for path, kind in jobs:
        if kind not in RECORD_KINDS or path.suffix != ".md":
            continue
        if path.stem in owners:
            problems.add(
                path,
                0,
                0,
                f"identifiant « {path.stem} » déjà pris par {problems.display_path(owners[path.stem])} : chaque fiche,"
                " quel que soit son type, doit avoir un nom de fichier unique",
            )
        else:
            owners[path.stem] = path


def _check_pages(jobs: list[tuple[Path, str]], content_dir: Path, problems: Problems) -> None:
    for page_id in REQUIRED_PAGES:
        path = content_dir / KINDS["page"].folder / f"{page_id}.md"
        if not path.exists():
            problems.add(path, 0, 0, "page obligatoire manquante : chaque page du site y renvoie")
    for path, kind in jobs:
        if kind == "page" and path.suffix == ".md" and path.stem in RESERVED_PAGE_IDS:
            problems.add(path, 0, 0, f"nom de page « {path.stem} » réservé à une rubrique du site : choisissez-en un autre")


def _check_record(record: Record, context: _Context, problems: Problems) -> set[str]:
    """Checks of one record against the others and the references; returns the pictures it uses."""
    _check_references(record, context.ids, problems)
    if record.kind == "actor":
        _check_actor_territories(record, context.territories, problems)
        _check_contacts(record, problems)
    elif record.kind == "experience":
        _check_experience_territory(record, context.territories, problems)
    if record.kind in ("actor", "experience"):
        _check_coordinates(record, context.territories, problems)
    _check_person_names(record, problems)
    _check_dates(record, context.today, problems)
    return _check_logo(record, context.images, problems)


def _check_references(record: Record, ids: dict[str, set[str]], problems: Problems) -> None:
    field = KINDS[record.kind].references_field
    if field is None:
        return
    for loc, target in _strings(record, field):
        if not re.match(RECORD_ID, target):
            continue  # the model already reported the malformed id
        line, col = record.line_of(loc)
        if target == record.id:
            problems.add(record.path, line, col, f"champ « {field} » : une fiche ne peut pas se citer elle-même")
        elif target not in ids["actor"]:
            elsewhere = next((k for k in ("experience", "guide") if target in ids[k]), None)
            hint = f" (« {target} » est un {KINDS[elsewhere].label}, pas un acteur)" if elsewhere else ""
            problems.add(
                record.path,
                line,
                col,
                f"champ « {format_loc(loc)} » : acteur « {target} » introuvable dans content/actors/{hint}",
            )


_LEVEL_WORDS = {
    "region": "code de région",
    "departement": "code de département",
    "epci": "SIREN d'intercommunalité",
    "commune": "code INSEE de commune",
}
_COVERAGE_LEVELS = {"regions": "region", "departements": "departement", "epci": "epci", "communes": "commune"}
_CODE_PATTERNS = {"region": REGION_CODE, "departement": DEPARTMENT_CODE, "epci": SIREN, "commune": INSEE_CODE}


def _known(record: Record, loc: tuple, level: str, code: str, ref: Reference, problems: Problems) -> bool:
    tables = {"region": ref.regions, "departement": ref.departments, "epci": ref.epcis, "commune": ref.communes}
    if code in tables[level]:
        return True
    if re.match(_CODE_PATTERNS[level], code):  # a malformed code was already reported by the model
        line, col = record.line_of(loc)
        problems.add(
            record.path,
            line,
            col,
            f"champ « {format_loc(loc)} » : {_LEVEL_WORDS[level]} « {code} » inconnu du Code officiel"
            f" géographique ({ref.source.get('paquet', 'référentiel des territoires')})",
        )
    return False


def _check_actor_territories(record: Record, ref: Reference, problems: Problems) -> None:
    for field, level in _COVERAGE_LEVELS.items():
        for loc, code in _strings(record, "intervention", field):
            _known(record, loc, level, code, ref, problems)
    for loc, code in _strings(record, "siege", "commune"):
        _known(record, loc, "commune", code, ref, problems)


def _check_experience_territory(record: Record, ref: Reference, problems: Problems) -> None:
    place = {}
    for level in ("commune", "epci", "departement", "region"):
        for loc, code in _strings(record, "territoire", level):
            if _known(record, loc, level, code, ref, problems):
                place[level] = code
    for loc, code in _strings(record, "territoire", "communes"):
        _known(record, loc, "commune", code, ref, problems)
    commune = ref.communes.get(place.get("commune", ""))
    if commune and "departement" in place and commune.department != place["departement"]:
        line, col = record.line_of(("territoire", "departement"))
        problems.add(
            record.path,
            line,
            col,
            f"champ « territoire.departement » : {commune.name} ({commune.code}) est dans le département"
            f" {commune.department}, pas {place['departement']}",
        )
    if commune and "epci" in place and commune.epci != place["epci"]:
        line, col = record.line_of(("territoire", "epci"))
        problems.add(
            record.path,
            line,
            col,
            f"champ « territoire.epci » : {commune.name} ({commune.code}) n'appartient pas à l'intercommunalité"
            f" {ref.label('epci', place['epci'])} ({place['epci']})",
        )
    if (
        not commune
        and "epci" in place
        and "departement" in place
        and place["departement"] not in ref.epcis[place["epci"]].departments
    ):
        line, col = record.line_of(("territoire", "departement"))
        problems.add(
            record.path,
            line,
            col,
            f"champ « territoire.departement » : l'intercommunalité {place['epci']} n'est pas dans le"
            f" département {place['departement']}",
        )


def _check_dates(record: Record, today: dt.date, problems: Problems) -> None:
    if record.data is None or record.kind not in RECORD_KINDS:
        return
    checked = record.data.date_verification
    if checked is not None and checked > today:
        line, col = record.line_of(("date_verification",))
        problems.add(record.path, line, col, f"champ « date_verification » : date dans le futur ({checked.isoformat()})")
    if record.kind == "experience" and record.data.en_cours and record.data.fin:
        line, col = record.line_of(("fin",))
        problems.add(record.path, line, col, "champ « fin » : une démarche en cours (« en_cours: oui ») n'a pas de date de fin")


DUPLICATE_TITLES = 0.6  # title similarity (difflib) from which two sheets of one place look alike


def _title_words(title: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", ascii_fold(title).lower())


def _check_duplicates(signatures: list[_Signature], problems: Problems) -> None:
    """Two sheets about the same commune (or EPCI) with close titles: probably one project twice."""
    by_place: dict[str, list[_Signature]] = {}
    for signature in sorted(signatures, key=lambda s: s.path.name):
        by_place.setdefault(signature.place, []).append(signature)
    for same_place in by_place.values():
        for i, later in enumerate(same_place):
            for earlier in same_place[:i]:
                ratio = difflib.SequenceMatcher(None, _title_words(earlier.title), _title_words(later.title)).ratio()
                if ratio >= DUPLICATE_TITLES:
                    problems.add(
                        later.path,
                        later.line,
                        1,
                        f"champ « titre » : fiche probablement en double avec {problems.display_path(earlier.path)}"
                        " (même territoire, titre proche) : s'il s'agit du même projet, complétez plutôt cette fiche",
                        severity="warning",
                    )
                    break


def _check_coordinates(record: Record, ref: Reference, problems: Problems) -> None:
    """A point far outside the record's department (latitude and longitude swapped, a wrong place)."""
    data = record.data
    if data is None:
        return
    if record.kind == "experience":
        point, loc = data.coordonnees, ("coordonnees",)
        try:
            department = experience_department(record, ref)
        except KeyError:
            return  # an unknown code, reported by the territory check
    else:
        point, loc = data.siege, ("siege",)
        department = ref.communes[data.siege.commune].department if data.siege and data.siege.commune in ref.communes else None
    if point is None or point.latitude is None or department is None:
        return
    distance = distance_outside(department, point.latitude, point.longitude)
    if distance:
        line, col = record.line_of(loc)
        name = ref.departments[department].name
        problems.add(
            record.path,
            line,
            col,
            f"champ « {loc[0]} » : le point ({point.latitude}, {point.longitude}) est à {round(distance)} km du"
            f" département {name} ({department}) : vérifiez latitude et longitude (inversées ?)",
            severity="warning",
        )


def _check_person_names(record: Record, problems: Problems) -> None:
    """A person's name in a record (records name organisations): a warning for reviewers."""
    found = []
    for loc, value in _text_values(record.raw):
        if loc and loc[-1] in ("url", "site_web", "formulaire", "email"):
            continue
        line = record.line_of(loc)[0]
        found += [(line, 1, words) for _, _, words in person_names(value)]
    found += [(record.body_line + number - 1, col, words) for number, col, words in person_names(record.body)]
    for line, col, words in found:
        problems.add(
            record.path,
            line,
            col,
            f"nom de personne probable « {words} » : les fiches nomment des structures, pas des personnes",
            severity="warning",
        )


def _text_values(value, loc: tuple = ()):
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _text_values(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _text_values(item, (*loc, index))


def _check_contacts(record: Record, problems: Problems) -> None:
    """Organisational contacts only: a person's address or a mobile number is refused."""
    for loc, address in _strings(record, "contact", "email"):
        problem = personal_data.email_problem(address)
        if problem:
            line, col = record.line_of(loc)
            problems.add(record.path, line, col, f"champ « contact.email » : {problem[1]}", severity=problem[0])
    for loc, number in _strings(record, "contact", "telephone"):
        message = personal_data.phone_problem(number)
        if message:
            line, col = record.line_of(loc)
            problems.add(record.path, line, col, f"champ « contact.telephone » : {message}")


def _check_logo(record: Record, folder: Path, problems: Problems) -> set[str]:
    used = set()
    if record.kind == "actor":
        for loc, name in _strings(record, "logo"):
            if re.match(IMAGE_FILE, name):
                used.add(name)
                line, col = record.line_of(loc)
                check_image(folder / name, problems, (record.path, line, col))
    return used


def _check_unused_images(folder: Path, used: set[str], problems: Problems) -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in used:
            continue
        if path.is_file() and path.suffix.lower() in FORMATS:
            check_image(path, problems)
            problems.add(
                path,
                0,
                0,
                "image utilisée par aucune fiche : ajoutez « logo: "
                + path.name
                + " » à la fiche concernée ou supprimez le fichier",
                severity="warning",
            )
        else:
            problems.add(path, 0, 0, "fichier refusé : seules les images PNG, JPEG et WebP sont acceptées (pas de SVG)")


def _check_body(record: Record, renderer: Renderer, problems: Problems, render: bool) -> None:
    """Report what the body's Markdown cannot contain; with `render`, keep its HTML for the site.

    `validate` only renders the bodies that contain something risky (`needs_render`): rendering
    every body is what makes a build slow. The build renders them all, and reports the same way.
    """
    if record.kind in ("guide", "page") and not record.body.strip():
        what = "le contenu du guide" if record.kind == "guide" else "le contenu de la page"
        problems.add(record.path, record.body_line - 1, 1, f"texte manquant : écrivez {what} en Markdown sous l'en-tête")
    bomb = too_many_brackets(record.body)
    if bomb:
        problems.add(record.path, record.body_line + bomb[0] - 1, bomb[1], bomb[2])
        return
    if not render and not needs_render(record.body):
        return
    rendered = renderer.render(record.body)
    for line, col, message in rendered.issues:
        problems.add(record.path, record.body_line + line - 1, col, message)
    if render:
        # Actor and experience pages show the body under a heading of their own; a guide's body is the page.
        record.html = nested_headings(rendered.html) if record.kind in ("actor", "experience") else rendered.html
        record.toc = rendered.toc
