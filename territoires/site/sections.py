"""Browse pages that need no JavaScript: themes (/thematiques/…) and territories (/territoires/…).

They are also where the search, the parcours and the map send visitors who have no JavaScript.
"""

from __future__ import annotations

from collections import defaultdict

from .. import vocabularies
from ..corpus import Corpus
from ..matching import reach
from ..places import experience_department
from .output import OutputPage, crumbs
from .views import accompanied_in

# Sections of a department page, in the order shown, and their headings.
DEPARTMENT_GROUPS = (
    ("departement", "Dans tout le département"),
    ("local", "Sur une partie du département"),
    ("region", "Dans toute la région"),
    ("national", "Dans toute la France"),
)


def theme_pages(corpus: Corpus) -> list[OutputPage]:
    themes = vocabularies.get("thematiques")
    by_theme: dict[str, dict[str, list]] = {t.id: {"actor": [], "experience": [], "guide": []} for t in themes}
    for record in corpus.records:
        if record.archived:
            continue
        for theme in record.data.thematiques:
            by_theme[theme][record.kind].append(record)
    pages = [
        OutputPage(
            "thematiques/index.html",
            "themes",
            {
                "themes": [(t, sum(len(v) for v in by_theme[t.id].values())) for t in themes],
                "page_title": "Thématiques",
                "page_description": "Les acteurs, retours d'expérience et guides de chaque thématique de l'action publique.",
                "section": "thematiques",
                "breadcrumbs": crumbs(),
            },
        )
    ]
    for term in themes:
        records = by_theme[term.id]
        if not any(records.values()):
            continue
        pages.append(
            OutputPage(
                f"thematiques/{term.id}/index.html",
                "theme",
                {
                    "term": term,
                    "groups": records,
                    "page_title": term.label,
                    "page_description": f"{term.description} Acteurs, retours d'expérience et guides.",
                    "section": "thematiques",
                    "breadcrumbs": crumbs(("Thématiques", "thematiques/")),
                },
            )
        )
    return pages


def territory_pages(corpus: Corpus) -> list[OutputPage]:
    ref = corpus.territories
    reaches = {record.id: reach(record, ref) for record in corpus.active("actor")}
    experiences_by_department: dict[str, list] = defaultdict(list)
    for record in corpus.active("experience"):
        department = experience_department(record, corpus.territories)
        if department:
            experiences_by_department[department].append(record)

    departments_by_region: dict[str, list] = defaultdict(list)
    for department in ref.departments.values():
        departments_by_region[department.region].append(department)

    pages = [
        OutputPage(
            "territoires/index.html",
            "territories",
            {
                "regions": [(region, departments_by_region[region.code]) for region in ref.regions.values()],
                "experience_counts": {code: len(items) for code, items in experiences_by_department.items()},
                "page_title": "Territoires",
                "page_description": "Les acteurs et les retours d'expérience de chaque région et de chaque département.",
                "section": "territoires",
                "breadcrumbs": crumbs(),
            },
        )
    ]
    for region in ref.regions.values():
        departments = departments_by_region[region.code]
        codes = {d.code for d in departments}
        actors = {"region": [], "departement": [], "national": []}
        for actor_id, r in reaches.items():
            if region.code in r.regions:
                actors["region"].append(corpus.actors[actor_id])
            elif r.worked_departments & codes:
                actors["departement"].append(corpus.actors[actor_id])
            elif r.national:
                actors["national"].append(corpus.actors[actor_id])
        pages.append(
            OutputPage(
                f"territoires/regions/{region.code}/index.html",
                "region",
                {
                    "region": region,
                    "departments": departments,
                    "actor_groups": [
                        ("Dans toute la région", actors["region"]),
                        ("Dans une partie de la région", actors["departement"]),
                        ("Dans toute la France", actors["national"]),
                    ],
                    "experiences": [e for code in sorted(codes) for e in experiences_by_department[code]],
                    "accompanied": accompanied_in(corpus, codes),
                    "page_title": region.name,
                    "page_description": f"Acteurs de la participation citoyenne et retours d'expérience {region.locative}.",
                    "section": "territoires",
                    "breadcrumbs": crumbs(("Territoires", "territoires/")),
                },
            )
        )
    for department in ref.departments.values():
        groups = {level: [] for level, _ in DEPARTMENT_GROUPS}
        for actor_id, r in reaches.items():
            level = r.level_in_department(department.code, ref)
            if level:
                groups[level].append(corpus.actors[actor_id])
        region = ref.regions[department.region]
        pages.append(
            OutputPage(
                f"territoires/{department.code}/index.html",
                "department",
                {
                    "department": department,
                    "region": region,
                    "actor_groups": [(title, groups[level]) for level, title in DEPARTMENT_GROUPS],
                    "experiences": experiences_by_department[department.code],
                    "accompanied": accompanied_in(corpus, {department.code}),
                    "page_title": f"{department.name} ({department.code})",
                    "page_description": f"Acteurs de la participation citoyenne et retours d'expérience {department.locative}.",
                    "section": "territoires",
                    "breadcrumbs": crumbs(("Territoires", "territoires/"), (region.name, f"territoires/regions/{region.code}/")),
                },
            )
        )
    return pages
