"""The experience model holds real data, and validation catches what real imports get wrong."""

from __future__ import annotations

from territoires import places
from territoires.site import views
from territoires.validation import load_corpus
from tests.conftest import ACTOR, EXPERIENCE, TODAY, minimal_tree, write

IMPORTED = """\
---
titre: Un dialogue avec les riverains sur une ligne électrique
resume: Un gestionnaire de réseau a discuté avec les riverains et les associations du tracé d'une ligne, dans deux communes.
territoire:
  communes: ["34164", "34172"]
porteur:
  nom: Gestionnaire du réseau électrique
  type: entreprise
thematiques: [energie, amenagement, mobilite, eau, transition-ecologique, vie-democratique, lien-social]
demarches: [dialogue-parties-prenantes, autre]
etapes:
  - periode: mai–juin 2019
    date: 2019-05
    fin: 2019-06
    description: Réunions avec les riverains, sans titre dans la fiche d'origine.
  - titre: Permanences
    periode: depuis mars 2018
partenaires: [Musée de la mine, Conseil national de l'exemple]
distinctions:
  - titre: Trophées de la participation
    annee: 2019
site_web: https://exemple.fr/projet
sources:
  - titre: Fiche d'origine
    url: https://exemple.fr/fiches/12
provenance:
  collection: Collection d'un partenaire
  url: https://exemple.fr/fiches/12
  date_import: 2026-11-20
---
Récit importé.
"""


def corpus_with(tmp_path, files):
    corpus, problems = load_corpus(write(tmp_path, minimal_tree() | files), project_root=tmp_path, today=TODAY)
    return corpus, [p.format() for p in problems.items]


def test_an_imported_sheet_without_level_start_or_verification_is_accepted(tmp_path):
    corpus, problems = corpus_with(tmp_path, {"experiences/ligne.md": IMPORTED})
    assert problems == []
    record = corpus.experiences["ligne"]
    assert record.data.niveau_participation is None and record.data.debut is None
    assert record.data.date_verification is None and record.data.reviewed.isoformat() == "2026-11-20"
    assert views.period(record) == "non précisée"
    first, second = record.data.etapes
    assert first.titre is None and views.step_when(first) == "mai–juin 2019"
    assert views.step_when(second) == "depuis mars 2018"
    where = places.place(record, corpus.territories)
    assert where.name == f"Montaud et {corpus.territories.communes['34172'].name}"
    assert where.population_scope == "communes" and where.commune_size is None  # never compared as a commune


def test_a_sheet_neither_verified_nor_imported_is_refused(tmp_path):
    text = IMPORTED.replace(
        "provenance:\n  collection: Collection d'un partenaire\n  url: https://exemple.fr/fiches/12\n  date_import: 2026-11-20\n",
        "",
    )
    _, problems = corpus_with(tmp_path, {"experiences/ligne.md": text})
    assert any(
        "« date_verification » (fiche vérifiée par une personne) ou « provenance » (fiche importée) attendue" in p
        for p in problems
    )


def test_an_empty_step_and_an_empty_territory_say_what_to_give(tmp_path):
    text = EXPERIENCE.replace('territoire:\n  commune: "34164"', "territoire:").replace(
        "en_cours: oui", "en_cours: oui\netapes:\n  - date: 2021"
    )
    _, problems = corpus_with(tmp_path, {"experiences/cafe-citoyen.md": text})
    assert any(
        "champ « territoire » : territoire vide : indiquez « commune », « communes », « epci », « departement »" in p
        for p in problems
    )
    assert any("étape vide : indiquez au moins « titre » ou « description »" in p for p in problems)


def test_a_missing_field_is_reported_where_it_should_be_written(tmp_path):
    text = ACTOR.replace("type_structure: association\n", "")
    _, problems = corpus_with(tmp_path, {"actors/association-exemple.md": text})
    lines = text.splitlines()
    assert (
        f"content/actors/association-exemple.md:{lines.index(next(line for line in lines if line.startswith('resume:'))) + 1}:1:"
        in problems[0]
    )
    assert "champ « type_structure » : champ obligatoire manquant" in problems[0]


def test_hints_agree_in_gender(tmp_path):
    text = EXPERIENCE.replace("debut: 2021", "debut: 2021-13")
    _, problems = corpus_with(tmp_path, {"experiences/cafe-citoyen.md": text})
    assert any(
        "une date AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2021, 2021-09 ou 2021-09-15) attendue, reçu « 2021-13 »" in p for p in problems
    )
    text = ACTOR.replace('departements: ["34"]', 'departements: ["96"]')
    _, problems = corpus_with(tmp_path / "b", {"actors/association-exemple.md": text})
    assert any("un code de département (01 à 95, 2A, 2B, 971 à 976) attendu, reçu « 96 »" in p for p in problems)


def test_what_real_imports_get_wrong_is_flagged_for_reviewers(tmp_path):
    belgium = EXPERIENCE.replace("en_cours: oui", "en_cours: oui\ncoordonnees:\n  latitude: 50.85\n  longitude: 4.35")
    twin = EXPERIENCE.replace(
        "titre: Un café citoyen ouvert avec les habitants", "titre: Un café citoyen rouvert par les habitants"
    )
    named = EXPERIENCE.replace("Le village n'avait", "Selon Mme Durand, le village n'avait")
    files = {"experiences/cafe-citoyen.md": belgium, "experiences/cafe-jumeau.md": twin, "experiences/cafe-nomme.md": named.replace(
        "titre: Un café citoyen ouvert avec les habitants", "titre: Une autre histoire de place de village")}  # fmt: skip
    corpus, problems = corpus_with(tmp_path, files)
    assert corpus is not None  # warnings, not errors: a reviewer decides
    assert any(
        "cafe-citoyen.md" in p and "km du département Hérault (34) : vérifiez latitude et longitude" in p for p in problems
    )
    assert any(
        "cafe-jumeau.md:2:1: champ « titre » : fiche probablement en double avec content/experiences/cafe-citoyen.md" in p
        for p in problems
    )
    assert any("cafe-nomme.md" in p and "nom de personne probable « Mme Durand »" in p for p in problems)
    assert not any("cafe-nomme.md" in p and "en double" in p for p in problems)


def test_an_imported_sheet_reads_well_on_its_page(tmp_path):
    from territoires.maintenance import record_links
    from territoires.site.build import build
    from territoires.site.settings import load_settings

    content = write(tmp_path, minimal_tree() | {"experiences/ligne.md": IMPORTED})
    output = tmp_path / "out"
    build(load_settings({"PATH": str(content), "OUTPUT_PATH": str(output)}))
    html = (output / "experiences" / "ligne" / "index.html").read_text(encoding="utf-8")
    assert "fiche importée le 20 novembre 2026" in html and "Collection d&#39;un partenaire" in html
    assert "mai–juin 2019" in html and "depuis mars 2018" in html and "Étape 1" in html  # a step without title keeps a heading
    assert "Niveau de participation atteint : non précisé" in html
    assert "Trophées de la participation" in html and "Musée de la mine" in html and "https://exemple.fr/projet" in html
    corpus, _ = corpus_with(tmp_path / "c", {"experiences/ligne.md": IMPORTED})
    assert "https://exemple.fr/projet" in record_links(corpus.experiences["ligne"])
