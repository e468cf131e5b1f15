"""French-like text for the synthetic corpus: sentences assembled from real French words about
local participation, so that the Markdown renderer, the French stemmer and the search index work
on text shaped like the real records (word lengths, accents, elisions, stop words)."""

from __future__ import annotations

import random

SUBJECTS = [
    "La commune", "L'équipe municipale", "Le conseil municipal", "L'association", "Le collectif d'habitants",
    "La communauté de communes", "Le centre social", "La médiathèque", "Le comité de quartier",
    "Le conseil de développement", "La maire", "L'adjoint à la démocratie locale", "Le syndicat mixte",
    "Le parc naturel régional", "La mission locale", "Le bureau d'études", "L'intercommunalité",
    "Le département", "La coopérative", "Le tiers-lieu", "L'agence d'urbanisme", "Le foyer rural",
    "La secrétaire de mairie", "Le conseil citoyen", "L'école élémentaire",
]  # fmt: skip
VERBS = [
    "organise", "anime", "accompagne", "lance", "prépare", "coordonne", "finance", "soutient", "évalue",
    "co-construit", "présente", "met en débat", "rassemble", "ouvre", "documente", "restitue", "facilite",
    "expérimente", "propose", "structure", "relance", "imagine", "prolonge", "pilote",
]  # fmt: skip
OBJECTS = [
    "des ateliers participatifs", "une concertation préalable", "un budget participatif", "des réunions publiques",
    "un diagnostic partagé", "des balades urbaines", "un conseil municipal des jeunes", "une convention citoyenne",
    "des cafés-débats", "un questionnaire en ligne", "une consultation des habitants", "des permanences en mairie",
    "un panel tiré au sort", "une assemblée citoyenne", "des chantiers participatifs", "un jardin partagé",
    "une cartographie collaborative", "du porte-à-porte", "un comité de suivi", "des formations pour les élus",
    "un forum associatif", "un plan de mobilité", "une charte de la participation", "un appel à projets citoyens",
    "une votation citoyenne", "la rénovation de l'école", "le réaménagement du centre-bourg",
    "la reconversion d'une friche", "un programme d'éducation populaire", "une épicerie solidaire",
    "une centrale solaire citoyenne", "un plan alimentaire territorial", "une ressourcerie",
    "un conseil des sages", "une maison de santé", "un marché de producteurs",
]  # fmt: skip
COMPLEMENTS = [
    "avec les habitants du bourg", "dans les quartiers prioritaires", "auprès des jeunes de la commune",
    "en lien avec les associations locales", "pour la rénovation de la place du marché",
    "autour du projet de tiers-lieu", "sur l'avenir de la friche industrielle", "au sujet de l'éclairage public",
    "pour réduire les déchets ménagers", "afin de préserver la ressource en eau",
    "avec l'appui d'un animateur extérieur", "pendant plusieurs mois", "dans chaque hameau",
    "à la salle des fêtes", "sur le marché du samedi", "avec les agriculteurs du secteur",
    "à l'échelle de l'intercommunalité", "en partenariat avec le département",
    "dans le cadre du programme Petites villes de demain", "sans service dédié à la participation",
    "pour les familles nouvellement installées", "auprès des personnes âgées isolées",
    "autour de la cantine scolaire", "sur les mobilités du quotidien", "avec les commerçants du centre",
    "dans les villages de la vallée", "pour accueillir des réfugiés", "autour de la rénovation énergétique des logements",
]  # fmt: skip
OPENERS = [
    "", "", "", "Depuis 2019, ", "Au printemps, ", "Chaque année, ", "Pour la première fois, ",
    "Dans un premier temps, ", "Ensuite, ", "À l'automne, ", "Grâce à ce travail, ", "En parallèle, ",
    "Avec le recul, ", "Concrètement, ", "Dès le départ, ", "Après les élections, ", "Sur la durée, ",
]  # fmt: skip
CLOSERS = [
    "", "", "", ", ce qui a permis de toucher de nouveaux publics",
    ", et les propositions retenues sont publiées en ligne", ", puis les élus rendent compte des choix effectués",
    ", avant une restitution publique en mairie", ", ce qui renforce la confiance entre élus et habitants",
    ", mais la mobilisation reste fragile", ", afin que chacun puisse donner son avis",
    " : une première dans ce territoire rural", ", en veillant à entendre celles et ceux qui ne viennent jamais",
    ", sans attendre la fin du mandat", ", et l'évaluation est confiée à un comité indépendant",
]  # fmt: skip
ADVICE_VERBS = [
    "Prévoir", "Annoncer", "Former", "Associer", "Écrire", "Afficher", "Inviter", "Rendre compte de",
    "Limiter", "Préparer", "Documenter", "Expliquer", "Tester", "Partager",
]  # fmt: skip
ADVICE_OBJECTS = [
    "les règles du jeu dès le départ", "un temps d'animation dans la durée", "les élus et les agents",
    "les habitants éloignés de la vie publique", "un compte rendu court et lisible", "le calendrier de la démarche",
    "les associations du territoire", "ce qui est ouvert à la discussion", "un budget pour l'animation",
    "les résultats à tous les participants", "une première action visible", "les choix qui n'ont pas été retenus",
    "le vocabulaire technique", "les lieux de passage du quotidien",
]  # fmt: skip
GUIDE_VERBS = [
    "Réussir", "Organiser", "Préparer", "Animer", "Évaluer", "Lancer", "Financer", "Conduire", "Documenter",
]  # fmt: skip
SECTION_TITLES = [
    "Pourquoi s'y prendre ainsi", "Avant de commencer", "Clarifier l'objectif", "Choisir le lieu et l'horaire",
    "Inviter largement", "Répartir les rôles", "Le déroulé pas à pas", "Gérer les tensions", "Après : rendre compte",
    "Liste de contrôle", "Les pièges à éviter", "Pour aller plus loin", "Combien ça coûte", "Qui peut aider",
    "Un exemple dans une petite commune", "Ce que dit la loi",
]  # fmt: skip


class French:
    """Seeded generator of sentences, paragraphs and Markdown bodies."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, items):
        return self.rng.choice(items)

    def sentence(self) -> str:
        rng = self.rng
        opener = rng.choice(OPENERS)
        subject = rng.choice(SUBJECTS)
        if opener:
            subject = subject[0].lower() + subject[1:]
        text = f"{opener}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)}"
        if rng.random() < 0.4:
            text += f" {rng.choice(COMPLEMENTS)}"
        return text + rng.choice(CLOSERS) + "."

    def sentences(self, words: int) -> str:
        """Sentences adding up to about `words` words."""
        out: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            out.append(sentence)
            count += len(sentence.split())
        return " ".join(out)

    def paragraph(self, words: int) -> str:
        return _wrap(self.sentences(words))

    def advice(self) -> str:
        text = f"{self.rng.choice(ADVICE_VERBS)} {self.rng.choice(ADVICE_OBJECTS)} {self.rng.choice(COMPLEMENTS)}."
        return text.replace(" de les ", " des ").replace(" de le ", " du ").replace(" de un", " d'un")

    def advices(self, count: int) -> list[str]:
        """`count` distinct advices (the models refuse repeated list items)."""
        seen: dict[str, None] = {}
        while len(seen) < count:
            seen[self.advice()] = None
        return list(seen)

    def body(self, words: int, headings: list[str] | None = None) -> str:
        """A Markdown body of about `words` words, split under `headings` (## titles) if given."""
        if not headings:
            parts = max(1, round(words / 60))
            return "\n\n".join(self.paragraph(words // parts) for _ in range(parts)) + "\n"
        per_section = max(20, words // len(headings))
        blocks = []
        for title in headings:
            blocks.append(f"## {title}")
            blocks.append(self.paragraph(per_section * 2 // 3))
            if self.rng.random() < 0.5:
                blocks.append("\n".join(f"- {a}" for a in self.advices(3)))
            else:
                blocks.append(self.paragraph(per_section // 3))
        return "\n\n".join(blocks) + "\n"

    def guide_body(self, words: int) -> str:
        """A guide: ## sections (some with ### subsections), lists, and now and then a table."""
        titles = self.rng.sample(SECTION_TITLES, self.rng.randint(6, 10))
        per_section = words // len(titles)
        blocks = []
        for title in titles:
            blocks.append(f"## {title}")
            blocks.append(self.paragraph(per_section // 2))
            roll = self.rng.random()
            if roll < 0.3:
                blocks.append(f"### {self.rng.choice(ADVICE_OBJECTS).capitalize()}")
                blocks.append(self.paragraph(per_section // 3))
            elif roll < 0.7:
                blocks.append("\n".join(f"- **{a.split(' ', 1)[0]}** {a.split(' ', 1)[1]}" for a in self.advices(4)))
            elif roll < 0.8:
                rows = [f"| {self.rng.randint(5, 40)} min | {self.advice()} |" for _ in range(4)]
                blocks.append("\n".join(["| Durée | Séquence |", "| --- | --- |", *rows]))
            else:
                blocks.append(self.paragraph(per_section // 3))
        return "\n\n".join(blocks) + "\n"


def _wrap(text: str, width: int = 100) -> str:
    """Hard-wrap like the real records (contributors edit them in a text editor)."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return "\n".join([*lines, current])
