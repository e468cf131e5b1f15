"""A synthetic, valid, deterministic content tree of N records, spread over real territories.

About 55 % actors, 35 % experiences and 10 % guides, with the fields, list lengths and body
lengths of the real records (`content/`), official codes taken from `data/territoires/`,
coordinates for some records, and references between records (experiences and guides cite
actors, actors cite the networks they belong to). The four required editorial pages are copied
from `content/pages/`. Same seed, same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from territoires import vocabularies
from territoires.loading import slugify
from territoires.outlines import department_rings, distance_outside
from territoires.paths import PROJECT_ROOT
from territoires.territories import reference

from .text import GUIDE_VERBS, OBJECTS, French

SEED = 20261121
SHARES = {"actor": 0.55, "experience": 0.35, "guide": 0.10}
FOLDERS = {"actor": "actors", "experience": "experiences", "guide": "guides"}
REQUIRED_PAGES = ("a-propos", "contribuer", "accessibilite", "mentions-legales")
# Latest verification date written: never in the future of the machine running the benchmark.
LAST_DATE = dt.date(2026, 10, 31)

ACTOR_KINDS = [
    ("Association", "association"), ("Réseau", "reseau"), ("Coopérative", "cooperative"),
    ("Atelier", "bureau-etudes"), ("Agence", "etablissement-public"), ("Fondation", "fondation"),
    ("Laboratoire", "recherche"), ("Collectif", "association"), ("Plateforme", "editeur-numerique"),
]  # fmt: skip
ACTOR_TOPICS = [
    "Concertation et territoires", "Agir ensemble", "Démocratie locale", "Villages vivants", "Parole d'habitants",
    "Transitions citoyennes", "Cohésion rurale", "Débat public", "Participation et solidarités",
    "Tiers-lieux en commun", "Énergies citoyennes", "Jeunesse engagée", "Quartiers solidaires",
]  # fmt: skip


@dataclass
class GeneratedCorpus:
    """What was written, and what the benchmarks need to know about it."""

    root: Path
    ids: dict[str, list[str]] = field(default_factory=dict)  # kind -> record ids
    references: dict[str, list[str]] = field(default_factory=dict)  # record id -> actor ids it cites

    def path(self, kind: str, record_id: str) -> Path:
        return self.root / FOLDERS[kind] / f"{record_id}.md"

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.ids.values())


def copy_real(source: Path, root: Path) -> GeneratedCorpus:
    """The project's own records (`content/`), copied so that the rebuild's edit stays there."""
    shutil.copytree(source, root)
    ids = {kind: sorted(p.stem for p in (root / folder).glob("*.md")) for kind, folder in FOLDERS.items()}
    return GeneratedCorpus(root=root, ids=ids)


def counts(n: int) -> dict[str, int]:
    actors = round(n * SHARES["actor"])
    guides = max(1, round(n * SHARES["guide"]))
    return {"actor": actors, "experience": n - actors - guides, "guide": guides}


def generate(root: Path, n: int, seed: int = SEED) -> GeneratedCorpus:
    """Write N records (plus the required pages) under `root`, a content folder."""
    return _Generator(root, n, seed).run()


class _Generator:
    def __init__(self, root: Path, n: int, seed: int):
        self.root = root
        self.n = n
        self.rng = random.Random(seed)
        self.fr = French(self.rng)
        self.ref = reference()
        self.communes = sorted(self.ref.communes.values(), key=lambda c: c.code)
        self.epcis = sorted(self.ref.epcis)
        self.departments = sorted(self.ref.departments)
        self.regions = sorted(self.ref.regions)
        self.vocab = {name: vocabularies.get(name).ids for name in _VOCABULARIES}
        self.taken: set[str] = set()
        self.out = GeneratedCorpus(root)

    def run(self) -> GeneratedCorpus:
        for folder in FOLDERS.values():
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        pages = self.root / "pages"
        pages.mkdir(parents=True, exist_ok=True)
        for page in REQUIRED_PAGES:
            shutil.copyfile(PROJECT_ROOT / "content" / "pages" / f"{page}.md", pages / f"{page}.md")
        wanted = counts(self.n)
        # Names first: experiences and guides cite actors, actors cite networks.
        actors = [self._actor_name() for _ in range(wanted["actor"])]
        self.out.ids["actor"] = [record_id for record_id, _, _ in actors]
        for record_id, name, acronym in actors:
            self._write("actor", record_id, *self._actor(record_id, name, acronym))
        self.out.ids["experience"] = []
        for _ in range(wanted["experience"]):
            commune = self.rng.choice(self.communes)
            subject = self.rng.choice(OBJECTS)
            title = f"{commune.name} : {subject} {self.fr.pick(_TITLE_ENDS)}"
            record_id = self._new_id(f"{commune.name} {subject}", 32)
            self.out.ids["experience"].append(record_id)
            self._write("experience", record_id, *self._experience(record_id, title, commune))
        self.out.ids["guide"] = []
        for _ in range(wanted["guide"]):
            title = f"{self.rng.choice(GUIDE_VERBS)} {self.rng.choice(OBJECTS)} {self.fr.pick(_TITLE_ENDS)}"
            record_id = self._new_id(title, 40)
            self.out.ids["guide"].append(record_id)
            self._write("guide", record_id, *self._guide(record_id, title))
        return self.out

    # ---- one record of each kind -------------------------------------------------------------

    def _actor(self, record_id: str, name: str, acronym: str | None) -> tuple[list[str], str]:
        rng = self.rng
        kind = next(k for prefix, k in ACTOR_KINDS if name.startswith(prefix))
        lines = [f"nom: {_scalar(name)}"]
        if acronym:
            lines.append(f"sigle: {acronym}")
        lines += [
            f"type_structure: {kind}",
            f"resume: {_scalar(_cut(self.fr.sentences(rng.randint(18, 45)), 400))}",
            f"thematiques: {_flow(self._some('thematiques', 1, 4))}",
            f"offres: {_flow(self._some('offres', 1, 3))}",
            "intervention:",
            *self._coverage(),
        ]
        if rng.random() < 0.1:
            lines.append(f"tailles_collectivites: {_flow(self._some('tailles-collectivite', 1, 3))}")
        if rng.random() < 0.1:
            lines.append(f"tarifs: {_flow(self._some('tarifs', 1, 2))}")
        if rng.random() < 0.3:
            lines.append(f"site_web: https://www.{_label(record_id)}.fr")
        if rng.random() < 0.2:
            lines += ["contact:", f"  email: contact@{_label(record_id)}.fr", f"  telephone: 0{rng.randint(1, 5)} 23 45 67 89"]
        if rng.random() < 0.4:
            commune = rng.choice(self.communes)
            lines += ["siege:", f'  commune: "{commune.code}"']
            coordinates = self._coordinates(commune)
            if coordinates and rng.random() < 0.6:
                lines += [f"  latitude: {coordinates[0]}", f"  longitude: {coordinates[1]}"]
        others = [a for a in self.out.ids["actor"] if a != record_id]
        if others and rng.random() < 0.3:
            cited = rng.sample(others, rng.randint(1, min(2, len(others))))
            self.out.references[record_id] = cited
            lines.append(f"reseaux: {_flow(cited)}")
        lines += [
            "sources:",
            f"  - titre: {_scalar(_cut(name, 300))}",
            f"    url: https://www.exemple-{_label(record_id)}.fr/presentation",
        ]
        lines.append(f"date_verification: {self._date()}")
        body = self.fr.body(int(rng.lognormvariate(4.35, 0.35)))
        return lines, body

    def _experience(self, record_id: str, title: str, commune) -> tuple[list[str], str]:
        rng = self.rng
        lines = [f"titre: {_scalar(title)}", f"resume: {_scalar(_cut(self.fr.sentences(rng.randint(30, 70)), 600))}"]
        place = ["territoire:"]
        level = rng.random()
        if level < 0.7 or not commune.epci:
            place.append(f'  commune: "{commune.code}"')
            if rng.random() < 0.8:
                place.append(f'  departement: "{commune.department}"')
            if commune.epci and rng.random() < 0.3:
                place.append(f'  epci: "{commune.epci}"')
            holder = (_of("Commune", commune.name), "commune")
        elif level < 0.9:
            place += [f'  epci: "{commune.epci}"', f'  departement: "{commune.department}"']
            holder = (self.ref.epcis[commune.epci].name, "intercommunalite")
        else:
            place.append(f'  departement: "{commune.department}"')
            holder = (f"Département {self.ref.departments[commune.department].locative}", "departement")
        lines += place
        lines += ["porteur:", f"  nom: {_scalar(holder[0][:150])}", f"  type: {holder[1]}"]
        start = rng.randint(2005, 2025)
        lines.append(f'debut: "{start}-{rng.randint(1, 12):02d}"' if rng.random() < 0.5 else f'debut: "{start}"')
        if rng.random() < 0.2:
            lines.append("en_cours: oui")
        elif rng.random() < 0.3:
            lines.append(f'fin: "{min(2026, start + rng.randint(1, 4))}"')
        lines += [
            f"thematiques: {_flow(self._some('thematiques', 1, 4))}",
            f"demarches: {_flow(self._some('demarches', 1, 3))}",
            f"niveau_participation: {rng.choice(self.vocab['niveaux-participation'])}",
            f"participants: {_scalar(_cut(self.fr.sentences(rng.randint(10, 30)), 600))}",
            "methodes:",
            *(f"  - {_scalar(_cut(m[:-1], 200))}" for m in self.fr.advices(rng.randint(2, 5))),
            "etapes:",
        ]
        for number in range(rng.randint(2, 4)):
            lines.append(f"  - titre: {_scalar(_cut(self.fr.advice()[:-1], 150))}")
            if rng.random() < 0.7:
                lines.append(f'    date: "{min(2026, start + number)}"')
            lines.append(f"    description: {_scalar(_cut(self.fr.sentences(rng.randint(15, 40)), 1500))}")
        actors = self.out.ids["actor"]
        if actors and rng.random() < 0.5:
            cited = rng.sample(actors, rng.randint(1, min(3, len(actors))))
            self.out.references[record_id] = cited
            lines.append(f"acteurs: {_flow(cited)}")
        if rng.random() < 0.8:
            lines.append(f"resultats: {_scalar(_cut(self.fr.sentences(rng.randint(20, 60)), 2000))}")
        for name, low, high in (("a_retenir", 2, 3), ("difficultes", 0, 2), ("conseils", 2, 3)):
            items = self.fr.advices(rng.randint(low, high))
            if items:
                lines += [f"{name}:", *(f"  - {_scalar(item)}" for item in items)]
        lines.append("sources:")
        for number in range(rng.randint(1, 2)):
            lines += [f"  - titre: {_scalar(_cut(self.fr.sentence(), 300))}",
                      f"    url: https://www.exemple-{_label(record_id)}.fr/article-{number}"]  # fmt: skip
        if rng.random() < 0.2:
            lines.append(f"programme: {rng.choice(self.vocab['programmes'])}")
        coordinates = self._coordinates(commune)
        if coordinates and rng.random() < 0.55:
            lines += ["coordonnees:", f"  latitude: {coordinates[0]}", f"  longitude: {coordinates[1]}"]
        lines.append(f"date_verification: {self._date()}")
        body = self.fr.body(rng.randint(110, 260), ["Contexte", "Déroulement", "Ce qui a changé"])
        return lines, body

    def _guide(self, record_id: str, title: str) -> tuple[list[str], str]:
        rng = self.rng
        lines = [
            f"titre: {_scalar(_cut(title, 200))}",
            f"resume: {_scalar(_cut(self.fr.sentences(rng.randint(25, 50)), 600))}",
            f"format: {rng.choice(self.vocab['formats-guide'])}",
            f"etapes_projet: {_flow(self._some('etapes-projet', 1, 3))}",
        ]
        if rng.random() < 0.3:
            lines.append(f"thematiques: {_flow(self._some('thematiques', 1, 2))}")
        if rng.random() < 0.7:
            lines.append(f"demarches: {_flow(self._some('demarches', 1, 2))}")
        lines.append(f"publics: {_flow(self._some('publics', 1, 3))}")
        if rng.random() < 0.5:
            cited = rng.sample(self.out.ids["actor"], rng.randint(1, min(2, len(self.out.ids["actor"]))))
            self.out.references[record_id] = cited
            lines.append(f"auteurs: {_flow(cited)}")
        lines.append(f"licence: {rng.choice(self.vocab['licences'])}")
        if rng.random() < 0.3:
            lines.append(f"source: https://www.exemple-guides.fr/{record_id[:60]}")
        lines += [f'date_publication: "{rng.randint(2015, 2026)}-{rng.randint(1, 10):02d}"', f"date_verification: {self._date()}"]
        return lines, self.fr.guide_body(rng.randint(650, 830))

    # ---- helpers ---------------------------------------------------------------------------------

    def _write(self, kind: str, record_id: str, front: list[str], body: str) -> None:
        text = "---\n" + "\n".join(front) + "\n---\n" + body
        self.out.path(kind, record_id).write_text(text, encoding="utf-8")

    def _actor_name(self) -> tuple[str, str, str | None]:
        """(id, name, acronym): like the real ids, short, often made of the acronym."""
        prefix, _ = self.rng.choice(ACTOR_KINDS)
        department = self.ref.departments[self.rng.choice(self.departments)]
        topic = self.rng.choice(ACTOR_TOPICS)
        name = f"{prefix} {topic} {department.locative}"
        if self.rng.random() < 0.4:
            acronym = "".join(w[0] for w in slugify(f"{prefix} {topic}").split("-") if w not in _SMALL_WORDS).upper()
            return self._new_id(f"{acronym} {department.name}", 20), name, acronym
        return self._new_id(name, 28), name, None

    def _new_id(self, title: str, limit: int) -> str:
        """A slug of the meaningful words of `title`, cut at a word under `limit` characters."""
        words = [w for w in slugify(title).split("-") if w not in _SMALL_WORDS]
        base = words[0]
        for word in words[1:]:
            if len(base) + 1 + len(word) > limit:
                break
            base += "-" + word
        record_id, number = base, 1
        while record_id in self.taken:
            number += 1
            record_id = f"{base}-{number}"
        self.taken.add(record_id)
        return record_id

    def _some(self, vocabulary: str, low: int, high: int) -> list[str]:
        ids = self.vocab[vocabulary]
        return self.rng.sample(ids, self.rng.randint(low, min(high, len(ids))))

    def _coverage(self) -> list[str]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.1:
            return ["  national: oui"]
        if roll < 0.35:
            return [f"  regions: {_flow(rng.sample(self.regions, rng.randint(1, 2)), quoted=True)}"]
        if roll < 0.7:
            return [f"  departements: {_flow(rng.sample(self.departments, rng.randint(1, 3)), quoted=True)}"]
        if roll < 0.9:
            return [f"  epci: {_flow(rng.sample(self.epcis, rng.randint(1, 3)), quoted=True)}"]
        return [f"  communes: {_flow([c.code for c in rng.sample(self.communes, rng.randint(1, 5))], quoted=True)}"]

    def _coordinates(self, commune) -> tuple[float, float] | None:
        """A point inside the commune's department (the reference has no commune coordinates); none overseas."""
        if commune.department.startswith("97"):
            return None
        rings = department_rings()[commune.department][1]
        points = [point for ring in rings for point in ring]
        lon0, lon1 = min(x for x, _ in points), max(x for x, _ in points)
        lat0, lat1 = min(y for _, y in points), max(y for _, y in points)
        while True:
            lat, lon = round(self.rng.uniform(lat0, lat1), 4), round(self.rng.uniform(lon0, lon1), 4)
            if distance_outside(commune.department, lat, lon) == 0:
                return lat, lon

    def _date(self) -> str:
        return (LAST_DATE - dt.timedelta(days=self.rng.randint(0, 900))).isoformat()


_VOCABULARIES = (
    "thematiques", "offres", "demarches", "niveaux-participation", "etapes-projet", "formats-guide",
    "publics", "tailles-collectivite", "tarifs", "programmes", "licences",
)  # fmt: skip
_TITLE_ENDS = [
    "avec les habitants", "dans un village rural", "pour le centre-bourg", "au cœur du quartier",
    "avec les jeunes", "dans une petite commune", "à l'échelle intercommunale", "sans service dédié",
]  # fmt: skip
_SMALL_WORDS = {
    "a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur",
    "un", "une",
}  # fmt: skip
_PLAIN = re.compile(r"^[A-Za-zÀ-ÿŒœ][^:#\"\[\]{}]*$")


def _scalar(text: str) -> str:
    """A YAML scalar: plain when it is safe to write it so (as contributors do), else double-quoted."""
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in ("oui", "non", "true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[str], quoted: bool = False) -> str:
    return "[" + ", ".join(f'"{i}"' if quoted else i for i in items) + "]"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "."


def _label(record_id: str) -> str:
    """A host name label made from an id (at most 40 characters, no trailing hyphen)."""
    return record_id[:40].rstrip("-")


def _of(noun: str, name: str) -> str:
    """ "Commune de Brest", "Commune d'Argilliers" (elision before a vowel)."""
    return f"{noun} d'{name}" if name[0] in "AEIOUYÂÉÈÎÔaeiouy" else f"{noun} de {name}"
