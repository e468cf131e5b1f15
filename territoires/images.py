"""Pictures (actors' logos): checked strictly, then re-encoded so that nothing but pixels is published.

Pictures come from strangers' pull requests. An SVG can carry a script that runs on our origin,
a "PNG" may be anything, a photo carries EXIF metadata (GPS position, camera, author). So: only
PNG, JPEG and WebP files whose content matches their extension are accepted, within size limits,
and the build writes a fresh encoding of the pixels only, resized to `MAX_SIDE`.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .problems import Problems

IMAGES_FOLDER = "images"  # under the content folder, and under the output folder
MAX_BYTES = 1_000_000
MAX_PIXELS = 16_000_000  # refuses decompression bombs before decoding them
MAX_SIDE = 480  # published pictures are at most this wide and high
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


def check_image(path: Path, problems: Problems, where: tuple[Path, int, int] | None = None) -> bool:
    """Report everything wrong with a picture file; `where` is the record field that names it."""
    report_path, line, col = where if where else (path, 0, 0)
    name = path.name

    def fail(message: str) -> bool:
        problems.add(report_path, line, col, f"image « {name} » : {message}")
        return False

    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        return fail("format refusé : seules les images PNG, JPEG et WebP sont acceptées (pas de SVG)")
    if path.is_symlink():
        # A link could publish a picture from outside the repository.
        return fail("lien symbolique refusé : placez l'image elle-même dans content/images/")
    if not path.is_file():
        return fail(f"fichier introuvable dans content/{IMAGES_FOLDER}/")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return fail(f"fichier trop lourd ({size // 1000} ko, {MAX_BYTES // 1000} ko au plus) : réduisez l'image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                actual = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return fail(f"image trop grande ({width} × {height} pixels)")
                image.verify()
            # verify() checks the structure only: decode every pixel, as the build will (reencode).
            with Image.open(path) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return fail(f"image trop grande (plus de {MAX_PIXELS // 1_000_000} millions de pixels)")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return fail(f"ce fichier n'est pas une image {expected} lisible")
    if actual != expected:
        return fail(f"le contenu est une image {actual or 'inconnue'}, pas {expected} comme l'annonce l'extension")
    return True


def reencode(source: Path) -> bytes:
    """The picture's pixels only, oriented, resized to at most MAX_SIDE, in its original format."""
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        target = FORMATS[source.suffix.lower()]
        if target == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        buffer = io.BytesIO()
        options = {"optimize": True} if target in ("PNG", "JPEG") else {"lossless": False, "quality": 85, "method": 4}
        if target == "JPEG":
            options["quality"] = 85
        # No exif, icc_profile or text chunks are passed: the new file carries pixels only.
        image.save(buffer, format=target, **options)
        return buffer.getvalue()
