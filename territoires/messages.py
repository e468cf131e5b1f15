"""pydantic's validation errors, said in French for the person who wrote the file.

Each message names the field, what was expected and what was found:
`champ « site_web » : une adresse web complète commençant par https:// ou http:// attendue, reçu « javascript:… »`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel

from . import vocabularies
from .models.fields import HTTP_URL, PATTERN_HINTS
from .strictyaml import format_loc

MAX_SHOWN = 60


def shown(value: Any) -> str:
    """How a received value is quoted back: short, on one line."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, dict):
        return "un ensemble de sous-champs"
    if isinstance(value, list):
        return "une liste"
    text = str(value).replace("\n", " ")
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return f"« {text} »"


def describe(error: dict, model: type[BaseModel]) -> str:
    """One French sentence for one pydantic error dict."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    field = f"champ « {format_loc(loc)} »" if loc else "en-tête"
    got = shown(value)

    if kind == "missing":
        return f"{field} : champ obligatoire manquant"
    if kind == "extra_forbidden":
        known = allowed_fields(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        message = f"{field} : champ inconnu"
        if hint:
            message += f" ; vouliez-vous dire « {hint[0]} » ?"
        return message + f" (champs possibles : {', '.join(known)})"
    if kind == "vocabulary":
        vocabulary = vocabularies.get(ctx["vocabulary"])
        suggestion = vocabulary.suggest(ctx["value"])
        message = f"{field} : valeur « {ctx['value']} » inconnue"
        if suggestion:
            message += f" ; vouliez-vous dire « {suggestion} » ?"
        return message + f" (valeurs possibles : {', '.join(vocabulary.ids)} ; voir data/vocabulaires/{vocabulary.name}.yaml)"
    if kind == "duplicate":
        return f"{field} : la valeur « {ctx['value']} » apparaît deux fois"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == HTTP_URL and _ascii_url(value):
        return (
            f"{field} : nom de domaine accentué : écrivez l'adresse sous sa forme ASCII (punycode),"
            f" « {_ascii_url(value)} », reçu {got}"
        )
    if kind == "string_pattern_mismatch":
        expected = PATTERN_HINTS.get(ctx.get("pattern", ""), "une valeur au bon format")
        return f"{field} : {expected} {agreed('attendu', expected)}, reçu {got}"
    if kind == "string_unicode":
        return f"{field} : texte illisible (caractère Unicode invalide), reçu {got}"
    if kind == "string_type":
        if value is None:
            return f"{field} : valeur vide, à remplir"
        return f"{field} : un texte attendu, reçu {got}"
    if kind == "string_too_short":
        return f"{field} : texte trop court, au moins {ctx['min_length']} caractères attendus, reçu {got}"
    if kind == "string_too_long":
        return f"{field} : texte trop long, au plus {ctx['max_length']} caractères attendus, reçu {len(str(value))} caractères"
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        return f"{field} : au moins {minimum} élément{'s' if minimum > 1 else ''} attendu{'s' if minimum > 1 else ''}, reçu {ctx.get('actual_length', 0)}"
    if kind == "too_long":
        return f"{field} : au plus {ctx.get('max_length')} éléments attendus, reçu {ctx.get('actual_length')}"
    if kind == "list_type":
        return f"{field} : une liste attendue (un élément par ligne, commençant par « - »), reçu {got}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{field} : des sous-champs attendus (« nom: valeur » sur les lignes suivantes, en retrait), reçu {got}"
    if kind in ("bool_parsing", "bool_type"):
        return f"{field} : oui ou non attendu, reçu {got}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{field} : un nombre entier attendu, reçu {got}"
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{field} : un nombre attendu (avec un point décimal, ex. 43.61), reçu {got}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field} : nombre trop petit, au moins {ctx.get('ge', ctx.get('gt'))} attendu, reçu {got}"
    if kind in ("less_than_equal", "less_than"):
        return f"{field} : nombre trop grand, au plus {ctx.get('le', ctx.get('lt'))} attendu, reçu {got}"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_from_datetime_inexact", "date_type", "date_format"):
        if "range" in str(ctx.get("error", "")) or "invalid" in str(ctx.get("error", "")):
            return f"{field} : date impossible, reçu {got}"
        return f"{field} : une date au format AAAA-MM-JJ attendue (ex. 2026-03-15), reçu {got}"
    if kind == "date_impossible":
        return f"{field} : date impossible, reçu {got}"
    if kind in ("coverage_empty", "place_empty", "coordinates_pair", "dates_order"):
        return f"{field} : {error['msg']}"
    return f"{field} : valeur invalide ({error.get('msg', kind)}), reçu {got}"


def _ascii_url(value: Any) -> str | None:
    """`https://exémple.fr/a` -> `https://xn--exmple-cva.fr/a`: the form an internationalised domain must take."""
    match = re.match(r"^(https?://)([^/?#:]+)(.*)$", value) if isinstance(value, str) else None
    if not match or match.group(2).isascii():
        return None
    try:
        host = match.group(2).encode("idna").decode("ascii")
    except UnicodeError:
        return None
    candidate = match.group(1) + host + match.group(3)
    return candidate if re.match(HTTP_URL, candidate) else None


def allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names accepted at `loc` inside `model` (for "did you mean" hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def agreed(participle: str, noun_phrase: str) -> str:
    """ "attendu" agreeing with what is expected: "une date … attendue", "des codes … attendus"."""
    first = noun_phrase.split(" ", 1)[0].lower()
    if first in ("une", "la"):
        return participle + "e"
    if first in ("des", "les", "deux", "trois"):
        return participle + "s"
    return participle
