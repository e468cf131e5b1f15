"""Field types shared by every record: codes, URLs, dates, texts and vocabulary values.

Each type carries its JSON Schema (pattern, enum, format), so that a reuser validating our
records with any JSON Schema tool gets the same verdict as these models on the shape of a record.
What a schema cannot know (does this INSEE code exist? does this actor id exist?) is checked
against the references in `territoires.validation`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from .. import vocabularies

# What each pattern expects, in words; messages.py shows it when a value does not match.
PATTERN_HINTS: dict[str, str] = {}


def _pattern(regex: str, hint: str, **constraints: Any) -> Any:
    PATTERN_HINTS[regex] = hint
    return StringConstraints(pattern=regex, **constraints)


class StrictModel(BaseModel):
    """Unknown fields are refused: a typo in a field name must not silently drop information."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        """`sigle:` left empty means "no acronym": an empty optional field takes its default."""
        if isinstance(data, dict):
            fields = cls.model_fields
            return {k: v for k, v in data.items() if v is not None or (k in fields and fields[k].is_required())}
        return data


RECORD_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RecordId = Annotated[
    str,
    _pattern(
        RECORD_ID,
        "un identifiant de fiche : lettres minuscules sans accent, chiffres et tirets (ex. decider-ensemble)",
        max_length=80,
    ),
]

INSEE_CODE = r"^(?:[0-9]{5}|2[AB][0-9]{3})$"
SIREN = r"^[0-9]{9}$"
DEPARTMENT_CODE = r"^(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$"
REGION_CODE = r"^[0-9]{2}$"
InseeCode = Annotated[str, _pattern(INSEE_CODE, "un code INSEE de commune à 5 caractères (ex. 34164 pour Montaud)")]
Siren = Annotated[str, _pattern(SIREN, "un numéro SIREN d'intercommunalité à 9 chiffres (ex. 200071181)")]
DepartmentCode = Annotated[str, _pattern(DEPARTMENT_CODE, "un code de département (01 à 95, 2A, 2B, 971 à 976)")]
RegionCode = Annotated[str, _pattern(REGION_CODE, "un code de région à 2 chiffres (ex. 76 pour l'Occitanie)")]

HTTP_URL = (
    r"^https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
    r"(?::[0-9]{1,5})?(?:[/?#][^\s<>\"'`\\]*)?$"
)
HttpUrl = Annotated[
    str,
    _pattern(HTTP_URL, "une adresse web complète commençant par https:// ou http://", max_length=500),
]
Email = Annotated[
    str,
    _pattern(
        r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$",
        "une adresse électronique (ex. contact@exemple.fr)",
        max_length=254,
    ),
]
Phone = Annotated[
    str,
    _pattern(
        r"^(?:0[1-9]|\+[0-9]{2,3} ?[1-9])(?:[ .]?[0-9]{2}){4}$",
        "un numéro de téléphone (ex. 01 23 45 67 89 ou +33 1 23 45 67 89)",
    ),
]

IMAGE_FILE = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:png|jpg|jpeg|webp)$"
ImageFile = Annotated[
    str,
    _pattern(
        IMAGE_FILE,
        "le nom d'un fichier PNG, JPEG ou WebP placé dans content/images/ (ex. decider-ensemble.png)",
        max_length=90,
    ),
]

PARTIAL_DATE = r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"


def _real_partial_date(value: str) -> str:
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_impossible", "date impossible") from None
    return value


PartialDate = Annotated[
    str,
    _pattern(PARTIAL_DATE, "une date AAAA, AAAA-MM ou AAAA-MM-JJ (ex. 2021, 2021-09 ou 2021-09-15)"),
    AfterValidator(_real_partial_date),
]


def _iso_date_only(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise PydanticCustomError("date_format", "date au format AAAA-MM-JJ attendue")
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date_only)]

_FRENCH_BOOLEANS = {"oui": True, "non": False}


def _french_boolean(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _FRENCH_BOOLEANS:
        return _FRENCH_BOOLEANS[value.strip().lower()]
    return value


# Contributors write "oui" and "non" (any case): the published schema says so, so that it
# describes the files as they are written.
FRENCH_TRUE = ["oui", "Oui", "OUI"]
FRENCH_FALSE = ["non", "Non", "NON"]
Boolean = Annotated[
    bool,
    BeforeValidator(_french_boolean),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": FRENCH_TRUE + FRENCH_FALSE}]}),
]


def text(min_length: int = 1, max_length: int = 2000) -> Any:
    """A one-paragraph text field."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length)]


def _plain_decimal(value: Any) -> Any:
    """Python would also read "4_3" as 43 and "nan" or "inf" as numbers: a coordinate is written 43.61."""
    if isinstance(value, str) and not re.fullmatch(r"[+-]?[0-9]{1,3}(?:\.[0-9]+)?", value.strip()):
        raise PydanticCustomError("float_parsing", "nombre décimal attendu")
    return value


Latitude = Annotated[float, Field(ge=-90, le=90), BeforeValidator(_plain_decimal)]
Longitude = Annotated[float, Field(ge=-180, le=180), BeforeValidator(_plain_decimal)]


class _VocabularyValue:
    """Annotation: the value must be an id of the named vocabulary (enum in the JSON Schema)."""

    def __init__(self, name: str):
        self.name = name
        self.vocabulary = vocabularies.get(name)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        json_schema = handler(schema)
        json_schema["enum"] = self.vocabulary.ids
        return json_schema

    def _check(self, value: str) -> str:
        if value not in self.vocabulary:
            raise PydanticCustomError(
                "vocabulary",
                "valeur inconnue",
                {"vocabulary": self.name, "value": value},
            )
        return value


def vocabulary(name: str) -> Any:
    return Annotated[str, _VocabularyValue(name)]


class _UniqueItems:
    """Annotation: a list without repeated values (uniqueItems in the JSON Schema)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> dict:
        json_schema = handler(schema)
        json_schema["uniqueItems"] = True
        return json_schema

    @staticmethod
    def _check(values: list) -> list:
        seen = set()
        for value in values:
            key = value.model_dump_json() if isinstance(value, BaseModel) else value
            if key in seen:
                raise PydanticCustomError("duplicate", "valeur répétée", {"value": str(value)})
            seen.add(key)
        return values


UNIQUE = _UniqueItems()

Theme = vocabulary("thematiques")
Offer = vocabulary("offres")
ActorType = vocabulary("types-structure")
Approach = vocabulary("demarches")
ParticipationLevel = vocabulary("niveaux-participation")
ProjectStage = vocabulary("etapes-projet")
GuideFormat = vocabulary("formats-guide")
Reader = vocabulary("publics")
CollectivitySize = vocabulary("tailles-collectivite")
Pricing = vocabulary("tarifs")
HolderType = vocabulary("types-porteur")
Programme = vocabulary("programmes")
Licence = vocabulary("licences")


class Source(StrictModel):
    """Un document public sur lequel s'appuie la fiche."""

    titre: text(2, 300) = Field(description="Titre du document ou de l'article.", examples=["Article de presse"])
    url: HttpUrl = Field(description="Adresse du document.", examples=["https://exemple.fr/article"])
