"""The results table (Markdown, printed and written to bench/out/) and the machine it ran on."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from pathlib import Path

KB = 1024
MB = 1024 * 1024


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8")
    total_kb = int(next(line.split()[1] for line in meminfo.splitlines() if line.startswith("MemTotal")))
    return {
        "cpu": model,
        "cpus": os.cpu_count(),
        "ram_gb": round(total_kb / MB, 1),
        "python": platform.python_version(),
        "node": _version(["node", "--version"]),
        "chromium": None,  # filled in from the browser itself (the Debian wrapper script is noisy)
        "os": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _version(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "?"


def _get(data: dict, path: str):
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _s(value) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def _ms(value) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


def _kb(value) -> str:
    return f"{value / KB:.1f} kB" if value < 100 * KB else f"{value / KB:.0f} kB" if value < 10 * MB else f"{value / MB:.1f} MB"


def _mb(value) -> str:
    return f"{value:.0f} MB"


def _n(value) -> str:
    return f"{value:,}".replace(",", " ")


def _ratio(value) -> str:
    return f"× {value:.1f}"


# (label, formatter, paths): a row shows the values at `paths`, joined by " / ".
ROWS = [
    ("Records (actors / experiences / guides)", _n, ["records.actor", "records.experience", "records.guide"]),
    ("Corpus generation", _s, ["generate_s"]),
    (
        "Validate (`build.py validate`: every check, no corpus kept), wall: first run / best of 3 / median",
        _s,
        ["validate.first_s", "validate.best_s", "validate.median_s"],
    ),
    ("Validate, CPU time of all its processes (best of 3)", _s, ["validate.best_cpu_s"]),
    ("Validate: peak RSS, main process / largest worker", _mb, ["validate.peak_rss_mb", "validate.peak_rss_child_mb"]),
    ("Full build, wall / CPU (fresh process, validation included)", _s, ["build.build_s", "build.build_cpu_s"]),
    ("Full build: peak RSS", _mb, ["build.peak_rss_build_mb"]),
    ("Bare Pelican, same N Markdown pages, wall / CPU", _s, ["bare.build_s", "bare.build_cpu_s"]),
    ("Bare Pelican: peak RSS", _mb, ["bare.peak_rss_mb"]),
    ("Build / bare Pelican, wall / CPU", _ratio, ["build_over_bare", "build_over_bare_cpu"]),
    ("Rebuild after editing one record (`make serve` loop), wall / CPU", _s, ["build.rebuild_s", "build.rebuild_cpu_s"]),
    ("Build + rebuild: peak RSS, main process / largest child", _mb, ["build.peak_rss_mb", "build.peak_rss_child_mb"]),
    ("Output: size on disk", _kb, ["output.bytes"]),
    ("Output: files / HTML pages", _n, ["output.files", "output.html_files"]),
    ("Largest HTML page: raw / gzip", _kb, ["output.largest_html_bytes", "output.largest_html_gzip_bytes"]),
    ("… which page", str, ["output.largest_html"]),
    ("Parcours data `parcours/fiches.json` (fetched by every parcours), gzip", _kb, ["output.parcours_fiches_gzip_bytes"]),
    ("Search data on disk `recherche/*.json`: files", _n, ["search_payload.data_files"]),
    ("… all of it, raw / gzip", _kb, ["search_payload.data_raw_bytes", "search_payload.data_gzip_bytes"]),
    ("Search code (lunr, lunr-languages, search JS modules), gzip", _kb, ["search_payload.code_gzip_bytes"]),
    ("One-file index: index.json + search code, gzip", _kb, ["search_payload.one_file_first_result_gzip_bytes"]),
    (
        "Chromium: downloaded before the first result of /recherche/?q=… (page, CSS, code, data), gzip",
        _kb,
        ["browser.open.before_first_result_gzip_bytes"],
    ),
    (
        "… requests / its download at 10 Mbit/s",
        str,
        ["browser.open.before_first_result_requests", "browser.open.download_10mbit"],
    ),
    (
        "Node: search data read per query, empty cache, gzip: median / p95 / max",
        _kb,
        ["node.loaded_gzip_bytes.median", "node.loaded_gzip_bytes.p95", "node.loaded_gzip_bytes.max"],
    ),
    ("Node: query latency, empty cache (pieces read and parsed): median / p95", _ms, ["node.cold.median", "node.cold.p95"]),
    ("Node: one-file index JSON.parse / lunr Index.load", _ms, ["node.parse_ms", "node.index_load_ms"]),
    ("Node: query latency, warm: median / p95 (111 queries × 5)", _ms, ["node.warm.median", "node.warm.p95"]),
    ("Chromium: open /recherche/?q=… → results painted", _ms, ["browser.open.painted_ms"]),
    ("… last search data file received at", _ms, ["browser.open.search_data_received_ms"]),
    (
        "Chromium: same, CPU throttled (4×) / data received at",
        _ms,
        ["browser.open_throttled.painted_ms", "browser.open_throttled.search_data_received_ms"],
    ),
    ("Chromium: keystroke → results painted, 4× (median / max)", _ms, ["browser.keys.median_ms", "browser.keys.max_ms"]),
    ("Commune pieces `parcours/communes/*.json`: count", _n, ["communes.count"]),
    ("Commune pieces: median / max gzip", _kb, ["communes.median_gzip_bytes", "communes.max_gzip_bytes"]),
    ("Transfer, home page (gzip, all same-origin files)", _kb, ["browser.home.gzip_bytes"]),
    ("Transfer, actor page", _kb, ["browser.actor.gzip_bytes"]),
    ("Transfer, home page + header search submitted (until the network is idle)", _kb, ["browser.home_search.gzip_bytes"]),
    ("Transfer, actor page + header search submitted", _kb, ["browser.actor_search.gzip_bytes"]),
    ("Transfer, /recherche/?q=… opened directly (until the network is idle)", _kb, ["browser.search_direct.gzip_bytes"]),
    (
        "Requests: home / actor / home + search / /recherche/?q=…",
        _n,
        ["browser.home.requests", "browser.actor.requests", "browser.home_search.requests", "browser.search_direct.requests"],
    ),
    ("Measured CPU slowdown under 4× throttling", _ratio, ["browser.throttle_factor"]),
]


def column(n: int) -> str:
    """A column's name: 0 is the project's own corpus (bench/__main__.py REAL)."""
    return "content/ (real)" if n == 0 else f"N = {_n(n)}"


def table(results: dict[int, dict]) -> str:
    sizes = sorted(results)
    lines = [
        "| measure | " + " | ".join(column(n) for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for label, fmt, paths in ROWS:
        if all(_get(results[n], p) is None for n in sizes for p in paths):
            continue  # a figure of another index layout, or one never measured
        cells = []
        for n in sizes:
            values = [_get(results[n], p) for p in paths]
            cells.append(" / ".join("n/a" if v is None else fmt(v) for v in values))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(info: dict, results: dict[int, dict]) -> str:
    notes = [f"- {column(n)}: {note}" for n in sorted(results) for note in results[n].get("notes", [])]
    return "\n".join(
        [
            "# Territoires en commun — benchmarks",
            "",
            f"{info['date']} · {info['cpu']} × {info['cpus']} · {info['ram_gb']} GB RAM · Python {info['python']}"
            f" · Node {info['node']} · Chromium {info['chromium']} · {info['os']}",
            "",
            table(results),
            "",
            "Times are wall-clock, on this machine, in the same run. Peak RSS is `ru_maxrss` of the process"
            " that did the work (interpreter and imports included). The full build validates first, as"
            " `python build.py build` does. Build and bare Pelican each run in a fresh"
            " child process; the rebuild is the second build in the build's process, after appending a sentence"
            " to one experience. CPU time (`getrusage`) adds up the work process and the processes it started"
            " (validation forks one reader per core from 1 500 files), and is less disturbed than wall-clock time by"
            " other processes on a shared machine. Browser figures are medians of fresh contexts (empty cache) against a local"
            " server (no network delay); “painted” is the animation frame after the DOM change; “downloaded before the first result” counts the"
            " same-origin files (the page included) received before the first result was in the DOM, each gzipped -9. The keystroke"
            " figure runs from the key press to the frame painted after the result list changed; the page searches on every keystroke.",
            "",
            "## Notes",
            "",
            *(notes or ["- none: every measure ran at every size."]),
            "",
        ]
    )


def write(folder: Path, info: dict, results: dict[int, dict]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    text = markdown(info, results)
    (folder / "results.md").write_text(text, encoding="utf-8")
    data = {"machine": info, "results": {str(n): results[n] for n in sorted(results)}}
    (folder / "results.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return text
