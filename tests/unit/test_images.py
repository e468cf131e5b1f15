"""Pictures: only real PNG, JPEG and WebP files, re-encoded without their metadata."""

import io

from PIL import Image

from territoires.images import MAX_SIDE, reencode
from territoires.validation import load_corpus
from tests.conftest import ACTOR, TODAY, minimal_tree, write
from tests.helpers import jpeg_with_gps, png


def check(tmp_path, logo: str, files: dict):
    actor = ACTOR.replace("offres:", f"logo: {logo}\noffres:")
    content = write(tmp_path, minimal_tree() | {"actors/association-exemple.md": actor} | files)
    corpus, problems = load_corpus(content, project_root=tmp_path, today=TODAY)
    return corpus, [p.format() for p in sorted(problems.items)]


def test_a_real_png_is_accepted(tmp_path):
    corpus, problems = check(tmp_path, "logo.png", {"images/logo.png": png()})
    assert problems == [] and corpus.actors["association-exemple"].data.logo == "logo.png"


def test_svg_is_refused(tmp_path):
    _, problems = check(tmp_path, "logo.svg", {"images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'})
    assert problems[0].endswith(
        "champ « logo » : le nom d'un fichier PNG, JPEG ou WebP placé dans content/images/ (ex. decider-ensemble.png) attendu, reçu « logo.svg »"
    )
    assert "content/images/logo.svg: fichier refusé : seules les images PNG, JPEG et WebP sont acceptées (pas de SVG)" in problems


def test_a_non_image_renamed_png_is_refused(tmp_path):
    _, problems = check(tmp_path, "logo.png", {"images/logo.png": b"<html><script>alert(1)</script></html>"})
    assert problems == [
        "content/actors/association-exemple.md:6:1: image « logo.png » : ce fichier n'est pas une image PNG lisible"
    ]


def test_a_jpeg_named_png_is_refused(tmp_path):
    _, problems = check(tmp_path, "logo.png", {"images/logo.png": jpeg_with_gps()})
    assert problems == [
        "content/actors/association-exemple.md:6:1: image « logo.png » : le contenu est une image JPEG, pas PNG comme l'annonce l'extension"
    ]


def test_oversized_files_and_pictures_are_refused(tmp_path):
    _, problems = check(tmp_path, "lourd.png", {"images/lourd.png": png() + b"\0" * 1_100_000})
    assert problems == [
        "content/actors/association-exemple.md:6:1: image « lourd.png » : fichier trop lourd (1100 ko, 1000 ko au plus) : réduisez l'image"
    ]
    _, problems = check(tmp_path / "b", "geant.png", {"images/geant.png": png(5000, 4000)})
    assert problems == ["content/actors/association-exemple.md:6:1: image « geant.png » : image trop grande (5000 × 4000 pixels)"]


def test_missing_and_unused_images_are_reported(tmp_path):
    _, problems = check(tmp_path, "absent.png", {"images/orpheline.png": png()})
    assert problems == [
        "content/actors/association-exemple.md:6:1: image « absent.png » : fichier introuvable dans content/images/",
        "content/images/orpheline.png: image utilisée par aucune fiche : ajoutez « logo: orpheline.png » à la fiche concernée ou supprimez le fichier",
    ]


def test_reencoding_strips_metadata_and_caps_size(tmp_path):
    source = tmp_path / "photo.jpg"
    source.write_bytes(jpeg_with_gps())
    with Image.open(source) as original:
        assert original.getexif()  # the source does carry EXIF and GPS
    data = reencode(source)
    with Image.open(io.BytesIO(data)) as result:
        assert result.format == "JPEG"
        assert max(result.size) == MAX_SIDE
        assert not result.getexif() and "exif" not in result.info and "icc_profile" not in result.info
    assert b"Appareil photo" not in data
