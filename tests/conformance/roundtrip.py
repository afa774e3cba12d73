"""Decoding robustness: generates response bodies from the contracts (hypothesis), in every
variant of schema_variants.VARIANTS, and sends each through the Rust core's decoder
(tools/src/bin/roundtrip.rs). Every instance must decode, and re-encode to equal JSON.

    python roundtrip.py PATH/TO/roundtrip-binary
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from importlib.metadata import version  # noqa: E402

import contracts  # noqa: E402
import schema_variants  # noqa: E402

# The response bodies the SDK decodes (jellyfin-notes.md §2.1, §4.4; g4-sessions.yaml; Quick Connect,
# System/Info and Users/Me from the Jellyfin document).
TARGETS: list[tuple[str, str, contracts.JSON]] = [
    ("SessionInfoDto[]", "Jellyfin", {"type": "array", "items": {"$ref": "#/components/schemas/SessionInfoDto"}}),
    ("NameIdPair[]", "Jellyfin", {"type": "array", "items": {"$ref": "#/components/schemas/NameIdPair"}}),
    ("AuthenticationResult", "Jellyfin", {"$ref": "#/components/schemas/AuthenticationResult"}),
    ("QuickConnectResult", "Jellyfin", {"$ref": "#/components/schemas/QuickConnectResult"}),
    ("PublicSystemInfo", "Jellyfin", {"$ref": "#/components/schemas/PublicSystemInfo"}),
    ("SystemInfo", "Jellyfin", {"$ref": "#/components/schemas/SystemInfo"}),
    ("UserDto", "Jellyfin", {"$ref": "#/components/schemas/UserDto"}),
    ("AuthenticatedSessionResponse", "G4", {"$ref": "#/components/schemas/AuthenticatedSessionResponse"}),
    ("GetSessionResponse", "G4", {"$ref": "#/components/schemas/GetSessionResponse"}),
]
# Instances per variant: the all-present variants are large (BaseItemDto alone has 153
# fields), so fewer of them keep the whole run within a couple of minutes.
EXAMPLES = {"minimal": 150, "full": 15, "nulls": 150, "mixed": 100, "future-full": 15, "future-mixed": 100}


def first_difference(sent: Any, got: Any, path: str = "$") -> str:
    if isinstance(sent, dict) and isinstance(got, dict):
        for key in sorted(set(sent) | set(got)):
            if key not in got:
                return f"{path}.{key} was dropped (sent {json.dumps(sent[key])[:120]})"
            if key not in sent:
                return f"{path}.{key} was added ({json.dumps(got[key])[:120]})"
            if sent[key] != got[key]:
                return first_difference(sent[key], got[key], f"{path}.{key}")
    if isinstance(sent, list) and isinstance(got, list) and len(sent) == len(got):
        for i, (a, b) in enumerate(zip(sent, got)):
            if a != b:
                return first_difference(a, b, f"{path}[{i}]")
    return f"{path}: sent {json.dumps(sent)[:160]}, got back {json.dumps(got)[:160]}"


class Decoder:
    def __init__(self, binary: str):
        self.proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def roundtrip(self, schema: str, instance: Any) -> tuple[bool, Any]:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(f"{schema}\t{json.dumps(instance, ensure_ascii=False)}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the roundtrip program exited")
        status, _, payload = line.rstrip("\n").partition("\t")
        return (True, json.loads(payload)) if status == "OK" else (False, payload)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def main() -> int:
    decoder = Decoder(sys.argv[1])
    loaded = {"Jellyfin": contracts.load_jellyfin(), "G4": contracts.load_g4()}
    failures: list[str] = []
    schemas_used: set[str] = set()
    total = 0
    print(f"generator: hypothesis {version('hypothesis')}; variants: {', '.join(schema_variants.VARIANTS)}")
    for name, api, target in TARGETS:
        started, count = time.monotonic(), 0
        for variant in schema_variants.VARIANTS:
            js, used = schema_variants.json_schema(loaded[api], target, variant)
            schemas_used |= used
            seen: list[int] = []

            # No shrinking: a session list is thousands of values, and shrinking one costs
            # minutes; the failure message names the failing field instead.
            @settings(max_examples=EXAMPLES[variant], deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            @given(schema_variants.strategy(js))
            def check(instance: Any) -> None:
                seen.append(1)
                ok, result = decoder.roundtrip(name, instance)
                assert ok, f"decode error: {result}"
                assert result == instance, f"re-encoded JSON differs: {first_difference(instance, result)}"

            try:
                check()
            except AssertionError as e:
                failures.append(f"{name} [{variant}]: {e}")
            count += len(seen)
        total += count
        print(f"  {name}: {count} instances decoded and re-encoded in {time.monotonic() - started:.1f}s")
    decoder.close()
    print(f"round-trip: {total} instances; {len(schemas_used)} contract schemas exercised: {', '.join(sorted(schemas_used))}")
    if failures:
        print(f"== {len(failures)} round-trip failure(s) :")
        for f in failures:
            print(f"  {f}")
        return 1
    print("== round-trip: every generated instance decoded and re-encoded without loss")
    return 0


if __name__ == "__main__":
    sys.exit(main())
