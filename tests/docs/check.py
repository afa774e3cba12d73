"""Runs every code block of README.md and docs/*.md that is not Rust (rustdoc runs those: see
run.sh), as docs/README.md ("How the examples are tested") describes, and fails on the first
failing block of each page, naming the page and line.

    .venv/bin/python tests/docs/check.py [--list] [PAGE...]

Needs what the Python and C suites build: the package in .venv, `libsessionlink.a` and the
`sessionlink-emulator` binary in target/debug (run.sh builds them when they are missing).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import doctest
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import blocks as B  # noqa: E402
from blocks import Block  # noqa: E402

ROOT = B.ROOT
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target") / "debug"
STATIC_LIB = TARGET / "libsessionlink.a"
EMULATOR_BIN = TARGET / "sessionlink-emulator"
WORK = ROOT / "target" / "docs"  # scratch: projects, programs, HOMEs
VENV_BIN = Path(sys.executable).parent
CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"]
CXXFLAGS = ["-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic"]
LIBS = ["-lpthread", "-ldl", "-lm"]
CHECKER = doctest.OutputChecker()
CHECK_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
RUNNABLE_OUTPUT = ("python", "pycon", "c", "cpp")


class Failure(Exception):
    pass


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed: list[tuple[Block, str]] = []
        self.counts: collections.Counter[str] = collections.Counter()
        self.skipped: list[Block] = []

    def ok(self, block: Block, what: str, detail: str = "") -> None:
        self.passed += 1
        self.counts[what] += 1
        print(f"  ok   {block.where:<28} {what}" + (f" ({detail})" if detail else ""), flush=True)

    def fail(self, block: Block, what: str, message: str) -> None:
        self.failed.append((block, message))
        print(f"  FAIL {block.where:<28} {what}\n{indent(message)}", flush=True)


def indent(text: str, by: str = "       | ") -> str:
    return "\n".join(by + line for line in text.rstrip().splitlines())


def matches(want: str, got: str) -> bool:
    want = want if want.endswith("\n") or not want else want + "\n"
    got = got if got.endswith("\n") or not got else got + "\n"
    return CHECKER.check_output(want, got, CHECK_FLAGS)


def diff(want: str, got: str) -> str:
    return f"expected:\n{indent(want, '    ')}\ngot:\n{indent(got, '    ')}"


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SESSIONLINK_")}
    env.pop("XDG_CONFIG_HOME", None)
    # the `sessionlink` command and the `sessionlink-emulator` binary, as the pages call them
    env["PATH"] = os.pathsep.join([str(VENV_BIN), str(TARGET), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"
    env["COLUMNS"] = "80"  # argparse wraps --help to the terminal width
    env["SESSIONLINK_EMULATOR"] = str(EMULATOR_BIN)
    return env


class Emulators:
    """One emulator per page for its `server` blocks of each kind (console blocks share the
    page's, as a shell session would)."""

    def __init__(self) -> None:
        self._running: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key not in self._running:
            from sessionlink.testing import Emulator

            self._running[key] = Emulator()
        return self._running[key]

    def fresh(self) -> Any:
        from sessionlink.testing import Emulator

        return Emulator()

    def close(self) -> None:
        for emu in self._running.values():
            emu.close()
        self._running.clear()


def substitute(text: str, emu: Any) -> str:
    return text.replace(B.JELLYFIN_URL, emu.url).replace(B.G4_URL, emu.g4_url)


def unsubstitute(text: str, emu: Any) -> str:
    return text.replace(emu.g4_url, B.G4_URL).replace(emu.url, B.JELLYFIN_URL)


def server_env(emu: Any) -> dict[str, str]:
    fx = emu.fixtures["jellyfin"]
    return {
        "JELLYFIN_TOKEN": fx["api_key"],
        "JELLYFIN_PASSWORD": fx["admin_password"],
        # Where the emulator answers UDP discovery (127.0.0.1:PORT): examples never broadcast.
        "JELLYFIN_DISCOVERY": emu.discovery_address,
    }


# ---- Python ---------------------------------------------------------------------------------


def run_python_group(group: list[Block], shell: "Shell", report: Report, outputs: dict[int, str]) -> None:
    server = any(b.has("server") for b in group)
    spec = {
        "page": str(group[0].page.relative_to(ROOT)),
        "server": server,
        "blocks": [{"line": b.first_code_line, "language": b.language, "code": b.code} for b in group],
    }
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        spec_path, result_path = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        spec_path.write_text(json.dumps(spec))
        env = shell.env(None)
        try:
            run = subprocess.run(
                [sys.executable, str(Path(__file__).with_name("pyexec.py")), str(spec_path), str(result_path)],
                cwd=shell.workdir, env=env, capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            report.fail(group[0], "python", "timed out after 300 s")
            return
        results = json.loads(result_path.read_text()) if result_path.exists() else []
    for block, result in zip(group, results):
        if result["ok"]:
            outputs[id(block)] = result["stdout"]
            report.ok(block, block.language)
        else:
            report.fail(block, block.language, result["error"] + (f"\nprinted:\n{result['stdout']}" if result["stdout"] else ""))
    if len(results) < len(group):
        missing = group[len(results)]
        if not results:
            report.fail(missing, missing.language, f"the runner process failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
        for block in group[len(results) + (0 if results else 1):]:
            report.fail(block, block.language, "not run: an earlier block of its group failed")


# ---- notebooks ------------------------------------------------------------------------------


def run_notebook(cells: list[Block], report: Report, outputs: dict[int, str], emulators: Emulators) -> None:
    import nbclient
    import nbformat

    emu = emulators.get(f"notebook:{cells[0].page}") if any(c.has("server") for c in cells) else None
    nb = nbformat.v4.new_notebook()
    for c in cells:
        nb.cells.append(nbformat.v4.new_code_cell(substitute(c.code, emu) if emu is not None else c.code))
    env_before = dict(os.environ)
    os.environ.update({k: v for k, v in clean_env().items() if k in ("PATH", "PYTHONUNBUFFERED")})
    for k in [k for k in os.environ if k.startswith("SESSIONLINK_")]:
        del os.environ[k]
    if emu is not None:
        os.environ.update(server_env(emu))
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="sessionlink-venv", allow_errors=True)
    timings: dict[int, float] = {}

    async def execute() -> None:
        async with client.async_setup_kernel():
            for index, (cell, block) in enumerate(zip(nb.cells, cells)):
                if block.has("interrupt"):
                    task = asyncio.ensure_future(client.async_execute_cell(cell, index))
                    await asyncio.sleep(float(block.value("interrupt")))
                    pressed = time.monotonic()
                    await client.km.interrupt_kernel()  # what the toolbar's "Interrupt kernel" does
                    await task
                    timings[index] = time.monotonic() - pressed
                else:
                    await client.async_execute_cell(cell, index)

    try:
        asyncio.run(execute())
    except Exception as e:  # noqa: BLE001 - a kernel that died is a failure of the page
        report.fail(cells[0], "notebook", f"the notebook did not run: {e!r}")
        return
    finally:
        os.environ.clear()
        os.environ.update(env_before)
    for index, (cell, block) in enumerate(zip(nb.cells, cells)):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o["output_type"] == "stream")
        for o in cell.get("outputs", []):
            if o["output_type"] == "execute_result":
                text += o["data"].get("text/plain", "") + "\n"
        if emu is not None:
            text = unsubstitute(text, emu)
        outputs[id(block)] = text
        if block.has("interrupt"):
            interrupted = [e for e in errors if e["ename"] == "KeyboardInterrupt"]
            if not interrupted or timings[index] > 5.0 or len(errors) != len(interrupted):
                report.fail(block, "notebook", f"expected the cell to stop with KeyboardInterrupt within 5 s of the interrupt; outputs: {cell.get('outputs')}")
                continue
            report.ok(block, "notebook cell", f"interrupted; stopped {timings[index]:.2f} s after")
        elif errors:
            tb = "\n".join(errors[0]["traceback"])
            report.fail(block, "notebook", re.sub(r"\x1b\[[0-9;]*m", "", tb))
        else:
            report.ok(block, "notebook cell")


# ---- C and C++ ------------------------------------------------------------------------------


def run_c(block: Block, report: Report, outputs: dict[int, str], emulators: Emulators) -> None:
    cpp = block.language == "cpp"
    what = "cpp" if cpp else "c"
    WORK.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=WORK))
    emu = emulators.fresh() if block.has("server") else None
    try:
        source = tmp / ("example.cpp" if cpp else "example.c")
        source.write_text(substitute(block.code, emu) if emu is not None else block.code)
        compiler = ["c++", *CXXFLAGS] if cpp else ["cc", *CFLAGS]
        has_main = re.search(r"\bint\s+main\s*\(", block.code) is not None
        obj = tmp / "example.o"
        build = subprocess.run([*compiler, "-g", f"-I{ROOT / 'include'}", "-c", str(source), "-o", str(obj)],
                               capture_output=True, text=True, check=False)  # fmt: skip
        if build.returncode != 0:
            report.fail(block, what, f"does not compile ({' '.join(compiler)}):\n{build.stderr}")
            return
        if not has_main:
            report.ok(block, f"{what}: compiled")
            return
        exe = tmp / "example"
        link = subprocess.run(["c++" if cpp else "cc", str(obj), str(STATIC_LIB), *LIBS, "-o", str(exe)],
                              capture_output=True, text=True, check=False)  # fmt: skip
        if link.returncode != 0:
            report.fail(block, what, f"does not link:\n{link.stderr}")
            return
        if block.has("compile-only"):
            report.ok(block, f"{what}: compiled and linked, not run", block.value("compile-only"))
            return
        env = clean_env()
        if emu is not None:
            env.update(server_env(emu))
        try:
            run = subprocess.run([str(exe)], cwd=tmp, env=env, capture_output=True, text=True, timeout=120, check=False)
        except subprocess.TimeoutExpired:
            report.fail(block, what, "timed out after 120 s")
            return
        out = unsubstitute(run.stdout, emu) if emu is not None else run.stdout
        outputs[id(block)] = out
        want = int(block.value("exit") or 0)
        if run.returncode != want:
            report.fail(block, what, f"exit status {run.returncode} (wanted {want})\nstdout:\n{out}\nstderr:\n{run.stderr}")
            return
        report.ok(block, f"{what}: compiled, linked, run")
    finally:
        if emu is not None:
            emu.close()
        shutil.rmtree(tmp, ignore_errors=True)


# ---- shell ----------------------------------------------------------------------------------


def transcript(code: str) -> list[tuple[str, str]]:
    """`$ command` lines (with `\\` continuations) and the output shown after each."""
    steps: list[tuple[str, str]] = []
    lines = code.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            raise B.DocsError(f"a console block must start each command with '$ ' (line {lines[i]!r})")
        command = lines[i][2:]
        while command.endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command + "\n" + lines[i]
        i += 1
        out: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            out.append(lines[i])
            i += 1
        steps.append((command, "\n".join(out) + ("\n" if out else "")))
    return steps


class Shell:
    """A page's place to run: its working directory (`file` blocks are written there; every
    block runs there), its HOME (so a login persists between its blocks) and its emulators."""

    def __init__(self, page: Path, emulators: Emulators) -> None:
        self.page = page
        self.emulators = emulators
        self.tmp = Path(tempfile.mkdtemp(dir=WORK))
        self.home = self.tmp / "home" / "me"
        self.home.mkdir(parents=True)
        self.workdir = self.tmp / "work"
        self.workdir.mkdir()
        self.prefix: Path | None = None

    def env(self, emu: Any) -> dict[str, str]:
        env = clean_env()
        env["HOME"] = str(self.home)
        if emu is not None:
            env.update(server_env(emu))
        if self.prefix is not None:
            env["CMAKE_PREFIX_PATH"] = str(self.prefix)
            env["PKG_CONFIG_PATH"] = str(self.prefix / "lib" / "pkgconfig")
        return env

    def shown(self, text: str, emu: Any) -> str:
        """Output as the page shows it: the example URLs and /home/me."""
        text = unsubstitute(text, emu) if emu is not None else text
        return text.replace(str(self.tmp), "")

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


_INSTALLED: list[Path] = []


def install_prefix() -> Path:
    """The C library installed as a user would (scripts/install-c.sh), once per run: the
    release build it needs is the C suite's, so this only copies files after that suite."""
    if not _INSTALLED:
        prefix = WORK / "prefix"
        shutil.rmtree(prefix, ignore_errors=True)
        print("  (installing the C library into target/docs/prefix for the CMake and pkg-config examples)", flush=True)
        subprocess.run(["bash", str(ROOT / "scripts" / "install-c.sh"), str(prefix)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        _INSTALLED.append(prefix)
    return _INSTALLED[0]


def run_console(block: Block, shell: Shell, report: Report) -> None:
    emu = shell.emulators.get(f"shell:{block.page}") if block.has("server") else None
    try:
        steps = transcript(block.code)
    except B.DocsError as e:
        report.fail(block, "console", str(e))
        return
    if (shell.workdir / "CMakeLists.txt").exists():
        shell.prefix = install_prefix()
    # One bash process for the block, so `cd`, variables and `$?` carry over between its
    # commands; a separator line before each command splits the output.
    sep = "@@docs-step-{}@@"
    script = ["exec 2>&1"]
    for n, (command, _) in enumerate(steps):
        script.append(f"printf '%s\\n' {shlex.quote(sep.format(n))}")
        script.append(substitute(command, emu) if emu is not None else command)
    try:
        run = subprocess.run(["bash", "-c", "\n".join(script)], cwd=shell.workdir, env=shell.env(emu),
                             capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        report.fail(block, "console", "timed out after 600 s")
        return
    parts = re.split(r"^@@docs-step-(\d+)@@\n", run.stdout, flags=re.M)
    got: dict[int, str] = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
    for n, (command, want) in enumerate(steps):
        out = shell.shown(got.get(n, ""), emu)
        if n not in got:
            report.fail(block, "console", f"`{command}` did not run (the shell stopped before it; exit {run.returncode}):\n{run.stdout}")
            return
        if not matches(want, out):
            report.fail(block, "console", f"`{command}`: the output differs\n{diff(want, out)}")
            return
    want_exit = int(block.value("exit") or 0)
    if run.returncode != want_exit:
        report.fail(block, "console", f"the last command exited {run.returncode} (wanted {want_exit})")
        return
    report.counts["console: commands run and output compared"] += len(steps)
    report.ok(block, "console", f"{len(steps)} command{'s' if len(steps) > 1 else ''}")


def run_sh(block: Block, shell: Shell, report: Report) -> None:
    emu = shell.emulators.get(f"shell:{block.page}") if block.has("server") else None
    if (shell.workdir / "CMakeLists.txt").exists():
        shell.prefix = install_prefix()
    code = substitute(block.code, emu) if emu is not None else block.code
    try:
        run = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=shell.workdir, env=shell.env(emu),
                             capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        report.fail(block, "sh", "timed out after 600 s")
        return
    want_exit = int(block.value("exit") or 0)
    if run.returncode != want_exit:
        report.fail(block, "sh", f"exit status {run.returncode} (wanted {want_exit})\n{run.stdout}\n{run.stderr}")
        return
    report.ok(block, "sh")


def check_cargo(block: Block, report: Report) -> None:
    """A ```toml block with a `[dependencies]` table is what a reader pastes into Cargo.toml:
    cargo resolves it (offline, from this repository and the local registry cache) in a
    project of its own, so a renamed crate, a wrong path or a missing feature fails."""
    import tomllib

    try:
        manifest = tomllib.loads(block.code)
    except tomllib.TOMLDecodeError as e:
        report.fail(block, "toml", f"not TOML: {e}")
        return
    dependencies = manifest.get("dependencies")
    if not isinstance(dependencies, dict) or not dependencies:
        report.fail(block, "toml", "a toml block is a Cargo `[dependencies]` table (or mark it `docs: skip: why`)")
        return
    for spec in dependencies.values():
        if isinstance(spec, dict) and "path" in spec:
            spec["path"] = str(ROOT / spec["path"])  # the page says "from a clone of this repository"
    project = Path(tempfile.mkdtemp(dir=WORK))
    lines = ['[package]\nname = "docs-cargo-block"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n[dependencies]']
    for name, spec in dependencies.items():
        lines.append(f"{name} = {json.dumps(spec) if isinstance(spec, str) else toml_inline(spec)}")
    (project / "Cargo.toml").write_text("\n".join(lines) + "\n")
    (project / "src").mkdir()
    (project / "src" / "main.rs").write_text("fn main() {}\n")
    run = subprocess.run(["cargo", "metadata", "--offline", "--format-version", "1", "--manifest-path",
                          str(project / "Cargo.toml")], capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    if run.returncode != 0:
        report.fail(block, "toml", f"cargo cannot resolve these dependencies:\n{run.stderr}")
        return
    resolved = {p["name"] for p in json.loads(run.stdout)["packages"]}
    missing = sorted(set(dependencies) - resolved)
    if missing:
        report.fail(block, "toml", f"not resolved: {', '.join(missing)}")
        return
    report.ok(block, "toml: resolved by cargo")


def toml_inline(spec: dict[str, Any]) -> str:
    """`{ key = value, ... }` for a dependency's table (strings, booleans and lists of strings)."""
    return "{ " + ", ".join(f"{k} = {json.dumps(v)}" for k, v in spec.items()) + " }"


# ---- the pages ------------------------------------------------------------------------------


def rust_included() -> set[str]:
    lib = (ROOT / "core" / "src" / "lib.rs").read_text()
    return set(re.findall(r'include_str!\("\.\./\.\./([^"]+)"\)', lib))


def check_rust(block: Block, report: Report) -> None:
    page = str(block.page.relative_to(ROOT))
    attrs = set(re.split(r"[,\s]+", block.info.lower())[1:])
    if page not in rust_included():
        report.fail(block, "rust", f"{page} has Rust blocks but core/src/lib.rs does not include it as doc tests "
                                   f"(add it to `doc_pages` there)")  # fmt: skip
        return
    if "ignore" in attrs and not block.has("skip"):
        report.fail(block, "rust", "an `ignore` block needs a `<!-- docs: skip: why -->` marker")
        return
    if block.has("server") and "no_run" not in attrs:
        report.fail(block, "rust", "a `server` Rust block must be `rust,no_run` (rustdoc cannot put the emulator in its place)")
        return
    if "no_run" in attrs and not (block.has("compile-only") or block.has("server")):
        report.fail(block, "rust", "a `no_run` block needs `<!-- docs: server -->` or `<!-- docs: compile-only: why -->`")
        return
    if "ignore" in attrs:
        report.skipped.append(block)
        return
    report.ok(block, "rust: compiled by rustdoc" + ("" if "no_run" in attrs else ", run"))


def check_page(page: Path, report: Report, emulators: Emulators) -> None:
    print(f"{page.relative_to(ROOT)}", flush=True)
    try:
        page_blocks = B.read(page)
    except B.DocsError as e:
        report.failed.append((B.Block(page, 0, "", "", "", {}), str(e)))
        print(f"  FAIL {e}")
        return
    outputs: dict[int, str] = {}
    shell = Shell(page, emulators)
    notebook = [b for b in page_blocks if b.has("notebook")]
    try:
        if notebook:
            run_notebook(notebook, report, outputs, emulators)
        previous: Block | None = None
        group: list[Block] = []

        def flush() -> None:
            if group:
                run_python_group(list(group), shell, report, outputs)
                group.clear()

        for block in page_blocks:
            if block.has("skip"):
                if block.language == "rust":
                    check_rust(block, report)
                else:
                    report.skipped.append(block)
                    print(f"  skip {block.where:<28} {block.language}: {block.value('skip')}", flush=True)
                continue
            if block.has("file"):
                flush()
                target = shell.workdir / block.value("file")
                target.parent.mkdir(parents=True, exist_ok=True)
                emu = emulators.get(f"shell:{page}") if block.has("server") else None
                target.write_text(substitute(block.code, emu) if emu is not None else block.code)
                report.ok(block, "file in the page's working directory")
                continue
            if block.language in ("python", "pycon") and not block.has("notebook"):
                if block.has("continue"):
                    if not group:
                        report.fail(block, block.language, "`continue`, but no Python block runs before it")
                        continue
                else:
                    flush()
                group.append(block)
                previous = block
                continue
            if block.has("output"):
                flush()
                if previous is None or previous.language not in RUNNABLE_OUTPUT:
                    report.fail(block, "output", "an `output` block must follow a Python, notebook, C or C++ block")
                elif id(previous) not in outputs:
                    report.fail(block, "output", f"the block it shows the output of ({previous.where}) did not run")
                elif not matches(block.code, outputs[id(previous)]):
                    report.fail(block, "output", f"not what {previous.where} printed\n{diff(block.code, outputs[id(previous)])}")
                else:
                    report.ok(block, "output")
                continue
            if block.has("notebook"):
                previous = block
                continue
            flush()
            if block.language == "rust":
                check_rust(block, report)
            elif block.language in ("c", "cpp"):
                run_c(block, report, outputs, emulators)
                previous = block
            elif block.language == "console":
                run_console(block, shell, report)
            elif block.language == "sh":
                run_sh(block, shell, report)
            elif block.info.split()[0] == "toml":
                check_cargo(block, report)
            elif block.language in ("text", "cmake"):
                pass  # shown, not run (a cmake block runs as a `file`)
            else:
                report.fail(block, block.language, "no rule runs this kind of block")
        flush()
    finally:
        shell.close()
        emulators.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="only these pages (paths)")
    parser.add_argument("--list", action="store_true", help="list the blocks and what is done with each")
    args = parser.parse_args()
    pages = [Path(p).resolve() for p in args.pages] if args.pages else B.pages()
    if args.list:
        for page in pages:
            for b in B.read(page):
                print(f"{b.where:<28} {b.info:<16} {' '.join(f'{k}={v}' if v is not True else k for k, v in b.marker.items())}")
        return 0
    for needed in (STATIC_LIB, EMULATOR_BIN):
        if not needed.exists():
            print(f"docs: {needed} is missing (tests/docs/run.sh builds it)", file=sys.stderr)
            return 1
    WORK.mkdir(parents=True, exist_ok=True)
    report = Report()
    emulators = Emulators()
    started = time.monotonic()
    for page in pages:
        check_page(page, report, emulators)
    print()
    print("docs: blocks checked per kind:")
    for what, n in sorted(report.counts.items()):
        print(f"  {n:4d}  {what}")
    if report.skipped:
        print(f"docs: {len(report.skipped)} blocks not run, each with its reason:")
        for b in report.skipped:
            print(f"  {b.where:<28} {b.value('skip')}")
    for block, message in report.failed:
        print(f"\ndocs: FAILED {block.where}\n{indent(message)}")
    print(f"\ndocs: {time.monotonic() - started:.0f} s")
    print(f"{report.passed} passed, {len(report.failed)} failed")
    if report.passed == 0:
        # Pages without a block, or a reader that found none: a run that checked nothing.
        print("docs: no block was checked", file=sys.stderr)
        return 1
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
