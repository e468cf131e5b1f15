"""Everything under /donnees/: CSV, JSON, GeoJSON, JSON Schemas and the Frictionless data package.

Built with every site build, at stable URLs, deterministically (same records, same bytes).
"""

from __future__ import annotations

import json

from ..accompaniments import COLUMN_DESCRIPTIONS, rows_csv, source_address
from ..config import SiteConfig
from ..corpus import Corpus
from ..models import KINDS, RECORD_KINDS, located_kinds, record_kinds
from ..schemas import SCHEMA_VERSION, rendered_schemas
from .documents import corpus_json, feature_collection
from .tables import csv_text, table_schema

DATA_DIR = "donnees"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _dump_records(data: dict) -> str:
    """A JSON object whose lists (of records, of features) hold one item per line: encoded at the
    speed of the compact C encoder (an indented dump of 10 000 records takes seconds), and a file
    that still reads, greps and diffs record by record."""
    parts = []
    for key, value in data.items():
        head = json.dumps(key, ensure_ascii=False) + ": "
        if isinstance(value, list) and value:
            items = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"{head}[\n  {items}\n ]")
        else:
            parts.append(head + json.dumps(value, ensure_ascii=False))
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def metadata(config: SiteConfig, corpus: Corpus) -> dict:
    return {
        "titre": config.name,
        "description": config.description,
        "licence": LICENCE["name"],
        "licence_url": LICENCE["path"],
        "version_schema": SCHEMA_VERSION,
        "source": config.repository_url,
        "referentiel_territoires": corpus.territories.source["paquet"],
        "nombre": {kind.export_name: len(corpus.by_kind(kind.name)) for kind in record_kinds()},
    }


def descriptor(config: SiteConfig, corpus: Corpus) -> dict:
    site = config.public_url
    resources = []
    for kind in record_kinds():
        name = kind.export_name
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "title": f"{name.capitalize()} (CSV)",
                "description": kind.export_description + " Une ligne par fiche.",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": table_schema(kind.name),
            }
        )
    resources.append(
        {
            "name": "accompagnements",
            "path": "accompagnements.csv",
            "title": "Territoires accompagnés par l'ANCT (CSV)",
            "description": "Les territoires accompagnés par l'Agence nationale de la cohésion des territoires dans le"
            " programme Territoires d'engagement, un territoire et un service par ligne, importés du fichier de"
            " l'ANCT (Licence Ouverte 2.0, attribution : ANCT) et rapprochés du Code officiel géographique.",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "sources": [{"title": "ANCT, carte des territoires de l'engagement citoyen", "path": source_address()}],
            "schema": {
                "fields": [
                    {"name": name, "type": kind, "description": description}
                    for name, (kind, description) in COLUMN_DESCRIPTIONS.items()
                ],
                "primaryKey": ["service", "niveau", "code"],
            },
        }
    )
    resources.append(
        {
            "name": "territoires-en-commun",
            "path": "territoires-en-commun.json",
            "title": "Toutes les fiches (JSON)",
            "description": "Toutes les fiches, avec tous leurs champs imbriqués et leur texte en Markdown.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    )
    for kind in located_kinds():
        name = kind.export_name
        resources.append(
            {
                "name": f"{name}-geojson",
                "path": f"{name}.geojson",
                "title": f"{name.capitalize()} localisés (GeoJSON)",
                "description": kind.export_description + " Seulement les fiches qui ont des coordonnées.",
                "format": "geojson",
                "mediatype": "application/geo+json",
                "encoding": "utf-8",
            }
        )
    return {
        "profile": "data-package",
        "name": "territoires-en-commun",
        "title": "Territoires en commun : acteurs, retours d'expérience et guides de la participation citoyenne",
        "description": config.description,
        "version": SCHEMA_VERSION,
        "homepage": f"{site}/donnees/",
        "licenses": [LICENCE],
        "sources": [
            {"title": "Fiches contribuées par les partenaires de Territoires en commun", "path": config.repository_url},
            {
                "title": f"Code officiel géographique (Insee), {corpus.territories.source['paquet']}",
                "path": corpus.territories.source["depot"],
            },
        ],
        "keywords": ["participation citoyenne", "démocratie participative", "collectivités territoriales", "concertation"],
        "resources": resources,
        # The JSON Schemas of the records are documentation, not data: Frictionless would read
        # "*.schema.json" files as Table Schemas, so they are listed here rather than as resources.
        "jsonSchemas": [
            {
                "title": f"Schéma JSON des fiches « {KINDS[kind].label} »",
                "path": f"schemas/{kind}.schema.json",
                "version": SCHEMA_VERSION,
            }
            for kind in RECORD_KINDS
        ],
    }


def data_files(corpus: Corpus, config: SiteConfig) -> dict[str, str]:
    """Every file of /donnees/: path under the output folder -> text."""
    site = config.public_url
    files = {f"{DATA_DIR}/{kind.export_name}.csv": csv_text(kind.name, corpus, site) for kind in record_kinds()}
    files[f"{DATA_DIR}/territoires-en-commun.json"] = _dump_records(corpus_json(corpus, site, metadata(config, corpus)))
    files[f"{DATA_DIR}/accompagnements.csv"] = rows_csv(corpus.accompaniments)
    for kind in located_kinds():
        files[f"{DATA_DIR}/{kind.export_name}.geojson"] = _dump_records(feature_collection(kind.name, corpus, site))
    for name, text in rendered_schemas().items():
        files[f"{DATA_DIR}/schemas/{name}"] = text
    files[f"{DATA_DIR}/datapackage.json"] = _dump(descriptor(config, corpus))
    return files
