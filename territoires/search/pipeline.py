"""The French text pipeline of the search, identical in Python (index) and in the browser (queries).

lunr.py's own French support downloads nltk data and cuts letters, so the index is built with
our functions, registered under the names the browser resolves when it loads the index:

    trimmer-fr → elision-fr → stopWordFilter-fr → accentFold-fr → stemmer-fr

(trimming first, so that "(l'hôpital)" loses its brackets and then its elision).

`theme/static/js/search-core.js` registers the same names: `elision-fr`, `trimmer-fr` and
`stopWordFilter-fr` from the same settings (`data/recherche/`), shipped inside the search
payload; `accentFold-fr` and `stemmer-fr` come from lunr-languages, which this module mirrors
exactly: the fold table below is lunr-languages' own, and the `snowballstemmer` version pinned in
pyproject.toml implements the same Snowball French algorithm as lunr.fr.js (newer versions stem
some words differently). The parity test runs both on the same words and queries.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache

import snowballstemmer
from lunr.pipeline import Pipeline

from ..paths import DATA_DIR

SETTINGS_DIR = DATA_DIR / "recherche"

# lunr-languages 1.22, lunr.fr.accentFoldTerm, character for character.
_FOLD = [
    ("àáâäÀÁÂÄ", "a"),
    ("çÇ", "c"),
    ("éèêëÉÈÊË", "e"),
    ("îïÎÏ", "i"),
    ("ôöÔÖ", "o"),
    ("ùûüÙÛÜ", "u"),
    ("Ÿÿ", "y"),
    ("æÆ", "ae"),
    ("œŒ", "oe"),
]
_FOLD_TABLE = str.maketrans({char: target for chars, target in _FOLD for char in chars})


@cache
def settings() -> dict:
    """The shared settings: separator, word characters, elisions and stop words."""
    config = json.loads((SETTINGS_DIR / "pipeline.json").read_text(encoding="utf-8"))
    words = (SETTINGS_DIR / "mots-vides.txt").read_text(encoding="utf-8").splitlines()
    config["mots_vides"] = sorted({w.strip() for w in words if w.strip() and not w.startswith("#")})
    return config


@cache
def _patterns() -> dict[str, re.Pattern]:
    config = settings()
    characters = config["caracteres_mot"]
    elisions = "|".join(config["elisions"])
    return {
        "separator": re.compile(config["separateur"]),
        "elision": re.compile(f"^(?:{elisions})[{config['apostrophes']}]"),
        "trim": re.compile(f"^[^{characters}]+|[^{characters}]+$"),
    }


_STEMMER = snowballstemmer.stemmer("french")


def tokenize(text: str) -> list[str]:
    """Lowercase words, split like lunr.js's tokenizer (whitespace and hyphens)."""
    return [t for t in _patterns()["separator"].split(str(text).lower()) if t]


def elide(word: str) -> str:
    """ "l'hôpital" -> "hôpital", "qu’elle" -> "elle"."""
    return _patterns()["elision"].sub("", word)


def trim(word: str) -> str:
    return _patterns()["trim"].sub("", word)


def fold(word: str) -> str:
    return word.translate(_FOLD_TABLE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    # Snowball in pure Python is slow and words repeat a lot: each distinct word is stemmed once.
    return _STEMMER.stemWord(word)


def elision_fr(token, i=None, tokens=None):
    return token.update(lambda s, metadata: elide(s))


def trimmer_fr(token, i=None, tokens=None):
    token.update(lambda s, metadata: trim(s))
    return token if token.string else None


def stop_word_filter_fr(token, i=None, tokens=None):
    return None if token.string in _stop_words() else token


def accent_fold_fr(token, i=None, tokens=None):
    return token.update(lambda s, metadata: fold(s))


def stemmer_fr(token, i=None, tokens=None):
    return token.update(lambda s, metadata: stem(s))


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(settings()["mots_vides"])


PIPELINE = (trimmer_fr, elision_fr, stop_word_filter_fr, accent_fold_fr, stemmer_fr)
LABELS = ("trimmer-fr", "elision-fr", "stopWordFilter-fr", "accentFold-fr", "stemmer-fr")
for _function, _label in zip(PIPELINE, LABELS, strict=True):
    Pipeline.register_function(_function, _label)


def process(word: str) -> str | None:
    """One word through the whole pipeline, as the index stores it (None if dropped)."""
    word = elide(trim(word.lower()))
    if not word or word in _stop_words():
        return None
    return stem(fold(word))


@lru_cache(maxsize=500_000)
def _term(token: str) -> str | None:
    return process(token)


def terms(text: str) -> list[str]:
    """The index terms of a text: tokenized, then each word through the pipeline (once per distinct word)."""
    return [t for t in map(_term, tokenize(text)) if t]


def prefix_term(word: str) -> str | None:
    """The typed-so-far word for prefix matching: elided, trimmed and folded, but not stemmed."""
    word = elide(trim(word.lower()))
    if len(word) < 2 or word in _stop_words():
        return None
    return fold(word)
