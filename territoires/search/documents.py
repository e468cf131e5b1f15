"""What the search knows of each record: the texts it indexes and the facets it filters on."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import vocabularies
from ..corpus import Corpus
from ..loading import Record
from ..matching import reach, size_class
from ..models import KINDS, record_kinds
from ..places import coverage, coverage_summary, place
from ..rendering import plain_text

SUMMARY_CHARACTERS = 280

# Facets: URL parameter -> (French label, vocabulary providing value labels or None)
FACETS = {
    "type": ("Type de fiche", None),
    "theme": ("Thématique", "thematiques"),
    "demarche": ("Type de démarche", "demarches"),
    "offre": ("Type d'aide", "offres"),
    "region": ("Région", None),
    "departement": ("Département", None),
    "taille": ("Taille de la commune", "tailles-collectivite"),
}


@dataclass
class SearchDocument:
    id: str
    kind: str  # acteur, experience, guide
    title: str
    url: str
    summary: str
    place: str
    fields: dict[str, str]  # indexed text, by index field
    facets: dict[str, list[str]] = field(default_factory=dict)
    everywhere: bool = False  # national actors: match every region and department filter
    archived: bool = False


def _labels(ids: list[str], vocabulary: str) -> str:
    return " ".join(vocabularies.get(vocabulary).label(i) for i in ids)


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"


def _full_text(record: Record) -> str:
    """Everything a visitor may remember of a record: its whole body, and for an experience its
    steps, results, lessons, difficulties, advice, methods and participants."""
    data = record.data
    parts = [plain_text(record.html)]
    if record.kind == "experience":
        parts += [
            data.participants or "",
            data.resultats or "",
            *data.methodes,
            *data.a_retenir,
            *data.difficultes,
            *data.conseils,
        ]
        parts += [f"{step.titre} {step.description or ''}" for step in data.etapes]
    return " ".join(part for part in parts if part)


def _places_worked(r, ref) -> list[str]:
    """The names of the places where a (non-national) actor works: its departments and regions,
    whole or in part, and the EPCI and communes it lists — so that "Hérault" finds the actors of
    the Hérault, whether they cover it directly, by region or by EPCI."""
    names = [ref.departments[code].name for code in sorted(r.worked_departments)]
    names += [ref.regions[code].name for code in sorted(r.region_codes(ref))]
    names += [ref.epcis[siren].name for siren in sorted(r.epcis)]
    names += [ref.communes[code].name for code in sorted(r.communes)]
    return names


def document(record: Record, corpus: Corpus) -> SearchDocument:
    ref = corpus.territories
    data = record.data
    kind = KINDS[record.kind].key
    themes = list(data.thematiques)
    facets: dict[str, list[str]] = {"type": [kind], "theme": themes}
    words = [_labels(themes, "thematiques")]
    everywhere = False
    if record.kind == "actor":
        r = reach(record, ref)
        everywhere = r.national
        departments = sorted(r.worked_departments)
        facets |= {
            "offre": list(data.offres),
            "region": sorted(r.region_codes(ref)),
            "departement": departments,
            "taille": list(data.tailles_collectivites),
        }
        words += [
            data.sigle or "",
            _labels(data.offres, "offres"),
            data.type_structure and vocabularies.get("types-structure").label(data.type_structure),
        ]
        words += [item.label for item in coverage(record, ref)]
        if not r.national:
            words += _places_worked(r, ref)
        where = coverage_summary(record, ref)
    elif record.kind == "experience":
        facts = place(record, ref)
        facets |= {
            "demarche": list(data.demarches),
            "region": [facts.region.code] if facts.region else [],
            "departement": [facts.department.code] if facts.department else [],
            "taille": [c for c in [size_class(facts.commune_size)] if c],
        }
        words += [_labels(data.demarches, "demarches"), data.porteur.nom]
        words += [facts.name, facts.department.name if facts.department else "", facts.region.name if facts.region else ""]
        where = facts.summary
    else:
        facets["demarche"] = list(data.demarches)
        words += [
            _labels(data.demarches, "demarches"),
            _labels(data.etapes_projet, "etapes-projet"),
            _labels(data.publics, "publics"),
        ]
        where = ""
    return SearchDocument(
        id=record.id,
        kind=kind,
        title=record.title,
        url=record.url,
        summary=_summary(data.resume),
        place=where,
        fields={
            "titre": record.title,
            "resume": data.resume,
            "mots": " ".join(w for w in words if w),
            "texte": _full_text(record),
        },
        facets=facets,
        everywhere=everywhere,
        archived=record.archived,
    )


def documents(corpus: Corpus) -> list[SearchDocument]:
    return [document(record, corpus) for record in corpus.records]


def facet_labels(corpus: Corpus) -> dict[str, dict[str, str]]:
    """Value labels of every facet, for the browser to display."""
    ref = corpus.territories
    labels = {"type": {kind.key: kind.title for kind in record_kinds()}}
    for facet, (_, vocabulary) in FACETS.items():
        if vocabulary:
            labels[facet] = {t.id: t.label for t in vocabularies.get(vocabulary)}
    labels["region"] = {code: region.name for code, region in ref.regions.items()}
    labels["departement"] = {code: f"{d.name} ({code})" for code, d in ref.departments.items()}
    return labels
