"""Monthly upkeep: external links that no longer answer, and records not verified for a year.

Both reports are Markdown, posted by the scheduled workflow in a single issue that it updates.
"""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .corpus import Corpus
from .loading import Record

STALE_AFTER = dt.timedelta(days=365)
USER_AGENT = "Territoires-en-commun-verification-des-liens/1.0"


@dataclass(frozen=True)
class BrokenLink:
    source: str  # the record file
    url: str
    reason: str  # in French


def record_links(record: Record) -> list[str]:
    data = record.data
    urls = []
    if record.kind == "actor":
        urls += [data.site_web, data.contact.formulaire if data.contact else None]
        urls += [source.url for source in data.sources]
    elif record.kind == "experience":
        urls += [data.site_web, data.provenance.url if data.provenance else None]
        urls += [source.url for source in data.sources]
        urls += [award.url for award in data.distinctions]
    else:
        urls.append(data.source)
    return [u for u in urls if u]


def _check(url: str, timeout: float) -> str | None:
    """None if the address answers, else why not (in French)."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"erreur {error.code}"
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"injoignable ({reason})"
    return "injoignable"


def broken_links(corpus: Corpus, timeout: float = 15, workers: int = 8) -> list[BrokenLink]:
    pairs = [(record.source, url) for record in corpus.records if not record.archived for url in record_links(record)]
    unique = sorted({url for _, url in pairs})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(unique, pool.map(lambda u: _check(u, timeout), unique), strict=True))
    return [BrokenLink(source, url, results[url]) for source, url in sorted(pairs) if results[url]]


def is_stale(record: Record, today: dt.date | None) -> bool:
    """Not verified for more than a year: its page says "à vérifier"."""
    return today is not None and record.data.reviewed < today - STALE_AFTER


def stale_records(corpus: Corpus, today: dt.date) -> list[Record]:
    return sorted(
        (r for r in corpus.records if not r.archived and is_stale(r, today)),
        key=lambda r: (r.data.reviewed, r.source),
    )


def links_report(broken: list[BrokenLink]) -> str:
    if not broken:
        return "## Liens externes\n\nTous les liens des fiches répondent.\n"
    lines = ["## Liens externes qui ne répondent plus", "", "| Fiche | Adresse | Problème |", "|---|---|---|"]
    lines += [f"| `{b.source}` | {b.url} | {b.reason} |" for b in broken]
    return "\n".join(lines) + "\n"


def freshness_report(stale: list[Record], today: dt.date) -> str:
    if not stale:
        return "## Fiches à vérifier\n\nToutes les fiches ont été vérifiées il y a moins d'un an.\n"
    lines = [
        "## Fiches à vérifier",
        "",
        f"Ces fiches n'ont pas été vérifiées depuis plus de 12 mois (au {today.isoformat()}). Leur page affiche"
        " « à vérifier ». Après vérification, mettez à jour `date_verification`.",
        "",
        "| Fiche | Dernière vérification |",
        "|---|---|",
    ]
    lines += [f"| `{r.source}` | {r.data.reviewed.isoformat()} |" for r in stale]
    return "\n".join(lines) + "\n"
