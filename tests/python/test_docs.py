"""`help()` and an IDE show the Rust API's docs: every public method and property of the four
clients, and every model class, has a docstring that begins with the summary (first sentence)
of the `///` comment of the core item of the same name, parsed from `core/src`. So the Python
docs cannot drift from the Rust ones."""

from __future__ import annotations

import ast
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

_ITEM = re.compile(r"^\s*pub (?:const |async )?(?:fn|struct) (\w+)")
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


@pytest.mark.parametrize("cls", [sessionlink.Socket, sessionlink.AsyncSocket], ids=lambda c: c.__name__)
def test_socket_docs_begin_with_the_rust_docs(cls: type) -> None:
    """The sockets' methods that core's `Socket` has begin with its docs; the others (`events`,
    `closed`) are Python's own."""
    assert set(public_members(cls)) == {"next", "events", "subscribe_sessions", "unsubscribe_sessions", "close", "closed"}
    for name in ("next", "subscribe_sessions", "unsubscribe_sessions", "close"):
        rust = DOCS.get(("Socket", name))
        assert rust is not None, f"core has no documented Socket::{name}"
        python = normalise(getattr(cls, name).__doc__ or "")
        assert python.startswith(summary(rust)), f"{cls.__name__}.{name}:\n  python: {python}\n  rust:   {summary(rust)}"


MESSAGE_KINDS = {
    sessionlink.PlayMessage: "Play",
    sessionlink.PlaystateMessage: "Playstate",
    sessionlink.GeneralCommandMessage: "GeneralCommand",
    sessionlink.SessionsMessage: "Sessions",
    sessionlink.UserDataChangedMessage: "UserDataChanged",
    sessionlink.ForceKeepAliveMessage: "ForceKeepAlive",
    sessionlink.KeepAliveMessage: "KeepAlive",
    sessionlink.RestartRequiredMessage: "RestartRequired",
    sessionlink.ServerRestartingMessage: "ServerRestarting",
    sessionlink.ServerShuttingDownMessage: "ServerShuttingDown",
}


def test_message_classes_are_documented_by_their_kind() -> None:
    """Each message class names its `MessageType` first; together with `UnknownMessage` they are
    `sessionlink.SocketMessage`, and every kind core types has its class."""
    for cls, kind in MESSAGE_KINDS.items():
        assert (cls.__doc__ or "").startswith(f"`{kind}`"), cls.__name__
    source = (CORE / "jellyfin" / "socket" / "message.rs").read_text()
    block = source[source.index("pub const KNOWN_KINDS") :]
    known = re.findall(r'"(\w+)"', block[: block.index("];")])
    assert sorted(known) == sorted(MESSAGE_KINDS.values())
    assert set(sessionlink.SocketMessage.__args__) == set(MESSAGE_KINDS) | {sessionlink.UnknownMessage}


MODELS = [
    getattr(_native, name)
    for name in dir(_native)
    if isinstance(getattr(_native, name), type) and hasattr(getattr(_native, name), "_fields")
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


# ---- every public name is documented ------------------------------------------------------

ROOT = CORE.parents[1]
STUBS = ROOT / "bindings-python" / "python" / "sessionlink"
CONTRACT = ROOT / "contracts" / "jellyfin-openapi-stable.json"
# The emulator's class belongs to the emulator's own work (bindings-python/src/emulator.rs and
# its stub are written there); everything else public is checked.
NOT_OURS = {"Emulator"}


def public_classes() -> list[type]:
    import enum

    import sessionlink.cli

    classes = [getattr(sessionlink, n) for n in sessionlink.__all__ if isinstance(getattr(sessionlink, n), type)]
    assert len(classes) > 40
    return [c for c in classes if c.__name__ not in NOT_OURS and not issubclass(c, enum.Enum)] + [
        sessionlink.cli.CliError
    ]


@pytest.mark.parametrize("cls", public_classes(), ids=lambda c: c.__name__)
def test_every_public_class_method_and_attribute_has_a_docstring(cls: type) -> None:
    assert (cls.__doc__ or "").strip(), f"{cls.__name__} has no docstring"
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        assert (getattr(member, "__doc__", None) or "").strip(), f"{cls.__name__}.{name} has no docstring"


def test_error_attributes_are_documented() -> None:
    doc = sessionlink.Error.__doc__ or ""
    for attribute in ("message", "kind", "status", "request_sent", "retry_after", "location", "body", "problem"):
        assert f"``{attribute}``" in doc, attribute
    assert "may have applied the request" in normalise(sessionlink.ConnectionLostError.__doc__ or "")
    assert "DecodeError" in (sessionlink.ResponseTooLargeError.__doc__ or "")


def test_enums_and_functions_are_documented() -> None:
    import enum

    import sessionlink.cli

    for name in sessionlink.__all__:
        value = getattr(sessionlink, name)
        if isinstance(value, type) and issubclass(value, enum.Enum):
            assert (value.__doc__ or "").strip(), name
    for function in (sessionlink.cli.main, sessionlink.cli.config_dir):
        assert (function.__doc__ or "").strip(), function.__name__


def stub_classes(path: Path) -> list[ast.ClassDef]:
    return [n for n in ast.parse(path.read_text()).body if isinstance(n, ast.ClassDef)]


@pytest.mark.parametrize("stub", ["_native.pyi", "enums.pyi"])
def test_the_stubs_carry_the_docstrings(stub: str) -> None:
    """What an IDE shows: every class, method and property of the stubs has a docstring."""
    checked = 0
    for cls in stub_classes(STUBS / stub):
        if cls.name in NOT_OURS:
            continue
        if not cls.name.startswith("_"):
            assert ast.get_docstring(cls), f"{stub}: {cls.name}"
        seen: set[str] = set()  # an overloaded method is documented on its first overload
        for member in cls.body:
            if isinstance(member, ast.FunctionDef) and not member.name.startswith("_") and member.name not in seen:
                assert ast.get_docstring(member), f"{stub}: {cls.name}.{member.name}"
                seen.add(member.name)
                checked += 1
    assert checked > (200 if stub == "_native.pyi" else -1)


def core_fields() -> dict[str, dict[str, tuple[str, str]]]:
    """Model -> field -> (wire name, the `///` text of the field), parsed from core."""
    out: dict[str, dict[str, tuple[str, str]]] = {}
    for path in sorted(CORE.rglob("*.rs")):
        model, doc = "", []
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if m := re.match(r"pub struct (\w+) \{", stripped):
                model = m.group(1)
            elif stripped.startswith("///"):
                doc.append(stripped[3:].strip())
                continue
            elif m := re.match(r'(\w+): .* = "(\w+)",$', stripped):
                if model:
                    out.setdefault(model, {})[m.group(1)] = (m.group(2), " ".join(doc))
            doc = []
    return out


def contract_descriptions() -> dict[str, dict[str, str]]:
    import json

    schemas = json.loads(CONTRACT.read_text())["components"]["schemas"]
    return {name: {k: v.get("description", "") for k, v in s.get("properties", {}).items()} for name, s in schemas.items()}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_model_attribute_docs_come_from_core_and_the_contract(cls: type) -> None:
    fields = core_fields()[cls.__name__]
    contract = contract_descriptions().get(cls.__name__, {})
    assert list(cls._fields) == list(fields), "every field is an attribute"  # type: ignore[attr-defined]
    for name, (wire, rust) in fields.items():
        doc = normalise(getattr(cls, name).__doc__ or "")
        assert f"Wire field `{wire}`." in doc, f"{cls.__name__}.{name}: {doc}"
        if rust:
            assert normalise(rust) in doc, f"{cls.__name__}.{name}: the Rust doc {rust!r} is not in {doc!r}"
        described = re.sub(r"^Gets (or sets )?(a value indicating )?", "", normalise(contract.get(wire, ""))).rstrip(".")
        if described:
            assert described.lower() in doc.lower(), f"{cls.__name__}.{name}: {described!r} not in {doc!r}"
        assert rust or described or cls.__name__ in ("AuthenticatedSessionResponse", "GetSessionResponse"), (
            f"{cls.__name__}.{name} is documented by neither core nor the contract"
        )


def test_help_shows_attribute_docs() -> None:
    import pydoc

    text = pydoc.render_doc(sessionlink.SessionInfoDto, renderer=pydoc.plaintext)
    assert "last_activity_date" in text and "timezone-aware `datetime`" in text
    assert "MD5(Client + DeviceId)" in text
    text = pydoc.render_doc(sessionlink.PlayerStateInfo, renderer=pydoc.plaintext)
    assert "position" in text and "datetime.timedelta" in text
    text = pydoc.render_doc(sessionlink.JellyfinClient, renderer=pydoc.plaintext)
    assert "max_response_bytes" in text and "retry_unavailable" in text
