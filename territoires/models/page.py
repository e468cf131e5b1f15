"""An editorial page (à propos, contribuer, mentions légales…)."""

from __future__ import annotations

from pydantic import Field

from .fields import StrictModel, text


class Page(StrictModel):
    """Une page éditoriale du site ; le texte sous l'en-tête (Markdown) en est le contenu."""

    titre: text(2, 150) = Field(description="Titre de la page.", examples=["À propos"])
    description: text(20, 300) = Field(description="Résumé d'une phrase, repris par les moteurs de recherche.")
