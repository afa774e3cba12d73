"""Smoke test of an installed sessionlink, run from a clean virtual environment with no Rust
toolchain and no access to the source tree: the wheel alone must work. It imports the
package, starts the embedded emulator, and makes one call with each client."""

from __future__ import annotations

import asyncio
import sys

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
    print("smoke: import, emulator, JellyfinClient, AsyncJellyfinClient, G4Client, AsyncG4Client: ok")


if __name__ == "__main__":
    sys.exit(main())
