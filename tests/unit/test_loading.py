"""Reading one file: encodings, front matter, file names, invisible characters, field errors."""

import pytest

from territoires.loading import read_record, slugify
from territoires.models import KINDS
from territoires.problems import Problems
from tests.conftest import ACTOR, write

BODY_LINE = ACTOR.splitlines().index("Présentation de l'association.") + 1  # where the actor's body starts


def read(tmp_path, name: str, data, kind: str = "actor"):
    content = write(tmp_path, {f"{KINDS[kind].folder}/{name}": data})
    problems = Problems(tmp_path)
    record = read_record(content / KINDS[kind].folder / name, KINDS[kind], problems)
    return record, [p.format() for p in problems.items]


def test_valid_actor_is_typed(tmp_path):
    record, problems = read(tmp_path, "association-exemple.md", ACTOR)
    assert problems == []
    assert record.id == "association-exemple"
    assert record.data.intervention.departements == ["34"]
    assert record.body_line == BODY_LINE
    assert record.url == "acteurs/association-exemple/"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Association.md", "renommez-le « association.md »"),
        ("mon acteur.md", "renommez-le « mon-acteur.md »"),
        ("décider.md", "renommez-le « decider.md »"),
        ("de\u0301cider.md", "renommez-le « decider.md »"),  # decomposed (NFD) accent
        ("a\u202eb.md", "U+202E"),  # right-to-left override is spelled out
        ("a\u200bb.md", "U+200B"),  # zero-width space
        ("acteur.txt", "seuls les fichiers .md sont lus"),
    ],
)
def test_bad_file_names_are_refused_with_a_suggestion(tmp_path, name, expected):
    record, problems = read(tmp_path, name, ACTOR)
    assert record is None
    assert len(problems) == 1 and expected in problems[0]


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\xef\xbb\xbf" + ACTOR.encode(), "1:1: le fichier commence par une marque d'ordre des octets (BOM)"),
        (ACTOR.encode("utf-16"), "1:1: fichier encodé en UTF-16"),
        (ACTOR.replace("Présentation", "Pr\x00sentation").encode(), f"{BODY_LINE}:1: octet nul"),
        (ACTOR.encode("latin-1"), "4:73: le fichier n'est pas en UTF-8 (octet 0xE9)"),
        (b"---\nnom: x\n" + b"a" * 300_000, "fichier trop gros"),
        ("Pas d'en-tête\n".encode(), "1:1: en-tête manquant"),
        (b"---\nnom: x\n", "1:1: en-tête non refermé"),
        (b"---\n---\ntexte", "1:1: en-tête vide"),
        (b"---\n- a\n- b\n---\n", "2:1: l'en-tête doit être une suite de champs"),
    ],
)
def test_unreadable_files_get_one_french_message(tmp_path, data, expected):
    record, problems = read(tmp_path, "association-exemple.md", data)
    assert record is None
    assert len(problems) == 1 and expected in problems[0], problems


def test_windows_line_endings_are_accepted(tmp_path):
    record, problems = read(tmp_path, "association-exemple.md", ACTOR.replace("\n", "\r\n").encode())
    assert problems == [] and record.data is not None


def test_bidi_override_in_a_field_is_refused(tmp_path):
    record, problems = read(tmp_path, "association-exemple.md", ACTOR.replace("Association exemple", "Asso\u202eciation"))
    assert record.data is None
    assert problems == [
        "content/actors/association-exemple.md:2:1: champ « nom » : caractère invisible ou de contrôle U+202E interdit"
    ]


def test_control_character_in_body_is_refused(tmp_path):
    _, problems = read(tmp_path, "association-exemple.md", ACTOR.replace("Présentation", "Pré\u200bsentation"))
    assert problems == [
        f"content/actors/association-exemple.md:{BODY_LINE}:4: caractère invisible ou de contrôle U+200B interdit dans le texte"
    ]


def test_field_errors_point_at_their_line(tmp_path):
    text = ACTOR.replace("type_structure: association", "type_structure: asociation").replace(
        "date_verification: 2026-01-15", "date_verification: 15/01/2026\nsite: https://exemple.fr"
    )
    record, problems = read(tmp_path, "association-exemple.md", text)
    assert record.data is None
    assert problems == [
        "content/actors/association-exemple.md:3:1: champ « type_structure » : valeur « asociation » inconnue ;"
        " vouliez-vous dire « association » ? (valeurs possibles : association, reseau, groupe-reflexion,"
        " cooperative, bureau-etudes, editeur-numerique, etablissement-public, collectivite, recherche, fondation ;"
        " voir data/vocabulaires/types-structure.yaml)",
        "content/actors/association-exemple.md:9:1: champ « date_verification » : une date au format AAAA-MM-JJ"
        " attendue (ex. 2026-03-15), reçu « 15/01/2026 »",
        "content/actors/association-exemple.md:10:1: champ « site » : champ inconnu ; vouliez-vous dire « site_web » ?"
        " (champs possibles : nom, sigle, type_structure, resume, thematiques, offres, intervention,"
        " tailles_collectivites, tarifs, site_web, contact, siege, logo, reseaux, sources, date_verification, archive)",
    ]


def test_missing_field_points_at_its_parent(tmp_path):
    text = ACTOR.replace('  departements: ["34"]\n', "  national: peut-être\n")
    _, problems = read(tmp_path, "association-exemple.md", text)
    assert problems == [
        "content/actors/association-exemple.md:8:3: champ « intervention.national » : oui ou non attendu, reçu « peut-être »"
    ]


def test_empty_optional_field_means_absent(tmp_path):
    record, problems = read(
        tmp_path, "association-exemple.md", ACTOR.replace("nom: Association exemple", "nom: Association exemple\nsigle:")
    )
    assert problems == [] and record.data.sigle is None


def test_empty_required_field_asks_to_fill_it(tmp_path):
    _, problems = read(tmp_path, "association-exemple.md", ACTOR.replace("type_structure: association", "type_structure:"))
    assert problems == ["content/actors/association-exemple.md:3:1: champ « type_structure » : valeur vide, à remplir"]


def test_slugify():
    assert slugify("Décider ensemble") == "decider-ensemble"
    assert slugify("Cœur de ville : l'œuvre !") == "coeur-de-ville-l-oeuvre"
    assert slugify("   ") == ""
