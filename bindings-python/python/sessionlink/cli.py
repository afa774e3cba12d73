"""The ``sessionlink`` command line: list and steer Jellyfin sessions from a shell (cron, Home
Assistant's ``shell_command``, systemd timers...).

    sessionlink login --server https://media.example.com --user alice   # once; asks the password
    sessionlink sessions
    sessionlink pause "Living Room TV"
    sessionlink seek "Living Room TV" 1:02:30
    sessionlink discover                                                # servers on this network
    sessionlink watch --json | jq .                                     # live session changes
    sessionlink listen --name "Kitchen Pi"                              # be a remote-controllable session

Installed as the ``sessionlink`` console script and runnable as ``python -m sessionlink``. See
``sessionlink --help`` for every command and the exit status of each kind of error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import sessionlink
from sessionlink._session_list import _clock, _now_playing

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (modules, so they are not names of this one)
    import collections.abc
    import typing

__all__ = ["main", "config_dir", "EXIT_CODES"]

ENV_URL = "SESSIONLINK_URL"
ENV_TOKEN = "SESSIONLINK_TOKEN"
ENV_DEVICE_ID = "SESSIONLINK_DEVICE_ID"
ENV_PASSWORD = "SESSIONLINK_PASSWORD"
ENV_CONFIG_DIR = "SESSIONLINK_CONFIG_DIR"

CLIENT_NAME = "sessionlink CLI"
CREDENTIALS_FILE = "credentials.json"
TICKS_PER_SECOND = 10_000_000

EXIT_CODES: dict[str, int] = {
    "invalid_argument": 2,
    "unauthorized": 3,
    "forbidden": 4,
    "not_found": 5,
    "connect": 6,
    "proxy": 6,
    "timeout": 6,
    "connection_lost": 6,
    "bad_request": 7,
    "server": 7,
    "http": 7,
    "decode": 7,
    "response_too_large": 7,
    "cancelled": 130,
}
"""The exit status of each error kind (``sessionlink.Error.kind``); any other error exits 1."""

EXIT_HELP = """\
exit status:
  0    success
  1    the stored credentials file is unreadable or corrupt, or an unexpected error
       (a bug: please report it)
  2    bad usage or argument (an unknown command name, a device name that several
       sessions share: the message lists them with their ids)
  3    not logged in, or the server refused the credentials (401): run `sessionlink login`
  4    the user may not do that (403)
  5    no such session (no session has that id or device name), or 404; `discover`:
       no server answered
  6    the server could not be reached, did not answer in time, or the connection was lost
  7    the server refused the request as malformed (400), failed (5xx), answered
       another error status, or answered something unexpected
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM: `kill`, `systemctl stop`), for `watch` and `listen`

environment:
  SESSIONLINK_URL        the server, when --server is not given (else the last one logged in to)
  SESSIONLINK_TOKEN      an access token or API key to use instead of the stored login
  SESSIONLINK_DEVICE_ID  the device id to log in with (default: sessionlink-cli-<host name>)
  SESSIONLINK_PASSWORD   the password for `login` (else --password-stdin, else a prompt)
  SESSIONLINK_CONFIG_DIR where logins are stored (default: $XDG_CONFIG_HOME/sessionlink,
                         ~/.config/sessionlink; ~/Library/Application Support/sessionlink on
                         macOS; %APPDATA%\\sessionlink on Windows)

The token is stored per server with 0600 permissions and never printed."""


class CliError(Exception):
    """A problem the command line reports itself (not a sessionlink error)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# ---- stored logins ----------------------------------------------------------------------------


def config_dir() -> Path:
    """Where logins are stored: ``$SESSIONLINK_CONFIG_DIR``, else the platform's user config
    directory (``$XDG_CONFIG_HOME/sessionlink`` or ``~/.config/sessionlink`` on Linux)."""
    if explicit := os.environ.get(ENV_CONFIG_DIR):
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "sessionlink"


class Store:
    """``credentials.json``: ``{"default": url, "servers": {url: {"token", "device_id",
    "device_name", "user_name", "user_id"}}}``, readable by its owner only."""

    def __init__(self) -> None:
        self.path = config_dir() / CREDENTIALS_FILE

    def load(self) -> dict[str, typing.Any]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"servers": {}}
        try:
            data = json.loads(text)
        except ValueError as e:
            raise CliError(f"{self.path} is not valid JSON ({e}); delete it and log in again", 1) from None
        if not isinstance(data, dict) or not isinstance(data.get("servers"), dict):
            raise CliError(f"{self.path} is not a sessionlink credentials file; delete it and log in again", 1)
        return data

    def save(self, data: dict[str, typing.Any]) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{CREDENTIALS_FILE}.{os.getpid()}")
        # Created with 0600 from the start: the token is never readable by others, even briefly.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=2, sort_keys=True)
                f.write("\n")
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


# ---- the client ---------------------------------------------------------------------------------


def _default_device_id() -> str:
    import socket

    return f"sessionlink-cli-{socket.gethostname() or 'localhost'}"


def _server(args: argparse.Namespace, stored: dict[str, typing.Any]) -> str:
    server = args.server or os.environ.get(ENV_URL) or stored.get("default")
    if not server:
        raise CliError(f"no server: give --server URL, set {ENV_URL}, or run `sessionlink login --server URL`", 3)
    return str(server)


def _normalised(url: str) -> str:
    """The base URL as the client normalises it (the key logins are stored under)."""
    with sessionlink.JellyfinClient(url, device_id="normalise", device_name="sessionlink") as probe:
        return probe.base_url


def _client(args: argparse.Namespace, *, need_token: bool = True) -> sessionlink.JellyfinClient:
    stored = Store().load()
    url = _normalised(_server(args, stored))
    login = stored["servers"].get(url, {})
    token = os.environ.get(ENV_TOKEN) or login.get("token")
    if need_token and not token:
        raise CliError(f"not logged in to {url}: run `sessionlink login --server {url}` or set {ENV_TOKEN}", 3)
    return sessionlink.JellyfinClient(
        url,
        device_id=login.get("device_id") or os.environ.get(ENV_DEVICE_ID) or _default_device_id(),
        device_name=args.device_name or login.get("device_name"),
        client_name=CLIENT_NAME,
        client_version=sessionlink.__version__,
        token=token or None,
        request_timeout=args.timeout,
    )


def _session_id(client: sessionlink.JellyfinClient, target: str) -> tuple[str, str]:
    """The id and a display name of the session `target` names (its id or device name)."""
    session = client.find_session(target)
    assert session.id is not None  # find_session matched it by id or name; the server gives ids
    return session.id, session.device_name or session.id


# ---- values -------------------------------------------------------------------------------------


def _seconds(text: str) -> float:
    """``90``, ``90.5``, ``1:30`` or ``1:02:03`` as seconds."""
    try:
        parts = [float(p) for p in text.split(":")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a position: {text!r} (use seconds, m:ss or h:mm:ss)") from None
    if not 1 <= len(parts) <= 3 or any(p < 0 for p in parts):
        raise argparse.ArgumentTypeError(f"not a position: {text!r} (use seconds, m:ss or h:mm:ss)")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def _ticks(seconds: float) -> int:
    return round(seconds * TICKS_PER_SECOND)


def _argument(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


# ---- commands -----------------------------------------------------------------------------------


def cmd_login(args: argparse.Namespace) -> int:
    store = Store()
    stored = store.load()
    url = _normalised(_server(args, stored))
    password = ""
    if not args.quick_connect:
        user = args.user or input("User: ").strip()
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif ENV_PASSWORD in os.environ:
            password = os.environ[ENV_PASSWORD]
        else:
            import getpass

            password = getpass.getpass(f"Password for {user} on {url}: ")
    device_id = os.environ.get(ENV_DEVICE_ID) or _default_device_id()
    with sessionlink.JellyfinClient(
        url,
        device_id=device_id,
        device_name=args.device_name,
        client_name=CLIENT_NAME,
        client_version=sessionlink.__version__,
        request_timeout=args.timeout,
    ) as client:
        if args.quick_connect:
            qc = client.start_quick_connect()
            # One line a script can read (`Quick Connect code: 123456`), flushed at once.
            print(f"Quick Connect code: {qc.code}", flush=True)
            print(f"Approve it as a signed-in user (the dashboard's Quick Connect page, or another app) "
                  f"within {_clock(_ticks(args.wait))}; Ctrl-C stops waiting.", flush=True)  # fmt: skip
            result = qc.wait(timeout=args.wait, poll_interval=args.poll_interval)
            user = result.user.name if result.user is not None and result.user.name else "?"
        else:
            result = client.authenticate_by_name(user, password)
        token = result.access_token
        if not token:
            raise CliError("the server returned no access token", 7)
        stored["servers"][url] = {
            "token": token,
            "device_id": client.device_id,
            "device_name": client.device_name,
            "user_name": result.user.name if result.user is not None else user,
            "user_id": client.user_id,
        }
        stored["default"] = url
        store.save(stored)
        print(f"Logged in to {url} as {stored['servers'][url]['user_name']} (device id {client.device_id}).")
        print(f"The token is stored in {store.path} (readable by you only).")
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    store = Store()
    stored = store.load()
    url = _normalised(_server(args, stored))
    login = stored["servers"].get(url)
    if login is None:
        print(f"Not logged in to {url}.")
        return 0
    if not args.local:
        client = _client(args)
        try:
            client.report_session_ended()  # ends the session and revokes the token on the server
        except sessionlink.UnauthorizedError:
            pass  # already revoked: nothing to end
        client.close()
    del stored["servers"][url]
    if stored.get("default") == url:
        stored.pop("default")
    store.save(stored)
    print(f"Logged out of {url}" + (" (the token is still valid on the server)." if args.local else "."))
    return 0


def _state(session: sessionlink.SessionInfoDto) -> str:
    if session.now_playing_item is None:
        return "idle"
    return "paused" if session.play_state is not None and session.play_state.is_paused else "playing"


def cmd_sessions(args: argparse.Namespace) -> int:
    with _client(args) as client:
        sessions = client.get_sessions(active_within_seconds=args.active_within)
    if args.json:
        json.dump([s.to_dict() for s in sessions], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    header = ("ID", "DEVICE", "CLIENT", "USER", "STATE", "POSITION", "NOW PLAYING")
    rows = [
        (
            s.id or "",
            s.device_name or "",
            s.client or "",
            s.user_name or "",
            _state(s),
            _clock(s.play_state.position_ticks) if s.play_state is not None and s.now_playing_item is not None else "",
            _now_playing(s),
        )
        for s in sessions
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def _playstate(command: sessionlink.PlaystateCommand) -> collections.abc.Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        seek = command is sessionlink.PlaystateCommand.SEEK
        with _client(args) as client:
            session_id, name = _session_id(client, args.target)
            ticks = _ticks(args.position) if seek else None
            client.send_playstate_command(session_id, command, seek_position_ticks=ticks)
        done = {"Pause": "Paused", "Unpause": "Resumed", "Stop": "Stopped", "Seek": "Moved"}[command.value]
        suffix = f" to {_clock(ticks)}" if ticks is not None else ""
        print(f"{done} {name}{suffix}.")
        return 0

    return run


def cmd_message(args: argparse.Namespace) -> int:
    with _client(args) as client:
        session_id, name = _session_id(client, args.target)
        timeout_ms = round(args.timeout_seconds * 1000) if args.timeout_seconds is not None else None
        client.send_message_command(session_id, args.text, header=args.header, timeout_ms=timeout_ms)
    print(f"Sent the message to {name}.")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    with _client(args) as client:
        session_id, name = _session_id(client, args.target)
        start = _ticks(args.start) if args.start is not None else None
        client.play(session_id, args.mode, args.item_ids, start_position_ticks=start)
    print(f"{name}: {args.mode} {len(args.item_ids)} item(s).")
    return 0


def cmd_command(args: argparse.Namespace) -> int:
    with _client(args) as client:
        session_id, name = _session_id(client, args.target)
        if args.arg:
            client.send_full_general_command(session_id, args.name, dict(args.arg))
        else:
            client.send_general_command(session_id, args.name)
    print(f"Sent {args.name} to {name}.")
    return 0


# ---- discovery, watching, listening -------------------------------------------------------------


def cmd_discover(args: argparse.Namespace) -> int:
    timeout = args.timeout if args.timeout_given else 1.0
    broadcast = None if args.broadcast is None else args.broadcast
    servers = sessionlink.discover_servers(args.target or None, timeout=timeout, broadcast=broadcast, limit=args.limit)
    if args.json:
        found = [
            {"address": s.address, "id": s.id, "name": s.name, "endpoint_address": s.endpoint_address, "responder": s.responder}
            for s in servers
        ]
        json.dump(found, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif servers:
        header = ("NAME", "ADDRESS", "ID")
        rows = [(s.name, s.address, s.id) for s in servers]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    if not servers:
        where = "the targets" if args.target and broadcast is not True else "this network"
        print(f"sessionlink: no server answered on {where} within {timeout:g} s "
              "(broadcast reaches this host's networks only: give a server with --target HOST)", file=sys.stderr)  # fmt: skip
        return 5
    return 0


def _emit(line: str) -> None:
    # Flushed per line, so `| jq` and `while read` loops see each event at once.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _note(text: str) -> None:
    print(f"sessionlink: {text}", file=sys.stderr, flush=True)


def _change_line(change: dict[str, typing.Any]) -> str:
    what = str(change["event"]).replace("_", " ")
    who = change["device"] or change["session_id"]
    if change["user"]:
        who += f" ({change['user']})"
    line = f"{what:<20} {who}"
    if change["item"]:
        line += f": {change['item']}"
        if change["position_ticks"] is not None:
            line += f" at {_clock(change['position_ticks'])}"
    return line


WATCH_FIELDS = ("event", "session_id", "device", "client", "user", "item_id", "item", "position_ticks", "is_paused", "initial")
"""The keys of each `watch --json` line, in the order printed."""


def cmd_watch(args: argparse.Namespace) -> int:
    changes = sessionlink.SessionChanges()

    def show(sessions: collections.abc.Iterable[sessionlink.SessionInfoDto]) -> None:
        for change in changes.update(sessions):
            line = json.dumps({k: change[k] for k in WATCH_FIELDS}, ensure_ascii=False)
            _emit(line if args.json else _change_line(change))

    _stop_on_sigterm()
    with _client(args) as client, client.open_socket(sessions=(0.0, args.interval)) as socket:
        for event in socket:
            if isinstance(event, sessionlink.SocketConnected):
                # Pushes come only after a change: the list now is the starting point, and
                # after a reconnect it tells what changed while the socket was down.
                show(client.get_sessions())
                _note(("reconnected" if event.reconnected else f"watching {client.base_url}") + "; Ctrl-C to stop")
            elif isinstance(event, sessionlink.SocketDisconnected):
                _note(f"connection lost ({event.reason}); reconnecting in {event.retry_in:.1f} s")
            elif isinstance(event, sessionlink.SessionsMessage):
                show(event.data)
    return 0


class Terminated(Exception):
    """SIGTERM (`kill`, `systemctl stop`) while watching or listening: the socket is closed as
    for Ctrl-C, and the exit status is 143."""


def _stop_on_sigterm() -> None:
    import signal

    def terminate(signum: int, frame: object) -> None:
        raise Terminated

    # A background job of a script ignores SIGINT, and services are stopped with SIGTERM:
    # both end the long-running commands cleanly.
    signal.signal(signal.SIGTERM, terminate)


COMMAND_MESSAGES = (sessionlink.PlayMessage, sessionlink.PlaystateMessage, sessionlink.GeneralCommandMessage)


def cmd_listen(args: argparse.Namespace) -> int:
    args.device_name = args.name
    _stop_on_sigterm()
    with _client(args) as client:
        media = args.media or ["Audio", "Video"]
        commands = args.commands or ["DisplayMessage", "SetVolume", "VolumeUp", "VolumeDown", "Mute", "Unmute"]
        with client.become_controllable(playable_media_types=media, supported_commands=commands) as socket:
            for event in socket:
                if isinstance(event, sessionlink.SocketConnected):
                    session = client.current_session()
                    who = f"{client.device_name} (session {session.id if session else 'unknown'})"
                    _note(("reconnected as " if event.reconnected else "listening as ") + who + "; Ctrl-C to stop")
                elif isinstance(event, sessionlink.SocketDisconnected):
                    _note(f"connection lost ({event.reason}); reconnecting in {event.retry_in:.1f} s")
                elif isinstance(event, COMMAND_MESSAGES):
                    message = event.to_dict()
                    _emit(json.dumps({"type": message["MessageType"], "data": message.get("Data")}, ensure_ascii=False))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sessionlink._demo import demo

    demo()
    return 0


# ---- the parser ---------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--server", metavar="URL", default=argparse.SUPPRESS,
                        help=f"the Jellyfin server (default: ${ENV_URL}, else the last one logged in to)")  # fmt: skip
    common.add_argument("--timeout", metavar="SECONDS", type=_positive_float, default=argparse.SUPPRESS,
                        help="give up on a request after this long (default 30)")  # fmt: skip

    parser = argparse.ArgumentParser(
        prog="sessionlink",
        description="List and steer Jellyfin sessions: who plays what, pause a TV, send it a message.",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"sessionlink {sessionlink.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, run: collections.abc.Callable[[argparse.Namespace], int], summary: str, description: str = "") -> typing.Any:
        sub = commands.add_parser(
            name,
            help=summary,
            description=(description or summary) + "\n\nSee `sessionlink --help` for the exit status of each error.",
            parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        return sub

    def target(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("target", metavar="SESSION",
                         help="a session id, or a device name (ignoring case) as `sessionlink sessions` lists it")  # fmt: skip

    login = command("login", cmd_login, "log in and store the token for this server",
                    "Log in with a user name and password, and store the access token for this server in "
                    "the user's config directory (0600). The password is read from --password-stdin, "
                    f"${ENV_PASSWORD}, or a prompt; it is never stored. With --quick-connect, no password: "
                    "the command prints a code (`Quick Connect code: 123456`), a signed-in user approves it "
                    "from another device, and the token of that user is stored.")  # fmt: skip
    how = login.add_mutually_exclusive_group()
    how.add_argument("--user", help="the user name (asked for if not given)")
    how.add_argument("--quick-connect", action="store_true",
                     help="log in by Quick Connect: print a code and wait until a signed-in user approves it")  # fmt: skip
    login.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    login.add_argument("--wait", metavar="SECONDS", type=_positive_float, default=600.0,
                       help="with --quick-connect: how long to wait for the approval (default 600, the code's lifetime)")  # fmt: skip
    login.add_argument("--poll-interval", metavar="SECONDS", type=_positive_float, default=5.0,
                       help="with --quick-connect: how often to ask the server (default 5)")  # fmt: skip

    logout = command("logout", cmd_logout, "end the session, revoke the token and forget it")
    logout.add_argument("--local", action="store_true", help="only forget the stored token (it stays valid)")

    sessions = command("sessions", cmd_sessions, "list the sessions (a table, or --json)")
    sessions.add_argument("--json", action="store_true", help="print the sessions as the server's JSON")
    sessions.add_argument("--active-within", metavar="SECONDS", type=int, help="only sessions active this recently")

    playstate = sessionlink.PlaystateCommand
    for name, wire, summary in [
        ("pause", playstate.PAUSE, "pause a session's playback"),
        ("unpause", playstate.UNPAUSE, "resume a session's playback"),
        ("stop", playstate.STOP, "stop a session's playback"),
    ]:
        target(command(name, _playstate(wire), summary))
    seek = command("seek", _playstate(playstate.SEEK), "move a session's playback to a position")
    target(seek)
    seek.add_argument("position", type=_seconds, help="seconds, m:ss or h:mm:ss from the start")

    message = command("message", cmd_message, "show a message on a session")
    target(message)
    message.add_argument("text", help="the message")
    message.add_argument("--header", help="a title for the message")
    message.add_argument("--display-for", dest="timeout_seconds", metavar="SECONDS", type=_positive_float,
                         help="hide the message after this long")  # fmt: skip

    play = command("play", cmd_play, "play items on a session")
    target(play)
    play.add_argument("item_ids", metavar="ITEM_ID", nargs="+", help="library item ids (GUIDs)")
    play.add_argument("--mode", default="PlayNow", choices=[c.value for c in sessionlink.PlayCommand],
                      help="play now (default), next, last...")  # fmt: skip
    play.add_argument("--start", type=_seconds, metavar="POSITION", help="start position of the first item")

    general = command("command", cmd_command, "send a remote-control command (VolumeUp, SetVolume, GoHome...)")
    target(general)
    general.add_argument("name", help="a GeneralCommandType name, such as VolumeUp or SetVolume")
    general.add_argument("--arg", action="append", type=_argument, metavar="KEY=VALUE",
                         help="an argument of the command (repeatable), such as Volume=50")  # fmt: skip

    discover = command("discover", cmd_discover, "find Jellyfin servers (UDP discovery on port 7359)",
                       "Ask for Jellyfin servers: by broadcast on this host's networks, and/or at given "
                       "addresses. Lists those that answered within --timeout (default 1 s here); exits 5 "
                       "when none did.")  # fmt: skip
    discover.add_argument("--target", action="append", metavar="HOST[:PORT]",
                          help="ask this address directly (repeatable); no broadcast then unless --broadcast")  # fmt: skip
    discover.add_argument("--broadcast", action=argparse.BooleanOptionalAction, default=None,
                          help="also broadcast (default: only when no --target is given)")  # fmt: skip
    discover.add_argument("--limit", type=int, metavar="N", help="stop as soon as N servers answered")
    discover.add_argument("--json", action="store_true", help="print the servers as a JSON array")

    watch = command("watch", cmd_watch, "watch sessions live: playback started, paused, stopped...",
                    "Print each change of the sessions as it happens, over the session socket: session "
                    "started/ended, playback started/paused/resumed/stopped/progressed. The sessions there "
                    "when it starts are printed first (\"initial\": true). Reconnects as the socket does; "
                    "Ctrl-C ends it (exit 130).")  # fmt: skip
    watch.add_argument("--json", action="store_true",
                       help="one JSON object per change (event, session_id, device, client, user, item_id, item, "
                            "position_ticks, is_paused, initial), flushed per line")  # fmt: skip
    watch.add_argument("--interval", type=_positive_float, default=1.0, metavar="SECONDS",
                       help="at most one update per this long for progress (default 1); starts, stops and "
                            "pauses come at once")  # fmt: skip

    listen = command("listen", cmd_listen, "be a remote-controllable session and print the commands it receives",
                     "Become a session others can control (it appears in `sessionlink sessions` and in "
                     "Jellyfin's cast menu) and print each command it receives as a JSON line "
                     "({\"type\": \"Playstate\", \"data\": {...}}). It plays nothing and reports no playback. "
                     "Reconnects as the socket does; Ctrl-C ends it (exit 130).")  # fmt: skip
    listen.add_argument("--name", metavar="NAME", help="the session's device name (default: this host's name)")
    listen.add_argument("--media", action="append", metavar="TYPE", choices=[m.value for m in sessionlink.MediaType],
                        help="a media type it accepts (repeatable; default Audio and Video)")  # fmt: skip
    listen.add_argument("--command", dest="commands", action="append", metavar="NAME",
                        help="a GeneralCommandType it accepts (repeatable; default DisplayMessage, SetVolume, "
                             "VolumeUp, VolumeDown, Mute, Unmute); play and playstate commands always arrive")  # fmt: skip

    command("demo", cmd_demo, "run the demo scenario against the embedded emulator")
    return parser


def main(argv: collections.abc.Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status (see ``EXIT_CODES``)."""
    parser = _parser()
    args = parser.parse_args(argv)
    args.timeout_given = hasattr(args, "timeout")
    for name, default in [("server", None), ("timeout", 30.0)]:
        if not hasattr(args, name):
            setattr(args, name, default)
    args.device_name = None  # the host name (core's default)
    try:
        code: int = args.run(args)
        return code
    except CliError as e:
        print(f"sessionlink: {e}", file=sys.stderr)
        return e.code
    except sessionlink.Error as e:
        # Messages never contain credentials: sessionlink scrubs them.
        print(f"sessionlink: {e}", file=sys.stderr)
        return EXIT_CODES.get(e.kind, 1)
    except KeyboardInterrupt:
        print("sessionlink: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("sessionlink: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return 0
