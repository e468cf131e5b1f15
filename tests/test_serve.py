"""`python build.py serve`: the site is served and rebuilt when a content file changes."""

import shutil
import time

from territoires.paths import PROJECT_ROOT
from tests.conftest import ACTOR, minimal_tree, write
from tests.helpers import fetch, serve, wait_for


def test_serve_builds_serves_and_rebuilds_on_change(tmp_path):
    content = write(tmp_path, minimal_tree())
    process, base = serve(content, tmp_path / "out")
    try:
        status, html = wait_for(lambda: (r := fetch(f"{base}/acteurs/association-exemple/"))[0] == 200 and r)
        assert "<h1>Association exemple</h1>" in html
        status, html = fetch(f"{base}/nulle-part/")
        assert status == 404 and "Page introuvable" in html
        time.sleep(0.5)  # let the watcher settle before the edit
        (content / "actors" / "association-exemple.md").write_text(
            ACTOR.replace("nom: Association exemple", "nom: Association renommée"), encoding="utf-8"
        )
        wait_for(lambda: "<h1>Association renommée</h1>" in fetch(f"{base}/acteurs/association-exemple/")[1])
        # A broken edit keeps the last good site online and reports the problem.
        (content / "actors" / "association-exemple.md").write_text(
            ACTOR.replace("type_structure: association", "type_structure: inconnu"), encoding="utf-8"
        )
        time.sleep(1.5)
        assert "<h1>Association renommée</h1>" in fetch(f"{base}/acteurs/association-exemple/")[1]
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0].decode("utf-8")
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
    assert "champ « type_structure »" in output


def test_serve_outlives_a_broken_template(tmp_path):
    """A typo in a template during `serve`: a French message, and the last good site still served."""
    content = write(tmp_path, minimal_tree())
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    process, base = serve(content, tmp_path / "out", "--theme", str(theme))
    try:
        wait_for(lambda: fetch(f"{base}/acteurs/association-exemple/")[0] == 200)
        time.sleep(0.5)  # let the watcher settle before the edit
        template = theme / "templates" / "actor.html"
        template.write_text(template.read_text(encoding="utf-8").replace("{% endblock %}", "{% endblock", 1), encoding="utf-8")
        time.sleep(2)
        status, html = fetch(f"{base}/acteurs/association-exemple/")
        assert status == 200 and "<h1>Association exemple</h1>" in html
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0].decode("utf-8")
    assert "theme/templates/actor.html, ligne" in output
    assert "erreur de gabarit" in output and "le site servi reste celui de la dernière construction réussie" in output
    assert "Traceback" not in output
