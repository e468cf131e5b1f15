"""Checks across files: ids, references, territories, dates, bodies. Everything is collected."""

from territoires.validation import load_corpus
from tests.conftest import ACTOR, EXPERIENCE, GUIDE, TODAY, minimal_tree, write


def check(tmp_path, files):
    content = write(tmp_path, files)
    corpus, problems = load_corpus(content, project_root=tmp_path, today=TODAY, render=True)
    return corpus, [p.format() for p in sorted(problems.items)]


def test_minimal_tree_is_valid_and_linked(tmp_path):
    corpus, problems = check(tmp_path, minimal_tree())
    assert problems == []
    backlinks = corpus.backlinks["association-exemple"]
    assert [r.id for r in backlinks.experiences] == ["cafe-citoyen"]
    assert [r.id for r in backlinks.guides] == ["tirage-au-sort"]
    assert [h.title for h in corpus.guides["tirage-au-sort"].toc] == [
        "Pourquoi tirer au sort",
        "Comment faire",
        "Constituer la liste",
    ]


def test_five_mistakes_give_five_messages(tmp_path):
    """The acceptance case of the foundation issue: one file, five different mistakes."""
    broken = (
        EXPERIENCE.replace('commune: "34164"', 'commune: "34999"')  # unknown INSEE code
        .replace("type: commune", "type: mairie")  # unknown vocabulary value
        .replace("debut: 2021", "debut: 2021-13")  # impossible month
        .replace("acteurs: [association-exemple]", "acteurs: [association-exemple, collectif-inconnu]")  # missing actor
        .replace("Le village", "Le [village](javascript:alert(1))")  # unsafe link
    )
    files = minimal_tree() | {"experiences/cafe-citoyen.md": broken}
    corpus, problems = check(tmp_path, files)
    assert corpus is None
    path = "content/experiences/cafe-citoyen.md"
    assert problems == [
        f"{path}:5:3: champ « territoire.commune » : code INSEE de commune « 34999 » inconnu du Code officiel"
        " géographique (@etalab/decoupage-administratif@6.0.0)",
        f"{path}:8:3: champ « porteur.type » : valeur « mairie » inconnue (valeurs possibles : commune, intercommunalite,"
        " departement, region, territoire-projet, association, collectif-habitants, etablissement-public, entreprise, etat, autre ;"
        " voir data/vocabulaires/types-porteur.yaml)",
        f"{path}:9:1: champ « debut » : une date AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2021, 2021-09 ou 2021-09-15)"
        " attendue, reçu « 2021-13 »",
        f"{path}:14:32: champ « acteurs[2] » : acteur « collectif-inconnu » introuvable dans content/actors/",
        f"{path}:20:14: lien « javascript:alert(1) » refusé : seuls les liens http(s)://, mailto: et tel: sont acceptés",
    ]


def test_problems_of_every_file_are_reported_together(tmp_path):
    files = minimal_tree() | {
        "actors/autre.md": ACTOR.replace("resume: Une", "resume: Court\nx: Une"),
        "guides/vide.md": GUIDE.split("---\n## Pourquoi")[0] + "---\n",
    }
    _, problems = check(tmp_path, files)
    assert [p.split(":")[0] for p in problems] == ["content/actors/autre.md"] * 2 + ["content/guides/vide.md"]
    assert "texte manquant : écrivez le contenu du guide" in problems[-1]


def test_same_id_in_two_kinds_is_refused(tmp_path):
    files = minimal_tree() | {"guides/association-exemple.md": GUIDE.replace("auteurs: [association-exemple]\n", "")}
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/guides/association-exemple.md: identifiant « association-exemple » déjà pris par"
        " content/actors/association-exemple.md : chaque fiche, quel que soit son type, doit avoir un nom de fichier unique"
    ]


def test_reference_to_a_non_actor_says_what_it_is(tmp_path):
    files = minimal_tree() | {
        "guides/tirage-au-sort.md": GUIDE.replace("auteurs: [association-exemple]", "auteurs: [cafe-citoyen]")
    }
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/guides/tirage-au-sort.md:7:11: champ « auteurs[1] » : acteur « cafe-citoyen » introuvable dans"
        " content/actors/ (« cafe-citoyen » est un retour d'expérience, pas un acteur)"
    ]


def test_self_reference_is_refused(tmp_path):
    files = minimal_tree() | {
        "actors/association-exemple.md": ACTOR.replace("offres:", "reseaux: [association-exemple]\noffres:")
    }
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/actors/association-exemple.md:6:11: champ « reseaux » : une fiche ne peut pas se citer elle-même"
    ]


def test_commune_and_department_must_agree(tmp_path):
    files = minimal_tree() | {
        "experiences/cafe-citoyen.md": EXPERIENCE.replace('commune: "34164"', 'commune: "34164"\n  departement: "38"')
    }
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/experiences/cafe-citoyen.md:6:3: champ « territoire.departement » : Montaud (34164) est dans le"
        " département 34, pas 38"
    ]


def test_unknown_coverage_codes_are_named(tmp_path):
    files = minimal_tree() | {
        "actors/association-exemple.md": ACTOR.replace('departements: ["34"]', 'departements: ["34", "96"]\n  regions: ["99"]')
    }
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/actors/association-exemple.md:8:24: champ « intervention.departements[2] » : un code de département"
        " (01 à 95, 2A, 2B, 971 à 976) attendu, reçu « 96 »",
        "content/actors/association-exemple.md:9:13: champ « intervention.regions[1] » : code de région « 99 » inconnu"
        " du Code officiel géographique (@etalab/decoupage-administratif@6.0.0)",
    ]


def test_future_verification_date_and_ongoing_with_end(tmp_path):
    files = minimal_tree() | {
        "experiences/cafe-citoyen.md": EXPERIENCE.replace("en_cours: oui", "en_cours: oui\nfin: 2023").replace(
            "date_verification: 2026-01-15", "date_verification: 2030-01-01"
        )
    }
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/experiences/cafe-citoyen.md:11:1: champ « fin » : une démarche en cours (« en_cours: oui ») n'a pas de date de fin",
        "content/experiences/cafe-citoyen.md:16:1: champ « date_verification » : date dans le futur (2030-01-01)",
    ]


def test_reserved_page_name_is_refused(tmp_path):
    files = minimal_tree() | {"pages/acteurs.md": minimal_tree()["pages/a-propos.md"]}
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/pages/acteurs.md: nom de page « acteurs » réservé à une rubrique du site : choisissez-en un autre"
    ]


def test_subfolders_are_refused(tmp_path):
    files = minimal_tree() | {"actors/sous-dossier/x.md": ACTOR}
    _, problems = check(tmp_path, files)
    assert problems == [
        "content/actors/sous-dossier: dossier inattendu : les fiches sont des fichiers .md placés directement dans le dossier"
    ]
