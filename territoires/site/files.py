"""Non-HTML outputs of the build: data files for the browser, and front-end libraries from npm.

Front-end libraries are installed by `npm ci` (exact versions in package-lock.json) and copied
into the output at build time: nothing is fetched from another site, at build time or by visitors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..encoding import encode_json
from ..errors import ProjectError
from ..paths import NODE_MODULES

# output path under theme/vendor/ -> file installed by npm
VENDOR_FILES = {
    "lunr.min.js": "lunr/lunr.min.js",
    "lunr.stemmer.support.min.js": "lunr-languages/min/lunr.stemmer.support.min.js",
    "lunr.fr.min.js": "lunr-languages/min/lunr.fr.min.js",
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
}


class MissingFrontEndPackages(ProjectError):
    """The libraries that `npm ci` installs are not there."""


def write_json(output: Path, relative: str, data) -> Path:
    return write_text(output, relative, encode_json(data))


def write_text(output: Path, relative: str, text: str) -> Path:
    path = output / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_vendor_files(node_modules: Path | None = None) -> None:
    """Fails before anything is written when a front-end library is missing."""
    node_modules = node_modules or NODE_MODULES
    missing = [
        source for source in [*VENDOR_FILES.values(), f"{EDITOR_FOLDER}/decap-cms.js"] if not (node_modules / source).is_file()
    ]
    if missing:
        raise MissingFrontEndPackages(
            f"bibliothèques front-end absentes ({', '.join(missing)}) : lancez « make install » (npm ci)"
        )


EDITOR_FOLDER = "decap-cms/dist"  # the form editor (/admin/): its main file and the parts it loads on demand


def copy_editor_files(output: Path, node_modules: Path | None = None) -> None:
    """The form editor's files into admin/decap/ (only the /admin/ page loads them)."""
    folder = (node_modules or NODE_MODULES) / EDITOR_FOLDER
    target = output / "admin" / "decap"
    target.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*decap-cms.js"):
        shutil.copyfile(path, target / path.name)


def copy_vendor_files(output: Path, node_modules: Path | None = None) -> None:
    node_modules = node_modules or NODE_MODULES
    check_vendor_files(node_modules)
    for target, source in VENDOR_FILES.items():
        destination = output / "theme" / "vendor" / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, destination)
