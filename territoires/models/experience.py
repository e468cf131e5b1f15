"""An experience sheet (retour d'expérience): a participatory project that happened somewhere."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .archive import Archive
from .fields import (
    UNIQUE,
    Approach,
    Boolean,
    Date,
    DepartmentCode,
    HolderType,
    InseeCode,
    Latitude,
    Longitude,
    PartialDate,
    ParticipationLevel,
    Programme,
    RecordId,
    Siren,
    Source,
    StrictModel,
    Theme,
    text,
)


class Place(StrictModel):
    """Lieu de la démarche : une commune, une intercommunalité ou un département."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {"anyOf": [{"required": ["commune"]}, {"required": ["epci"]}, {"required": ["departement"]}]}
    }

    commune: InseeCode | None = Field(None, description="Code INSEE de la commune.", examples=["34164"])
    epci: Siren | None = Field(None, description="SIREN de l'intercommunalité.", examples=["244701124"])
    departement: DepartmentCode | None = Field(None, description="Code du département.", examples=["34"])

    @model_validator(mode="after")
    def _somewhere(self) -> Place:
        if not (self.commune or self.epci or self.departement):
            raise PydanticCustomError(
                "place_empty", "territoire vide : indiquez au moins « commune », « epci » ou « departement »"
            )
        return self


class Holder(StrictModel):
    """Structure qui a porté la démarche."""

    nom: text(2, 150) = Field(description="Nom de la structure porteuse.", examples=["Commune de Montaud"])
    type: HolderType = Field(description="Nature de la structure porteuse.", examples=["commune"])


class Step(StrictModel):
    """Une étape de la démarche, affichée sur la frise chronologique."""

    titre: text(2, 150) = Field(description="Ce qui s'est passé, en quelques mots.", examples=["Premier café-débat"])
    date: PartialDate | None = Field(None, description="Quand (année, mois ou jour).", examples=["2022-03"])
    description: text(1, 1500) | None = Field(None, description="Détail de l'étape.")


class Coordinates(StrictModel):
    """Position de la démarche sur la carte."""

    latitude: Latitude = Field(description="Latitude (degrés décimaux, WGS 84).", examples=[43.7481])
    longitude: Longitude = Field(description="Longitude (degrés décimaux, WGS 84).", examples=[3.9742])


class Experience(StrictModel):
    """Un retour d'expérience : une démarche participative menée par un territoire.

    Le texte sous l'en-tête (Markdown) raconte le contexte et le déroulement. Aucun habitant n'est
    nommé : seules les structures le sont.
    """

    titre: text(5, 200) = Field(description="Titre de la fiche.", examples=["Un café citoyen rouvert par les habitants"])
    resume: text(20, 600) = Field(description="Résumé en deux ou trois phrases.")
    territoire: Place = Field(description="Territoire où la démarche a eu lieu.", examples=[{"commune": "34164"}])
    porteur: Holder = Field(description="Structure qui a porté la démarche.")
    debut: PartialDate = Field(description="Début de la démarche (année, mois ou jour).", examples=["2021"])
    fin: PartialDate | None = Field(None, description="Fin de la démarche, si elle est terminée.", examples=["2023-06"])
    en_cours: Boolean = Field(False, description="La démarche est-elle toujours en cours ?", examples=[True])
    thematiques: Annotated[list[Theme], UNIQUE] = Field(min_length=1, description="Thématiques de la démarche.")
    demarches: Annotated[list[Approach], UNIQUE] = Field(min_length=1, description="Types de démarche mis en œuvre.")
    niveau_participation: ParticipationLevel = Field(
        description="Niveau de participation le plus élevé atteint.", examples=["co-construction"]
    )
    participants: text(2, 600) | None = Field(
        None,
        description="Qui a participé et combien (sans nommer personne).",
        examples=["Une cinquantaine d'habitants, les élus et les commerçants du village"],
    )
    methodes: Annotated[list[text(2, 200)], UNIQUE] = Field(
        [], description="Méthodes et outils utilisés.", examples=[["Porte-à-porte", "Ateliers en petits groupes"]]
    )
    etapes: list[Step] = Field([], description="Étapes de la démarche, dans l'ordre.")
    acteurs: Annotated[list[RecordId], UNIQUE] = Field(
        [], description="Identifiants des acteurs de l'annuaire qui ont accompagné la démarche.", examples=[["anct"]]
    )
    resultats: text(2, 2000) | None = Field(None, description="Ce que la démarche a produit.")
    a_retenir: Annotated[list[text(2, 500)], UNIQUE] = Field([], description="Ce qu'il faut retenir.")
    difficultes: Annotated[list[text(2, 500)], UNIQUE] = Field([], description="Difficultés rencontrées.")
    conseils: Annotated[list[text(2, 500)], UNIQUE] = Field(
        [], description="Conseils aux collectivités qui voudraient s'en inspirer."
    )
    sources: list[Source] = Field([], description="Documents publics sur lesquels la fiche s'appuie.")
    programme: Programme | None = Field(
        None, description="Programme public dans le cadre duquel la démarche a été menée.", examples=["territoires-d-engagement"]
    )
    coordonnees: Coordinates | None = Field(None, description="Position sur la carte.")
    date_verification: Date = Field(description="Date de dernière vérification de la fiche.", examples=["2026-11-02"])
    archive: Archive | None = Field(
        None, description="À remplir pour archiver la fiche au lieu de la supprimer (son adresse reste valable)."
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Experience:
        if self.fin and self.fin[: len(self.debut)] < self.debut[: len(self.fin)]:
            raise PydanticCustomError(
                "dates_order",
                "la date de fin « {fin} » précède la date de début « {debut} »",
                {"fin": self.fin, "debut": self.debut},
            )
        return self
