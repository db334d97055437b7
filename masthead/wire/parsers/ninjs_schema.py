"""Validate ninjs documents against IPTC's official JSON Schemas, versions 1.0 to 3.1.

The schemas are IPTC's files, unchanged, in masthead/wire/schemas/ninjs/ (MIT licence
beside them); a test checks they match the copies in shared/formats/ninjs/specification/.
"""

import json
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas" / "ninjs"
GEOJSON_ID = "https://geojson.org/schema/GeoJSON.json"

SCHEMA_FILES = {
    "1.0": "ninjs-schema_1.0.json",
    "1.1": "ninjs-schema_1.1.json",
    "1.2": "ninjs-schema_1.2.json",
    "1.3": "ninjs-schema_1.3.json",
    "1.4": "ninjs-schema_1.4.json",
    "1.5": "ninjs-schema_1.5.json",
    "1.6": "ninjs-schema_1.6.json",
    "1.x_dev": "ninjs-schema-dev_0.2_v1.5.json",
    "2.0": "ninjs-schema_2.0.json",
    "2.1": "ninjs-schema_2.1.json",
    "2.2": "ninjs-schema_2.2.json",
    "2.x_dev": "ninjs-schema-dev_0.1_v2.1.json",
    "3.0": "ninjs-schema_3.0.json",
    "3.1": "ninjs-schema_3.1.json",
}
# Newest first within each generation; the development schemas of IPTC come last.
GENERATIONS = {
    "1": ["1.6", "1.5", "1.4", "1.3", "1.2", "1.1", "1.0", "1.x_dev"],
    "2": ["2.2", "2.1", "2.0", "2.x_dev"],
    "3": ["3.1", "3.0"],
}
# Properties only a generation has: camelCase arrived in 3.0, arrays of objects in 2.0.
GENERATION_3_KEYS = frozenset(
    {
        "versionCreated",
        "firstCreated",
        "contentCreated",
        "pubStatus",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "representationType",
        "eventDetails",
        "plannedCoverage",
        "planningDetails",
        "digitalSourceType",
        "altIds",
        "mimeType",
    }
)
GENERATION_2_KEYS = frozenset(
    {
        "headlines",
        "bodies",
        "descriptions",
        "people",
        "organisations",
        "places",
        "subjects",
        "events",
        "objects",
        "infosources",
        "genres",
        "trustindicators",
        "standard",
    }
)
GENERATION_1_PREFIXES = ("headline", "body_", "description_")
GENERATION_1_KEYS = frozenset(
    {"subject", "person", "place", "organisation", "object", "event", "$standard", "byline"}
)


class SchemaError(Exception):
    """The document is not valid ninjs; the message names the schema and the error."""


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = (contents.get("$id") or contents.get("id") or "").rstrip("#")
        if path.name == "GeoJSON-schema.json":
            uri = GEOJSON_ID
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def validator(version: str):
    schema = json.loads((SCHEMA_DIR / SCHEMA_FILES[version]).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
    return cls(schema, registry=_registry())


def candidate_versions(doc: dict) -> list[str]:
    """The schema versions to try for `doc`: the declared one, else by its properties."""
    standard = doc.get("standard") or doc.get("$standard")
    declared = standard.get("version") if isinstance(standard, dict) else None
    first = [declared] if declared in SCHEMA_FILES else []
    return first + [v for v in _by_properties(set(doc)) if v not in first]


def _by_properties(keys: set[str]) -> list[str]:
    if keys & GENERATION_3_KEYS:
        return GENERATIONS["3"]
    if keys & GENERATION_2_KEYS:
        return GENERATIONS["2"] + GENERATIONS["3"]
    if keys & GENERATION_1_KEYS or any(k.startswith(GENERATION_1_PREFIXES) for k in keys):
        return GENERATIONS["1"]
    return GENERATIONS["3"] + GENERATIONS["2"] + GENERATIONS["1"]


def describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    return f"at {where}: {error.message[:300]}"


def validate(doc, *, version: str | None = None) -> str:
    """Return the schema version `doc` is valid against; raise SchemaError if none."""
    if not isinstance(doc, dict):
        raise SchemaError("a ninjs document is a JSON object")
    if version is not None and version not in SCHEMA_FILES:
        raise SchemaError(f"unknown ninjs version {version!r}")
    versions = [version] if version else candidate_versions(doc)
    first_error = None
    for candidate in versions:
        error = jsonschema.exceptions.best_match(validator(candidate).iter_errors(doc))
        if error is None:
            return candidate
        first_error = first_error or (candidate, error)
    candidate, error = first_error
    raise SchemaError(
        f"not valid ninjs {candidate} (schema {SCHEMA_FILES[candidate]}) {describe(error)}"
    )
