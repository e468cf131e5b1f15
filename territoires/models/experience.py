"""An experience sheet (retour d'expérience): a participatory project that happened somewhere."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .archive import Archive
from .fields import (
    FRENCH_TRUE,
    UNIQUE,
    Approach,
    Boolean,
    Date,
    DepartmentCode,
    HolderType,
    HttpUrl,
    InseeCode,
    Latitude,
    Longitude,
    PartialDate,
    ParticipationLevel,
    Programme,
    RecordId,
    RegionCode,
    Siren,
    Source,
    StrictModel,
    Theme,
    text,
)


class Place(StrictModel):
    """Lieu de la démarche : une commune, plusieurs communes, une intercommunalité, un département,
    une région ou tout le pays."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {
            "anyOf": [
                {"required": ["commune"]},
                {"required": ["communes"]},
                {"required": ["epci"]},
                {"required": ["departement"]},
                {"required": ["region"]},
                {"properties": {"national": {"enum": [True, *FRENCH_TRUE]}}, "required": ["national"]},
            ]
        }
    }

    commune: InseeCode | None = Field(None, description="Code INSEE de la commune.", examples=["34164"])
    communes: Annotated[list[InseeCode], UNIQUE] = Field(
        [], description="Codes INSEE des communes, quand la démarche en concerne plusieurs.", examples=[["34164", "34172"]]
    )
    epci: Siren | None = Field(None, description="SIREN de l'intercommunalité.", examples=["244701124"])
    departement: DepartmentCode | None = Field(None, description="Code du département.", examples=["34"])
    region: RegionCode | None = Field(None, description="Code de la région, pour une démarche régionale.", examples=["76"])
    national: Boolean = Field(False, description="La démarche concerne tout le pays.", examples=[True])

    @model_validator(mode="after")
    def _somewhere(self) -> Place:
        if not (self.commune or self.communes or self.epci or self.departement or self.region or self.national):
            raise PydanticCustomError(
                "place_empty",
                "territoire vide : indiquez « commune », « communes », « epci », « departement », « region » ou « national: oui »",
            )
        return self


class Holder(StrictModel):
    """Structure qui a porté la démarche."""

    nom: text(2, 150) = Field(description="Nom de la structure porteuse.", examples=["Commune de Montaud"])
    type: HolderType = Field(description="Nature de la structure porteuse.", examples=["commune"])


class Step(StrictModel):
    """Une étape de la démarche, affichée sur la frise chronologique."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {"anyOf": [{"required": ["titre"]}, {"required": ["description"]}]}
    }

    titre: text(2, 150) | None = Field(None, description="Ce qui s'est passé, en quelques mots.", examples=["Premier café-débat"])
    date: PartialDate | None = Field(
        None, description="Quand, ou le début de la période (année, mois ou jour).", examples=["2022-03"]
    )
    fin: PartialDate | None = Field(None, description="Fin de la période, quand l'étape a duré.", examples=["2022-06"])
    periode: text(2, 80) | None = Field(
        None,
        description="La période telle que la source l'écrit, quand elle ne tient pas dans une date.",
        examples=["mai–juin 2019"],
    )
    description: text(1, 4000) | None = Field(None, description="Détail de l'étape.")

    @model_validator(mode="after")
    def _said(self) -> Step:
        if not (self.titre or self.description):
            raise PydanticCustomError("step_empty", "étape vide : indiquez au moins « titre » ou « description »")
        return self


class Award(StrictModel):
    """Un prix ou un label obtenu par la démarche."""

    titre: text(2, 200) = Field(
        description="Nom du prix ou du label.", examples=["Trophées de la participation et de la concertation"]
    )
    annee: PartialDate | None = Field(None, description="Année où il a été obtenu.", examples=["2019"])
    url: HttpUrl | None = Field(None, description="Page qui l'annonce.", examples=["https://exemple.fr/palmares"])


class Provenance(StrictModel):
    """D'où vient une fiche importée d'une autre collection (plutôt que vérifiée à la main)."""

    collection: text(2, 200) = Field(description="Nom de la collection d'origine.", examples=["Fiches de la plateforme X"])
    url: HttpUrl = Field(description="Adresse de la fiche d'origine.", examples=["https://exemple.fr/fiche/12"])
    date_import: Date = Field(description="Date de l'import.", examples=["2026-11-28"])


class Coordinates(StrictModel):
    """Position de la démarche sur la carte."""

    latitude: Latitude = Field(description="Latitude (degrés décimaux, WGS 84).", examples=[43.7481])
    longitude: Longitude = Field(description="Longitude (degrés décimaux, WGS 84).", examples=[3.9742])


class Experience(StrictModel):
    """Un retour d'expérience : une démarche participative menée par un territoire.

    Le texte sous l'en-tête (Markdown) raconte le contexte et le déroulement. Aucun habitant n'est
    nommé : seules les structures le sont.
    """

    model_config = StrictModel.model_config | {
        "json_schema_extra": {"anyOf": [{"required": ["date_verification"]}, {"required": ["provenance"]}]}
    }

    titre: text(5, 200) = Field(description="Titre de la fiche.", examples=["Un café citoyen rouvert par les habitants"])
    resume: text(20, 600) = Field(description="Résumé en deux ou trois phrases.")
    territoire: Place = Field(description="Territoire où la démarche a eu lieu.", examples=[{"commune": "34164"}])
    porteur: Holder = Field(description="Structure qui a porté la démarche.")
    debut: PartialDate | None = Field(
        None, description="Début de la démarche (année, mois ou jour), si la source le dit.", examples=["2021"]
    )
    fin: PartialDate | None = Field(None, description="Fin de la démarche, si elle est terminée.", examples=["2023-06"])
    en_cours: Boolean = Field(False, description="La démarche est-elle toujours en cours ?", examples=[True])
    thematiques: Annotated[list[Theme], UNIQUE] = Field(min_length=1, description="Thématiques de la démarche.")
    demarches: Annotated[list[Approach], UNIQUE] = Field(min_length=1, description="Types de démarche mis en œuvre.")
    niveau_participation: ParticipationLevel | None = Field(
        None,
        description="Niveau de participation le plus élevé atteint, si la source permet de le dire.",
        examples=["co-construction"],
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
    partenaires: Annotated[list[text(2, 200)], UNIQUE] = Field(
        [],
        description="Autres structures associées à la démarche, qui ne sont pas (encore) des acteurs de l'annuaire.",
        examples=[["Enedis", "Musée de la mine"]],
    )
    distinctions: list[Award] = Field([], description="Prix et labels obtenus par la démarche.")
    site_web: HttpUrl | None = Field(None, description="Site internet du projet lui-même (pas une source).")
    sources: list[Source] = Field(min_length=1, description="Documents publics sur lesquels la fiche s'appuie.")
    programme: Programme | None = Field(
        None, description="Programme public dans le cadre duquel la démarche a été menée.", examples=["territoires-d-engagement"]
    )
    coordonnees: Coordinates | None = Field(None, description="Position sur la carte.")
    date_verification: Date | None = Field(
        None, description="Date de dernière vérification de la fiche par une personne.", examples=["2026-11-02"]
    )
    provenance: Provenance | None = Field(
        None, description="Pour une fiche importée d'une autre collection : d'où et quand (à la place d'une vérification)."
    )
    archive: Archive | None = Field(
        None, description="À remplir pour archiver la fiche au lieu de la supprimer (son adresse reste valable)."
    )

    @field_validator("territoire", mode="before")
    @classmethod
    def _empty_territory(cls, value):
        """ "territoire:" left empty gets the place's own message (which fields to give), not a type error."""
        return {} if value is None else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> Experience:
        if self.fin and self.debut and self.fin[: len(self.debut)] < self.debut[: len(self.fin)]:
            raise PydanticCustomError(
                "dates_order",
                "la date de fin « {fin} » précède la date de début « {debut} »",
                {"fin": self.fin, "debut": self.debut},
            )
        return self

    @model_validator(mode="after")
    def _verified_or_imported(self) -> Experience:
        if self.date_verification is None and self.provenance is None:
            raise PydanticCustomError(
                "review_missing",
                "« date_verification » (fiche vérifiée par une personne) ou « provenance » (fiche importée) attendue",
            )
        return self

    @property
    def reviewed(self):
        """The date its facts were last looked at: verified by a person, or else imported."""
        return self.date_verification or self.provenance.date_import
