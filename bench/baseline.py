"""The bare Pelican baseline: what Pelican alone costs for the same number of Markdown pages.

Each generated record becomes a plain Pelican article (title, date, slug, the same Markdown
body), rendered with a two-template theme of our own by Pelican's own ArticlesGenerator. No
listing, tag, category, feed or plugin: the floor under our build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .corpus import FOLDERS

BASE_HTML = """<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title>
<link rel="stylesheet" href="{{ SITEURL }}/theme/site.css"></head>
<body><header><a href="{{ SITEURL }}/">{{ SITENAME }}</a></header>
<main>{% block content %}{% endblock %}</main></body>
</html>
"""
ARTICLE_HTML = """{% extends "base.html" %}
{% block title %}{{ article.title }} – {{ SITENAME }}{% endblock %}
{% block content %}<article><h1>{{ article.title }}</h1>
<p><time datetime="{{ article.date.isoformat() }}">{{ article.locale_date }}</time></p>
{{ article.content }}</article>{% endblock %}
"""


def prepare(content: Path, workdir: Path) -> dict:
    """Write the articles and the theme under `workdir`; return the Pelican settings."""
    from pelican.settings import read_settings

    articles = workdir / "content"
    articles.mkdir(parents=True, exist_ok=True)
    for folder in FOLDERS.values():
        for path in sorted((content / folder).glob("*.md")):
            front, body = _split(path.read_text(encoding="utf-8"))
            title = front.get("titre") or front["nom"]
            header = f"Title: {title}\nDate: {front['date_verification']}\nSlug: {path.stem}\n\n"
            (articles / path.name).write_text(header + body, encoding="utf-8")
    templates = workdir / "theme" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "base.html").write_text(BASE_HTML, encoding="utf-8")
    (templates / "article.html").write_text(ARTICLE_HTML, encoding="utf-8")
    static = workdir / "theme" / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "site.css").write_text("body { font-family: sans-serif; max-width: 40rem; margin: auto; }\n", encoding="utf-8")
    nothing = ""
    return read_settings(
        None,
        override={
            "PATH": str(articles),
            "OUTPUT_PATH": str(workdir / "output"),
            "THEME": str(workdir / "theme"),
            "SITENAME": "Base Pelican",
            "SITEURL": "",
            "TIMEZONE": "Europe/Paris",
            "DEFAULT_LANG": "fr",
            "LOCALE": ("C",),
            "PLUGINS": [],
            "PAGE_PATHS": [],
            "STATIC_PATHS": [],
            "DIRECT_TEMPLATES": [],
            "ARTICLE_URL": "{slug}/",
            "ARTICLE_SAVE_AS": "{slug}/index.html",
            "ARCHIVES_SAVE_AS": nothing,
            "AUTHORS_SAVE_AS": nothing,
            "CATEGORIES_SAVE_AS": nothing,
            "TAGS_SAVE_AS": nothing,
            "INDEX_SAVE_AS": nothing,
            "AUTHOR_SAVE_AS": nothing,
            "CATEGORY_SAVE_AS": nothing,
            "TAG_SAVE_AS": nothing,
            "FEED_ALL_ATOM": None,
            "FEED_ALL_RSS": None,
            "CATEGORY_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "TRANSLATION_FEED_ATOM": None,
            "DELETE_OUTPUT_DIRECTORY": True,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_CONTENT": False,
        },
    )


def run(settings: dict) -> int:
    """Pelican(settings).run(); the number of HTML pages written."""
    from pelican import Pelican
    from pelican.log import console

    logging.getLogger("pelican").setLevel(logging.WARNING)
    console.quiet = True
    Pelican(settings).run()
    return sum(1 for _ in Path(settings["OUTPUT_PATH"]).rglob("*.html"))


def _split(text: str) -> tuple[dict[str, str], str]:
    """The top-level scalar fields of the front matter we need, and the body."""
    _, front, body = text.split("---\n", 2)
    fields = {}
    for line in front.splitlines():
        key, sep, value = line.partition(": ")
        if sep and not line.startswith(" ") and key in ("titre", "nom", "date_verification"):
            fields[key] = value.strip().strip('"').replace('\\"', '"')
    return fields, body
