"""Browser tests: the built site served on localhost, opened in Debian's chromium by Playwright."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM, CHROMIUM_FLAGS
from territoires.paths import NODE_MODULES
from territoires.site.serve import start_server
from tests.helpers import free_port


@pytest.fixture(scope="session")
def site_url(built_site):
    output, _ = built_site
    server = start_server(output, "127.0.0.1", free_port())
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    # Tile servers and any other host are unreachable here: fail them fast, like a visitor offline.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            page.errors.append(message.text) if message.type == "error" and "net::ERR_FAILED" not in message.text else None
        ),
    )
    yield page
    context.close()


AXE_SOURCE = (NODE_MODULES / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, within: str | None = None) -> list[str]:
    """Run axe-core in the page, or in the part `within` selects (WCAG 2.1 A and AA rules); one line
    per violation and node."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async (within) => {
            const r = await axe.run(within ? {include: [within]} : document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}));
        }""",
        within,
    )
    return [f"{v['id']}: {node}" for v in result for node in v["nodes"]]


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
