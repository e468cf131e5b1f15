"""Load Pelican's settings from `pelicanconf.py`, whatever the current directory."""

from __future__ import annotations

from pelican.settings import read_settings

from ..paths import PROJECT_ROOT

SETTINGS_FILE = PROJECT_ROOT / "pelicanconf.py"


def load_settings(overrides: dict | None = None) -> dict:
    return read_settings(str(SETTINGS_FILE), override=dict(overrides or {}))
