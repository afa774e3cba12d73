"""Turns a contract's (OpenAPI 3.0) response schema into plain JSON Schemas, one per *variant*
of what a real or newer server may send, and those into hypothesis strategies:

- minimal:  every nullable field absent (the server omits nulls; non-nullable ones are always written)
- full:     every field present, none null
- nulls:    every field present, nullable ones explicitly null
- mixed:    any subset of fields, nullable ones sometimes null
- future:   full or mixed, plus an unknown field in every object and unknown enum strings

GUIDs come undashed (as the server writes them), dashed, or upper-case; dates carry 7
fractional digits (and DateTime.MinValue), or in `mixed` any RFC 3339 shape. Recursion
(BaseItemDto.CurrentProgram) and nesting depth are bounded so each instance stays small.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from contracts import JSON, Contract

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

VARIANTS = ("minimal", "full", "nulls", "mixed", "future-full", "future-mixed")

GUID_N = r"^[0-9a-f]{32}$"
GUID_D = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
GUID_UPPER = r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$"
# The server's own form: 7 fractional digits and Z (notes §1 DateTime, §8.5).
DATE_7 = r"^(19[7-9][0-9]|20[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{7}Z$"
DATE_ANY = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?$"
MIN_DATE = "0001-01-01T00:00:00.0000000Z"
UNKNOWN_ENUM = r"^Future[A-Z][a-z]{1,8}$"
UNKNOWN_FIELD = "ZzFutureField"
INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
MAX_REF_DEPTH = 3  # SessionInfoDto → BaseItemDto → UserItemDataDto; deeper objects are left out
MAX_ITEMS = 1


class Converter:
    def __init__(self, contract: Contract, variant: str):
        self.contract = contract
        self.variant = variant
        self.base = variant.removeprefix("future-")
        self.future = variant.startswith("future-")
        self.schemas_used: set[str] = set()

    def convert(self, schema: JSON, stack: tuple[str, ...] = ()) -> JSON | None:
        """The JSON Schema for `schema`; None when the depth bound drops it."""
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in stack or len(stack) >= MAX_REF_DEPTH and self._is_object(schema):
                return None
            self.schemas_used.add(name)
            return self.convert(self.contract.component(schema["$ref"]), stack + (name,))
        if "allOf" in schema:
            # OpenAPI 3.0 idiom: {allOf: [$ref], nullable, description} (notes §8.23).
            parts = [self.convert(s, stack) for s in schema["allOf"]]
            if any(p is None for p in parts):
                return None
            return parts[0] if len(parts) == 1 else {"allOf": parts}
        if "enum" in schema:
            base = {"enum": [v for v in schema["enum"] if v is not None]}
            return {"anyOf": [base, {"type": "string", "pattern": UNKNOWN_ENUM}]} if self.future else base
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            return self._object(schema, stack)
        if kind == "array":
            items = self.convert(schema.get("items", {}), stack)
            return {"type": "array", "maxItems": 0} if items is None else {"type": "array", "items": items, "maxItems": MAX_ITEMS}
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            low, high = INT_RANGES.get(str(schema.get("format")), INT_RANGES["int64"])
            return {"type": "integer", "minimum": low, "maximum": high}
        if kind == "number":
            return {"type": "number", "minimum": -1e12, "maximum": 1e12}
        if kind == "boolean":
            return {"type": "boolean"}
        # Any JSON value (G4 `data`, ProblemDetails extensions): kept small.
        return {"anyOf": [{"type": "null"}, {"type": "boolean"}, {"type": "integer", "minimum": -1000, "maximum": 1000},
                          {"type": "string", "maxLength": 8},
                          {"type": "array", "items": {"type": "integer"}, "maxItems": 2},
                          {"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 2}]}

    def _is_object(self, ref: JSON) -> bool:
        target = self.contract.component(ref["$ref"])
        return target.get("type") == "object" or "properties" in target

    def _string(self, schema: JSON) -> JSON:
        fmt = schema.get("format")
        if fmt == "uuid":
            if self.base == "mixed":
                return {"anyOf": [{"type": "string", "pattern": p} for p in (GUID_N, GUID_D, GUID_UPPER)]}
            return {"type": "string", "pattern": GUID_D if self.base == "nulls" else GUID_N}
        if fmt == "date-time":
            if self.base == "mixed":
                return {"anyOf": [{"type": "string", "pattern": DATE_ANY}, {"type": "string", "pattern": DATE_7}]}
            return {"anyOf": [{"type": "string", "pattern": DATE_7}, {"const": MIN_DATE}]}
        out: dict[str, Any] = {"type": "string", "maxLength": 24}
        if "minLength" in schema:
            out["minLength"] = schema["minLength"]
        return out

    def _nullable(self, schema: JSON, converted: JSON) -> JSON:
        if not schema.get("nullable"):
            return converted
        if self.base == "nulls":
            return {"type": "null"}
        if self.base == "mixed":
            return {"anyOf": [converted, {"type": "null"}]}
        return converted

    def _object(self, schema: JSON, stack: tuple[str, ...]) -> JSON:
        props: dict[str, Any] = {}
        required: list[str] = []
        for name, prop in schema.get("properties", {}).items():
            nullable = bool(prop.get("nullable")) or self._ref_nullable(prop)
            if self.base == "minimal" and nullable and name not in schema.get("required", []):
                continue
            converted = self.convert(prop, stack)
            if converted is None:
                continue
            props[name] = self._nullable({"nullable": nullable}, converted)
            if self.base != "mixed" or name in schema.get("required", []):
                required.append(name)
        out: dict[str, Any] = {"type": "object", "properties": props, "required": required}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            # A map (ImageTags, GeneralCommand.Arguments, ProviderIds...): every value obeys `extra`.
            value = self.convert(extra, stack)
            out["additionalProperties"] = False if value is None else self._nullable(extra, value)
            out["maxProperties"] = len(props) + 2
            return out
        if not props and extra is not False:
            # A free-form object (ProblemDetails extensions, DeviceProfile kept as JSON).
            out["additionalProperties"] = {"type": ["string", "integer", "boolean", "null"]}
            out["maxProperties"] = 3
            return out
        out["additionalProperties"] = False
        if self.future:
            out["properties"][UNKNOWN_FIELD] = {"anyOf": [{"type": "string", "maxLength": 6}, {"type": "integer"},
                                                          {"type": "array", "items": {"type": "boolean"}, "maxItems": 2}]}
            out["required"] = required + [UNKNOWN_FIELD]
        return out

    def _ref_nullable(self, prop: JSON) -> bool:
        return any(s.get("nullable") for s in prop.get("allOf", []))


def json_schema(contract: Contract, schema: JSON, variant: str) -> tuple[JSON, set[str]]:
    converter = Converter(contract, variant)
    converted = converter.convert(schema)
    assert converted is not None
    return converted, converter.schemas_used


def _dates(fraction_digits: tuple[int, ...], zones: tuple[str, ...]) -> SearchStrategy[str]:
    from datetime import datetime

    from hypothesis import strategies as st

    def render(moment: datetime, digits: int, zone: str) -> str:
        fraction = f"{moment.microsecond:06d}{moment.second % 10}"[:digits]  # up to 7 digits, as .NET writes
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + (f".{fraction}" if digits else "") + zone

    return st.builds(render, st.datetimes(datetime(1970, 1, 1), datetime(2099, 12, 28)),
                     st.sampled_from(fraction_digits), st.sampled_from(zones))


# The patterns the converter emits for GUIDs and dates, generated directly (from_regex is
# slow, and a session list holds dozens of them).
def _uuids() -> SearchStrategy[UUID]:
    from hypothesis import strategies as st

    return st.uuids()


_FAST: dict[str, Callable[[], SearchStrategy[str]]] = {
    GUID_N: lambda: _uuids().map(lambda u: u.hex),
    GUID_D: lambda: _uuids().map(str),
    GUID_UPPER: lambda: _uuids().map(lambda u: str(u).upper()),
    DATE_7: lambda: _dates((7,), ("Z",)),
    DATE_ANY: lambda: _dates((0, 1, 3, 6, 7, 9), ("Z", "+01:00", "-05:30", "")),
}


def strategy(schema: JSON) -> SearchStrategy[Any]:
    """A hypothesis strategy for the JSON Schema subset `Converter` emits. Built directly from
    hypothesis' own strategies: hypothesis-jsonschema canonicalises the whole (150 kB, once
    BaseItemDto is inlined) schema first, which takes minutes per variant."""
    from hypothesis import strategies as st

    if "anyOf" in schema:
        return st.one_of([strategy(s) for s in schema["anyOf"]])
    if "allOf" in schema:
        return strategy(schema["allOf"][0])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([strategy({**schema, "type": k}) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        return st.floats(schema.get("minimum"), schema.get("maximum"), allow_nan=False, allow_infinity=False)
    if kind == "string":
        if schema.get("pattern") in _FAST:
            return _FAST[schema["pattern"]]()
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return st.text(min_size=schema.get("minLength", 0), max_size=schema.get("maxLength", 24))
    if kind == "array":
        if schema.get("maxItems") == 0:
            return st.just([])
        return st.lists(strategy(schema["items"]), max_size=schema.get("maxItems", MAX_ITEMS))
    if kind == "object":
        props = {name: strategy(s) for name, s in schema.get("properties", {}).items()}
        required = {name: props[name] for name in schema.get("required", [])}
        optional = {name: s for name, s in props.items() if name not in required}
        fixed = st.fixed_dictionaries(required, optional=optional)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            limit = max(0, schema.get("maxProperties", 2) - len(props))
            more = st.dictionaries(st.text(min_size=1, max_size=8), strategy(extra), max_size=limit)
            return st.tuples(more, fixed).map(lambda pair: {**pair[0], **pair[1]})
        return fixed
    raise ValueError(f"no strategy for {schema}")
