"""Where local help is known: the coverage by department, its command and its page, and the
content targets of the directory for communes under 3 500 inhabitants."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from territoires.coverage import coverage_by_department, headline
from territoires.matching import reach
from territoires.paths import PROJECT_ROOT
from territoires.places import place
from territoires.site.views import number_fr
from territoires.validation import load_corpus
from tests.conftest import ACTOR, TODAY, minimal_tree, write


def test_a_department_actor_covers_its_small_communes_and_a_national_one_does_not(tmp_path):
    national = ACTOR.replace('departements: ["34"]', "national: oui").replace("nom: Association exemple", "nom: Réseau national")
    files = minimal_tree() | {"actors/reseau-national.md": national}
    corpus, problems = load_corpus(write(tmp_path, files), project_root=tmp_path, today=TODAY)
    assert corpus is not None, [p.format() for p in problems.items]
    rows = {row.code: row for row in coverage_by_department(corpus)}
    herault, gard = rows["34"], rows["30"]
    assert herault.local_actors == 1 and herault.actors == 1  # the national network is not counted
    assert herault.small_communes > 200 and herault.small_without_local == 0
    assert gard.local_actors == 0 and gard.small_without_local == gard.small_communes > 0
    figures = headline(list(rows.values()))
    assert figures["departements_avec_acteur_local"] == 1
    assert [row.code for row in figures["sans_acteur_local"]][:2] == ["01", "02"]


def test_two_local_actors_give_a_small_commune_a_choice_and_a_regional_one_does_not_count(tmp_path):
    regional = ACTOR.replace('departements: ["34"]', 'regions: ["76"]').replace("nom: Association exemple", "nom: Réseau occitan")
    second = ACTOR.replace("nom: Association exemple", "nom: Collectif héraultais")
    files = minimal_tree() | {"actors/reseau-occitan.md": regional}
    for extra, expected in (({}, 0), ({"actors/collectif-heraultais.md": second}, None)):
        content = write(tmp_path / str(len(extra)), files | extra)
        corpus, problems = load_corpus(content, project_root=tmp_path, today=TODAY)
        assert corpus is not None, [p.format() for p in problems.items]
        rows = {row.code: row for row in coverage_by_department(corpus)}
        herault = rows["34"]
        # One departmental actor and the regional network: no second local choice; two departmental ones: every commune.
        assert herault.small_with_two == (herault.small_communes if expected is None else expected)
        assert herault.small_communes > 0 and rows["30"].small_with_two == 0
        assert headline(list(rows.values()))["petites_communes_deux_acteurs"] == herault.small_with_two


def test_the_command_gives_a_table_and_a_csv():
    result = subprocess.run([sys.executable, "build.py", "couverture", "--format", "csv"], cwd=PROJECT_ROOT,
                            capture_output=True, encoding="utf-8", timeout=120)  # fmt: skip
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 101 and rows[0]["departement"] == "01"
    for row in rows:  # a commune with two local actors has one at least
        two, small = int(row["communes_moins_3500_avec_deux_acteurs_locaux"]), int(row["communes_moins_3500"])
        assert 0 <= two <= small - int(row["communes_moins_3500_sans_acteur_local"])
    text = subprocess.run(
        [sys.executable, "build.py", "couverture"], cwd=PROJECT_ROOT, capture_output=True, encoding="utf-8", timeout=120
    )
    assert "départements sur 101 ont au moins un acteur local" in text.stderr


def test_the_coverage_page_exists_and_is_linked_from_contribuer(built_site):
    output, corpus = built_site
    page = (output / "couverture" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="department-map"' in page and '<table class="data-table">' in page
    figures = headline(coverage_by_department(corpus))
    two = number_fr(figures["petites_communes_deux_acteurs"])
    assert f"<strong>{two}</strong> par deux acteurs locaux au moins" in page
    assert 'href="/couverture/"' in (output / "contribuer" / "index.html").read_text(encoding="utf-8")


def test_the_coverage_page_lists_the_actors_no_one_can_reach_yet(built_site):
    output, corpus = built_site
    page = (output / "couverture" / "index.html").read_text(encoding="utf-8")
    active = [a for a in corpus.actors.values() if not a.archived]
    missing = [a for a in active if not a.data.contact]
    assert f"{len(missing)} acteurs sur {len(active)} n'ont encore ni adresse ni téléphone" in page
    assert all(f'href="/admin/#/collections/actor/entries/{a.id}"' in page for a in missing)
    reachable = next(a for a in active if a.data.contact)
    assert f'/entries/{reachable.id}"' not in page


def test_the_directory_reaches_small_communes(built_site):
    """The targets of the directory for its real visitor, a commune under 3 500 inhabitants."""
    _, corpus = built_site
    ref = corpus.territories
    actors = list(corpus.actors.values())
    local = [a for a in actors if not a.data.intervention.national]
    assert len(actors) >= 150 and len(local) >= 100
    assert all(a.data.sources for a in actors)
    assert sum(1 for a in actors if a.data.site_web) >= 0.9 * len(actors)
    # A floor under what the directory holds (the target is half with an organisational contact).
    assert sum(1 for a in actors if a.data.contact) >= 0.3 * len(actors)
    small = {"moins-1000", "1000-3500"}
    advising = {"conseil-orientation", "accompagnement"}
    covered = set()
    for actor in local:
        if small & set(actor.data.tailles_collectivites) and advising & set(actor.data.offres):
            covered |= set(reach(actor, ref).worked_departments)
    assert len({d for d in covered if not d.startswith("97")}) >= 80
    assert len({d for d in covered if d.startswith("97")}) >= 3
    experiences = list(corpus.experiences.values())
    in_small = [e for e in experiences if (p := place(e, ref)).commune and p.population < 3500]
    assert len(experiences) >= 60 and len(in_small) >= 30
    assert len({place(e, ref).region.code for e in experiences}) >= 12
    assert all(e.data.sources for e in experiences)
