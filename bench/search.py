"""Search figures from the built output: what the browser downloads, and query latency in node."""

from __future__ import annotations

import gzip
import json
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from territoires.paths import PROJECT_ROOT

# The search code the page loads before its first result, besides search-page.js and the modules
# it imports (found by `_modules`): lunr and lunr-languages (search-page.js `load()`).
SEARCH_VENDOR = (
    "theme/vendor/lunr.min.js",
    "theme/vendor/lunr.stemmer.support.min.js",
    "theme/vendor/lunr.fr.min.js",
)
_IMPORT = re.compile(r"""^import\s[^'"]*['"](\./[\w.-]+\.js)['"]""", re.MULTILINE)

# A fixed set of queries as visitors type them: single words, plurals, missing accents, elisions,
# half-typed words (prefix matching), several words, place names, and words found nowhere.
QUERIES = [
    "budget participatif",
    "budgets participatifs",
    "budget",
    "budg",
    "participation",
    "participatif",
    "particip",
    "concertation",
    "concertation préalable",
    "concertation prealable",
    "consultation",
    "habitants",
    "habitant",
    "habit",
    "jeunes",
    "jeunesse",
    "conseil municipal des jeunes",
    "conseil",
    "conseil des sages",
    "élus",
    "elus",
    "formation des élus",
    "l'école",
    "école",
    "ecole",
    "cantine scolaire",
    "déchets",
    "dechets",
    "déchets ménagers",
    "ressourcerie",
    "eau",
    "ressource en eau",
    "éclairage public",
    "eclairage",
    "mobilité",
    "mobilités du quotidien",
    "plan de mobilité",
    "tiers-lieu",
    "tiers lieu",
    "tiers",
    "friche",
    "friche industrielle",
    "reconversion d'une friche",
    "centre-bourg",
    "centre bourg",
    "place du marché",
    "marché de producteurs",
    "jardin partagé",
    "jardins partagés",
    "épicerie solidaire",
    "solidarités",
    "maison de santé",
    "santé",
    "réfugiés",
    "accueil des réfugiés",
    "énergie",
    "centrale solaire citoyenne",
    "solaire",
    "rénovation énergétique",
    "logements",
    "convention citoyenne",
    "assemblée citoyenne",
    "panel tiré au sort",
    "tirage au sort",
    "tiré",
    "votation",
    "votation citoyenne",
    "charte de la participation",
    "appel à projets",
    "porte-à-porte",
    "cartographie collaborative",
    "questionnaire en ligne",
    "en ligne",
    "balades urbaines",
    "réunion publique",
    "réunions publiques",
    "ateliers participatifs",
    "atelier",
    "diagnostic partagé",
    "comité de suivi",
    "éducation populaire",
    "association",
    "réseau",
    "coopérative",
    "bureau d'études",
    "intercommunalité",
    "communauté de communes",
    "parc naturel régional",
    "médiathèque",
    "centre social",
    "Hérault",
    "Bretagne",
    "Occitanie",
    "Paris",
    "Montaud",
    "village",
    "petite commune rurale",
    "agriculteurs",
    "commerçants",
    "familles",
    "personnes âgées isolées",
    "quartiers prioritaires",
    "gouvernance",
    "démocratie",
    "démocratie locale",
    "évaluation",
    "restitution",
    "mobilisation",
    "xylophone",
    "kayak",
    "zzz",
]


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def payload_sizes(output: Path) -> dict:
    """The search on disk: its code (gzipped) and its data files under recherche/ (raw, gzipped).

    With a one-file index (recherche/index.json), the browser needs all of it before a first
    result: that sum is `one_file_first_result_gzip_bytes`. With an index in pieces, what a query
    needs depends on the query: see the browser and node figures.
    """
    code = [*SEARCH_VENDOR, *_modules(output, "theme/js/search-page.js")]
    code_gzip = sum(gzipped_size((output / name).read_bytes()) for name in code)
    data = sorted((output / "recherche").rglob("*.json"))
    sizes = {"code_files": sorted(code), "code_gzip_bytes": code_gzip, "data_files": len(data)}
    sizes["data_raw_bytes"] = sum(p.stat().st_size for p in data)
    sizes["data_gzip_bytes"] = sum(gzipped_size(p.read_bytes()) for p in data)
    one_file = output / "recherche" / "index.json"
    if one_file.exists():
        sizes["one_file_first_result_gzip_bytes"] = code_gzip + gzipped_size(one_file.read_bytes())
    return sizes


def _modules(output: Path, entry: str) -> list[str]:
    """`entry` and every module it imports, directly or not (static `import … from "./x.js"`)."""
    found, todo = [], [entry]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.append(name)
        source = (output / name).read_text(encoding="utf-8")
        todo += [str(Path(name).parent / target[2:]) for target in _IMPORT.findall(source)]
    return found


def commune_pieces(output: Path) -> dict:
    """The commune suggestion files of the parcours (parcours/communes/*.json), gzipped."""
    sizes = sorted(gzipped_size(p.read_bytes()) for p in (output / "parcours" / "communes").glob("*.json"))
    return {"count": len(sizes), "median_gzip_bytes": statistics.median(sizes), "max_gzip_bytes": sizes[-1]}


def output_size(output: Path) -> dict:
    """Bytes and files on disk; the largest HTML page; the parcours data every parcours fetches."""
    files = [p for p in output.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    largest = max(html, key=lambda p: p.stat().st_size)
    fiches = (output / "parcours" / "fiches.json").read_bytes()
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html_files": len(html),
        "largest_html": str(largest.parent.relative_to(output)) + "/",
        "largest_html_bytes": largest.stat().st_size,
        "largest_html_gzip_bytes": gzipped_size(largest.read_bytes()),
        "parcours_fiches_gzip_bytes": gzipped_size(fiches),
    }


def node_latency(output: Path, passes: int = 5) -> dict:
    """`QUERIES` run through the output's search-core.js in node (see search_latency.mjs)."""
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as folder:
        queries = Path(folder) / "queries.json"
        queries.write_text(json.dumps(QUERIES, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            ["node", str(PROJECT_ROOT / "bench" / "search_latency.mjs"), str(output), str(queries), str(passes)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"node search_latency.mjs failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)
