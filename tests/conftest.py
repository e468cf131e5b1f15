"""Shared test helpers: tiny content trees written on the fly, and the real project paths."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from territoires.paths import PROJECT_ROOT

TODAY = dt.date(2026, 11, 21)

ACTOR = """\
---
nom: Association exemple
type_structure: association
resume: Une association qui accompagne les communes rurales dans leurs démarches participatives.
thematiques: [vie-democratique]
offres: [accompagnement]
intervention:
  departements: ["34"]
date_verification: 2026-01-15
sources:
  - titre: Site officiel
    url: https://exemple.fr/association
---
Présentation de l'association.
"""

EXPERIENCE = """\
---
titre: Un café citoyen ouvert avec les habitants
resume: Les habitants et les élus ont rouvert ensemble un café dans le village, géré par une association.
territoire:
  commune: "34164"
porteur:
  nom: Commune de Montaud
  type: commune
debut: 2021
en_cours: oui
thematiques: [tiers-lieux]
demarches: [co-construction]
niveau_participation: co-construction
acteurs: [association-exemple]
date_verification: 2026-01-15
sources:
  - titre: Article sur le café
    url: https://exemple.fr/cafe
---
Le village n'avait plus de café depuis longtemps.
"""

GUIDE = """\
---
titre: Tirer au sort des habitants
resume: Comment constituer un panel d'habitants tirés au sort dans une petite commune, pas à pas.
format: fiche-methode
etapes_projet: [mobilisation]
publics: [elus, agents]
auteurs: [association-exemple]
licence: etalab-2.0
date_verification: 2026-01-15
---
## Pourquoi tirer au sort

Pour entendre d'autres voix.

## Comment faire

### Constituer la liste

Partir de la liste électorale.
"""

PAGE = """\
---
titre: À propos
description: Une page éditoriale de démonstration pour les tests du site.
---
Texte de la page.
"""


def write(root: Path, files: dict[str, str]) -> Path:
    """Write `files` ({"actors/x.md": text}) under root/content and return the content folder."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return content


def minimal_tree() -> dict[str, str]:
    """One valid record of each kind, referencing each other."""
    return {
        "actors/association-exemple.md": ACTOR,
        "experiences/cafe-citoyen.md": EXPERIENCE,
        "guides/tirage-au-sort.md": GUIDE,
        "pages/a-propos.md": PAGE,
        "pages/contribuer.md": PAGE.replace("À propos", "Contribuer"),
        "pages/accessibilite.md": PAGE.replace("À propos", "Accessibilité"),
        "pages/mentions-legales.md": PAGE.replace("À propos", "Mentions légales"),
    }


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real content, built once for the whole test session: (output folder, corpus)."""
    from territoires.site.build import build
    from territoires.site.settings import load_settings
    from territoires.validation import validated_corpus

    output = tmp_path_factory.mktemp("site") / "output"
    build(load_settings({"OUTPUT_PATH": str(output)}))
    return output, validated_corpus(PROJECT_ROOT / "content", project_root=PROJECT_ROOT, render=True)
