"""JSON as the build writes it: compact and deterministic (same data, same bytes)."""

from __future__ import annotations

import json


def encode_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
