"""Checks recorded exchanges (request + response, raw, as the emulator saw them) against the
contracts with openapi-core, plus the checks openapi-core does not make: undeclared query
parameters, the Jellyfin Authorization grammar (auth_header.py), bodies on no-content
responses. Records what was covered for the report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

import auth_header
from contracts import JELLYFIN_LOGIN, Contract

HOST = "http://localhost"  # both documents' `servers` entry
PREFIXES = {"Jellyfin": ("/jellyfin",), "G4": ("/g4",)}


@dataclass
class Coverage:
    operations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # opId -> sources
    params: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # opId -> names seen (rust)
    enum_values: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    statuses: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    schemas: set[str] = field(default_factory=set)  # component schemas seen in validated bodies
    exchanges: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> count
    injected: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> faults left out
    unrouted: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> routes not in a contract


def _header(headers: list, name: str) -> str | None:
    for k, v in headers:
        if k == name:
            return v
    return None


def _strip_prefix(api: str, raw_path: str) -> str:
    for prefix in PREFIXES[api]:
        if raw_path == prefix or raw_path.startswith(prefix + "/"):
            return raw_path[len(prefix):] or "/"
    return raw_path


def _resolve(contract: Contract, schema: dict) -> dict:
    while "$ref" in schema:
        schema = contract.component(schema["$ref"])
    return schema


def _enum_of(contract: Contract, schema: dict) -> list | None:
    schema = _resolve(contract, schema)
    if "enum" in schema:
        return schema["enum"]
    for sub in schema.get("allOf", []):
        found = _enum_of(contract, sub)
        if found:
            return found
    return None


def walk_schemas(contract: Contract, schema: dict, value: Any, seen: set[str], depth: int = 0) -> None:
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


class Checker:
    def __init__(self, contracts: dict[str, Contract]):
        self.contracts = contracts
        self.finders = {api: APICallPathFinder(c.openapi.spec) for api, c in contracts.items()}
        self.coverage = Coverage()
        self.findings: list[str] = []
        self.outside: list[str] = []  # requests the driver sent outside the contract on purpose

    def check_capture(self, capture: dict) -> None:
        source = capture["source"]
        labels = {l["index"]: l for l in capture.get("labels", [])}
        identities = capture.get("identities")
        for index, ex in enumerate(capture["exchanges"]):
            label = labels.get(index, {})
            where = f"[{source} #{index}] {ex['method']} {ex['raw_path']}" + (
                f"?{ex['raw_query']}" if ex.get("raw_query") else "") + (
                f" ({label['scenario']} → {label['outcome']})" if label else "")
            self.coverage.exchanges[source] += 1
            problems = self.check_exchange(source, ex, identities)
            reason = label.get("outside_contract")
            if reason:
                # The scenario needs a request the contract forbids (to see the server's refusal):
                # the validator must reject the request; the response is still held to the contract.
                rejected = [p for p in problems if p.startswith("request")]
                if not rejected:
                    self.findings.append(f"{where}: sent outside the contract ({reason}) but the validator accepted it")
                else:
                    self.outside.append(f"{label['scenario']}: {reason} → {rejected[0][:140]}")
                problems = [p for p in problems if not p.startswith("request")]
            for problem in problems:
                self.findings.append(f"{where}: {problem}")

    def check_responses(self, source: str, exchanges: list[dict]) -> None:
        """Holds every response of the other test suites to the contract. Their requests are
        not checked: those suites send out-of-contract requests on purpose (unknown enum
        values, wrong routes) to see the server's refusal, and the requests the SDK sends are
        checked in full by the captures above."""
        for index, ex in enumerate(exchanges):
            if ex.get("injected"):
                self.coverage.injected[source] += 1
                continue
            api = ex["api"]
            contract = self.contracts[api]
            path = _strip_prefix(api, ex["raw_path"])
            try:
                found = self.finders[api].find(ex["method"].lower(), HOST + path)
            except Exception:  # noqa: BLE001 - a route the contract does not have; nothing to hold it to
                self.coverage.unrouted[source] += 1
                continue
            op_id = found.operation["operationId"]
            query = parse_qsl(ex.get("raw_query") or "", keep_blank_values=True)
            content_type = _header(ex["headers"], "content-type")
            request = MockRequest(HOST, ex["method"], path, args=ImmutableMultiDict(query), headers=dict(ex["headers"]),
                                  data=ex["body"].encode(), content_type=content_type or "")
            self.coverage.exchanges[source] += 1
            self.coverage.statuses[op_id].add(ex["status"])
            where = f"[{source} #{index}] {ex['method']} {ex['raw_path']} → {ex['status']}"
            for problem in self._check_response(contract, op_id, found.operation, request, ex):
                self.findings.append(f"{where}: {problem}")

    def check_exchange(self, source: str, ex: dict, identities: dict | None) -> list[str]:
        api = ex["api"]
        contract = self.contracts[api]
        path = _strip_prefix(api, ex["raw_path"])
        try:
            found = self.finders[api].find(ex["method"].lower(), HOST + path)
        except Exception as e:  # noqa: BLE001 - reported as a finding
            return [f"no operation of {contract.name} matches: {type(e).__name__}: {e}"]
        operation = found.operation
        op_id = operation["operationId"]
        self.coverage.operations[op_id].add(source)
        self.coverage.statuses[op_id].add(ex["status"])

        query = parse_qsl(ex.get("raw_query") or "", keep_blank_values=True)
        headers = ex["headers"]
        content_type = _header(headers, "content-type")
        body = ex["body"].encode()
        request = MockRequest(HOST, ex["method"], path, args=ImmutableMultiDict(query), headers=dict(headers),
                              data=body, content_type=content_type or "")
        problems = [f"request: {_describe(e)}" for e in contract.openapi.iter_request_errors(request)]

        method, template, op, path_params = contract.operations[op_id]
        declared = {p["name"]: p for p in (_resolve(contract, q) for q in path_params + op.get("parameters", []))}
        for name, value in query:
            p = declared.get(name)
            if p is None or p["in"] != "query":
                problems.append(f"request: query parameter {name!r} is not declared by {op_id}")
        if body and not content_type:
            problems.append("request: a body without Content-Type")
        if not body and content_type:
            problems.append(f"request: Content-Type {content_type!r} without a body")
        if "requestBody" in op and op["requestBody"].get("required") and not body:
            problems.append("request: the required body is missing")

        if api == "Jellyfin":
            expected = None
            auth = _header(headers, "authorization")
            if identities is not None and auth:
                parsed = auth_header.server_parse(auth)
                device_id = parsed[1].get("DeviceId") if parsed else None
                expected = identities.get(device_id)
                if expected is None:
                    problems.append(f"request: DeviceId {device_id!r} is not one the client was configured with")
                else:
                    expected = {**expected, "DeviceId": device_id}
            problems += [f"Authorization (§4.2): {p}" for p in
                         auth_header.check(auth, login=op_id == JELLYFIN_LOGIN, expected=expected)]
            accept = _header(headers, "accept")
            if accept != "application/json":
                problems.append(f"request: Accept is {accept!r}; only plain application/json gets PascalCase (notes §8.1)")
        else:
            auth = _header(headers, "authorization")
            if auth is not None and not (auth.startswith("bearer ") or auth.startswith("apikey ")) or auth in ("bearer ", "apikey "):
                problems.append("request: Authorization is neither \"bearer <token>\" nor \"apikey <key>\"")

        if source == "rust":
            seen = self.coverage.params[op_id]
            for name, _ in query:
                seen.add(name)
            for name, p in declared.items():
                if p["in"] == "path":
                    seen.add(name)
                elif p["in"] == "header" and _header(headers, name.lower()) is not None:
                    seen.add(name)
            if body and content_type and content_type.startswith("application/json"):
                try:
                    import json
                    decoded = json.loads(body)
                    if isinstance(decoded, dict):
                        seen.update(f"body.{k}" for k in decoded)
                    seen.add("body")
                except ValueError:
                    pass
        for name, value in query:
            p = declared.get(name)
            if p and _enum_of(contract, p["schema"].get("items", p["schema"])):
                for item in value.split(",") if p["schema"].get("type") == "array" else [value]:
                    self.coverage.enum_values[(op_id, name)].add(item)
        for name, p in declared.items():
            if p["in"] == "path" and _enum_of(contract, p["schema"]):
                self.coverage.enum_values[(op_id, name)].add(unquote(found.path_result.variables[name]))

        problems += self._check_response(contract, op_id, op, request, ex)
        self._record_schemas(contract, op, ex)
        return problems

    def _check_response(self, contract: Contract, op_id: str, op: dict, request: MockRequest, ex: dict) -> list[str]:
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

    def _record_schemas(self, contract: Contract, op: dict, ex: dict) -> None:
        import json
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


def _describe(error: Exception) -> str:
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
