"""Where the project's own files live, found from this package, never from the current directory.

Content and output locations are settings (see `pelicanconf.py` and `territoires.site.settings`);
only the repository's reference data, shipped alongside the code, is located here.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SCHEMAS_DIR = PROJECT_ROOT / "schemas"
NODE_MODULES = PROJECT_ROOT / "node_modules"
