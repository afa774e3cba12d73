"""Smoke test of an installed sessionlink, run from a clean virtual environment with no Rust
toolchain and no access to the source tree: the wheel alone must work. It imports the
package, starts the embedded emulator, makes one call with each client, and runs the
`sessionlink` command."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import sessionlink
from sessionlink.testing import Emulator


def main() -> None:
    assert "site-packages" in (sessionlink.__file__ or ""), f"not the installed package: {sessionlink.__file__}"
    print(f"smoke: sessionlink {sessionlink.__version__} from {sessionlink.__file__}")
    with Emulator() as emu:
        fx = emu.fixtures
        with sessionlink.JellyfinClient(emu.url, device_name="smoke", device_id="smoke-1") as jf:
            jf.authenticate_by_name(fx["jellyfin"]["admin_user"], fx["jellyfin"]["admin_password"])
            names = sorted(s.device_name or "" for s in jf.get_sessions())
            assert "Living Room TV" in names, names
        g4 = sessionlink.G4Client(emu.g4_url, fx["g4"]["tenant"])
        login = g4.create_session(fx["g4"]["user"], fx["g4"]["password"], data={"smoke": True})
        assert g4.get_static_session(login.session_id).data == {"smoke": True}

        async def both_async() -> None:
            async with sessionlink.AsyncJellyfinClient(emu.url, token=fx["jellyfin"]["api_key"]) as ajf:
                assert len(await ajf.get_sessions()) >= 2
            ag4 = sessionlink.AsyncG4Client(emu.g4_url, fx["g4"]["tenant"], api_key=fx["g4"]["api_key"])
            assert (await ag4.get_session(login.session_id)).user_id == fx["g4"]["user_id"]

        asyncio.run(both_async())

        # The console script the wheel installs, as a shell user runs it.
        # `sessionlink` beside the interpreter (bin/ or, on Windows, Scripts/sessionlink.exe).
        cli = shutil.which("sessionlink", path=str(Path(sys.executable).parent))
        assert cli, f"no sessionlink command beside {sys.executable}"
        env = {**os.environ, "SESSIONLINK_URL": emu.url, "SESSIONLINK_TOKEN": fx["jellyfin"]["api_key"],
               "SESSIONLINK_CONFIG_DIR": str(Path.cwd() / "cli-config")}
        listed = subprocess.run([cli, "sessions", "--json"], env=env, capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
        assert "Living Room TV" in [s["DeviceName"] for s in json.loads(listed.stdout)], listed.stdout
        refused = subprocess.run([cli, "sessions"], env={**env, "SESSIONLINK_TOKEN": "0" * 32},
                                 capture_output=True, text=True, timeout=60)
        assert refused.returncode != 0 and "sessionlink:" in refused.stderr, (refused.returncode, refused.stderr)
    print("smoke: import, emulator, JellyfinClient, AsyncJellyfinClient, G4Client, AsyncG4Client, the sessionlink command: ok")


if __name__ == "__main__":
    sys.exit(main())
