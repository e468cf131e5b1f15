"""`python -m bench [--sizes real,350,1000,3000,10000] [--quick] [--profile]`: every benchmark, one table.

For each size ("real" is the project's own `content/`, copied): generate a corpus in a temporary folder, validate it (it must be valid), time the
validation, the bare Pelican baseline, the build and the rebuild in child processes, measure the
output and the search in node, then serve the output on localhost and measure pages in chromium.
Results go to stdout, bench/out/results.md and bench/out/results.json, after each size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import quote

from territoires.paths import PROJECT_ROOT
from territoires.site.serve import start_server

from . import browser, report, search
from .corpus import SEED, copy_real, generate
from .measure import run_child

OUT = PROJECT_ROOT / "bench" / "out"
DEFAULT_SIZES = ("real", "350", "1000", "3000", "10000")
REAL = 0  # the key of the project's own corpus in the results
OPEN_QUERY = "budget participatif"
TYPED_AFTER, TYPED = "concertation", " budget partic"  # 14 keystrokes once the index is loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(DEFAULT_SIZES), help="record counts, e.g. real,350,3000 (real: content/)")
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 350 only")
    parser.add_argument("--profile", action="store_true", help="also profile one build per size (bench/out/profile-N.txt)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    sizes = [350] if args.quick else [REAL if s.strip() == "real" else int(s) for s in args.sizes.split(",") if s.strip()]

    info = report.machine()
    results: dict[int, dict] = {}
    started = time.perf_counter()
    for n in sizes:
        print(f"— {report.column(n)} …", file=sys.stderr, flush=True)
        results[n] = _one_size(n, args, info)
        report.write(OUT, info, results)
    print(report.write(OUT, info, results))
    print(f"({time.perf_counter() - started:.0f} s in all; written to {OUT.relative_to(PROJECT_ROOT)}/)", file=sys.stderr)
    return 0


def _one_size(n: int, args, info: dict) -> dict:
    result: dict = {"notes": []}
    cpu_before, wall_before, code_before = _cpu_seconds(), time.perf_counter(), _code_state()
    folder = Path(tempfile.mkdtemp(prefix=f"bench-{n}-"))
    try:
        content, output = folder / "content", folder / "output"
        began = time.perf_counter()
        if n == REAL:
            generated = copy_real(PROJECT_ROOT / "content", content)
        else:
            generated = generate(content, n, args.seed)
            result["generate_s"] = time.perf_counter() - began
        result["records"] = {kind: len(ids) for kind, ids in generated.ids.items()}

        # A corpus that does not validate makes every other figure meaningless: stop there.
        result["validate"] = run_child("validate", content=str(content))
        _step(result, "bare", lambda: run_child("bare", content=str(content), workdir=str(folder / "bare")))
        shutil.rmtree(folder / "bare", ignore_errors=True)
        edited = generated.path("experience", generated.ids["experience"][0])
        if not _step(result, "build", lambda: run_child("build", content=str(content), output=str(output), edit=str(edited))):
            return result
        if "bare" in result:
            result["build_over_bare"] = result["build"]["build_s"] / result["bare"]["build_s"]
            result["build_over_bare_cpu"] = result["build"]["build_cpu_s"] / result["bare"]["build_cpu_s"]

        _step(result, "output", lambda: search.output_size(output))
        _step(result, "search_payload", lambda: search.payload_sizes(output))
        _step(result, "communes", lambda: search.commune_pieces(output))
        _step(result, "node", lambda: search.node_latency(output))
        _browser(result, output, generated.ids["actor"][0], info)
        if args.profile:
            report_path = OUT / f"profile-{n}.txt"
            OUT.mkdir(parents=True, exist_ok=True)
            _step(
                result,
                "profile",
                lambda: run_child("profile", content=str(content), output=str(folder / "profiled"), report=str(report_path)),
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _interference(result, cpu_before, wall_before)
        changed = sorted(name for name, stamp in _code_state().items() ^ code_before.items())
        if changed:
            result["notes"].append(
                f"the site's code changed while this size ran, so its figures may mix versions: {', '.join(sorted(set(changed)))}"
            )
    return result


def _code_state() -> dict[str, int]:
    """Modification time of every file the build and the pages depend on (code, theme, data, settings)."""
    roots = [PROJECT_ROOT / name for name in ("territoires", "theme", "data", "pelicanconf.py")]
    files = [p for root in roots for p in ([root] if root.is_file() else root.rglob("*")) if p.is_file()]
    return {str(p.relative_to(PROJECT_ROOT)): p.stat().st_mtime_ns for p in files if "__pycache__" not in p.parts}


def _cpu_seconds() -> tuple[float, dict[tuple[int, int], float]]:
    """What the rest of the machine is doing: (CPU seconds the hypervisor gave to other machines,
    {(pid, start time): CPU seconds} of every process that is not this one or one of its descendants).

    Descendants (build workers, node, chromium and its renderers) are found through their parent
    process ids, so that the browser's own processes are not counted as interference. A process
    that starts and ends between two readings is missed: the figure is a lower bound.
    """
    tick = os.sysconf("SC_CLK_TCK")
    steal = int(Path("/proc/stat").read_text(encoding="utf-8").splitlines()[0].split()[8]) / tick
    processes: dict[int, tuple[int, int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8")
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        parent, user, system, started = int(fields[1]), int(fields[11]), int(fields[12]), int(fields[18])
        processes[int(entry.name)] = (parent, started, (user + system) / tick)
    ours = {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, (parent, _, _) in processes.items():
            if parent in ours and pid not in ours:
                ours.add(pid)
                grew = True
    return steal, {(pid, started): cpu for pid, (_, started, cpu) in processes.items() if pid not in ours}


def _interference(result: dict, before: tuple[float, dict], wall_before: float) -> None:
    """The machine is shared: report the CPU that other processes (and other virtual machines) used
    while this size ran."""
    steal, after = _cpu_seconds()
    wall = time.perf_counter() - wall_before
    others = (steal - before[0]) + sum(cpu - before[1].get(key, 0.0) for key, cpu in after.items())
    result["wall_s"] = wall
    result["other_processes_cpu_s"] = others
    if others / wall > 0.1:
        result["notes"].append(
            f"other processes used {others:.0f} CPU-seconds during the {wall:.0f} s of this size"
            f" (≈ {others / wall:.1f} of {os.cpu_count()} cores on average): figures may be slower than on an idle machine"
        )


def _browser(result: dict, output: Path, actor: str, info: dict) -> None:
    server = start_server(output, "127.0.0.1", 0)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    figures: dict = {}
    result["browser"] = figures
    try:
        with browser.chromium() as chromium:
            info["chromium"] = chromium.version
            _step(figures, "throttle_factor", lambda: browser.throttle_factor(chromium, base), result["notes"])
            if _step(figures, "open", lambda: browser.open_search(chromium, base, output, OPEN_QUERY), result["notes"]):
                seconds = figures["open"]["before_first_result_gzip_bytes"] * 8 / 10e6
                figures["open"]["download_10mbit"] = f"{seconds:.2f} s"
            _step(
                figures,
                "open_throttled",
                lambda: browser.open_search(chromium, base, output, OPEN_QUERY, throttle=4),
                result["notes"],
            )
            _step(figures, "keys", lambda: browser.keystrokes(chromium, base, TYPED_AFTER, TYPED, throttle=4), result["notes"])
            actor_url = f"/acteurs/{actor}/"
            flows = {
                "home": ("/", None),
                "actor": (actor_url, None),
                "home_search": ("/", OPEN_QUERY),
                "actor_search": (actor_url, OPEN_QUERY),
                # Until the network is idle: the facet table and the rest come after the first result.
                "search_direct": (f"/recherche/?q={quote(OPEN_QUERY)}", None),
            }
            for name, (start, query) in flows.items():
                _step(figures, name, lambda s=start, q=query: browser.transfer(chromium, base, output, s, q), result["notes"])
    finally:
        server.shutdown()
        server.server_close()


def _step(target: dict, name: str, measure, notes: list | None = None) -> bool:
    """Run one measure; a failure is written in the notes (and the table shows n/a), not hidden."""
    notes = target["notes"] if notes is None else notes
    began = time.perf_counter()
    try:
        target[name] = measure()
        return True
    except Exception as exc:  # noqa: BLE001 - any failure becomes a note in the report
        notes.append(f"{name} failed after {time.perf_counter() - began:.0f} s: {type(exc).__name__}: {str(exc).strip()[:500]}")
        traceback.print_exc(file=sys.stderr)
        return False


if __name__ == "__main__":
    sys.exit(main())
