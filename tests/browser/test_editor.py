"""The form editor (/admin/) against the local proxy: what a partner saves becomes a clean change."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from territoires.formatting import format_files
from territoires.paths import PROJECT_ROOT
from tests.browser.conftest import axe_violations, dump
from tests.conftest import minimal_tree, write
from tests.helpers import fetch, jpeg_with_gps, serve, wait_for


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8", check=True).stdout


@pytest.fixture
def editor(tmp_path):
    """`build.py serve` on a small repository of its own, with the editor's local proxy."""
    content = write(tmp_path, minimal_tree())
    format_files(content, write=True)  # the repository as it is kept: in the canonical style
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.email=test@exemple.fr", "-c", "user.name=Test", "commit", "-qm", "départ")
    process, base = serve(content, tmp_path / "out")
    wait_for(lambda: fetch(f"{base}/admin/")[0] == 200)
    yield base, tmp_path
    process.terminate()
    process.communicate(timeout=15)


def open_entry(page, base, collection, slug):
    page.goto(f"{base}/admin/#/collections/{collection}/entries/{slug}")
    login = page.get_by_role("button", name="Se connecter")
    written = page.get_by_text("Écriture dans la collection")
    expect(login.or_(written)).to_be_visible(timeout=20_000)
    if login.is_visible():  # the local proxy asks for no password: one click signs in
        login.click()
        page.goto(f"{base}/admin/#/collections/{collection}/entries/{slug}")
    expect(written).to_be_visible(timeout=20_000)


def publish(page):
    page.get_by_text("Publier", exact=True).first.click()
    page.get_by_text("Publier maintenant").click()
    expect(page.get_by_text("Entrée enregistrée")).to_be_visible(timeout=20_000)


def wait_for_diff(root, predicate, timeout=30):
    """The working tree's diff once `predicate` holds (or the last one read). Git may refuse a read
    while the editor and the local server are writing the file: that read is simply tried again."""
    deadline = time.monotonic() + timeout
    diff, refused = "", ""
    while time.monotonic() < deadline:
        result = subprocess.run(["git", "diff", "--unified=0"], cwd=root, capture_output=True, encoding="utf-8")
        if result.returncode == 0:
            diff = result.stdout
            if predicate(diff):
                return diff
        else:
            refused = result.stderr
        time.sleep(0.3)
    return diff or refused


def changed_lines(diff: str) -> list[str]:
    return [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_editing_one_field_changes_only_its_line(editor, page):
    base, root = editor
    open_entry(page, base, "experience", "cafe-citoyen")
    title = page.locator("input").first
    expect(title).to_have_value("Un café citoyen ouvert avec les habitants")  # the record is loaded in the form
    title.fill("Un café citoyen rouvert avec les habitants")
    publish(page)
    expected = ["-titre: Un café citoyen ouvert avec les habitants", "+titre: Un café citoyen rouvert avec les habitants"]
    diff = wait_for_diff(root, lambda d: changed_lines(d) == expected)  # once the local server has normalised it
    assert changed_lines(diff) == expected
    assert page.errors == []


def test_opening_a_record_without_changing_it_writes_nothing(editor, page):
    base, root = editor
    open_entry(page, base, "actor", "association-exemple")
    expect(page.get_by_text("Modifications enregistrées", exact=False)).to_be_visible()
    assert page.get_by_text("Publier", exact=True).count() == 0  # nothing to save: the editor offers no save
    time.sleep(1)
    assert git(root, "status", "--porcelain", "content") == ""


def test_a_required_field_left_empty_is_refused_in_french(editor, page):
    base, root = editor
    open_entry(page, base, "actor", "association-exemple")
    name = page.locator("input").first
    expect(name).to_have_value("Association exemple")  # the record is loaded in the form
    name.fill("")
    page.get_by_text("Publier", exact=True).first.click()
    page.get_by_text("Publier maintenant").click()
    expect(page.get_by_text("il manque un champ requis", exact=False)).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Le champ Nom est requis", exact=False)).to_be_visible()
    assert git(root, "status", "--porcelain", "content") == ""


def labelled(page, label, last=False):
    """The input a visible label points to (nested list items repeat their list's label)."""
    labels = page.locator("label", has_text=label)
    target = (labels.last if last else labels.first).get_attribute("for")
    return page.locator(f"[id='{target}']")


def choose(page, label, option, typed=None):
    labelled(page, label).click()
    page.keyboard.type(typed or option)
    page.get_by_role("option", name=option).first.click()


def test_a_record_created_through_the_forms_is_valid_and_published(editor, page):
    base, root = editor
    open_entry(page, base, "actor", "association-exemple")
    page.goto(f"{base}/admin/#/collections/actor/new")  # a change of fragment: the open record's form may linger
    name = page.get_by_label("Nom", exact=True)
    expect(name).to_have_value("", timeout=20_000)  # the new record's form, not the previous one's
    name.fill("Collectif des villages")
    choose(page, "Type structure", "Association")
    page.get_by_label("Résumé", exact=True).fill(
        "Un collectif qui aide les villages à réunir leurs habitants autour de leurs projets."
    )
    choose(page, "Thématiques", "Vie démocratique")
    choose(page, "Offres", "Accompagnement")
    choose(page, "Départements", "Hérault (34)", typed="herault")  # by name, without its accent
    choose(page, "Réseaux", "Association exemple", typed="exemple")  # another record of the directory
    page.get_by_role("button", name="Ajouter sources").click()
    labelled(page, "Titre").fill("Présentation du collectif")
    labelled(page, "Url").fill("https://exemple.fr/collectif")
    labelled(page, "Date vérification").fill("2026-11-28")
    expect(name).to_have_value("Collectif des villages")
    publish(page)

    page_file = root / "out" / "acteurs" / "collectif-des-villages" / "index.html"
    wait_for(page_file.exists, timeout=30)
    text = (root / "content" / "actors" / "collectif-des-villages.md").read_text(encoding="utf-8")
    assert 'departements: ["34"]' in text and "reseaux: [association-exemple]" in text
    assert "date_verification: 2026-11-28" in text
    checked = subprocess.run(
        [sys.executable, "build.py", "validate", "--content", str(root / "content")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        encoding="utf-8",
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert format_files(root / "content", write=False) == []  # saved in the canonical style
    assert "Collectif des villages" in page_file.read_text(encoding="utf-8")


def test_a_territory_is_shown_by_name_and_replaced_from_the_keyboard(editor, page):
    base, root = editor
    open_entry(page, base, "actor", "association-exemple")
    remove = page.get_by_role("button", name="Retirer Hérault (34)")  # the stored code "34", by its name
    expect(remove).to_be_visible(timeout=20_000)
    remove.click()
    field = labelled(page, "Départements")
    field.fill("gard")
    expect(page.get_by_role("option").first).to_have_text("Gard (30)")  # the exact name before "Gard…" names
    field.press("Enter")
    expect(page.get_by_role("button", name="Retirer Gard (30)")).to_be_visible()
    field.fill("haute")  # the project's own widget, its propositions open: no axe violation
    expect(page.get_by_role("option", name="Haute-Garonne (31)")).to_be_visible()
    assert axe_violations(page, within=".territoire") == [], dump(axe_violations(page, within=".territoire"))
    field.fill("zzzz")
    expect(page.get_by_role("status").filter(has_text="Aucun territoire de ce nom")).to_be_attached()
    publish(page)
    expected = ['-  departements: ["34"]', '+  departements: ["30"]']
    # The editor writes its own style first; the local server then puts the file back in the canonical one.
    diff = wait_for_diff(root, lambda d: changed_lines(d) == expected)
    assert changed_lines(diff) == expected


def test_the_preview_has_the_site_look(editor, page):
    base, _ = editor
    open_entry(page, base, "actor", "association-exemple")
    preview = page.frame_locator("iframe").first
    expect(preview.locator("article.record--actor h1")).to_have_text("Association exemple", timeout=20_000)
    expect(preview.locator(".record__summary")).to_contain_text("accompagne les communes rurales")
    expect(preview.locator(".record__aside")).to_contain_text("Accompagnement")  # a vocabulary value, by its label
    expect(preview.locator(".record__aside")).to_contain_text("Hérault (34)")  # a territory, by its name
    assert preview.locator("link[href$='css/site.css']").count() == 1


def test_a_logo_uploaded_in_the_editor_is_published_without_its_metadata(editor, page, tmp_path_factory):
    from PIL import Image

    base, root = editor
    picture = tmp_path_factory.mktemp("envoi") / "logo-exemple.jpg"
    picture.write_bytes(jpeg_with_gps())
    open_entry(page, base, "actor", "association-exemple")
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    publish(page)
    published = root / "out" / "images" / "logo-exemple.jpg"
    wait_for(published.exists, timeout=30)
    assert (root / "content" / "images" / "logo-exemple.jpg").read_bytes() == picture.read_bytes()
    record = (root / "content" / "actors" / "association-exemple.md").read_text(encoding="utf-8")
    assert "logo: logo-exemple.jpg" in record
    with Image.open(published) as image:
        assert not image.getexif() and max(image.size) <= 480  # re-encoded: pixels only


def test_an_svg_logo_is_refused_in_the_form(editor, page, tmp_path_factory):
    base, root = editor
    picture = tmp_path_factory.mktemp("envoi") / "logo-exemple.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    open_entry(page, base, "actor", "association-exemple")
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.get_by_text("Publier", exact=True).first.click()
    page.get_by_text("Publier maintenant").click()
    expect(page.get_by_text("(ex. decider-ensemble.png) attendu.", exact=False).first).to_be_visible(timeout=10_000)
    assert "logo" not in (root / "content" / "actors" / "association-exemple.md").read_text(encoding="utf-8")


def test_editor_page_has_no_axe_violation(editor, page):
    """The page the project controls: the editor's sign-in screen (the editor's own screens are
    Decap CMS's, with known issues listed in the README)."""
    base, _ = editor
    page.goto(f"{base}/admin/")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible(timeout=20_000)
    assert axe_violations(page) == [], dump(axe_violations(page))


def test_only_the_editor_page_loads_the_editor(built_site):
    """/admin/ has its own policy (the editor needs inline styles and eval); no other page grows."""
    output, _ = built_site
    admin = (output / "admin" / "index.html").read_text(encoding="utf-8")
    assert (
        "script-src 'self' 'unsafe-eval'" in admin and "connect-src 'self' http://127.0.0.1:8081 https://api.github.com" in admin
    )
    assert (output / "admin" / "config.yml").read_bytes() == (PROJECT_ROOT / "admin" / "config.yml").read_bytes()
    assert sorted(p.name for p in (output / "admin" / "territoires").iterdir()) == [
        "communes.json", "departements.json", "epci.json", "regions.json",
    ]  # fmt: skip  # what the territory fields search
    others = [p for p in output.rglob("*.html") if "admin/decap/" in p.read_text(encoding="utf-8") and p.parent.name != "admin"]
    assert others == []
