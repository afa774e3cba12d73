"""Smoke test of an installed C library (scripts/install-c.sh PREFIX --with-emulator), on any
platform: builds examples/c/main.c with CMake's find_package(sessionlink) against the prefix,
once with the shared and once with the static library, and runs each against the emulator
binary of the prefix; the program must list the emulator's sessions. The release workflow
runs it on each platform; tests/c/run.sh runs it here (with the emulator of the build tree).

    python tests/dist/c_smoke.py PREFIX [--emulator PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXE = ".exe" if os.name == "nt" else ""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    print("c_smoke: " + " ".join(command), flush=True)
    return subprocess.run(command, check=True, text=True, timeout=900, **kwargs)  # type: ignore[call-overload]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prefix", type=Path)
    parser.add_argument("--emulator", type=Path, help="the emulator binary (default: PREFIX/bin/sessionlink-emulator)")
    args = parser.parse_args()
    prefix = args.prefix.resolve()
    emulator = args.emulator or prefix / "bin" / f"sessionlink-emulator{EXE}"
    if not emulator.exists():
        sys.exit(f"c_smoke: no emulator at {emulator}")
    cmake = shutil.which("cmake")
    if cmake is None:
        sys.exit("c_smoke: cmake is missing")

    emu = subprocess.Popen([str(emulator)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert emu.stdout is not None
        url = emu.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            sys.exit(f"c_smoke: the emulator said {url!r}, not its URL")
        env = dict(os.environ)
        if os.name == "nt":
            # Windows finds a program's DLLs on PATH (or beside it).
            env["PATH"] = str(prefix / "bin") + os.pathsep + env.get("PATH", "")
        with tempfile.TemporaryDirectory() as work:
            for linking in ("shared", "static"):
                build = Path(work) / linking
                run([cmake, "-S", str(ROOT / "tests/dist/c"), "-B", str(build), f"-DCMAKE_PREFIX_PATH={prefix}",
                     f"-DSESSIONLINK_STATIC={'ON' if linking == 'static' else 'OFF'}", "-DCMAKE_BUILD_TYPE=Release"],
                    stdout=subprocess.DEVNULL)
                run([cmake, "--build", str(build), "--config", "Release"], stdout=subprocess.DEVNULL)
                program = next(p for p in build.rglob(f"sessionlink-smoke{EXE}") if p.is_file())
                listed = run([str(program), url], capture_output=True, env=env)
                if "Living Room TV" not in listed.stdout:
                    sys.exit(f"c_smoke: {linking}: the session list lacks the emulator's TV:\n{listed.stdout}{listed.stderr}")
                print(f"c_smoke: {linking} library: lists the emulator's sessions", flush=True)
    finally:
        if emu.stdin:
            emu.stdin.close()  # EOF on its stdin stops it
        emu.wait(timeout=60)
    print("c_smoke: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
