"""JSON export (every record, nested and typed) and GeoJSON exports (RFC 7946)."""

from __future__ import annotations

from ..corpus import Corpus
from ..loading import Record
from ..models import KINDS, record_kinds
from ..places import place


def record_json(record: Record, corpus: Corpus, site: str) -> dict:
    data = {"id": record.id, "url": f"{site}/{record.url}"}
    data |= record.data.model_dump(mode="json", exclude_none=True)
    if record.kind == "experience":
        facts = place(record, corpus.territories)
        data["lieu"] = {
            "commune": {"code": facts.commune.code, "nom": facts.commune.name} if facts.commune else None,
            "epci": {"siren": facts.epci.siren, "nom": facts.epci.name} if facts.epci else None,
            "departement": {"code": facts.department.code, "nom": facts.department.name} if facts.department else None,
            "region": {"code": facts.region.code, "nom": facts.region.name} if facts.region else None,
            "population": facts.population,
        }
    data["texte"] = record.body.strip()
    return data


def corpus_json(corpus: Corpus, site: str, metadata: dict) -> dict:
    return {
        "metadonnees": metadata,
        **{
            kind.export_name: [record_json(r, corpus, site) for r in corpus.by_kind(kind.name).values()]
            for kind in record_kinds()
        },
    }


def _coordinates(record: Record) -> tuple[float, float] | None:
    if record.kind == "actor":
        hq = record.data.siege
        return (hq.longitude, hq.latitude) if hq and hq.latitude is not None else None
    c = record.data.coordonnees
    return (c.longitude, c.latitude) if c else None


def feature_collection(kind: str, corpus: Corpus, site: str) -> dict:
    """Records of `kind` that have coordinates, as GeoJSON Points (longitude first, RFC 7946)."""
    features = []
    for record in corpus.by_kind(kind).values():
        point = _coordinates(record)
        if point is None:
            continue
        properties = {
            "id": record.id,
            "type": KINDS[kind].key,
            "nom": record.title,
            "url": f"{site}/{record.url}",
            "resume": record.data.resume,
            "thematiques": list(record.data.thematiques),
        }
        if kind == "actor":
            properties["type_structure"] = record.data.type_structure
            properties["commune"] = record.data.siege.commune
        else:
            properties["lieu"] = place(record, corpus.territories).summary
            properties["demarches"] = list(record.data.demarches)
        features.append(
            {
                "type": "Feature",
                "id": record.id,
                "geometry": {"type": "Point", "coordinates": list(point)},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}
