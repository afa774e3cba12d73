"""The session WebSocket's side of the exchange logs: every message the emulators sent and
received in the suites, held to the contract's message schemas, and every upgrade request's
Authorization held to the server's grammar.

The contract describes the socket with two discriminated unions of `components/schemas`:
`OutboundWebSocketMessage` (server to client) and `InboundWebSocketMessage` (client to server),
each a `oneOf` with `discriminator.propertyName = MessageType`. A plain `oneOf` cannot decide
them (every message schema allows every `MessageType` value, so a `KeepAlive` matches a dozen
branches), so a message is validated the way the discriminator says: its `MessageType` picks
the one schema of the mapping, and a kind outside the mapping is a finding. Messages a test
injected on purpose (unknown kinds, text that is not JSON) carry `injected` and are left out,
counted.
"""

from __future__ import annotations

import copy
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import auth_header
from contracts import Contract, is_guid

URI = "urn:sessionlink:jellyfin"
# The contract's unions, by the direction the emulator records ("sent" = by the server).
UNIONS = {"sent": "OutboundWebSocketMessage", "received": "InboundWebSocketMessage"}
# What the server answers an upgrade: accepted, refused credentials, starting up.
UPGRADE_STATUSES = {101, 403, 503}

SocketLog = dict[str, Any]


@dataclass
class SocketCoverage:
    # source -> direction -> kind -> count of validated messages
    kinds: defaultdict[str, defaultdict[str, defaultdict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
    messages: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> validated
    injected: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))  # source -> left out
    upgrades: defaultdict[str, defaultdict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int)))  # source -> status -> count


class SocketChecker:
    def __init__(self, contract: Contract):
        self.contract = contract
        resource: Resource[Any] = DRAFT4.create_resource(contract.raw)
        registry: Registry[Any] = Registry().with_resource(URI, resource)
        checker = copy.deepcopy(oas30_format_checker)
        checker.checks("uuid")(is_guid)
        schemas = contract.raw["components"]["schemas"]
        # direction -> MessageType -> validator of the schema the discriminator maps it to
        self.validators: dict[str, dict[str, OAS30Validator]] = {}
        for direction, union in UNIONS.items():
            mapping = schemas[union]["discriminator"]["mapping"]
            self.validators[direction] = {
                kind: OAS30Validator({"$ref": f"{URI}{ref}"}, registry=registry, format_checker=checker)
                for kind, ref in mapping.items()
            }
        self.coverage = SocketCoverage()
        self.findings: list[str] = []

    def check_log(self, source: str, log: SocketLog, name: str = "") -> None:
        """One emulator's `websocket-*.json`: `upgrades` and `messages`."""
        for index, upgrade in enumerate(log.get("upgrades", [])):
            if upgrade.get("injected"):
                continue  # a test's refusal (Emulator.refuse_next_upgrade), not the server's answer
            where = f"[{source} {name} upgrade#{index}] GET {upgrade['raw_path']} → {upgrade['status']}"
            self.coverage.upgrades[source][upgrade["status"]] += 1
            self.findings += [f"{where}: {p}" for p in self.check_upgrade(upgrade)]
        for index, message in enumerate(log.get("messages", [])):
            where = f"[{source} {name} message#{index}] {message['direction']} {message.get('message_type')}"
            if message.get("injected"):
                self.coverage.injected[source] += 1
                continue
            self.coverage.messages[source] += 1
            problems = self.check_message(message["direction"], message["text"])
            if not problems:
                self.coverage.kinds[source][message["direction"]][json.loads(message["text"])["MessageType"]] += 1
            self.findings += [f"{where}: {p}" for p in problems]

    def check_upgrade(self, upgrade: dict[str, Any]) -> list[str]:
        problems = []
        if upgrade["status"] not in UPGRADE_STATUSES:
            problems.append(f"an upgrade answered {upgrade['status']}, not one of {sorted(UPGRADE_STATUSES)}")
        auth = next((v for k, v in upgrade["headers"] if k == "authorization"), None)
        query = upgrade.get("raw_query") or ""
        if auth is None and "ApiKey=" not in query:
            if upgrade["status"] == 101:
                problems.append("accepted without an Authorization header or ?ApiKey=")
        elif auth is not None:
            problems += [f"Authorization (§4.2): {p}" for p in auth_header.check(auth, login=False, expected=None)]
        return problems

    def check_message(self, direction: str, text: str) -> list[str]:
        """The problems of one message; none when the contract's schema for its kind takes it."""
        try:
            value = json.loads(text)
        except ValueError as e:
            return [f"not JSON ({e}): {text[:80]!r}"]
        if not isinstance(value, dict):
            return [f"not a JSON object: {text[:80]!r}"]
        kind = value.get("MessageType")
        validators = self.validators[direction]
        if not isinstance(kind, str) or kind not in validators:
            return [f"MessageType {kind!r} is not in the {UNIONS[direction]} discriminator mapping"]
        return [f"{UNIONS[direction]} {kind}: {'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message[:200]}"
                for e in validators[kind].iter_errors(value)]

    def report(self, sources: list[str]) -> None:
        cov = self.coverage
        for direction, union in UNIONS.items():
            mapped = sorted(self.validators[direction])
            everyone: set[str] = set()
            for source in sources:
                seen = cov.kinds[source][direction]
                everyone |= set(seen)
                listed = ", ".join(f"{k} {n}" for k, n in sorted(seen.items())) or "none"
                print(f"WebSocket {direction} ({union}) kinds [{source}]: {len(seen)}/{len(mapped)}: {listed}")
            print(f"WebSocket {direction} kinds [all languages]: {len(everyone)}/{len(mapped)}; never seen: "
                  f"{', '.join(k for k in mapped if k not in everyone) or 'none'}")
        for source in sources:
            upgrades = ", ".join(f"{s}: {n}" for s, n in sorted(cov.upgrades[source].items())) or "none"
            print(f"WebSocket messages validated [{source}]: {cov.messages[source]} ({cov.injected[source]} injected by "
                  f"tests left out); upgrades by status: {upgrades}")
