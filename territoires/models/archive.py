"""Archiving: a record that no longer applies keeps its page, marked as archived, never deleted."""

from __future__ import annotations

from pydantic import Field

from .fields import Date, StrictModel, text


class Archive(StrictModel):
    """Fiche archivée : la structure a cessé son activité ou la démarche n'est plus documentée.

    La page reste en ligne à la même adresse, signalée comme archivée ; la fiche n'est plus
    proposée dans le parcours ni sur la carte.
    """

    date: Date = Field(description="Date de l'archivage.", examples=["2026-11-02"])
    motif: text(5, 300) = Field(
        description="Pourquoi la fiche est archivée.", examples=["L'association a cessé son activité en 2026."]
    )
