"""The project's own settings, read once from Pelican's settings (`pelicanconf.py`).

Modules take a `SiteConfig` rather than Pelican's dictionary: the names of the settings are
written here only, and the exports never depend on Pelican.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Pelican setting through which `site.build.build()` hands the validated corpus to the generator.
CORPUS_SETTING = "TERRITOIRES_CORPUS"


@dataclass(frozen=True)
class SiteConfig:
    name: str  # SITENAME
    description: str  # SITE_DESCRIPTION
    base_url: str  # SITEURL: prefix of every link, "" at the domain root
    public_url: str  # SITE_PUBLIC_URL: absolute address, for the sitemap, the feed, the exports
    repository_url: str  # REPOSITORY_URL: where contributors edit and report
    repository_branch: str  # REPOSITORY_BRANCH
    listing_page_size: int = 60  # LISTING_PAGE_SIZE
    editor_auth_base_url: str = ""  # EDITOR_AUTH_BASE_URL: the form editor's GitHub sign-in service
    map_tiles: dict = field(default_factory=dict)  # MAP_TILES

    @classmethod
    def from_settings(cls, settings: dict) -> SiteConfig:
        return cls(
            name=settings["SITENAME"],
            description=settings["SITE_DESCRIPTION"],
            base_url=settings["SITEURL"],
            public_url=settings["SITE_PUBLIC_URL"],
            repository_url=settings["REPOSITORY_URL"],
            repository_branch=settings["REPOSITORY_BRANCH"],
            listing_page_size=settings.get("LISTING_PAGE_SIZE", 60),
            map_tiles=settings.get("MAP_TILES", {}),
            editor_auth_base_url=settings.get("EDITOR_AUTH_BASE_URL", ""),
        )
