"""Page figures measured in headless chromium (Debian's, driven by Playwright) on a local server.

Times come from the page's own clock (`performance.now()`, whose origin is the start of the
navigation). "Painted" is the first animation frame after the DOM change, plus one task: the
moment the browser has had the chance to paint it. The server is on localhost, so there is no
network delay: the figures are CPU (parsing, index loading, rendering), not download.
"""

from __future__ import annotations

import statistics
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import sync_playwright

from .search import gzipped_size

CHROMIUM = "/usr/bin/chromium"
# Debian's chromium, as the browser tests run it too: no background traffic on this offline machine.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 300_000

# Installed before any page script: records when the first result is in the DOM, then painted.
_FIRST_RESULT = """
(() => {
  const observer = new MutationObserver(() => {
    if (window.__benchDom === undefined && document.querySelector('#results .result')) {
      window.__benchDom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__benchPainted = performance.now(); }, 0));
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"""
# Installed once the index is loaded: keydown time, then the first change of the result list.
_KEYSTROKES = """
() => {
  window.__benchKeys = [];
  window.__benchPending = false;
  document.addEventListener('keydown', (event) => { window.__benchKeyAt = event.timeStamp; }, true);
  new MutationObserver(() => {
    if (!window.__benchPending) return;
    window.__benchPending = false;
    const start = window.__benchKeyAt, dom = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      window.__benchKeys.push({ dom: dom - start, painted: performance.now() - start });
    }, 0));
  }).observe(document.getElementById('results'), { childList: true });
}
"""
# Same-origin resources received before the first result was in the DOM: [url, responseEnd].
_BEFORE_FIRST_RESULT = """
() => performance.getEntriesByType('resource')
  .filter((e) => e.name.startsWith(location.origin) && e.responseEnd <= window.__benchDom)
  .map((e) => [e.name, e.responseEnd])
"""
_BUSY_LOOP = (
    "() => { const t = performance.now(); let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; return performance.now() - t; }"
)


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def _page(browser, throttle: float = 1):
    """A fresh context (empty cache) and page; other hosts fail fast, as in the browser tests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    if throttle != 1:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    try:
        yield page
    finally:
        context.close()


def throttle_factor(browser, base: str, rate: float = 4) -> float:
    """How much slower a fixed JavaScript loop (≈ 0.3 s) runs under the CPU throttling.

    Checks that the throttling applies. Chromium throttles by time slices: a task of a few tens
    of milliseconds is slowed less than `rate`, a long one about `rate` times.
    """
    times = []
    for throttle in (1, rate):
        with _page(browser, throttle) as page:
            page.goto(base + "/404.html")
            page.evaluate(_BUSY_LOOP)  # warm-up: the first run is not yet compiled
            times.append(statistics.median(page.evaluate(_BUSY_LOOP) for _ in range(3)))
    return times[1] / times[0]


def open_search(browser, base: str, output: Path, query: str, throttle: float = 1, runs: int = 5) -> dict:
    """Opening /recherche/?q=…: milliseconds from navigation start to the first result painted;
    when the last search data file (under /recherche/) needed for it was received; and what was
    downloaded before it (the page, CSS, scripts, data: count, gzipped bytes)."""
    painted, dom, selector, data = [], [], [], []
    for _ in range(runs):
        with _page(browser, throttle) as page:
            page.add_init_script(_FIRST_RESULT)
            page.goto(f"{base}/recherche/?q={quote(query)}", wait_until="commit")
            page.wait_for_selector("#results .result")
            selector.append(page.evaluate("performance.now()"))
            page.wait_for_function("() => window.__benchPainted !== undefined")
            dom.append(page.evaluate("window.__benchDom"))
            painted.append(page.evaluate("window.__benchPainted"))
            before = [*page.evaluate(_BEFORE_FIRST_RESULT), [page.url, 0]]
            data.append(max(end for url, end in before if "/recherche/" in urlsplit(url).path and url != page.url))
    files = {urlsplit(url).path: gzipped_size(_served(output, url, 200)) for url, _ in before}
    return {
        "painted_ms": statistics.median(painted),
        "dom_ms": statistics.median(dom),
        "wait_for_selector_ms": statistics.median(selector),
        "search_data_received_ms": statistics.median(data),
        "before_first_result_gzip_bytes": sum(files.values()),
        "before_first_result_requests": len(files),
        "before_first_result_files": files,
        "runs": runs,
    }


def keystrokes(browser, base: str, start: str, typed: str, throttle: float = 4) -> dict:
    """Typing `typed` after `start` once the index is loaded: ms from keydown to results painted."""
    with _page(browser, throttle) as page:
        page.add_init_script(_FIRST_RESULT)
        page.goto(f"{base}/recherche/?q={quote(start)}", wait_until="commit")
        page.wait_for_function("() => window.__benchPainted !== undefined")
        # The page re-renders once more when the facet table arrives: let that happen first.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        page.evaluate(_KEYSTROKES)
        page.focus("#q")
        page.keyboard.press("End")
        for number, char in enumerate(typed, start=1):
            page.evaluate("window.__benchPending = true")
            page.keyboard.press("Space" if char == " " else char)
            page.wait_for_function(f"() => window.__benchKeys.length >= {number}")
            page.wait_for_timeout(100)
        samples = page.evaluate("window.__benchKeys")
    painted = sorted(s["painted"] for s in samples)
    return {
        "median_ms": statistics.median(painted),
        "max_ms": painted[-1],
        "dom_median_ms": statistics.median(s["dom"] for s in samples),
        "keystrokes": len(samples),
    }


def transfer(browser, base: str, output: Path, start: str, search: str | None = None) -> dict:
    """Every same-origin resource fetched when opening `start` (then, if given, typing `search`
    in the header search box and submitting): count and gzipped bytes (each body gzipped -9).

    Each URL counts once: what a visitor downloads with an empty cache.
    """
    with _page(browser) as page:
        urls: dict[str, int] = {}
        page.on("response", lambda response: urls.setdefault(response.url, response.status))
        page.goto(base + start, wait_until="networkidle")
        if search:
            page.click("#recherche-entete")
            page.keyboard.type(search)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            page.wait_for_selector("#results .result")
            page.wait_for_load_state("networkidle")
        local = {url: status for url, status in urls.items() if url.startswith(base)}
    sizes = {url: gzipped_size(_served(output, url, status)) for url, status in local.items()}
    return {
        "gzip_bytes": sum(sizes.values()),
        "requests": len(sizes),
        "files": {urlsplit(url).path: size for url, size in sorted(sizes.items())},
    }


def _served(output: Path, url: str, status: int) -> bytes:
    """The bytes the local server sent for `url` (the output file, or the site's 404 page)."""
    path = urlsplit(url).path.lstrip("/")
    file = output / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    if status == 404 or not file.is_file():
        file = output / "404.html"
    return file.read_bytes()
