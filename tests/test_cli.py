"""The command line: help for every command, exit codes, messages, `new` and `schemas`."""

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

from territoires import cli
from territoires.loading import read_record
from territoires.models import KINDS
from territoires.paths import PROJECT_ROOT
from territoires.problems import Problems
from tests.conftest import EXPERIENCE, minimal_tree, write


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "build.py", *args], cwd=PROJECT_ROOT, capture_output=True, encoding="utf-8", timeout=120
    )


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_command_has_french_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : python build.py " + command)
    assert "Exemple : python build.py" in out or "Exemple : npm ci" in out


def test_main_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in cli.COMMANDS:
        assert command in result.stdout


def test_unknown_command_is_a_usage_error_in_french():
    result = run("publier")
    assert result.returncode == 2
    assert "erreur : argument COMMANDE : choix 'publier' invalide" in result.stderr


def test_validate_reports_every_problem_and_exits_1(tmp_path, capsys):
    broken = EXPERIENCE.replace("type: commune", "type: mairie").replace("debut: 2021", "debut: hier")
    content = write(tmp_path, minimal_tree() | {"experiences/cafe-citoyen.md": broken})
    code = cli.main(["validate", "--content", str(content)])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.out.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith(
        "cafe-citoyen.md:8:3: champ « porteur.type » : valeur « mairie » inconnue (valeurs possibles :"
        " commune, intercommunalite, departement, region, territoire-projet, association,"
        " collectif-habitants, etablissement-public, entreprise, etat, autre ; voir data/vocabulaires/types-porteur.yaml)"
    )
    assert "cafe-citoyen.md:9:1: champ « debut »" in lines[1]
    assert "✗ 2 problèmes dans 1 fichier." in captured.err
    assert "Traceback" not in captured.out + captured.err


def test_validate_a_single_path_reports_only_that_file(tmp_path, capsys):
    files = minimal_tree() | {"guides/autre.md": "---\ntitre: x\n---\n"}
    content = write(tmp_path, files)
    assert cli.main(["validate", "--content", str(content), str(content / "actors")]) == 0
    assert "Aucun problème dans les fichiers demandés" in capsys.readouterr().err
    assert cli.main(["validate", "--content", str(content), str(content / "guides" / "autre.md")]) == 1


def test_validate_refuses_a_path_it_would_not_check(tmp_path, capsys):
    content = write(tmp_path / "projet", minimal_tree())
    (tmp_path / "ailleurs.md").write_text("---\nnom: x\n---\n", encoding="utf-8")
    assert cli.main(["validate", "--content", str(content), str(content / "actors" / "mal-tape.md")]) == 2
    assert "mal-tape.md : fichier ou dossier introuvable." in capsys.readouterr().err
    assert cli.main(["validate", "--content", str(content), str(tmp_path / "ailleurs.md")]) == 2
    assert "n'est pas dans le dossier du contenu" in capsys.readouterr().err
    assert cli.main(["validate", "--content", str(content), str(tmp_path / "projet")]) == 0  # it holds the content


def test_validate_github_format_carries_file_and_line(tmp_path, capsys):
    content = write(
        tmp_path, minimal_tree() | {"experiences/cafe-citoyen.md": EXPERIENCE.replace("type: commune", "type: mairie")}
    )
    assert cli.main(["validate", "--content", str(content), "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=")
    assert "cafe-citoyen.md,line=8,col=3,title=Territoires en commun::champ « porteur.type »" in line


def test_validate_json_format(tmp_path, capsys):
    content = write(
        tmp_path, minimal_tree() | {"experiences/cafe-citoyen.md": EXPERIENCE.replace("type: commune", "type: mairie")}
    )
    assert cli.main(["validate", "--content", str(content), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["ligne"], p["colonne"]) for p in problems] == [(8, 3)]


def test_validate_accepts_a_valid_tree(tmp_path, capsys):
    content = write(tmp_path, minimal_tree())
    assert cli.main(["validate", "--content", str(content)]) == 0
    assert "✓ 1 acteur, 1 retour d'expérience, 1 guide et 4 pages : aucun problème." in capsys.readouterr().err


def test_new_writes_a_prefilled_file_with_the_right_id(tmp_path, capsys):
    content = write(tmp_path, {})
    assert cli.main(["new", "actor", "Décider ensemble", "--content", str(content)]) == 0
    path = content / "actors" / "decider-ensemble.md"
    text = path.read_text(encoding="utf-8")
    assert "nom: Décider ensemble\n" in text
    assert f"date_verification: {dt.date.today().isoformat()}\n" in text
    assert "Valeurs possibles : association, reseau," in text
    # The template is not publishable as is: validation lists what is left to fill in.
    problems = Problems(tmp_path)
    record = read_record(path, KINDS["actor"], problems)
    assert record.data is None
    assert [p.format().split(": ", 1)[1] for p in problems.items] == [
        "champ « type_structure » : valeur vide, à remplir",
        "champ « resume » : valeur vide, à remplir",
        "champ « thematiques » : au moins 1 élément attendu, reçu 0",
        "champ « offres » : au moins 1 élément attendu, reçu 0",
        "champ « intervention » : territoire d'intervention vide : indiquez « national: oui » ou au moins une région,"
        " un département, une intercommunalité ou une commune",
        "champ « sources » : au moins 1 élément attendu, reçu 0",
    ]
    # A second file with the same name is refused rather than overwritten.
    assert cli.main(["new", "actor", "Décider Ensemble", "--content", str(content)]) == 2
    assert "existe déjà" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["experience", "guide"])
def test_new_templates_become_valid_once_filled(tmp_path, kind):
    content = write(tmp_path, {})
    assert cli.main(["new", kind, "Un titre de fiche", "--content", str(content)]) == 0
    path = content / KINDS[kind].folder / "un-titre-de-fiche.md"
    text = path.read_text(encoding="utf-8")
    assert "titre: Un titre de fiche\n" in text
    assert text.startswith("---\n") and text.rstrip().endswith("---")


def test_schemas_are_in_sync_and_stale_files_are_detected(tmp_path):
    from territoires.schemas import stale_schemas, write_schemas

    assert cli.main(["schemas", "--check"]) == 0
    assert stale_schemas(tmp_path) == ["actor.schema.json", "experience.schema.json", "guide.schema.json"]
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    (tmp_path / "guide.schema.json").write_text("{}", encoding="utf-8")
    assert stale_schemas(tmp_path) == ["guide.schema.json"]


def test_missing_front_end_package_is_one_french_line_and_the_site_stays(tmp_path, monkeypatch, capsys):
    from territoires.site import files

    content = write(tmp_path, minimal_tree())
    output = tmp_path / "out"
    assert cli.main(["build", "--content", str(content), "--output", str(output)]) == 0
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    node_modules = tmp_path / "node_modules"
    shutil.copytree(PROJECT_ROOT / "node_modules" / "lunr", node_modules / "lunr")  # leaflet and lunr-languages missing
    monkeypatch.setattr(files, "NODE_MODULES", node_modules)
    capsys.readouterr()
    assert cli.main(["build", "--content", str(content), "--output", str(output)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("✗ bibliothèques front-end absentes (") and "make install" in err[0]
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_broken_template_leaves_the_last_site_in_place(tmp_path, capsys):
    content = write(tmp_path, minimal_tree())
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    output = tmp_path / "out"
    assert cli.main(["build", "--content", str(content), "--output", str(output), "--theme", str(theme)]) == 0
    page = (output / "acteurs" / "association-exemple" / "index.html").read_text(encoding="utf-8")
    template = theme / "templates" / "actor.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("<h1>{{ a.nom }}", "<h1>{{ a.nom.inconnu }}", 1), encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(["build", "--content", str(content), "--output", str(output), "--theme", str(theme)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("✗ theme/templates/actor.html, ligne ") and "erreur de gabarit" in err[0]
    assert (output / "acteurs" / "association-exemple" / "index.html").read_text(encoding="utf-8") == page
    assert not list(tmp_path.glob(".out.*"))  # no half-built folder left behind


def test_broken_vocabulary_file_is_one_french_line(tmp_path):
    """The models read the vocabularies when imported: a broken file must still give a French line."""
    project = tmp_path / "projet"
    shutil.copytree(PROJECT_ROOT / "territoires", project / "territoires", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT_ROOT / "data", project / "data")
    shutil.copy(PROJECT_ROOT / "build.py", project / "build.py")
    vocabulary = project / "data" / "vocabulaires" / "offres.yaml"
    vocabulary.write_text(
        vocabulary.read_text(encoding="utf-8") + "  - id: x\n    rang: premier\n    libelle: X\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "build.py", "validate"], cwd=project, capture_output=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"✗ data/vocabulaires/offres.yaml:{len(vocabulary.read_text(encoding='utf-8').splitlines()) - 2}:"
        " « rang », « min » et « max » sont des nombres entiers"
    ]
