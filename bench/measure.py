"""Timed work, each run in a child process of its own so that its peak memory is its own.

`python -m bench.measure <job> <json arguments>` prints one JSON object on its last line; the
parent (`run_child`) reads it. Peak memory is `ru_maxrss` (peak resident set size measured by the
kernel, interpreter and imports included), not tracemalloc: of the child's main process, and of
the largest process it started (validation reads large corpora with one forked worker per core).
Each time is given twice: wall-clock, and CPU time (`getrusage`: the child and the processes it
started), which other processes on a shared machine disturb much less.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from territoires.paths import PROJECT_ROOT


def run_child(job: str, timeout: float = 1800, **arguments) -> dict:
    """Run `job` in a fresh Python process and return what it measured."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.measure", job, json.dumps(arguments)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.measure {job} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class _Timer:
    """Wall-clock and CPU seconds of a `with` block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu_seconds()
        return self

    def __exit__(self, *exc_info):
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu_seconds() - self.cpu


def _cpu_seconds() -> float:
    """CPU time of this process and of the processes it started and waited for (pool workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _peak_child_rss_mb() -> float | None:
    """Peak RSS of the largest process started (and waited for) by this one, if any."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / 1024 if peak else None


# ---- jobs ------------------------------------------------------------------------------------------


def validate(content: str, repeat: int = 3) -> dict:
    """What `python build.py validate` does, `repeat` times in one process (checking only, no corpus
    assembled); the first run also loads the territory reference."""
    from territoires.validation import load_corpus

    runs = []
    for _ in range(repeat):
        with _Timer() as timer:
            _, problems = load_corpus(Path(content), keep=False)
        runs.append(timer)
        if problems.errors:
            errors = [p.format() for p in problems.items if p.severity == "error"]
            raise SystemExit("synthetic corpus invalid:\n" + "\n".join(errors[:20]))
    best = min(runs, key=lambda t: t.wall)
    return {
        "first_s": runs[0].wall,
        "median_s": statistics.median(t.wall for t in runs),
        "best_s": best.wall,
        "best_cpu_s": min(t.cpu for t in runs),
        "warnings": len(problems.items),
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_child_mb": _peak_child_rss_mb(),
    }


def build(content: str, output: str, edit: str) -> dict:
    """A full build, then the `make serve` loop: edit one record and rebuild in the same process."""
    from territoires.site.build import build as build_site
    from territoires.site.settings import load_settings

    settings = load_settings({"PATH": content, "OUTPUT_PATH": output})
    with _Timer() as first:
        result = build_site(settings)
    peak_first = _peak_rss_mb()
    path = Path(edit)
    path.write_text(path.read_text(encoding="utf-8") + "\nUne phrase ajoutée pour mesurer la reconstruction.\n", encoding="utf-8")
    # As `python build.py serve` does: pages are overwritten in place (territoires/site/serve.py).
    with _Timer() as second:
        build_site({**settings, "DELETE_OUTPUT_DIRECTORY": False})
    return {
        "build_s": first.wall,
        "build_cpu_s": first.cpu,
        "rebuild_s": second.wall,
        "rebuild_cpu_s": second.cpu,
        "html_pages": result.pages,
        "peak_rss_build_mb": peak_first,
        "peak_rss_mb": _peak_rss_mb(),
        "peak_rss_child_mb": _peak_child_rss_mb(),
    }


def bare(content: str, workdir: str) -> dict:
    """Bare Pelican: the same Markdown bodies as plain articles, with a two-template theme."""
    from .baseline import prepare, run

    settings = prepare(Path(content), Path(workdir))
    with _Timer() as timer:
        pages = run(settings)
    return {"build_s": timer.wall, "build_cpu_s": timer.cpu, "html_pages": pages, "peak_rss_mb": _peak_rss_mb()}


def profile(content: str, output: str, report: str, top: int = 30) -> dict:
    """One build under cProfile; the functions with the most cumulative and own time go to `report`."""
    import cProfile
    import io
    import pstats

    from territoires.site.build import build as build_site
    from territoires.site.settings import load_settings

    settings = load_settings({"PATH": content, "OUTPUT_PATH": output})
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(build_site, settings)
    elapsed = time.perf_counter() - started
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    Path(report).write_text(f"build under cProfile: {elapsed:.1f} s\n" + text.getvalue(), encoding="utf-8")
    return {"build_s": elapsed, "report": report}


JOBS = {"validate": validate, "build": build, "bare": bare, "profile": profile}

if __name__ == "__main__":
    job, arguments = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(JOBS[job](**arguments)))
