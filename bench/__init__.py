"""Benchmarks of the site build, the search and the pages, on synthetic corpora (`make bench`).

`python -m bench` generates corpora of 350, 3 000 and 10 000 records (`corpus.py`), measures
validation, builds and a bare Pelican baseline in child processes (`measure.py`), the search in
node (`search_latency.mjs`) and the pages in headless chromium (`browser.py`), then prints one
table and writes it to `bench/out/` (`report.py`). It reports figures; nothing here passes or fails.
"""
