"""The list ``get_sessions`` returns: a plain ``list`` that Jupyter shows as a table."""

from __future__ import annotations

from sessionlink._native import SessionInfoDto

__all__ = ["SessionList"]

_TICKS_PER_SECOND = 10_000_000


def _escape(text: str) -> str:
    # html.escape without importing `html` (which imports `re`) at package import.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


def _clock(ticks: int | None) -> str:
    if ticks is None:
        return ""
    seconds = ticks // _TICKS_PER_SECOND
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _now_playing(session: SessionInfoDto) -> str:
    item = session.now_playing_item
    if item is None:
        return ""
    name = item.name or item.id or ""
    if item.series_name:
        return f"{item.series_name} – {name}"
    return name


class SessionList(list["SessionInfoDto"]):
    """Sessions as ``get_sessions`` returns them; renders as an HTML table in Jupyter."""

    _COLUMNS = ("User", "Client", "Device", "Now playing", "Position", "Paused")

    def _rows(self) -> list[tuple[str, ...]]:
        rows: list[tuple[str, ...]] = []
        for s in self:
            state = s.play_state
            playing = s.now_playing_item is not None
            rows.append(
                (
                    s.user_name or "",
                    s.client or "",
                    s.device_name or "",
                    _now_playing(s),
                    _clock(state.position_ticks) if state is not None and playing else "",
                    ("yes" if state.is_paused else "no") if state is not None and playing else "",
                )
            )
        return rows

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{c}</th>" for c in self._COLUMNS)
        body = "".join(
            "<tr>" + "".join(f"<td>{_escape(cell)}</td>" for cell in row) + "</tr>" for row in self._rows()
        )
        return f'<table class="sessionlink-sessions"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
