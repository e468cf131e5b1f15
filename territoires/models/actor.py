"""An actor (acteur): an organisation that helps collectivities run citizen participation."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .archive import Archive
from .fields import (
    FRENCH_TRUE,
    UNIQUE,
    ActorType,
    Boolean,
    CollectivitySize,
    Date,
    DepartmentCode,
    Email,
    HttpUrl,
    ImageFile,
    InseeCode,
    Latitude,
    Longitude,
    Offer,
    Phone,
    Pricing,
    RecordId,
    RegionCode,
    Siren,
    Source,
    StrictModel,
    Theme,
    text,
)


class Coverage(StrictModel):
    """Territoire d'intervention : tout le pays, ou des régions, départements, intercommunalités, communes."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {
            "anyOf": [
                {"properties": {"national": {"enum": [True, *FRENCH_TRUE]}}, "required": ["national"]},
                {"properties": {"regions": {"minItems": 1}}, "required": ["regions"]},
                {"properties": {"departements": {"minItems": 1}}, "required": ["departements"]},
                {"properties": {"epci": {"minItems": 1}}, "required": ["epci"]},
                {"properties": {"communes": {"minItems": 1}}, "required": ["communes"]},
            ]
        }
    }

    national: Boolean = Field(False, description="Intervient sur tout le territoire national.", examples=[True])
    regions: Annotated[list[RegionCode], UNIQUE] = Field([], description="Codes des régions couvertes.", examples=[["76", "84"]])
    departements: Annotated[list[DepartmentCode], UNIQUE] = Field(
        [], description="Codes des départements couverts.", examples=[["34", "30"]]
    )
    epci: Annotated[list[Siren], UNIQUE] = Field(
        [], description="Numéros SIREN des intercommunalités couvertes.", examples=[["200071181"]]
    )
    communes: Annotated[list[InseeCode], UNIQUE] = Field(
        [], description="Codes INSEE des communes couvertes.", examples=[["34164"]]
    )

    @model_validator(mode="after")
    def _somewhere(self) -> Coverage:
        if not (self.national or self.regions or self.departements or self.epci or self.communes):
            raise PydanticCustomError(
                "coverage_empty",
                "territoire d'intervention vide : indiquez « national: oui » ou au moins une région,"
                " un département, une intercommunalité ou une commune",
            )
        return self


class Contact(StrictModel):
    """Contact de la structure : adresses génériques uniquement, jamais celles d'une personne."""

    email: Email | None = Field(
        None,
        description="Adresse électronique générique de la structure (contact@…, jamais une adresse personnelle).",
        examples=["contact@exemple.org"],
    )
    formulaire: HttpUrl | None = Field(
        None, description="Adresse du formulaire de contact en ligne.", examples=["https://exemple.org/contact"]
    )
    telephone: Phone | None = Field(
        None, description="Numéro du standard de la structure (jamais un numéro personnel).", examples=["01 23 45 67 89"]
    )


class Headquarters(StrictModel):
    """Siège de la structure ; les coordonnées la placent sur la carte."""

    model_config = StrictModel.model_config | {
        "json_schema_extra": {"dependentRequired": {"latitude": ["longitude"], "longitude": ["latitude"]}}
    }

    commune: InseeCode = Field(description="Code INSEE de la commune du siège.", examples=["75056"])
    latitude: Latitude | None = Field(None, description="Latitude du siège (degrés décimaux, WGS 84).", examples=[48.8566])
    longitude: Longitude | None = Field(None, description="Longitude du siège (degrés décimaux, WGS 84).", examples=[2.3522])

    @model_validator(mode="after")
    def _both_coordinates(self) -> Headquarters:
        if (self.latitude is None) != (self.longitude is None):
            raise PydanticCustomError("coordinates_pair", "latitude et longitude vont ensemble : indiquez les deux ou aucune")
        return self


class Actor(StrictModel):
    """Un acteur : une organisation qui aide les collectivités à faire participer les habitants.

    Le texte sous l'en-tête (Markdown) est la présentation détaillée de l'acteur.
    """

    nom: text(2, 150) = Field(description="Nom complet de la structure.", examples=["Décider ensemble"])
    sigle: text(1, 20) | None = Field(None, description="Sigle ou acronyme usuel.", examples=["ICPC"])
    type_structure: ActorType = Field(description="Nature de la structure.", examples=["association"])
    resume: text(20, 400) = Field(
        description="Présentation courte, en une ou deux phrases (affichée dans les listes et les résultats).",
        examples=["Association qui réunit élus, chercheurs et praticiens pour développer la culture de la concertation."],
    )
    thematiques: Annotated[list[Theme], UNIQUE] = Field(
        min_length=1, description="Thématiques sur lesquelles la structure intervient.", examples=[["vie-democratique"]]
    )
    offres: Annotated[list[Offer], UNIQUE] = Field(
        min_length=1, description="Types d'aide proposés aux collectivités.", examples=[["accompagnement", "formation"]]
    )
    intervention: Coverage = Field(description="Territoire d'intervention.", examples=[{"national": True}])
    tailles_collectivites: Annotated[list[CollectivitySize], UNIQUE] = Field(
        [],
        description="Tailles de collectivités accompagnées ; laisser vide si toutes.",
        examples=[["moins-1000", "1000-3500"]],
    )
    tarifs: Annotated[list[Pricing], UNIQUE] = Field(
        [], description="Conditions financières de l'aide.", examples=[["gratuit", "sur-devis"]]
    )
    site_web: HttpUrl | None = Field(None, description="Site internet de la structure.", examples=["https://exemple.org"])
    contact: Contact | None = Field(None, description="Contact de la structure (adresses génériques uniquement).")
    siege: Headquarters | None = Field(None, description="Siège de la structure.")
    logo: ImageFile | None = Field(
        None,
        description="Logo : nom d'un fichier PNG, JPEG ou WebP de moins de 1 Mo placé dans content/images/.",
        examples=["decider-ensemble.png"],
    )
    reseaux: Annotated[list[RecordId], UNIQUE] = Field(
        [],
        description="Identifiants des réseaux (eux-mêmes acteurs de l'annuaire) dont la structure est membre.",
        examples=[["democratie-ouverte"]],
    )
    sources: list[Source] = Field(
        min_length=1,
        description="Pages publiques qui établissent les informations de la fiche (site de la structure, page d'un organisme public, article).",
        examples=[[{"titre": "Présentation de la structure", "url": "https://exemple.org/qui-sommes-nous"}]],
    )
    date_verification: Date = Field(
        description="Date à laquelle les informations de la fiche ont été vérifiées pour la dernière fois.",
        examples=["2026-11-02"],
    )
    archive: Archive | None = Field(
        None, description="À remplir pour archiver la fiche au lieu de la supprimer (son adresse reste valable)."
    )

    @field_validator("intervention", mode="before")
    @classmethod
    def _empty_coverage(cls, value):
        """ "intervention:" left empty gets the coverage's own message, not a type error."""
        return {} if value is None else value

    @property
    def reviewed(self):
        """The date its facts were last verified."""
        return self.date_verification
