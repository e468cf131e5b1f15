"""A guide: practical know-how for one or several steps of a participatory project."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .archive import Archive
from .fields import (
    UNIQUE,
    Approach,
    Date,
    GuideFormat,
    HttpUrl,
    Licence,
    PartialDate,
    ProjectStage,
    Reader,
    RecordId,
    StrictModel,
    Theme,
    text,
)


class Guide(StrictModel):
    """Un guide : comment mener une étape d'un projet participatif.

    Le texte sous l'en-tête (Markdown, avec des intertitres « ## ») est le contenu du guide ; la
    table des matières est construite à partir des intertitres.
    """

    titre: text(5, 200) = Field(description="Titre du guide.", examples=["Tirer au sort des habitants"])
    resume: text(20, 600) = Field(description="Ce que le guide permet de faire, en deux phrases.")
    format: GuideFormat = Field(description="Forme du guide.", examples=["fiche-methode"])
    etapes_projet: Annotated[list[ProjectStage], UNIQUE] = Field(
        min_length=1, description="Étapes du projet auxquelles le guide sert.", examples=[["mobilisation"]]
    )
    thematiques: Annotated[list[Theme], UNIQUE] = Field(
        [], description="Thématiques particulières ; laisser vide si le guide vaut pour toutes.", examples=[["jeunesse"]]
    )
    demarches: Annotated[list[Approach], UNIQUE] = Field(
        [], description="Types de démarche dont traite le guide.", examples=[["convention-citoyenne"]]
    )
    publics: Annotated[list[Reader], UNIQUE] = Field(
        min_length=1, description="À qui le guide s'adresse.", examples=[["elus", "agents"]]
    )
    auteurs: Annotated[list[RecordId], UNIQUE] = Field(
        [], description="Identifiants des acteurs de l'annuaire qui ont écrit le guide.", examples=[["decider-ensemble"]]
    )
    licence: Licence = Field(description="Licence de réutilisation du guide.", examples=["etalab-2.0"])
    source: HttpUrl | None = Field(None, description="Adresse du document original, s'il est publié ailleurs.")
    date_publication: PartialDate | None = Field(None, description="Date de publication.", examples=["2024-05"])
    date_verification: Date = Field(description="Date de dernière vérification de la fiche.", examples=["2026-11-02"])
    archive: Archive | None = Field(
        None, description="À remplir pour archiver la fiche au lieu de la supprimer (son adresse reste valable)."
    )

    @property
    def reviewed(self):
        """The date its facts were last verified."""
        return self.date_verification
