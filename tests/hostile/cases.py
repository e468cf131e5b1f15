"""Hostile content files, each with the French message (and line) the validator must give.

Every case is one file a stranger could send in a pull request. The file is dropped into the
minimal valid tree (tests/conftest.py), next to another record with its own, unrelated mistake
(`OTHER_RECORD`), so that the suite also checks that one hostile file never hides the problems
of the others.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from tests.conftest import ACTOR, EXPERIENCE, GUIDE

# Another record with an independent mistake (line 4: an unknown guide format).
OTHER_RECORD = {"guides/autre-guide.md": GUIDE.replace("format: fiche-methode", "format: brochure")}
OTHER_PROBLEM = "content/guides/autre-guide.md:4:1: champ « format » : valeur « brochure » inconnue"


@dataclass(frozen=True)
class Case:
    id: str
    files: dict  # path under content/ -> text, bytes, or a function returning bytes (built lazily)
    path: str  # the hostile file under content/, as messages show it
    line: int | None  # None: the message is about the whole file (no line)
    message: str  # French words the message must contain
    setup: Callable[[Path], None] | None = field(default=None, compare=False)  # for links, odd names


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


BODY_LINE = ACTOR.splitlines().index("Présentation de l'association.") + 1  # the actor's body starts here


def actor(old: str, new: str) -> dict:
    return {"actors/hostile.md": edit(ACTOR, old, new)}


def experience(old: str, new: str) -> dict:
    return {"experiences/cafe-citoyen.md": edit(EXPERIENCE, old, new)}


def with_logo(name: str, image) -> dict:
    return actor("offres:", f"logo: {name}\noffres:") | {f"images/{name}": image}


def picture(size=(64, 32), mode="RGB", fmt="PNG", **options) -> Callable[[], bytes]:
    def make() -> bytes:
        buffer = io.BytesIO()
        Image.new(mode, size).save(buffer, fmt, **options)
        return buffer.getvalue()

    return make


def corrupt_png() -> bytes:
    """A PNG whose chunks and checksums are right but whose compressed pixels are garbage."""
    import struct
    import zlib

    data = picture()()
    out, pos = data[:8], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IDAT":
            body = b"\x78\x9c" + b"\xff" * len(body)
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        pos += 12 + length
    return out


def symlink(name: str, data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    """`name` becomes a link to a file outside the content folder."""

    def make(content: Path) -> None:
        target = content.parent / "ailleurs" / Path(name).name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data() if callable(data) else data)
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, content / name)

    return make


def undecodable_name(content: Path) -> None:
    with open(os.fsencode(content / "actors") + b"/d\xe9cid\xe9.md", "wb") as file:
        file.write(ACTOR.encode())


ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
SOURCE = "sources:\n  - titre: Un article\n    url: {url}\ndate_verification:"

YAML = [
    Case("yaml-alias-bomb", actor("type_structure:", ALIAS_BOMB + "type_structure:"), "actors/hostile.md", 3, "ancre YAML « &a » non autorisée"),
    Case("yaml-deep-nesting", actor("thematiques: [vie-democratique]", "thematiques: " + "[" * 20000 + "]" * 20000),
         "actors/hostile.md", 5, "structure imbriquée trop profonde"),
    Case("yaml-duplicate-key", actor("type_structure:", "nom: Un autre nom\ntype_structure:"), "actors/hostile.md", 3,
         "champ « nom » écrit deux fois (déjà présent ligne 2)"),
    Case("yaml-tab-indentation", actor('  departements: ["34"]', '\tdepartements: ["34"]'), "actors/hostile.md", 8, "tabulation interdite"),
    Case("yaml-python-tag", actor("nom: Association exemple", "nom: !!python/object/apply:os.system ['echo pwned']"),
         "actors/hostile.md", 2, "étiquette YAML « tag:yaml.org,2002:python/object/apply:os.system » non autorisée"),
    Case("yaml-local-tag", actor("nom: Association exemple", "nom: !secret Association"), "actors/hostile.md", 2, "étiquette YAML"),
    Case("yaml-directive", actor("nom: Association exemple", "%YAML 1.1\nnom: Association exemple"), "actors/hostile.md", 2,
         "directive YAML"),
    Case("yaml-several-documents", actor("date_verification: 2026-01-15\n", "date_verification: 2026-01-15\n--- nom: Autre\n"),
         "actors/hostile.md", 10, "un seul bloc YAML est attendu"),
    Case("two-records-in-one-file", {"actors/hostile.md": ACTOR + ACTOR}, "actors/hostile.md", BODY_LINE + 2,
         f"champ « nom » écrit après la fin de l'en-tête (ligne {BODY_LINE - 1})"),
    Case("field-after-end-marker", actor("association\n---\n", "association\n...\nsigle: AE\n---\n"), "actors/hostile.md", 14,
         "champ « sigle » écrit après la fin de l'en-tête"),
    Case("bom", {"actors/hostile.md": b"\xef\xbb\xbf" + ACTOR.encode()}, "actors/hostile.md", 1, "marque d'ordre des octets (BOM)"),
    Case("latin-1", {"actors/hostile.md": ACTOR.encode("latin-1")}, "actors/hostile.md", 4, "n'est pas en UTF-8 (octet 0xE9)"),
    Case("latin-1-with-old-mac-line-endings", {"actors/hostile.md": ACTOR.replace("\n", "\r").encode("latin-1")}, "actors/hostile.md",
         4, "n'est pas en UTF-8"),
    Case("utf-16", {"actors/hostile.md": ACTOR.encode("utf-16")}, "actors/hostile.md", 1, "encodé en UTF-16"),
    Case("nul-byte", {"actors/hostile.md": ACTOR.replace("Présentation", "Pré\x00sentation").encode()}, "actors/hostile.md", BODY_LINE,
         "octet nul"),
    Case("multi-megabyte-file", {"actors/hostile.md": ACTOR + "Texte très long. " * 200_000}, "actors/hostile.md", None,
         "fichier trop gros"),
    Case("unicode-line-separator", actor("nom: Association exemple", "nom: Association\u2028exemple"), "actors/hostile.md", 2,
         "caractère invisible ou de contrôle U+2028 interdit"),
    Case("lines-after-a-yaml-line-break-keep-their-number",
         actor("type_structure: association", "sigle: A\u0085E\ntype_structure: asociation"), "actors/hostile.md", 4,
         "champ « type_structure » : valeur « asociation » inconnue"),
    Case("no-stays-a-string", experience("niveau_participation: co-construction", "niveau_participation: no"),
         "experiences/cafe-citoyen.md", 13, "champ « niveau_participation » : valeur « no » inconnue"),
    Case("leading-zero-code-stays-a-string", experience('commune: "34164"', "commune: 01000"), "experiences/cafe-citoyen.md", 5,
         "code INSEE de commune « 01000 » inconnu"),
    Case("sexagesimal-stays-a-string", experience("debut: 2021", "debut: 1:30"), "experiences/cafe-citoyen.md", 9,
         "reçu « 1:30 »"),
    Case("impossible-date", actor("date_verification: 2026-01-15", "date_verification: 2024-02-30"), "actors/hostile.md", 9,
         "champ « date_verification » : date impossible, reçu « 2024-02-30 »"),
    Case("impossible-partial-date", experience("debut: 2021", "debut: 2023-02-29"), "experiences/cafe-citoyen.md", 9,
         "date impossible"),
    Case("not-a-number-coordinate",
         actor("date_verification:", 'siege:\n  commune: "34164"\n  latitude: nan\n  longitude: 4_3\ndate_verification:'),
         "actors/hostile.md", 11, "champ « siege.latitude » : un nombre attendu"),
    Case("missing-front-matter", {"actors/hostile.md": "nom: Association exemple\n\nTexte.\n"}, "actors/hostile.md", 1,
         "en-tête manquant"),
    Case("unclosed-front-matter", {"actors/hostile.md": ACTOR.split("---\nPrésentation")[0]}, "actors/hostile.md", 1,
         "en-tête non refermé"),
    Case("front-matter-is-a-list", {"actors/hostile.md": "---\n- nom\n- type_structure\n---\nTexte.\n"}, "actors/hostile.md", 2,
         "l'en-tête doit être une suite de champs"),
    Case("empty-front-matter", {"actors/hostile.md": "---\n---\nTexte.\n"}, "actors/hostile.md", 1, "en-tête vide"),
]  # fmt: skip

IDENTITY = [
    Case("id-with-dot-dot-in-a-reference", actor("offres:", 'reseaux: ["../../etc/passwd"]\noffres:'), "actors/hostile.md", 6,
         "un identifiant de fiche : lettres minuscules sans accent"),
    Case("uppercase-reference", experience("acteurs: [association-exemple]", "acteurs: [Association-Exemple]"),
         "experiences/cafe-citoyen.md", 14, "reçu « Association-Exemple »"),
    Case("reference-to-a-missing-id", experience("acteurs: [association-exemple]", "acteurs: [collectif-fantome]"),
         "experiences/cafe-citoyen.md", 14, "acteur « collectif-fantome » introuvable"),
    Case("same-id-in-two-record-types", {"guides/association-exemple.md": GUIDE}, "guides/association-exemple.md", None,
         "identifiant « association-exemple » déjà pris par"),
    Case("file-name-uppercase", {"actors/Hostile.md": ACTOR}, "actors/Hostile.md", None, "renommez-le « hostile.md »"),
    Case("file-name-with-spaces", {"actors/mon acteur.md": ACTOR}, "actors/mon acteur.md", None, "renommez-le « mon-acteur.md »"),
    Case("file-name-with-accents", {"actors/décidé.md": ACTOR}, "actors/décidé.md", None, "renommez-le « decide.md »"),
    Case("file-name-decomposed-unicode", {"actors/de\u0301cide\u0301.md": ACTOR}, "actors/de\u0301cide\u0301.md", None,
         "renommez-le « decide.md »"),
    Case("file-name-right-to-left-override", {"actors/acteur\u202edm.md": ACTOR}, "actors/acteurU+202Edm.md", None,
         "nom de fichier « acteurU+202Edm.md » invalide"),
    Case("file-name-zero-width-space", {"actors/acteur\u200b.md": ACTOR}, "actors/acteurU+200B.md", None,
         "nom de fichier « acteurU+200B.md » invalide"),
    Case("file-name-not-utf-8", {}, "actors/d\\xe9cid\\xe9.md", None, "nom de fichier « d\\xe9cid\\xe9.md » invalide",
         setup=undecodable_name),
    Case("symlinked-record", {}, "actors/lien.md", None, "lien symbolique refusé", setup=symlink("actors/lien.md", ACTOR.encode())),
    Case("text-right-to-left-override", actor("nom: Association exemple", "nom: Association \u202eelpmexe"), "actors/hostile.md", 2,
         "champ « nom » : caractère invisible ou de contrôle U+202E interdit"),
    Case("text-zero-width-space", actor("resume: Une", "resume: Une\u200b"), "actors/hostile.md", 4,
         "champ « resume » : caractère invisible ou de contrôle U+200B interdit"),
    Case("body-bidi-isolate", actor("Présentation", "Pré\u2066sentation"), "actors/hostile.md", BODY_LINE,
         "caractère invisible ou de contrôle U+2066 interdit dans le texte"),
    Case("field-name-with-zero-width-space", actor("type_structure:", "sigle\u200b: AE\ntype_structure:"), "actors/hostile.md", 3,
         "champ « sigleU+200B » : champ inconnu"),
    Case("lone-surrogate-escape", actor("nom: Association exemple", 'nom: "Asso\\ud800ciation"'), "actors/hostile.md", 2,
         "séquence d'échappement Unicode invalide entre guillemets doubles"),
]  # fmt: skip

IMAGES = [
    Case("svg-logo", with_logo("logo.svg", SVG), "actors/hostile.md", 6, "le nom d'un fichier PNG, JPEG ou WebP"),
    Case("svg-renamed-png", with_logo("logo.png", SVG), "actors/hostile.md", 6, "ce fichier n'est pas une image PNG lisible"),
    Case("html-renamed-png", with_logo("logo.png", b"<html><script>alert(1)</script></html>"), "actors/hostile.md", 6,
         "ce fichier n'est pas une image PNG lisible"),
    Case("jpeg-renamed-png", with_logo("logo.png", picture(fmt="JPEG")), "actors/hostile.md", 6,
         "le contenu est une image JPEG, pas PNG"),
    Case("corrupt-pixel-data", with_logo("logo.png", corrupt_png), "actors/hostile.md", 6, "ce fichier n'est pas une image PNG lisible"),
    Case("oversized-file", with_logo("logo.png", lambda: picture()() + b"\0" * 1_100_000), "actors/hostile.md", 6,
         "fichier trop lourd"),
    Case("oversized-picture", with_logo("logo.png", picture((5000, 4000), mode="1")), "actors/hostile.md", 6,
         "image trop grande (5000 × 4000 pixels)"),
    Case("decompression-bomb", with_logo("logo.png", picture((30000, 30000), mode="1")), "actors/hostile.md", 6,
         "image trop grande (plus de 16 millions de pixels)"),
    Case("symlinked-logo", actor("offres:", "logo: logo.png\noffres:"), "actors/hostile.md", 6, "lien symbolique refusé",
         setup=symlink("images/logo.png", picture())),
    Case("logo-path-traversal", actor("offres:", "logo: ../../etc/passwd.png\noffres:"), "actors/hostile.md", 6,
         "reçu « ../../etc/passwd.png »"),
]  # fmt: skip

URLS = [
    Case("site-web-javascript", actor("offres:", "site_web: javascript:alert(1)\noffres:"), "actors/hostile.md", 6,
         "champ « site_web » : une adresse web complète commençant par https:// ou http:// attendu"),
    Case("site-web-javascript-mixed-case-and-spaces", actor("offres:", 'site_web: "  JaVaScRiPt:alert(1)"\noffres:'),
         "actors/hostile.md", 6, "JaVaScRiPt:alert(1) »"),
    Case("site-web-data", actor("offres:", "site_web: data:text/html;base64,PHNjcmlwdD4=\noffres:"), "actors/hostile.md", 6,
         "champ « site_web »"),
    Case("site-web-ftp", actor("offres:", "site_web: ftp://exemple.fr\noffres:"), "actors/hostile.md", 6, "reçu « ftp://exemple.fr »"),
    Case("site-web-internationalised-domain", actor("offres:", "site_web: https://exémple.fr/été\noffres:"), "actors/hostile.md", 6,
         "forme ASCII (punycode), « https://xn--exmple-cva.fr/été »"),
    Case("site-web-with-credentials", actor("offres:", "site_web: https://user:motdepasse@exemple.fr\noffres:"),
         "actors/hostile.md", 6, "champ « site_web »"),
    Case("site-web-attribute-breakout", actor("offres:", """site_web: 'https://exemple.fr/"onmouseover=alert(1)'\noffres:"""),
         "actors/hostile.md", 6, "champ « site_web »"),
    Case("source-url-vbscript", experience("date_verification:", SOURCE.format(url="vbscript:msgbox(1)")),
         "experiences/cafe-citoyen.md", 17, "champ « sources[1].url »"),
    Case("contact-form-javascript", actor("offres:", "contact:\n  formulaire: javascript:alert(1)\noffres:"), "actors/hostile.md", 7,
         "champ « contact.formulaire »"),
    Case("contact-email-of-a-person", actor("offres:", "contact:\n  email: prenom.nom@gmail.com\noffres:"), "actors/hostile.md", 7,
         "champ « contact.email » : l'adresse « prenom.nom@gmail.com » ressemble à celle d'une personne"),
    Case("contact-email-header-injection", actor("offres:", 'contact:\n  email: "contact@exemple.fr\\nBcc: x@y.fr"\noffres:'),
         "actors/hostile.md", 7, "une adresse électronique (ex. contact@exemple.fr) attendu"),
    Case("contact-mobile-phone", actor("offres:", "contact:\n  telephone: 06 12 34 56 78\noffres:"), "actors/hostile.md", 7,
         "champ « contact.telephone » : le numéro « 06 12 34 56 78 » est un numéro de portable"),
    Case("contact-mobile-phone-international", actor("offres:", "contact:\n  telephone: +33 7 12 34 56 78\noffres:"),
         "actors/hostile.md", 7, "est un numéro de portable"),
]  # fmt: skip

# Markdown bodies: (id, body, French words of the message), reported on the body's first line (file line 11)
# unless `LINE_IN_BODY` says otherwise.
MARKDOWN = [
    ("script", "<script>alert(1)</script>", "HTML brut « <script> » non accepté"),
    ("script-inside-emphasis", "*<script>alert(1)</script>*", "HTML brut « <script> »"),
    ("event-handler-on-img", "Texte <img src=x onerror=alert(1)>", "HTML brut « <img> »"),
    ("event-handler-on-link", '<a href="https://exemple.fr" onclick="alert(1)">lien</a>', "HTML brut « <a> »"),
    ("event-handler-on-details", "<details open ontoggle=alert(1)>", "HTML brut « <details> »"),
    ("iframe", "<iframe src='https://exemple.fr'></iframe>", "HTML brut « <iframe> »"),
    ("form", "<form action=https://exemple.fr><input name=x></form>", "HTML brut « <form> »"),
    ("inline-svg", "<svg onload=alert(1)><circle r=1 /></svg>", "HTML brut « <svg> »"),
    ("mathml-xlink", "<math><mi xlink:href=javascript:alert(1)>x</mi></math>", "HTML brut « <math> »"),
    ("style", "<style>body{display:none}</style>", "HTML brut « <style> »"),
    ("meta-refresh", "<meta http-equiv=refresh content='0;url=https://exemple.fr'>", "HTML brut « <meta> »"),
    ("base", "<base href='https://exemple.fr/'>", "HTML brut « <base> »"),
    ("object", "<object data=https://exemple.fr/x.swf></object>", "HTML brut « <object> »"),
    ("html-comment", "Texte <!-- caché --> visible", "HTML brut"),
    ("javascript-link", "[lien](javascript:alert(1))", "lien « javascript:alert(1) » refusé"),
    ("javascript-link-mixed-case", "[lien](JaVaScRiPt:alert(1))", "lien « JaVaScRiPt:alert(1) » refusé"),
    ("javascript-link-with-tab", "[lien](java\tscript:alert(1))", "refusé"),
    ("javascript-link-in-angle-brackets", "[lien](< javascript:alert(1)>)", "lien « javascript:alert(1) » refusé"),
    ("javascript-link-entity-encoded", "[lien](&#106;avascript:alert(1))", "lien « &#106;avascript:alert(1) » refusé"),
    ("javascript-link-named-entity", "[lien](javascript&colon;alert(1))", "refusé"),
    ("javascript-reference-link", "[lien][x]\n\n[x]: javascript:alert(1)", "lien « javascript:alert(1) » refusé"),
    ("javascript-raw-autolink", "<javascript:alert(1)>", "HTML brut"),
    ("data-link", "[lien](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "lien « data:text/html"),
    ("vbscript-link", "[lien](VBScript:msgbox(1))", "lien « VBScript:msgbox(1) » refusé"),
    ("javascript-image", "![photo](javascript:alert(1))", "image dans le texte non acceptée"),
    ("attr-list-injection", "Un paragraphe.\n{: onclick=alert(1) }", "attributs « {: onclick=alert(1) } » non acceptés"),
    ("attr-list-on-heading", "## Titre {#x onmouseover=alert(1)}", "attributs « {#x onmouseover=alert(1)} »"),
    ("link-title-breakout", '[lien](https://exemple.fr "t" onmouseover="alert(1)")\n<b onclick=x>', "HTML brut « <b> »"),
]
LINE_IN_BODY = {"javascript-reference-link": 3, "attr-list-injection": 2, "link-title-breakout": 2}
MARKDOWN_CASES = [
    Case(
        f"markdown-{name}",
        actor("Présentation de l'association.", body),
        "actors/hostile.md",
        BODY_LINE - 1 + LINE_IN_BODY.get(name, 1),
        message,
    )
    for name, body, message in MARKDOWN
]

CASES = YAML + IDENTITY + IMAGES + URLS + MARKDOWN_CASES
