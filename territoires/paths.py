"""Where the project's own files live, found from this package, never from the current directory.

Content and output locations are settings (see `pelicanconf.py` and `territoires.site.settings`);
only the repository's reference data, shipped alongside the code, is located here.
"""

from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
NODE_MODULES = PROJECT_ROOT / "node_modules"


@lru_cache(maxsize=1024)
def resolved_folder(folder: Path) -> Path:
    """`folder.resolve()`, once per folder: thousands of records share a handful of folders. Record
    files are never symbolic links (the loader refuses them), so `resolved_folder(path.parent) / path.name`
    names a record as its folder's resolution would."""
    return folder.resolve()


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the project when inside it."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)
