"""Runs the C driver (capture_c.c, linked against libsessionlink) against a sessionlink-emulator
process on 127.0.0.1 and writes what the emulator recorded in the format validate.py reads.

    python capture_c.py EMULATOR_BINARY DRIVER_BINARY OUT.json
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    emulator_bin, driver_bin, out = sys.argv[1:4]
    emulator = subprocess.Popen([emulator_bin], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert emulator.stdout and emulator.stdin
        emulator.stdout.readline()  # the URL line
        info = json.loads(emulator.stdout.readline())
        fx = info["fixtures"]
        args = [info["url"], info["g4_url"], fx["jellyfin"]["living_room_session_id"], fx["jellyfin"]["kitchen_session_id"],
                fx["jellyfin"]["movie_id"], fx["jellyfin"]["user_id"], fx["g4"]["tenant"], fx["g4"]["user"], fx["g4"]["password"]]
        driver = subprocess.run([driver_bin, *args], capture_output=True, text=True, timeout=120)
        sys.stderr.write(driver.stdout + driver.stderr)
        if driver.returncode != 0:
            print(f"capture_c: the C driver failed (exit {driver.returncode})", file=sys.stderr)
            return 1
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "exchanges.json"
            emulator.stdin.write(f"dump {dump}\n")
            emulator.stdin.flush()
            answer = json.loads(emulator.stdout.readline())
            if answer != {"ok": True}:
                print(f"capture_c: the emulator could not dump its exchanges: {answer}", file=sys.stderr)
                return 1
            exchanges = json.loads(dump.read_text())
        identities = {"c-conformance": {"Client": "conformance-c", "Device": "C \"Runner\", ü", "Version": "3.0+c"}}
        Path(out).write_text(json.dumps({"source": "c", "exchanges": exchanges, "identities": identities}))
        print(f"capture_c: {len(exchanges)} exchanges written to {out}", file=sys.stderr)
        return 0
    finally:
        if emulator.stdin:
            emulator.stdin.close()  # EOF stops the emulator
        try:
            emulator.wait(timeout=10)
        except subprocess.TimeoutExpired:
            emulator.kill()


if __name__ == "__main__":
    sys.exit(main())
