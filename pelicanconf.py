"""Pelican settings for Territoires en commun (settings only: the code lives in `territoires/`)."""

SITENAME = "Territoires en commun"
SITE_DESCRIPTION = (
    "Trouver qui peut aider votre collectivité à associer ses habitants, ce que d'autres territoires"
    " ont fait et comment s'y prendre."
)
# Base URL of the site, without a trailing slash. Empty: links start at the domain root ("/acteurs/").
# For a sub-path (a GitHub Pages project site): python build.py build --siteurl /territoires-en-commun
SITEURL = ""
# Public address of the site, used where an absolute URL is required (sitemap, feed, JSON-LD).
SITE_PUBLIC_URL = "https://territoires-en-commun.github.io/territoires-en-commun"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["."]
PLUGINS = ["territoires.site.plugin"]

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("C",)

# Records and editorial pages are read by our own generator, not as Pelican articles or pages.
ARTICLE_PATHS = []
PAGE_PATHS = []
# Pictures are not copied as they are: territoires/images.py re-encodes them (no metadata, no SVG).
STATIC_PATHS = []
DIRECT_TEMPLATES = []
TEMPLATE_PAGES = {}
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = INDEX_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# Listings show this many records per page; the next ones are at <listing>/page/<n>/.
LISTING_PAGE_SIZE = 60

# Where contributors edit and report: the repository on GitHub.
REPOSITORY_URL = "https://github.com/territoires-en-commun/territoires-en-commun"
REPOSITORY_BRANCH = "main"

# The form editor (/admin/) signs partners in with GitHub: that needs an OAuth application and a
# small authentication service (see the README). Its address, empty until one is deployed: the
# editor then works only locally (`make serve`), and the site builds the same.
EDITOR_AUTH_BASE_URL = ""

# Background of the map (/carte/): any XYZ tile server, with its attribution. The map still shows
# its markers and its list when the tiles cannot load.
MAP_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": "© les contributeurs d'OpenStreetMap",
    "attribution_url": "https://www.openstreetmap.org/copyright",
    "max_zoom": 18,
}
