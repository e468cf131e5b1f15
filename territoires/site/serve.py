"""`python build.py serve`: build, serve the output on localhost, rebuild when a file changes.

Content and theme changes are rebuilt in this process (fast: the territory reference and the
Markdown renderer stay loaded). A change to the code, the vocabularies, the territory reference or
the settings restarts the whole process, since the models are built from them at import time.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..editor import LOCAL_PORT
from ..errors import ProjectError
from ..formatting import format_text
from ..models import record_kinds
from ..paths import DATA_DIR, NODE_MODULES, PROJECT_ROOT
from ..problems import ContentError
from .build import build


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; unknown paths get the site's own 404 page, as on GitHub Pages."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - signature of the parent class
        pass


def start_server(output: Path, bind: str, port: int) -> http.server.ThreadingHTTPServer:
    output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Handler, directory=str(output))
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


KEPT = "le site servi reste celui de la dernière construction réussie."


def _rebuild(settings: dict) -> bool:
    started = time.perf_counter()
    try:
        result = build(settings)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem.format())
        sys.stdout.flush()
        print(f"✗ {len(exc.problems)} problème(s) : {KEPT}", file=sys.stderr)
        return False
    except ProjectError as exc:
        print(f"✗ {exc} : {KEPT}", file=sys.stderr)
        return False
    except Exception as exc:  # noqa: BLE001 - the server must outlive any failed rebuild, as Pelican's autoreload does
        print(f"✗ Reconstruction impossible ({type(exc).__name__} : {exc}) : {KEPT}", file=sys.stderr)
        return False
    print(f"✓ {result.pages} pages construites en {time.perf_counter() - started:.2f} s.", file=sys.stderr)
    return True


def serve(settings: dict, bind: str = "127.0.0.1", port: int = 8000) -> int:
    from watchfiles import watch

    # Each rebuild is written beside the output and replaces it when complete (`build()`): the
    # site keeps being served while it is rebuilt, and after a failed rebuild.
    _rebuild(settings)
    output = Path(settings["OUTPUT_PATH"])
    try:
        server = start_server(output, bind, port)
    except OSError as exc:
        print(f"✗ Impossible d'écouter sur {bind}:{port} ({exc.strerror}) : essayez --port 8001.", file=sys.stderr)
        return 2
    print(f"Site servi sur http://{bind}:{port}/ — reconstruit à chaque modification. Ctrl+C pour arrêter.", file=sys.stderr)
    # Stopped by a signal (a terminal closed, a test ending): end as on Ctrl+C, the editor's proxy with it.
    signal.signal(signal.SIGTERM, _interrupt)
    editor = start_editor_proxy(Path(settings["PATH"]).parent)
    if editor is not None:
        print(f"Éditeur de fiches : http://{bind}:{port}/admin/ (enregistre dans ce dossier).", file=sys.stderr)
    restart_roots = [DATA_DIR, PROJECT_ROOT / "territoires", PROJECT_ROOT / "pelicanconf.py"]
    watched = [Path(settings["PATH"]), Path(settings["THEME"]), *restart_roots]
    try:
        for changes in watch(*[p for p in watched if p.exists()], debounce=200, step=50):
            changed = [Path(path) for _, path in changes]
            if any(_within(path, restart_roots) for path in changed):
                print("Code, données de référence ou réglages modifiés : redémarrage…", file=sys.stderr)
                server.shutdown()
                server.server_close()
                stop(editor)
                os.execv(sys.executable, [sys.executable, *sys.argv])
            normalise(changed, Path(settings["PATH"]))
            names = ", ".join(sorted({p.name for p in changed}))
            print(f"Modifié : {names}", file=sys.stderr)
            _rebuild(settings)
    except KeyboardInterrupt:
        pass
    finally:
        stop(editor)
    server.shutdown()
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def start_editor_proxy(repository: Path) -> subprocess.Popen | None:
    """The form editor's local proxy (decap-server), on 127.0.0.1 only, writing into `repository`."""
    script = NODE_MODULES / "decap-server" / "dist" / "index.js"
    if not script.is_file() or shutil.which("node") is None:
        return None
    environment = {
        **os.environ,
        "PORT": str(LOCAL_PORT),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(repository),
        "LOG_LEVEL": "error",
    }
    return subprocess.Popen(["node", str(script)], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def normalise(changed: list[Path], content: Path) -> None:
    """Record files saved by the editor (or by hand) put back in the canonical style before the rebuild."""
    for path in changed:
        kind = next((k for k in record_kinds() if path.parent == content / k.folder), None)
        if kind is None or path.suffix != ".md" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        formatted = format_text(text, kind)
        if formatted is not None and formatted != text:
            path.write_text(formatted, encoding="utf-8")


def _within(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)
