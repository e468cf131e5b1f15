"""Monthly upkeep: broken links and records not verified for a year."""

from __future__ import annotations

import datetime as dt

from tests.conftest import ACTOR, minimal_tree, write

TODAY = dt.date(2026, 11, 21)


def test_link_check_and_freshness(tmp_path):
    import http.server
    import threading

    from territoires.maintenance import broken_links, freshness_report, stale_records
    from territoires.validation import validated_corpus

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    actor = ACTOR.replace("offres:", f"site_web: http://127.0.0.1:{port}/ok\noffres:").replace("2026-01-15", "2024-06-01")
    other = ACTOR.replace("offres:", f"site_web: http://127.0.0.1:{port}/disparu\noffres:")
    files = minimal_tree() | {"actors/association-exemple.md": actor, "actors/autre.md": other}
    # The sources of the test records point at the local server too: no request leaves this machine.
    files = {name: text.replace("https://exemple.fr/", f"http://127.0.0.1:{port}/ok#") for name, text in files.items()}
    content = write(tmp_path, files)
    corpus = validated_corpus(content, project_root=tmp_path, today=TODAY)
    try:
        broken = broken_links(corpus, timeout=5)
    finally:
        server.shutdown()
    assert [(b.url, b.reason) for b in broken] == [(f"http://127.0.0.1:{port}/disparu", "erreur 404")]
    stale = stale_records(corpus, TODAY)
    assert [r.id for r in stale] == ["association-exemple"]
    assert "| `content/actors/association-exemple.md` | 2024-06-01 |" in freshness_report(stale, TODAY)
