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
