#!/usr/bin/env python3
"""Territoires en commun: the single command-line entry point (see `python build.py --help`)."""

import sys

from territoires.cli import main

if __name__ == "__main__":
    sys.exit(main())
