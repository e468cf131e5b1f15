"""Validate the whole content tree: every file, then what ties files together.

`load_corpus()` reads every record (`loading.py`), then checks across records: ids unique
across all kinds, references to existing records, territory codes that exist in the reference
and agree with each other, Markdown bodies free of raw HTML and unsafe links. It collects every
problem and fails once, with all of them.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .corpus import Corpus
from . import personal_data
from .images import FORMATS, IMAGES_FOLDER, check_image
from .loading import Record, read_record
from .models import KINDS, RECORD_KINDS
from .models.fields import DEPARTMENT_CODE, IMAGE_FILE, INSEE_CODE, RECORD_ID, REGION_CODE, SIREN
from .problems import ContentError, Problems
from .rendering import Renderer, needs_render, too_many_brackets
from .strictyaml import format_loc
from .territories import Reference, reference

# Top-level URL segments used by the site itself: an editorial page cannot take them.
RESERVED_PAGE_IDS = {
    "acteurs", "experiences", "guides", "recherche", "parcours", "carte", "thematiques", "territoires",
    "donnees", "plan-du-site", "theme", "images", "404", "index", "sitemap", "feeds", "recherche-index",
}  # fmt: skip
# Pages the site links to from every page footer; the law requires the first two.
REQUIRED_PAGES = ("accessibilite", "mentions-legales", "contribuer", "a-propos")


def content_files(content_dir: Path, kind: str) -> list[Path]:
    folder = content_dir / KINDS[kind].folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def load_corpus(
    content_dir: Path,
    *,
    project_root: Path | None = None,
    base_url: str = "",
    today: dt.date | None = None,
    territories: Reference | None = None,
    render: bool = False,
) -> tuple[Corpus | None, Problems]:
    """Read and check everything under `content_dir`.

    Returns the corpus (None if there is any error) and every problem found. With `render`, every
    body is rendered to HTML (for the site); without, bodies are only checked.
    """
    problems = Problems(project_root or content_dir.parent)
    territories = territories or reference()
    renderer = Renderer(base_url)
    today = today or dt.date.today()
    records: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    unreadable: set[str] = set()

    jobs = []
    for kind in KINDS:
        for path in content_files(content_dir, kind):
            if path.is_dir():
                problems.add(path, 0, 0, "dossier inattendu : les fiches sont des fichiers .md placés directement dans le dossier")
            else:
                jobs.append((path, kind))
    for (path, _), record in zip(jobs, _read_records(jobs, problems)):
        if record is None:
            unreadable.add(path.stem)
        else:
            records[record.kind][record.id] = record

    _check_unique_ids(records, problems)
    _check_pages(records["page"], content_dir, problems)
    _check_references(records, unreadable, problems)
    _check_territories(records, territories, problems)
    _check_dates(records, today, problems)
    _check_images(records, content_dir, problems)
    _check_contacts(records, problems)
    for kind_records in records.values():
        for record in kind_records.values():
            _check_body(record, renderer, problems, render)

    if problems.errors:
        return None, problems
    return Corpus(records["actor"], records["experience"], records["guide"], records["page"], territories), problems


PARALLEL_FROM = 1500  # files: below this, starting a second process costs more than it saves


def _read_chunk(jobs: list[tuple[Path, str]], root: Path) -> tuple[list[Record | None], list]:
    problems = Problems(root)
    return [read_record(path, KINDS[kind], problems) for path, kind in jobs], problems.items


def _read_records(jobs: list[tuple[Path, str]], problems: Problems) -> list[Record | None]:
    """Read every file; a large corpus is read by one process per core (reading is CPU-bound)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [read_record(path, KINDS[kind], problems) for path, kind in jobs]
    size = -(-len(jobs) // (workers * 4))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    records: list[Record | None] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for chunk_records, chunk_problems in pool.map(_read_chunk, chunks, [problems.root] * len(chunks)):
            records += chunk_records
            problems.items += chunk_problems
    return records


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


def _check_unique_ids(records: dict[str, dict[str, Record]], problems: Problems) -> None:
    owners: dict[str, Record] = {}
    for kind in RECORD_KINDS:
        for record in records[kind].values():
            if record.id in owners:
                problems.add(
                    record.path, 0, 0,
                    f"identifiant « {record.id} » déjà pris par {owners[record.id].source} : chaque fiche, quel que"
                    " soit son type, doit avoir un nom de fichier unique",
                )  # fmt: skip
            else:
                owners[record.id] = record


def _check_pages(pages: dict[str, Record], content_dir: Path, problems: Problems) -> None:
    for page_id in REQUIRED_PAGES:
        path = content_dir / KINDS["page"].folder / f"{page_id}.md"
        if not path.exists():
            problems.add(path, 0, 0, "page obligatoire manquante : chaque page du site y renvoie")
    for record in pages.values():
        if record.id in RESERVED_PAGE_IDS:
            problems.add(record.path, 0, 0, f"nom de page « {record.id} » réservé à une rubrique du site : choisissez-en un autre")


REFERENCE_FIELDS = {"actor": "reseaux", "experience": "acteurs", "guide": "auteurs"}


def _check_references(records: dict[str, dict[str, Record]], unreadable: set[str], problems: Problems) -> None:
    actors = records["actor"]
    for kind, field in REFERENCE_FIELDS.items():
        for record in records[kind].values():
            for loc, target in _strings(record, field):
                if not re.match(RECORD_ID, target):
                    continue  # the model already reported the malformed id
                line, col = record.line_of(loc)
                if target == record.id:
                    problems.add(record.path, line, col, f"champ « {field} » : une fiche ne peut pas se citer elle-même")
                elif target not in actors and target not in unreadable:
                    elsewhere = next((k for k in ("experience", "guide") if target in records[k]), None)
                    hint = f" (« {target} » est un {KINDS[elsewhere].label}, pas un acteur)" if elsewhere else ""
                    problems.add(
                        record.path, line, col,
                        f"champ « {format_loc(loc)} » : acteur « {target} » introuvable dans content/actors/{hint}",
                    )  # fmt: skip


_LEVEL_WORDS = {
    "region": "code de région",
    "departement": "code de département",
    "epci": "SIREN d'intercommunalité",
    "commune": "code INSEE de commune",
}
_COVERAGE_LEVELS = {"regions": "region", "departements": "departement", "epci": "epci", "communes": "commune"}


def _check_territories(records: dict[str, dict[str, Record]], ref: Reference, problems: Problems) -> None:
    tables = {"region": ref.regions, "departement": ref.departments, "epci": ref.epcis, "commune": ref.communes}
    patterns = {"region": REGION_CODE, "departement": DEPARTMENT_CODE, "epci": SIREN, "commune": INSEE_CODE}

    def known(record: Record, loc: tuple, level: str, code: str) -> bool:
        if code in tables[level]:
            return True
        if re.match(patterns[level], code):  # a malformed code was already reported by the model
            line, col = record.line_of(loc)
            problems.add(
                record.path, line, col,
                f"champ « {format_loc(loc)} » : {_LEVEL_WORDS[level]} « {code} » inconnu du Code officiel"
                f" géographique ({ref.source.get('paquet', 'référentiel des territoires')})",
            )  # fmt: skip
        return False

    for record in records["actor"].values():
        for field, level in _COVERAGE_LEVELS.items():
            for loc, code in _strings(record, "intervention", field):
                known(record, loc, level, code)
        for loc, code in _strings(record, "siege", "commune"):
            known(record, loc, "commune", code)

    for record in records["experience"].values():
        place = {}
        for level in ("commune", "epci", "departement"):
            for loc, code in _strings(record, "territoire", level):
                if known(record, loc, level, code):
                    place[level] = code
        commune = ref.communes.get(place.get("commune", ""))
        if commune and "departement" in place and commune.department != place["departement"]:
            line, col = record.line_of(("territoire", "departement"))
            problems.add(
                record.path, line, col,
                f"champ « territoire.departement » : {commune.name} ({commune.code}) est dans le département"
                f" {commune.department}, pas {place['departement']}",
            )  # fmt: skip
        if commune and "epci" in place and commune.epci != place["epci"]:
            line, col = record.line_of(("territoire", "epci"))
            problems.add(
                record.path, line, col,
                f"champ « territoire.epci » : {commune.name} ({commune.code}) n'appartient pas à l'intercommunalité"
                f" {ref.label('epci', place['epci'])} ({place['epci']})",
            )  # fmt: skip
        if not commune and "epci" in place and "departement" in place:
            if place["departement"] not in ref.epcis[place["epci"]].departments:
                line, col = record.line_of(("territoire", "departement"))
                problems.add(
                    record.path, line, col,
                    f"champ « territoire.departement » : l'intercommunalité {place['epci']} n'est pas dans le"
                    f" département {place['departement']}",
                )  # fmt: skip


def _check_dates(records: dict[str, dict[str, Record]], today: dt.date, problems: Problems) -> None:
    for kind in RECORD_KINDS:
        for record in records[kind].values():
            if record.data is None:
                continue
            checked = record.data.date_verification
            if checked > today:
                line, col = record.line_of(("date_verification",))
                problems.add(record.path, line, col, f"champ « date_verification » : date dans le futur ({checked.isoformat()})")
    for record in records["experience"].values():
        if record.data is not None and record.data.en_cours and record.data.fin:
            line, col = record.line_of(("fin",))
            problems.add(record.path, line, col, "champ « fin » : une démarche en cours (« en_cours: oui ») n'a pas de date de fin")


def _check_contacts(records: dict[str, dict[str, Record]], problems: Problems) -> None:
    """Organisational contacts only: a person's address or a mobile number is refused."""
    for record in records["actor"].values():
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


def _check_images(records: dict[str, dict[str, Record]], content_dir: Path, problems: Problems) -> None:
    folder = content_dir / IMAGES_FOLDER
    used = set()
    for record in records["actor"].values():
        for loc, name in _strings(record, "logo"):
            if re.match(IMAGE_FILE, name):
                used.add(name)
                line, col = record.line_of(loc)
                check_image(folder / name, problems, (record.path, line, col))
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue
            if path.name not in used:
                if path.is_file() and path.suffix.lower() in FORMATS:
                    check_image(path, problems)
                    problems.add(path, 0, 0, "image utilisée par aucune fiche : ajoutez « logo: " + path.name + " » à la fiche concernée ou supprimez le fichier", severity="warning")
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
        record.html = rendered.html
        record.toc = rendered.toc