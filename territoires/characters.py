"""Characters that have no place in a record, and how to show them to a person.

Content comes from strangers: a bidirectional override makes text read differently from how it
is stored, a zero-width space hides inside a word, a lone surrogate (from a YAML escape such as
"\\ud800", or from a file name that is not UTF-8) cannot even be printed. Records refuse them
(`loading.py`), and every message shown to a contributor spells them out (`problems.py`).
"""

from __future__ import annotations

import re

# C0/C1 controls (except tab and newline), Unicode line and paragraph separators (YAML reads them
# as line breaks, which shifts every line number after them), bidirectional controls, invisible
# separators, surrogates and interlinear annotations.
_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff"
)
FORBIDDEN = re.compile(f"[{_CLASS}]")
# What must not reach a terminal or a log as is: the above, plus tab and newline.
_UNPRINTABLE = re.compile(f"[{_CLASS}\t\n]")


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def visible(text: str) -> str:
    """`text` with every invisible or unprintable character spelled out ("a\u202eb" -> "aU+202Eb").

    A byte that was not UTF-8 in a file name (decoded by Python as a surrogate escape) is shown
    as the byte it was: "d\\xe9cider.md".
    """

    def spell(match: re.Match) -> str:
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            return f"\\x{ord(char) - 0xDC00:02x}"
        return codepoint(char)

    return _UNPRINTABLE.sub(spell, text)
