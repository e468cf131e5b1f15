"""Machine-readable outputs around the pages: the Atom feed, sitemap.xml and the share picture."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed
from PIL import Image, ImageDraw, ImageFont

from .. import vocabularies
from ..config import SiteConfig
from ..corpus import Corpus
from ..models import KINDS
from .output import OutputPage

FEED_SIZE = 50


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def atom_feed(corpus: Corpus, config: SiteConfig) -> str:
    """The most recently added or changed records, newest first (dates from git history)."""
    site = config.public_url
    feed = Atom1Feed(
        title="Territoires en commun : nouvelles fiches et mises à jour",
        link=f"{site}/",
        feed_url=f"{site}/atom.xml",
        description=config.description,
        language="fr",
    )
    records = sorted(corpus.records, key=lambda r: (-(r.updated or r.data.reviewed).toordinal(), r.id))
    themes = vocabularies.get("thematiques")
    for record in records[:FEED_SIZE]:
        day = _moment(record.updated or record.data.reviewed)
        feed.add_item(
            title=f"{KINDS[record.kind].title} · {record.title}",
            link=f"{site}/{record.url}",
            unique_id=f"{site}/{record.url}",
            description=record.data.resume,
            pubdate=day,
            updateddate=day,
            categories=[themes.label(t) for t in record.data.thematiques],
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue()


def sitemap_xml(pages: list[OutputPage], corpus: Corpus, config: SiteConfig) -> str:
    site = config.public_url
    changed = {record.url: record.updated for record in [*corpus.records, *corpus.pages.values()]}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(pages, key=lambda p: p.url):
        if not page.save_as.endswith("index.html") or page.save_as.startswith("admin/"):  # the editor is not a page to index
            continue  # 404.html and other non-page files
        lines.append(f"  <url><loc>{escape(f'{site}/{page.url}')}</loc>")
        if changed.get(page.url):
            lines.append(f"    <lastmod>{changed[page.url].isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


@cache
def share_picture() -> bytes:
    """The picture shown when a page is shared (OpenGraph): drawn here, so no binary sits in the theme."""
    image = Image.new("RGB", (1200, 630), "#12355f")
    draw = ImageDraw.Draw(image)
    draw.ellipse((120, 170, 320, 370), fill="#ffffff")
    draw.ellipse((280, 170, 480, 370), fill="#f5a300")
    draw.rounded_rectangle((120, 420, 480, 470), radius=25, fill="#ffffff")
    font = ImageFont.load_default(size=64)
    small = ImageFont.load_default(size=34)
    draw.text((560, 230), "Territoires", font=font, fill="#ffffff")
    draw.text((560, 310), "en commun", font=font, fill="#ffffff")
    draw.text((560, 420), "La participation citoyenne,", font=small, fill="#e6eef8")
    draw.text((560, 465), "territoire par territoire", font=small, fill="#e6eef8")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
