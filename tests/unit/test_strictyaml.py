"""The strict YAML reader: the traps of PyYAML's safe_load are refused or neutralised."""

import re

import pytest

from territoires.strictyaml import MAX_DEPTH, describe_syntax_error, format_loc, parse


def messages(text: str) -> list[str]:
    return [issue.message for issue in parse(text).issues]


def test_scalars_stay_strings():
    parsed = parse("code: 01000\nactif: no\nheure: 1:30\nnombre: 1e3\nvide:\ntilde: ~\ncite: ''")
    assert parsed.data == {
        "code": "01000",
        "actif": "no",
        "heure": "1:30",
        "nombre": "1e3",
        "vide": None,
        "tilde": None,
        "cite": "",
    }
    assert parsed.issues == []


def test_duplicate_keys_are_refused_with_both_lines():
    parsed = parse("nom: A\nsigle: B\nnom: C\n", first_line=2)
    assert parsed.data["nom"] == "A"
    assert [(i.line, i.col) for i in parsed.issues] == [(4, 1)]
    assert "champ « nom » écrit deux fois (déjà présent ligne 2)" in parsed.issues[0].message


def test_nested_duplicate_keys_name_the_full_path():
    assert "champ « intervention.regions » écrit deux fois" in messages("intervention:\n  regions: [a]\n  regions: [b]\n")[0]


def test_anchors_and_aliases_are_refused():
    found = messages("a: &x [1, 2]\nb: *x\n")
    assert any("ancre YAML « &x »" in m for m in found)
    assert any("alias YAML « *x »" in m for m in found)


def test_alias_bomb_is_not_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
    )
    parsed = parse(bomb)
    assert parsed.issues
    # every alias became None instead of a reference to a growing list
    assert all(item is None for item in parsed.data["i"])


def test_python_tags_are_refused():
    found = messages("x: !!python/object/apply:os.system ['echo']\n")
    assert found and "étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » non autorisée" in found[0]


def test_deep_nesting_stops_the_reading():
    parsed = parse("a: " + "[" * 5000 + "]" * 5000)
    assert parsed.aborted
    assert f"plus de {MAX_DEPTH} niveaux" in parsed.issues[0].message


def test_several_documents_are_refused():
    parsed = parse("a: 1\n---\nb: 2\n")
    assert parsed.aborted and "un seul bloc YAML" in parsed.issues[0].message


def test_tabs_are_explained_in_french():
    parsed = parse("a:\n\tb: 1\n", first_line=2)
    assert parsed.aborted
    assert (parsed.issues[0].line, parsed.issues[0].message) == (3, "tabulation interdite : indentez avec des espaces")


def test_unquoted_colon_is_explained():
    assert "mettez la valeur entre guillemets" in messages("titre: Bilan : tout va bien\n")[0]


def test_unclosed_quote_is_explained():
    assert "guillemet ou un crochet n'est pas refermé" in messages("a: 'pas fermé\n")[0]


def test_complex_keys_are_refused():
    assert "nom de champ invalide" in messages("? [a, b]\n: 1\n")[0]


def test_positions_of_keys_and_items_are_absolute():
    parsed = parse("liste:\n  - un\n  - deux: 2\n", first_line=10)
    assert parsed.positions[("liste",)] == (10, 1)
    assert parsed.positions[("liste", 0)] == (11, 5)
    assert parsed.positions[("liste", 1, "deux")] == (12, 5)


def test_format_loc_counts_items_from_one():
    assert format_loc(("etapes", 0, "titre")) == "etapes[1].titre"


def test_question_mark_value_is_explained():
    assert messages("a: ?\nb: 1\n") == [
        "syntaxe YAML invalide : « ? » inattendu en début de valeur : mettez la valeur entre guillemets"
    ]


@pytest.mark.parametrize(
    "text, line, expected",
    [
        ("a: |0\n  x\n", 1, "texte sur plusieurs lignes mal annoncé"),
        ('a: "\\x4"\n', 1, "séquence d'échappement incomplète entre guillemets doubles"),
        ("a: !<tag x\n", 1, "étiquette YAML « ! » non autorisée"),
        ("a: !x%zz y\n", 1, "étiquette YAML « ! » non autorisée"),
        ("a: [b, c\n", 2, "liste entre crochets mal fermée"),
        ("a: {b: c\n", 2, "objet entre accolades mal fermé"),
        ("a: 'b\n--- \nc'\n", 2, "un guillemet n'est pas refermé avant une ligne « --- »"),
        ("a: &\n", 1, "ancre ou alias YAML mal formé"),
        ("a: b\n%TAG ! x\n", 2, "directive YAML (ligne commençant par « % ») non autorisée"),
        ("a: b\n...\nc\n", 3, "texte inattendu après la fin du bloc YAML"),
        ("a: [,]\n", 1, "valeur manquante : une virgule, un crochet ou une accolade est en trop"),
        ("a: `x\n", 1, "une valeur ne peut pas commencer par « ` »"),
        ("a:\n  b: c\n d: e\n", 3, "indentation incohérente"),
        ("a: b\u2028c: d\ne: [\n", 1, "U+2028 interdit"),
    ],
    ids=[
        "block-scalar",
        "hex-escape",
        "verbatim-tag",
        "tag-uri",
        "unclosed-list",
        "unclosed-mapping",
        "quote-over-separator",
        "empty-anchor",
        "directive",
        "text-after-end",
        "empty-flow-item",
        "backtick",
        "indentation",
        "line-separator",
    ],
)
def test_every_syntax_error_is_explained_in_french(text, line, expected):
    issues = parse(text).issues
    assert (issues[0].line, expected in issues[0].message) == (line, True), [i.message for i in issues]
    for issue in issues:
        assert not re.search(r"\b(?:expected|found|while|could not|but)\b", issue.message), issue.message


def test_unknown_parser_errors_still_read_in_french():
    import yaml

    message = describe_syntax_error(yaml.MarkedYAMLError(problem="some future PyYAML problem"))
    assert message.startswith("syntaxe YAML invalide : vérifiez") and "future" not in message
