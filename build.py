#!/usr/bin/env python3
"""Territoires en commun: the single command-line entry point (see `python build.py --help`)."""

import sys

from territoires.errors import ProjectError

if __name__ == "__main__":
    try:
        from territoires.cli import main  # the models read the vocabularies as they are imported
    except ProjectError as error:
        print(f"✗ {error}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
