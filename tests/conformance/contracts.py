"""The two contracts, loaded for openapi-core, with the few allowances the evidence forces.

Every allowance below is a place where the official document is demonstrably not what the
real server does, cited from contracts/jellyfin-notes.md. Each is as narrow as it can
be, and each is listed in the coverage report so it never hides. Nothing else is relaxed:
unknown properties (additionalProperties: false), enum values, types, formats, required
parameters, content types and security are all checked as written.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from jsonschema_path import SchemaPath
from openapi_core import OpenAPI, Config

# The contracts are kept in the repository (contracts/README.md names their sources).
SPECS = Path(__file__).resolve().parents[2] / "contracts"
JELLYFIN_SPEC = SPECS / "jellyfin-openapi-stable.json"
G4_SPEC = SPECS / "g4-sessions.yaml"

README = Path(__file__).resolve().parents[2] / "README.md"
_README_ROW = re.compile(r"^\| (Jellyfin|G4) \| `[A-Z]+ [^`]+` \((\w+)[;)]", re.M)


def _sdk_operations() -> dict[str, str]:
    """Every operation the SDK implements, by the contract's operationId, read from the README's
    operations table (one row per operation, the operationId in parentheses): the table users
    read is the list the conformance report requires each language to answer with success."""
    found = {op: api for api, op in _README_ROW.findall(README.read_text(encoding="utf-8"))}
    if len(found) < 20:
        raise SystemExit(f"conformance: the README's operations table yields only {len(found)} operations")
    return found


SDK_OPERATIONS: dict[str, str] = _sdk_operations()
# The login's Authorization carries no token but the full identity (§4.2).
JELLYFIN_LOGIN = "AuthenticateUserByName"

# A JSON object of a contract document, and one operation: (method, path, operation, path-level parameters).
JSON = dict[str, Any]
Operation = tuple[str, str, JSON, list[JSON]]

_GUID_N = re.compile(r"^[0-9a-fA-F]{32}$")
_GUID_D = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


GUID_N_SEEN = [0]  # how often the undashed form was what made a value valid, for the report


def is_guid(value: Any) -> bool:
    """`format: uuid` as the server reads and writes it: jellyfin-notes.md §1 "GUIDs" and §8.3
    (written as 32 hex without dashes by JsonGuidConverter; read with Guid.Parse, which takes
    both forms)."""
    if not isinstance(value, str):
        return True  # formats only constrain strings
    if _GUID_N.match(value):
        GUID_N_SEEN[0] += 1
        return True
    return bool(_GUID_D.match(value))


@dataclass
class Allowance:
    ident: str
    what: str
    evidence: str
    applied: int = 0


@dataclass
class Contract:
    name: str
    api: str  # "Jellyfin" or "G4", as the emulator labels exchanges
    raw: JSON
    openapi: OpenAPI
    operations: dict[str, Operation]  # operationId -> (method, path, op, path-level params)
    allowances: list[Allowance] = field(default_factory=list)

    def component(self, ref: str) -> JSON:
        node: Any = self.raw
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return cast(JSON, node)


def _operations(raw: JSON) -> dict[str, Operation]:
    out: dict[str, Operation] = {}
    for path, item in raw["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                out[op["operationId"]] = (method.upper(), path, op, item.get("parameters", []))
    return out


def _undocumented_responses(problem_ref: str) -> dict[str, JSON]:
    """The status codes the real server sends for the Session operations that the document
    leaves out (jellyfin-notes.md §1 "Error bodies", §2.2 per operation, §8.7): exception
    middleware errors are text/plain, model-validation 400s are ProblemDetails JSON."""
    text = {"text/plain": {"schema": {"type": "string"}}}
    return {
        "400": {"description": "allowance: ArgumentException or model validation (notes §1, §2.2)",
                "content": {"application/problem+json": {"schema": {"$ref": problem_ref}}, **text}},
        "404": {"description": "allowance: unknown session (notes §2.2, §8.7)", "content": text},
        "500": {"description": "allowance: unknown user / non-GUID item (notes §2.2, §8.7)", "content": text},
    }


# Which undocumented statuses each operation really answers (jellyfin-notes.md §2.2 table,
# "Status codes seen in practice"; §4.4 for the login).
_REAL_STATUSES = {
    "AddUserToSession": ["400", "404", "500"],
    "RemoveUserFromSession": ["400", "404"],
    "DisplayContent": ["400", "404"],
    "Play": ["400", "404"],
    "SendPlaystateCommand": ["400", "404"],
    "SendSystemCommand": ["400", "404"],
    "SendGeneralCommand": ["400", "404"],
    "SendFullGeneralCommand": ["400", "404"],
    "SendMessageCommand": ["400", "404"],
    "PostCapabilities": ["404"],
    "PostFullCapabilities": ["400", "404"],
    "ReportViewing": ["400", "404", "500"],
}


def load_jellyfin() -> Contract:
    raw = json.loads(JELLYFIN_SPEC.read_text())
    allowances: list[Allowance] = []

    a = Allowance("jellyfin-guid-n", "format uuid also accepts the undashed 32-hex form",
                  "notes §1 GUIDs (JsonGuidConverter writes ToString(\"N\")), §8.3")
    allowances.append(a)

    # TranscodeReasons: `enum` of strings on an `array` schema can never match an array;
    # the server writes a JSON array of names (notes §1 Enums in JSON, §3, §8.23; removed in 12.0).
    ti = raw["components"]["schemas"]["TranscodingInfo"]["properties"]["TranscodeReasons"]
    a = Allowance("jellyfin-transcode-reasons", "TranscodingInfo.TranscodeReasons: the array-level `enum` is dropped (`items` is the same enum)",
                  "notes §3 TranscodingInfo, §8.23 (flags enum written as an array)")
    if "enum" in ti and ti.get("items", {}).get("$ref") == "#/components/schemas/TranscodeReason":
        # `items` already names the same 27 values, so nothing is lost by dropping the copy.
        del ti["enum"]
        a.applied = 1
    allowances.append(a)

    # Comma-delimited array query parameters: the document's own descriptions say "comma
    # delimited" and the server binds them with CommaDelimitedCollectionModelBinder, but no
    # `style`/`explode` is given, so OpenAPI's default (exploded, repeated keys) would apply.
    a = Allowance("jellyfin-comma-arrays", "array query parameters described as \"comma delimited\" get style=form, explode=false",
                  "the parameters' own descriptions; notes §1 Arrays in query, §8.11 (server takes both forms)")
    for _, _, op, _ in _operations(raw).values():
        for p in op.get("parameters", []):
            if p.get("in") == "query" and p["schema"].get("type") == "array" and "comma delimited" in p.get("description", ""):
                p["style"], p["explode"] = "form", False
                a.applied += 1
    allowances.append(a)

    a = Allowance("jellyfin-undocumented-status", "undocumented 400/404/500 of the Session operations, with the server's bodies",
                  "notes §1 Error bodies, §2.2 (status codes seen in practice), §8.7")
    ops = _operations(raw)
    for op_id, statuses in _REAL_STATUSES.items():
        responses = ops[op_id][2]["responses"]
        extra = _undocumented_responses("#/components/schemas/ProblemDetails")
        for status in statuses:
            if status not in responses:
                responses[status] = extra[status]
                a.applied += 1
    allowances.append(a)

    # The login documents only 200/503; the server answers 400 (missing identity), 401 (wrong
    # credentials) and 403, all thrown inside the controller, so the exception middleware
    # writes them as text/plain (notes §4.4, §8.7, §1 Error bodies).
    a = Allowance("jellyfin-login-status", "AuthenticateUserByName: undocumented 400/401/403",
                  "notes §4.4 Undocumented outcomes, §8.7")
    login = ops[JELLYFIN_LOGIN][2]["responses"]
    extra = _undocumented_responses("#/components/schemas/ProblemDetails")
    text = {"text/plain": {"schema": {"type": "string"}}}
    for status, resp in (("400", extra["400"]), ("401", {"description": "allowance: wrong credentials", "content": text}),
                         ("403", {"description": "allowance: user not allowed", "content": text})):
        if status not in login:
            login[status] = resp
            a.applied += 1
    allowances.append(a)

    # Quick Connect (10.11): the controller's own refusals are object results, written as JSON
    # strings ("Quick connect is disabled" 401, "Unknown secret" 404, where the document says
    # ProblemDetails); what QuickConnectManager throws elsewhere reaches the exception
    # middleware, which writes text/plain (missing identity 400, disabled 401 at
    # AuthenticateWithQuickConnect, another user's approval 403, unknown code or secret 404, a
    # code approved twice 500). `GetCurrentUser`'s `BadRequest()` becomes ASP.NET's
    # ProblemDetails (application/problem+json) under [ApiController].
    a = Allowance("jellyfin-quick-connect-status", "Quick Connect and GetCurrentUser: the server's error bodies",
                  "Jellyfin.Api/Controllers/QuickConnectController.cs, UserController.cs, "
                  "Emby.Server.Implementations/QuickConnect/QuickConnectManager.cs (10.11)")
    json_text = {"application/json": {"schema": {"type": "string"}}}
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}
    real = {
        "InitiateQuickConnect": {"400": text, "401": json_text},
        "GetQuickConnectState": {"400": problem, "401": json_text, "404": json_text},
        # Its 401 stays the document's (no body): an anonymous caller gets the authentication
        # handler's empty 401; the controller's JSON-string 401 (Quick Connect turned off, or an
        # approval in the name of no user) is not called by the suites.
        "AuthorizeQuickConnect": {"400": problem, "403": text, "404": text, "500": text},
        "AuthenticateWithQuickConnect": {"400": problem, "401": text, "404": text},
        "GetCurrentUser": {"400": problem},
    }
    for op_id, answers in real.items():
        responses = ops[op_id][2]["responses"]
        for status, content in answers.items():
            responses[status] = {"description": "allowance: the server's answer (see above)", "content": content}
            a.applied += 1
    allowances.append(a)

    return _build("jellyfin-openapi-stable.json", "Jellyfin", raw, allowances)


def load_g4() -> Contract:
    raw = yaml.safe_load(G4_SPEC.read_text())
    allowances: list[Allowance] = []
    # The document applies its global `security` to POST /session too, but that call is the
    # login that *creates* the bearer ("After POST /session, the returned sessionId is itself
    # usable as the bearer token"); its credentials are the body's username and password.
    a = Allowance("g4-login-anonymous", "session_post may be sent without Authorization (an Authorization, if sent, is still checked)",
                  "g4-sessions.yaml info.description: the bearer comes from POST /session")
    post = raw["paths"]["/session"]["post"]
    if "security" not in post:
        post["security"] = [{"Bearer": []}, {}]
        a.applied = 1
    allowances.append(a)
    return _build("g4-sessions.yaml", "G4", raw, allowances)


def _build(name: str, api: str, raw: JSON, allowances: list[Allowance]) -> Contract:
    spec = SchemaPath.from_dict(copy.deepcopy(raw))
    config = Config(
        # The documents are checked once by openapi-spec-validator in `check_documents`;
        # re-checking the 2 MB Jellyfin document per construction costs seconds for nothing.
        spec_validator_cls=None,
        extra_format_validators={"uuid": is_guid},
        # RFC 7807 bodies (the 400s above) are JSON; openapi-core only decodes the media types it knows.
        extra_media_type_deserializers={"application/problem+json": lambda value, **_parameters: json.loads(value)},
    )
    return Contract(name, api, raw, OpenAPI(spec, config=config), _operations(raw), allowances)


def check_documents() -> list[str]:
    """Validates both documents themselves with openapi-spec-validator (as shipped, unpatched)."""
    from openapi_spec_validator import validate
    problems = []
    for path in (JELLYFIN_SPEC, G4_SPEC):
        doc = json.loads(path.read_text()) if path.suffix == ".json" else yaml.safe_load(path.read_text())
        try:
            validate(doc)
        except Exception as e:  # noqa: BLE001 - any finding is reported, not raised
            problems.append(f"{path.name}: {e}")
    return problems
