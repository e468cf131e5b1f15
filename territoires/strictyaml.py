"""A strict YAML reader for untrusted front matter.

PyYAML's own loaders are unsafe or surprising for content written by strangers: `safe_load`
keeps the last of duplicate keys, reads `01000` as 512 and `no` as False, expands alias bombs,
and recurses on deep nesting. This reader works on PyYAML's *event* stream (libyaml's parser when
PyYAML has it, else PyYAML's pure Python one) and builds the tree itself, without recursion:

- every scalar stays a string (pydantic types it later), except an empty plain value or
  `~`/`null`, which mean "no value";
- anchors, aliases, explicit tags, directives and several documents are refused;
- the line breaks only YAML knows (NEL, LS, PS) are refused where they stand, so that every line
  number stays the file's own;
- duplicate keys are refused, naming both lines;
- nesting deeper than `MAX_DEPTH` stops the reading;
- the line and column of every key and list item are kept, so that any later error can point
  at the right place in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_DEPTH = 12
# libyaml's parser when PyYAML has it (twenty times faster); events are read one at a time and the
# reading stops at MAX_DEPTH, so deep nesting never reaches its recursive parts.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = {"~", "null", "Null", "NULL"}

Loc = tuple  # a path into the tree: ("etapes", 0, "titre")


@dataclass
class Issue:
    """A problem found while reading; positions are 1-based and absolute in the file."""

    line: int
    col: int
    message: str


@dataclass
class Parsed:
    data: Any = None
    # loc -> (line, col) of the key (mapping entries) or of the item (list items)
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # True when the reading stopped early (syntax error, too deep): `data` is then unusable
    aborted: bool = False


class _Frame:
    __slots__ = ("container", "loc", "key", "key_pos", "seen", "start_pos")

    def __init__(self, container, loc):
        self.container = container
        self.loc = loc
        self.key = None  # pending key of a mapping, waiting for its value
        self.key_pos = None
        self.seen: dict[str, int] = {}  # mapping keys already read -> line
        self.start_pos = (0, 0)


def parse(text: str, *, first_line: int = 1) -> Parsed:
    """Read one YAML document from `text`; `first_line` is the file line where `text` starts."""
    result = Parsed()
    offset = first_line - 1
    stack: list[_Frame] = []
    documents = 0

    def pos(mark) -> tuple[int, int]:
        return (mark.line + 1 + offset, mark.column + 1)

    def issue(where: tuple[int, int], message: str) -> None:
        result.issues.append(Issue(where[0], where[1], message))

    def attach(value, where: tuple[int, int], is_scalar: bool) -> None:
        """Give a finished value to the enclosing container."""
        if not stack:
            result.data = value
            return
        frame = stack[-1]
        if isinstance(frame.container, list):
            index = len(frame.container)
            frame.container.append(value)
            result.positions[frame.loc + (index,)] = where
            return
        if frame.key is None:  # this value is a key
            frame.key_pos = where
            if not is_scalar or not isinstance(value, str):
                issue(where, "nom de champ invalide : un nom de champ est un simple mot suivi de « : »")
                frame.key = _DROP
            elif value == "":
                issue(where, "nom de champ vide avant « : »")
                frame.key = _DROP
            elif value in frame.seen:
                issue(
                    where,
                    f"champ « {format_loc(frame.loc + (value,))} » écrit deux fois"
                    f" (déjà présent ligne {frame.seen[value]}) : gardez une seule occurrence",
                )
                frame.key = _DROP  # the first occurrence wins; this one is reported
            else:
                frame.seen[value] = where[0]
                frame.key = value
            return
        key, frame.key = frame.key, None
        if key is not _DROP:
            frame.container[key] = value
            result.positions[frame.loc + (key,)] = frame.key_pos

    def child_loc() -> Loc:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            return frame.loc + (len(frame.container),)
        return frame.loc + ((frame.key if isinstance(frame.key, str) else "?"),)

    def refuse_decorations(event) -> None:
        where = pos(event.start_mark)
        if event.anchor is not None:
            issue(where, f"ancre YAML « &{event.anchor} » non autorisée : écrivez la valeur en entier")
        if event.tag is not None:
            issue(where, f"étiquette YAML « {event.tag} » non autorisée : écrivez une valeur simple")

    # YAML also breaks lines at NEL, LS and PS, which would shift every line number after them.
    for match in _YAML_ONLY_BREAKS.finditer(text):
        line = text.count("\n", 0, match.start()) + first_line
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        issue((line, col), f"caractère invisible ou de contrôle U+{ord(match.group()):04X} interdit (saut de ligne Unicode)")
    text = _YAML_ONLY_BREAKS.sub(" ", text)
    directive = _DIRECTIVE_LINE.search(text)
    if directive:  # PyYAML would point at the line after the directive
        issue((text.count("\n", 0, directive.start()) + first_line, 1), "syntaxe YAML invalide : " + _DIRECTIVE)
        result.aborted = True
        return result

    loader = _LOADER(text)
    try:
        # The parser is driven event by event (as yaml.parse() does, minus a generator per file).
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    refuse_decorations(event)
                value: Any = event.value
                if event.implicit[0] and (value == "" or value in _NULLS):  # plain (unquoted) scalar
                    value = None
                mark = event.start_mark
                attach(value, (mark.line + 1 + offset, mark.column + 1), True)
            elif kind is yaml.StreamEndEvent or event is None:
                break
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    issue(pos(event.start_mark), "un seul bloc YAML est attendu dans l'en-tête")
                    result.aborted = True
                    break
            elif kind is yaml.AliasEvent:
                issue(pos(event.start_mark), f"alias YAML « *{event.anchor} » non autorisé : écrivez la valeur en entier")
                attach(None, pos(event.start_mark), True)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                refuse_decorations(event)
                if len(stack) >= MAX_DEPTH:
                    issue(pos(event.start_mark), f"structure imbriquée trop profonde (plus de {MAX_DEPTH} niveaux)")
                    result.aborted = True
                    break
                container: Any = {} if kind is yaml.MappingStartEvent else []
                frame = _Frame(container, child_loc())
                frame.start_pos = pos(event.start_mark)
                stack.append(frame)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                attach(frame.container, frame.start_pos, False)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        issue(pos(mark) if mark else (first_line, 1), describe_syntax_error(exc, text))
        result.aborted = True
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + first_line
        issue(
            (line, 1),
            f"caractère interdit U+{exc.character:04X} : supprimez-le"
            if isinstance(exc.character, int)
            else "caractère interdit dans l'en-tête",
        )
        result.aborted = True
    finally:
        loader.dispose()
    return result


_DROP = object()
_DIRECTIVE_LINE = re.compile(r"^%", re.M)
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")


def format_loc(loc: Loc) -> str:
    """Human form of a path: ("etapes", 1, "titre") -> "etapes[2].titre" (items counted from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_DIRECTIVE = "directive YAML (ligne commençant par « % ») non autorisée : supprimez-la"
_TAG = "étiquette YAML « ! » non autorisée : mettez la valeur entre guillemets"
_BLOCK = "texte sur plusieurs lignes mal annoncé : écrivez « | » ou « > » seul en fin de ligne, puis le texte en retrait"


def _char_at(text: str, mark) -> str:
    """The character a syntax error points at (libyaml's messages do not quote it)."""
    if mark is None:
        return "?"
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return "?"


# PyYAML's messages, then libyaml's wording of the same errors; the first entry whose text is in
# the message wins, so an entry never repeats a shorter one above it.
_SYNTAX = [
    ("mapping values are not allowed", "deux-points « : » inattendu : mettez la valeur entre guillemets si elle contient « : »"),
    ("cannot start any token", None),  # handled below: tabs and reserved characters
    ("could not find expected ':'", "« : » attendu après le nom du champ"),
    ("expected <block end>", "indentation incohérente : les champs d'un même niveau doivent être alignés"),
    ("found unexpected end of stream", "fin de l'en-tête inattendue : un guillemet ou un crochet n'est pas refermé"),
    (
        "found unknown escape character",
        "séquence d'échappement inconnue entre guillemets doubles : utilisez des guillemets simples",
    ),
    ("expected ',' or ']'", "liste entre crochets mal fermée : « ] » ou « , » attendu"),
    ("expected ',' or '}'", "objet entre accolades mal fermé : « } » ou « , » attendu"),
    ("did not find expected key", "indentation incohérente ou champ sans « : »"),
    ("did not find expected '-' indicator", "liste mal indentée : chaque élément commence par « - » au même niveau"),
    ("found a tab character", "tabulation interdite : indentez avec des espaces"),
    (
        "expected alphabetic or numeric character",
        "ancre ou alias YAML mal formé (« & » ou « * » en début de valeur) : mettez la valeur entre guillemets",
    ),
    ("found undefined tag handle", "étiquette YAML « ! » non autorisée : mettez la valeur entre guillemets"),
    ("expected a comment or a line break", "texte inattendu après une valeur entre guillemets"),
    ("mapping keys are not allowed here", "« ? » inattendu en début de valeur : mettez la valeur entre guillemets"),
    ("found unexpected ':'", "deux-points « : » inattendu : mettez la valeur entre guillemets"),
    ("invalid indentation or unclosed", "indentation incohérente, ou crochet « [ » ou accolade « { » non refermé"),
    ("sequence entries are not allowed here", "« - » inattendu : un élément de liste se place sous un champ, un par ligne"),
    ("expected '<document start>'", "texte inattendu après la fin du bloc YAML (ligne « ... » ou « --- »)"),
    ("YAML directive", _DIRECTIVE),
    ("incompatible YAML document", _DIRECTIVE),
    ("duplicate tag handle", _DIRECTIVE),
    ("expected '>'", _TAG),
    ("expected '!'", _TAG),
    ("expected URI", _TAG),
    ("non-specific tag", _TAG),
    (
        "expected escape sequence of",
        "séquence d'échappement incomplète entre guillemets doubles : utilisez des guillemets simples",
    ),
    ("found unexpected document separator", "un guillemet n'est pas refermé avant une ligne « --- »"),
    ("expected the node content", "valeur manquante : une virgule, un crochet ou une accolade est en trop"),
    ("mapping keys are not allowed in this context", "« ? » inattendu en début de valeur : mettez la valeur entre guillemets"),
    (
        "did not find expected hexdecimal number",
        "séquence d'échappement incomplète entre guillemets doubles : utilisez des guillemets simples",
    ),
    (
        "found invalid Unicode character escape code",
        "séquence d'échappement Unicode invalide entre guillemets doubles : écrivez le caractère lui-même",
    ),
    ("found unexpected document indicator", "un guillemet n'est pas refermé avant une ligne « --- »"),
    ("did not find expected <document start>", "texte inattendu après la fin du bloc YAML (ligne « ... » ou « --- »)"),
    ("did not find expected node content", "valeur manquante : une virgule, un crochet ou une accolade est en trop"),
    ("did not find expected whitespace or line break", "texte inattendu après une valeur entre guillemets ou une étiquette"),
    ("did not find expected tag URI", _TAG),
    ("found duplicate %TAG directive", _DIRECTIVE),
    ("did not find expected digit or '.' character", _DIRECTIVE),
    ("found unknown directive name", _DIRECTIVE),
    ("did not find URI escaped octet", _TAG),
    ("did not find expected comment or line break", "texte inattendu après une valeur entre guillemets"),
    ("found extra tokens", _DIRECTIVE),
    (
        "block sequence entries are not allowed in this context",
        "« - » inattendu : un élément de liste se place sous un champ, un par ligne",
    ),
]


def describe_syntax_error(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """PyYAML's (or libyaml's) English syntax errors, said in French."""
    problem = exc.problem or ""
    context = exc.context or ""
    if "directive" in context:
        return "syntaxe YAML invalide : " + _DIRECTIVE
    if "block scalar" in context:
        return "syntaxe YAML invalide : " + _BLOCK
    if "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else _char_at(text, exc.problem_mark)
        if char in ("\t", "\\t"):
            return "tabulation interdite : indentez avec des espaces"
        return f"une valeur ne peut pas commencer par « {char} » : mettez-la entre guillemets"
    for needle, french in _SYNTAX:
        if needle in problem and french:
            return "syntaxe YAML invalide : " + french
    # Never PyYAML's English: a contributor is told where to look, in French.
    return "syntaxe YAML invalide : vérifiez les guillemets, les deux-points et l'alignement de cette ligne"
