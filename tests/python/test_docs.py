"""`help()` and an IDE show the Rust API's docs: every public method and property of the four
clients, and every model class, has a docstring that begins with the summary (first sentence)
of the `///` comment of the core item of the same name, parsed from `core/src`. So the Python
docs cannot drift from the Rust ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sessionlink
from sessionlink import _native

CORE = Path(__file__).resolve().parents[2] / "core" / "src"

# Which core type documents each Python class.
CLIENTS = {
    sessionlink.JellyfinClient: "JellyfinClient",
    sessionlink.AsyncJellyfinClient: "JellyfinClient",
    sessionlink.G4Client: "G4Client",
    sessionlink.AsyncG4Client: "G4Client",
}
# Public members that only the Python clients have (core has no item of that name).
PYTHON_ONLY = {"close", "closed", "auth_scheme"}

_ITEM = re.compile(r"^\s*pub (?:const )?(?:fn|struct) (\w+)")
_IMPL = re.compile(r"^impl(?:<[^>]*>)? (\w+)")


def core_docs() -> dict[tuple[str, str], str]:
    """`(type, method)` or `("", struct)` -> the `///` text right above it (attributes between
    are skipped), for every documented public fn and struct of core (the emulator left out)."""
    docs: dict[tuple[str, str], str] = {}
    for path in sorted(CORE.rglob("*.rs")):
        if "emulator" in path.parts:
            continue
        owner, doc = "", []  # the `impl` block the lines are in; the doc comment being read
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if impl := _IMPL.match(line):
                owner = impl.group(1)
            elif line.startswith("}"):
                owner = ""
            if stripped.startswith("///"):
                doc.append(stripped[3:].removeprefix(" "))
                continue
            if item := _ITEM.match(line):
                key = (owner, item.group(1)) if "fn" in line.split("(")[0] else ("", item.group(1))
                if doc:
                    docs.setdefault(key, "\n".join(doc))
            if not stripped.startswith("#["):
                doc = []
    return docs


def normalise(text: str) -> str:
    """One line; rustdoc links (`[`X`]`, `[`X`](path)`) read as the code they link."""
    text = re.sub(r"\[`([^`]*)`\](\([^)]*\))?", r"`\1`", text)
    return " ".join(text.split())


def summary(doc: str) -> str:
    """The first sentence of the first paragraph ("stop... a session" does not end one)."""
    paragraph = normalise(doc.split("\n\n")[0])
    end = re.search(r"[.!?](?=\s+[^a-z\s])", paragraph)
    return paragraph[: end.end()] if end else paragraph


DOCS = core_docs()


def public_members(cls: type) -> list[str]:
    return sorted(n for n in vars(cls) if not n.startswith("_"))


@pytest.mark.parametrize("cls", list(CLIENTS), ids=lambda c: c.__name__)
def test_client_docs_begin_with_the_rust_docs(cls: type) -> None:
    core_type = CLIENTS[cls]
    checked = 0
    for name in public_members(cls):
        if name in PYTHON_ONLY:
            continue
        rust = DOCS.get((core_type, name))
        assert rust is not None, f"{cls.__name__}.{name}: core has no documented {core_type}::{name}"
        python = normalise(getattr(cls, name).__doc__ or "")
        assert python.startswith(summary(rust)), f"{cls.__name__}.{name}:\n  python: {python}\n  rust:   {summary(rust)}"
        checked += 1
    assert checked >= 5


MODELS = [
    getattr(_native, name)
    for name in dir(_native)
    if isinstance(getattr(_native, name), type) and hasattr(getattr(_native, name), "to_dict")
]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_model_docs_begin_with_the_rust_docs(cls: type) -> None:
    rust = DOCS.get(("", cls.__name__))
    assert rust is not None, f"core has no documented struct {cls.__name__}"
    python = normalise(cls.__doc__ or "")
    assert python.startswith(summary(rust)), f"{cls.__name__}:\n  python: {python}\n  rust:   {summary(rust)}"


def test_the_parser_reads_what_it_should() -> None:
    """Guards the test itself: a few known summaries, so a parser bug cannot pass vacuously."""
    assert summary(DOCS[("JellyfinClient", "get_sessions")]) == "`GET /Sessions`: the sessions the caller may see."
    assert summary(DOCS[("G4Client", "get_session")]).startswith("`GET /session/{id}`: reads a session")
    assert summary(DOCS[("", "AuthenticationResult")]) == "What `AuthenticateByName` returns."
    assert (
        summary(DOCS[("JellyfinClient", "send_playstate_command")])
        == "`POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session."
    )
    assert "PlaybackProgressInfo`)." in summary(DOCS[("", "PlaybackStartInfo")])
