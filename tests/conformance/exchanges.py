"""Checks recorded exchanges (request + response, raw, as the emulator saw them) against the
contracts with openapi-core, plus the checks openapi-core does not make: undeclared query
parameters, the Jellyfin Authorization grammar (auth_header.py), bodies on no-content
responses. Records, per source (the language suite whose emulators wrote the log), what was
covered, for the report.

Every request is held to the contract. A test suite may send a request the contract forbids
on purpose, to see the server refuse it (an enum value a newer server may know, a G4 call
without credentials); such a request passes only when the emulator refused it as the server
does: 400 for a parameter or body the contract forbids, 401 for missing credentials, 404 for
a route the contract does not have. Each one is listed in the report, so none hides.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.exceptions import (
    ParameterValidationError,
    RequestBodyValidationError,
    SecurityValidationError,
)
from urllib.parse import parse_qsl, unquote
from werkzeug.datastructures import ImmutableMultiDict

import auth_header
from contracts import JELLYFIN_LOGIN, Contract

HOST = "http://localhost"  # both documents' `servers` entry
PREFIXES = {"Jellyfin": ("/jellyfin",), "G4": ("/g4",)}
# How the server refuses a request with each kind of contract violation openapi-core reports.
REFUSALS: tuple[tuple[type[Exception], int], ...] = (
    (SecurityValidationError, 401),
    (ParameterValidationError, 400),
    (RequestBodyValidationError, 400),
)
UNROUTED_REFUSAL = 404

Exchange = dict[str, Any]
Key = tuple[str, str]  # (operationId, parameter name)


def _source_map() -> defaultdict[str, Any]:
    return defaultdict(lambda: defaultdict(set))


@dataclass
class Coverage:
    # source -> operationIds answered with success to a request the contract accepts
    succeeded: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # source -> operationId -> parameter names sent (path, query, header, body.<field>)
    params: defaultdict[str, defaultdict[str, set[str]]] = field(default_factory=_source_map)
    # source -> (operationId, parameter) -> enum values sent
    enum_values: defaultdict[str, defaultdict[Key, set[str]]] = field(default_factory=_source_map)
    statuses: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))  # opId -> statuses
    schemas: set[str] = field(default_factory=set)  # component schemas seen in validated bodies
    exchanges: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> validated
    injected: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> faults left out
    refused: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # source -> lines


def _header(headers: list[list[str]], name: str) -> str | None:
    for k, v in headers:
        if k == name:
            return v
    return None


def _strip_prefix(api: str, raw_path: str) -> str:
    for prefix in PREFIXES[api]:
        if raw_path == prefix or raw_path.startswith(prefix + "/"):
            return raw_path[len(prefix):] or "/"
    return raw_path


def _resolve(contract: Contract, schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = contract.component(schema["$ref"])
    return schema


def _enum_of(contract: Contract, schema: dict[str, Any]) -> list[Any] | None:
    schema = _resolve(contract, schema)
    if "enum" in schema:
        return list(schema["enum"])
    for sub in schema.get("allOf", []):
        found = _enum_of(contract, sub)
        if found:
            return found
    return None


def is_success(api: str, status: int) -> bool:
    """A 2xx; for G4 only 200, since its 204 means the session does not exist (g4-sessions.yaml)."""
    return status == 200 if api == "G4" else 200 <= status < 300


def walk_schemas(contract: Contract, schema: dict[str, Any], value: Any, seen: set[str], depth: int = 0) -> None:
    """Records every component schema that some part of `value` was validated against."""
    if depth > 40:
        return
    while "$ref" in schema:
        seen.add(schema["$ref"].rsplit("/", 1)[-1])
        schema = contract.component(schema["$ref"])
    for sub in schema.get("allOf", []) + schema.get("anyOf", []) + schema.get("oneOf", []):
        walk_schemas(contract, sub, value, seen, depth + 1)
    if isinstance(value, dict):
        for key, sub_value in value.items():
            if key in schema.get("properties", {}):
                walk_schemas(contract, schema["properties"][key], sub_value, seen, depth + 1)
            elif isinstance(schema.get("additionalProperties"), dict):
                walk_schemas(contract, schema["additionalProperties"], sub_value, seen, depth + 1)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            walk_schemas(contract, schema["items"], item, seen, depth + 1)


@dataclass
class RequestCheck:
    """What the contract says about one request: the openapi-core errors (each with the status
    the server refuses it with) and the problems no refusal excuses."""
    refusable: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class Checker:
    def __init__(self, contracts: dict[str, Contract]):
        self.contracts = contracts
        self.finders = {api: APICallPathFinder(c.openapi.spec) for api, c in contracts.items()}
        self.coverage = Coverage()
        self.findings: list[str] = []

    def check_log(self, source: str, exchanges: list[Exchange], log: str = "") -> None:
        """Every exchange one emulator recorded (in the file `log`), all attributed to `source`."""
        for index, ex in enumerate(exchanges):
            where = f"[{source} {log}#{index}] {ex['method']} {ex['raw_path']}" + (
                f"?{ex['raw_query']}" if ex.get("raw_query") else "") + f" → {ex['status']}"
            if ex.get("injected"):
                # A fault a test injected: not the emulator's answer, so nothing to hold to the contract.
                self.coverage.injected[source] += 1
                continue
            self.coverage.exchanges[source] += 1
            self.findings += [f"{where}: {problem}" for problem in self.check_exchange(source, ex, where)]

    def check_exchange(self, source: str, ex: Exchange, where: str = "") -> list[str]:
        api = ex["api"]
        contract = self.contracts[api]
        path = _strip_prefix(api, ex["raw_path"])
        try:
            found = self.finders[api].find(ex["method"].lower(), HOST + path)
        except Exception as e:  # noqa: BLE001 - no operation of the contract has this route
            if ex["status"] == UNROUTED_REFUSAL:
                self.coverage.refused[source].append(f"{where}: no such route in {contract.name}, refused")
                return []
            return [f"no operation of {contract.name} matches ({type(e).__name__}), "
                    f"yet the emulator answered {ex['status']} instead of {UNROUTED_REFUSAL}"]
        op_id = found.operation["operationId"]
        op = contract.operations[op_id][2]  # the plain document, as the allowances left it
        self.coverage.statuses[op_id].add(ex["status"])

        query = parse_qsl(ex.get("raw_query") or "", keep_blank_values=True)
        headers = ex["headers"]
        content_type = _header(headers, "content-type")
        body = ex["body"].encode()
        request = MockRequest(HOST, ex["method"], path, args=ImmutableMultiDict(query), headers=dict(headers),
                              data=body, content_type=content_type or "")
        checked = self._check_request(contract, op_id, op, request, ex)
        problems = list(checked.problems)
        if checked.refusable:
            statuses = {status for _, status in checked.refusable}
            if ex["status"] in statuses:
                self.coverage.refused[source].append(f"{where}: {checked.refusable[0][0][:160]}")
            else:
                problems += [f"request: {text} (and the emulator did not refuse it: {ex['status']}, "
                             f"not {' or '.join(map(str, sorted(statuses)))})" for text, _ in checked.refusable]
        elif not problems:
            self._record_request(source, contract, op_id, found.path_result.variables, query, headers, ex)
            if is_success(api, ex["status"]):
                self.coverage.succeeded[source].add(op_id)

        problems += self._check_response(contract, op, request, ex)
        self._record_schemas(contract, op, ex)
        return problems

    def _declared(self, contract: Contract, op_id: str) -> dict[str, dict[str, Any]]:
        _, _, op, path_params = contract.operations[op_id]
        return {p["name"]: p for p in (_resolve(contract, q) for q in path_params + op.get("parameters", []))}

    def _check_request(self, contract: Contract, op_id: str, op: dict[str, Any], request: MockRequest,
                       ex: Exchange) -> RequestCheck:
        result = RequestCheck()
        for error in contract.openapi.iter_request_errors(request):
            status = next((s for kind, s in REFUSALS if isinstance(error, kind)), None)
            if status is None:
                result.problems.append(f"request: {_describe(error)}")
            else:
                result.refusable.append((_describe(error), status))

        headers = ex["headers"]
        content_type = _header(headers, "content-type")
        body = ex["body"]
        declared = self._declared(contract, op_id)
        for name, _ in parse_qsl(ex.get("raw_query") or "", keep_blank_values=True):
            p = declared.get(name)
            if p is None or p["in"] != "query":
                result.problems.append(f"request: query parameter {name!r} is not declared by {op_id}")
        if body and not content_type:
            result.problems.append("request: a body without Content-Type")
        if not body and content_type:
            result.problems.append(f"request: Content-Type {content_type!r} without a body")
        if "requestBody" in op and op["requestBody"].get("required") and not body:
            result.problems.append("request: the required body is missing")

        auth = _header(headers, "authorization")
        if ex["api"] == "Jellyfin":
            result.problems += [f"Authorization (§4.2): {p}" for p in
                                auth_header.check(auth, login=op_id == JELLYFIN_LOGIN, expected=None)]
            accept = _header(headers, "accept")
            if accept != "application/json":
                result.problems.append(
                    f"request: Accept is {accept!r}; only plain application/json gets PascalCase (notes §8.1)")
        elif auth is not None and (not auth.startswith(("bearer ", "apikey ")) or auth in ("bearer ", "apikey ")):
            result.problems.append("request: Authorization is neither \"bearer <token>\" nor \"apikey <key>\"")
        return result

    def _record_request(self, source: str, contract: Contract, op_id: str, variables: dict[str, str],
                        query: list[tuple[str, str]], headers: list[list[str]], ex: Exchange) -> None:
        """The parameters and enum values of a request the contract accepts."""
        seen = self.coverage.params[source][op_id]
        enums = self.coverage.enum_values[source]
        declared = self._declared(contract, op_id)
        for name, value in query:
            seen.add(name)
            p = declared[name]
            if _enum_of(contract, p["schema"].get("items", p["schema"])):
                for item in value.split(",") if p["schema"].get("type") == "array" else [value]:
                    enums[(op_id, name)].add(item)
        for name, p in declared.items():
            if p["in"] == "path":
                seen.add(name)
                if _enum_of(contract, p["schema"]):
                    enums[(op_id, name)].add(unquote(variables[name]))
            elif p["in"] == "header" and _header(headers, name.lower()) is not None:
                seen.add(name)
        content_type = _header(headers, "content-type") or ""
        if ex["body"] and content_type.startswith("application/json"):
            seen.add("body")
            decoded = json.loads(ex["body"])
            if isinstance(decoded, dict):
                seen.update(f"body.{k}" for k in decoded)

    def _check_response(self, contract: Contract, op: dict[str, Any], request: MockRequest, ex: Exchange) -> list[str]:
        resp_headers = ex["response_headers"]
        ctype = _header(resp_headers, "content-type")
        data = ex["response_body"].encode()
        response = MockResponse(data, status_code=ex["status"], headers=dict(resp_headers), content_type=ctype or "")
        problems = [f"response {ex['status']}: {_describe(e)}" for e in contract.openapi.iter_response_errors(request, response)]
        documented = op["responses"].get(str(ex["status"])) or op["responses"].get("default")
        if documented is not None:
            documented = _resolve(contract, documented)
        if documented is not None and "content" not in documented and data:
            problems.append(f"response {ex['status']}: the contract gives no body, got {data[:80]!r}")
        if documented is not None and "content" in documented and not data:
            problems.append(f"response {ex['status']}: the contract gives a body, got none")
        return problems

    def _record_schemas(self, contract: Contract, op: dict[str, Any], ex: Exchange) -> None:
        for body, schema_holder in ((ex["body"], op.get("requestBody")), (ex["response_body"], op["responses"].get(str(ex["status"])))):
            if not body or not schema_holder:
                continue
            schema_holder = _resolve(contract, schema_holder)
            if "content" not in schema_holder:
                continue
            media = next(iter(schema_holder["content"].values()))
            if "schema" not in media:
                continue
            try:
                value = json.loads(body)
            except ValueError:
                continue
            walk_schemas(contract, media["schema"], value, self.coverage.schemas)


def _describe(error: BaseException) -> str:
    """openapi-core nests the useful part (the schema errors) inside the cause."""
    parts = [f"{type(error).__name__}: {error}"]
    cause = error.__cause__
    while cause is not None:
        schema_errors = getattr(cause, "schema_errors", None)
        if schema_errors:
            parts += [f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}" for e in schema_errors]
        else:
            parts.append(f"{type(cause).__name__}: {cause}")
        cause = cause.__cause__
    return " | ".join(parts)
