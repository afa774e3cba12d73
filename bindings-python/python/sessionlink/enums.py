"""The contract's enums, built from the wire names the core knows (so Python and Rust can
never disagree). Members are ``str``: ``PlaystateCommand.PAUSE == "Pause"``, and every
method taking an enum also accepts the wire string."""

from __future__ import annotations

import enum

from sessionlink import _native



class _WireEnum(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


def _member_name(wire: str) -> str:
    # "NextTrack" -> "NEXT_TRACK", "V4l2m2m" -> "V4L2M2M", "none" -> "NONE" (no `re`: it
    # would double the import time of the package)
    out = []
    for i, ch in enumerate(wire):
        if ch.isupper() and i > 0 and (wire[i - 1].islower() or wire[i - 1].isdigit()):
            out.append("_")
        out.append(ch.upper())
    return "".join(out)


def _build(name: str) -> type[_WireEnum]:
    members = [(_member_name(w), w) for w in _native.WIRE_NAMES[name]]
    cls = _WireEnum(name, members, module=__name__)  # type: ignore[call-overload]
    cls.__doc__ = f"``{name}`` values of the Jellyfin 10.11 contract.\n\nMembers equal their wire strings."
    return cls  # type: ignore[no-any-return]


# Every enum core names (`_native.WIRE_NAMES`): a new one needs no edit here (enums.pyi, which
# type checkers read, is generated from the same table by gen_stubs.py).
for _name in _native.WIRE_NAMES:
    globals()[_name] = _build(_name)

__all__ = list(_native.WIRE_NAMES)
