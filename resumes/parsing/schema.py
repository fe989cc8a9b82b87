"""The parsed-resume contract of DESIGN.md as a JSON Schema, and a validator for it.

CONTRACT_SCHEMA is written for OpenAI structured output in strict mode: every object lists all of
its properties as required and forbids others; a missing value is null (or an empty list).
`validate_contract` understands exactly the subset of JSON Schema used here, so no jsonschema
dependency is needed.
"""

from __future__ import annotations

import re
from typing import Any

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2]))?$"
PROFICIENCY_LEVELS = ("beginner", "intermediate", "advanced", "expert")
EDUCATION_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate", "other")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema["type"]
    nullable = dict(schema, type=[kind, "null"])
    if "enum" in schema:
        nullable["enum"] = [*schema["enum"], None]
    return nullable


def _object(properties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


_TEXT = _nullable({"type": "string"})
_DATE = _nullable({"type": "string", "pattern": DATE_PATTERN})
# Strict structured output supports "pattern" but not "minLength": a name has a visible character.
_NAME = {"type": "string", "pattern": r"\S"}

CONTRACT_SCHEMA: dict[str, Any] = _object(
    {
        "contact": _object(
            {
                "full_name": _TEXT,
                "email": _TEXT,
                "phone": _nullable(
                    {
                        "type": "string",
                        "description": "E.164 (+14155550123) where the country is known.",
                    }
                ),
                "location": _TEXT,
                "links": {"type": "array", "items": {"type": "string"}},
            }
        ),
        "headline": _TEXT,
        "summary": _TEXT,
        "skills": {
            "type": "array",
            "items": _object(
                {
                    "name": _NAME,
                    "proficiency": _nullable({"type": "string", "enum": list(PROFICIENCY_LEVELS)}),
                    "years": _nullable({"type": "number", "minimum": 0, "maximum": 60}),
                }
            ),
        },
        "experience": {
            "type": "array",
            "items": _object(
                {
                    "title": _TEXT,
                    "company": _TEXT,
                    "location": _TEXT,
                    "start": _DATE,
                    "end": _DATE,
                    "current": {"type": "boolean"},
                    "description": _TEXT,
                }
            ),
        },
        "education": {
            "type": "array",
            "items": _object(
                {
                    "degree": _TEXT,
                    "level": _nullable({"type": "string", "enum": list(EDUCATION_LEVELS)}),
                    "field": _TEXT,
                    "institution": _TEXT,
                    "start": _DATE,
                    "end": _DATE,
                }
            ),
        },
        "certifications": {
            "type": "array",
            "items": _object({"name": _NAME, "issuer": _TEXT, "date": _DATE}),
        },
        "languages": {"type": "array", "items": {"type": "string"}},
        "total_experience_years": _nullable({"type": "number", "minimum": 0, "maximum": 80}),
    }
)

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def validate_contract(data: Any, schema: dict[str, Any] = CONTRACT_SCHEMA) -> list[str]:
    """Every way `data` breaks the contract schema, as readable messages; empty when valid."""
    errors: list[str] = []
    _validate(data, schema, "$", errors)
    return errors


def _type_matches(value: Any, kind: str) -> bool:
    # bool is an int in Python but not a JSON number.
    if isinstance(value, bool) and kind in ("number", "integer"):
        return False
    return isinstance(value, _JSON_TYPES[kind])


def _validate(value: Any, schema: dict[str, Any], path: str, errors: list[str]) -> None:
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_type_matches(value, kind) for kind in kinds):
            errors.append(f"{path}: expected {' or '.join(kinds)}, got {type(value).__name__}")
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} is below {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} is above {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", ()):
            if name not in value:
                errors.append(f"{path}.{name}: missing")
        for name, item in value.items():
            if name in properties:
                _validate(item, properties[name], f"{path}.{name}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}.{name}: unexpected property")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            _validate(item, schema["items"], f"{path}[{index}]", errors)
