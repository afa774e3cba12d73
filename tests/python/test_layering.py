"""The native module does not import the package: the package hands it its exception classes
and `SessionList` (`_native._init`). Every core error kind has its class in the package."""

from __future__ import annotations

import re
from pathlib import Path

import sessionlink
from sessionlink import _errors, _native

ROOT = Path(__file__).resolve().parents[2]


def test_native_sources_import_no_package_module() -> None:
    sources = {p.name: p.read_text() for p in (ROOT / "bindings-python" / "src").glob("*.rs")}
    upward = re.compile(r"""import\(\s*(?:py,\s*)?"sessionlink""")
    assert [name for name, text in sources.items() if upward.search(text)] == []


def test_every_core_error_kind_has_its_class() -> None:
    error_rs = (ROOT / "core" / "src" / "error.rs").read_text()
    kinds = set(re.findall(r'ErrorKind::\w+ => "(\w+)"', error_rs))
    assert kinds and kinds == set(_errors.BY_KIND)
    for kind, cls in _errors.BY_KIND.items():
        assert issubclass(cls, sessionlink.Error), kind


def test_the_funnel_raises_the_packages_classes() -> None:
    try:
        sessionlink.JellyfinClient("ftp://example.com", device_id="d")
    except sessionlink.InvalidArgumentError as e:
        assert e.kind == "invalid_argument"
    else:
        raise AssertionError("no error")
    assert "_Completions" not in dir(_native)


def test_async_stubs_take_the_blocking_parameters() -> None:
    """The generated asyncio classes of `_native.pyi` have exactly the blocking methods'
    parameters, and each result is awaitable (a blocking `Socket` is an `AsyncSocket` there)."""
    import ast

    tree = ast.parse((ROOT / "bindings-python" / "python" / "sessionlink" / "_native.pyi").read_text())
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def methods(name: str) -> dict[str, ast.FunctionDef]:
        return {m.name: m for m in classes[name].body if isinstance(m, ast.FunctionDef)}

    for blocking, asynchronous in [("JellyfinClient", "AsyncJellyfinClient"), ("G4Client", "AsyncG4Client")]:
        sync, aio = methods(blocking), methods(asynchronous)
        assert len(sync) == len(aio) >= 5
        for name, method in sync.items():
            twin = aio[{"__enter__": "__aenter__", "__exit__": "__aexit__"}.get(name, name)]
            assert ast.dump(twin.args) == ast.dump(method.args), name
            assert twin.returns is not None and method.returns is not None
            result = {"Socket": "AsyncSocket", "QuickConnect": "AsyncQuickConnect"}.get(ast.unparse(method.returns), ast.unparse(method.returns))
            assert ast.unparse(twin.returns) == f"Awaitable[{result}]", name
