"""Writes the seed corpus of each fuzz target (fuzz/corpus/<target>/) from exchange logs the
emulator recorded (SESSIONLINK_EXCHANGE_LOG of a Rust test run) and bench/data. Run once; the
seeds are committed.

    SESSIONLINK_EXCHANGE_LOG=/tmp/x cargo test -p sessionlink --test lossless_replies --test socket \
        --test playback_reporting --test g4_ops
    python3 fuzz/seeds.py /tmp/x
"""

import hashlib
import json
import re
import struct
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
# decode_models: the first byte picks the model (see fuzz_targets/decode_models.rs).
MODELS = [
    ("GET", r"^/Sessions$", 0, "response"),
    ("POST", r"/Users/AuthenticateByName$", 1, "response"),
    ("POST", r"^/g4/session$", 2, "response"),
    ("GET", r"^/g4/(static-)?session/", 3, "response"),
    ("POST", r"^/Sessions/Capabilities/Full$", 4, "body"),
    ("POST", r"^/Sessions/Playing$", 5, "body"),
    ("POST", r"^/Sessions/Playing/Progress$", 6, "body"),
    ("POST", r"^/Sessions/Playing/Stopped$", 7, "body"),
    ("POST", r"^/Sessions/[^/]+/Command$", 9, "body"),
]
LIMIT = 12


def write(target: str, data: bytes) -> None:
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> None:
    exchanges, messages = [], []
    for path in sorted(Path(sys.argv[1]).glob("*.json")):
        data = json.loads(path.read_text())
        if isinstance(data, dict):
            messages += [m["text"] for m in data.get("messages", [])]
        else:
            exchanges += data
    counts: dict[int, int] = {}
    for e in exchanges:
        for method, pattern, which, part in MODELS:
            text = e["response_body"] if part == "response" else e["body"]
            if e["method"] == method and re.search(pattern, e["raw_path"]) and text and e["status"] < 300:
                if counts.get(which, 0) < LIMIT:
                    counts[which] = counts.get(which, 0) + 1
                    write("decode_models", bytes([which]) + text.encode())
    users = [json.loads(e["response_body"])["User"] for e in exchanges
             if e["raw_path"].endswith("/Users/AuthenticateByName") and e["status"] == 200][:4]
    for user in users:
        write("decode_models", bytes([8]) + json.dumps(user).encode())
    for text in sorted(set(messages))[:200]:
        write("socket_message", text.encode())
    lists = [(ROOT / "bench/data/sessions-8.json").read_bytes()]
    lists += [e["response_body"].encode() for e in exchanges if e["raw_path"] == "/Sessions" and e["response_body"]][:6]
    for body in lists:
        for cuts in ([1], [len(body) // 2], [7, len(body) // 3, 2 * len(body) // 3]):
            write("session_list_frames", bytes([len(cuts)]) + b"".join(struct.pack("<H", c % 65536) for c in cuts) + body)
    for identity in [("Living \"Room\", 2+2 Ü", "id-1"), ("tv", "0f9e8d7c")]:
        write("auth_header", "\x00".join(identity).encode())
    for path in ["s1", "a b/c?d#e%", "..", "ü/%2F", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"]:
        write("url_path", bytes([0, 0]) + path.encode() + b"\x00" + path.encode())


if __name__ == "__main__":
    main()
