"""Small utilities shared by the tests: a free local port, `build.py serve` as a child, pictures made on the spot."""

from __future__ import annotations

import io
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from PIL import Image


def site_html(output):
    """Every HTML page of a built site but the form editor's (/admin/): that page is Decap CMS's,
    with its own policy (tests/browser/test_editor.py), and is not listed in the site map."""
    return sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin")


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(content, output, *extra: str) -> tuple[subprocess.Popen, str]:
    """`python build.py serve` on a free port, as a child process, and the address it serves."""
    from territoires.paths import PROJECT_ROOT

    port = free_port()
    command = [sys.executable, "build.py", "serve", "--content", str(content), "--output", str(output), *extra]
    process = subprocess.Popen(
        [*command, "--port", str(port)], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    return process, f"http://127.0.0.1:{port}"


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of a local address; (0, "") while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(predicate, timeout=60.0):
    """The first true value of `predicate`, polled until `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("délai dépassé")


def png(width: int = 64, height: int = 32) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_gps(make: str = "Appareil photo", orientation: int | None = None) -> bytes:
    """A 900 × 600 JPEG whose EXIF names a camera and a GPS position (and, if given, an orientation)."""
    exif = Image.Exif()
    exif[0x010F] = make  # Make
    if orientation is not None:
        exif[0x0112] = orientation  # Orientation: 6 means "rotate 90°", so re-encoding has to transpose
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 7.0)}  # GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()
