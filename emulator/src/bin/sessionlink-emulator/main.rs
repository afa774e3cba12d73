//! `sessionlink-emulator`: the embedded emulator as a process, for the C and C++ tests and
//! for clients in any language.
//!
//! Prints the base URL as the first line of stdout, then one JSON line
//! `{"url":..,"g4_url":..,"discovery_address":"127.0.0.1:PORT","fixtures":{..}}` (the
//! discovery address answers UDP `who is JellyfinServer?` as port 7359 does), and serves until killed or until stdin reaches
//! EOF. Meanwhile each stdin line is a control command answered by exactly one JSON line.
//! Faults act on the next request that has none (armed faults wait in a queue, oldest first).
//! Session WebSockets are served on `ws://127.0.0.1:PORT/socket`; seeded players count as
//! connected without one.
//!
//! | line | answer |
//! |---|---|
//! | `commands <session_id>` | array of the commands the session received |
//! | `session <session_id>` | the session's `SessionInfoDto` as an administrator sees it, or `null` |
//! | `latency <ms>` | `{"ok":true}`: holds the next request; a client that gives up meanwhile aborts it |
//! | `status <code> [body]` | `{"ok":true}`: the next request gets this status (and a text/plain body) |
//! | `status_json <json>` | `{"ok":true}`: the same from `{"status":..,"content_type":..,"body":..,"headers":{..}}` (all but `status` optional) |
//! | `redirect <code> <location>` | `{"ok":true}`: the next request gets this 3xx status with `Location` |
//! | `unavailable <retry_after_secs>` | `{"ok":true}`: the next request gets 503 text/html with `Retry-After` |
//! | `reset_before_headers` | `{"ok":true}`: the next request is read, then its connection reset (RST) |
//! | `reset_mid_body` | `{"ok":true}`: headers and part of a JSON body, then a reset (RST) |
//! | `truncated_body` | `{"ok":true}`: headers and part of a JSON body, then a clean close (FIN) |
//! | `stall <ms>` | `{"ok":true}`: headers and half the body, a pause with the connection open, the rest |
//! | `oversized <bytes> [chunked]` | `{"ok":true}`: a 200 JSON body of that size (chunked: no Content-Length) |
//! | `bomb <gzip\|br> <bytes>` | `{"ok":true}`: a 200 JSON body compressed with that coding that decodes to `bytes` bytes (a compression bomb) |
//! | `compression <br\|gzip>... \| none` | `{"ok":true}`: the codings responses are compressed with, preferred first (default `br gzip`, as Jellyfin) |
//! | `stale_connection` | `{"ok":true}`: the next request is answered, the following one on its connection is met with a close |
//! | `clear_faults` | `{"ok":true}` (forgets armed faults no request took) |
//! | `expire <tenant> <session_id>` | `{"ok":<bool>}` |
//! | `ttl <tenant> <session_id>` | remaining milliseconds, or `null` |
//! | `requests` | number of recorded exchanges |
//! | `requests_json` | array of every recorded exchange (`aborted`, `injected`, `fault`, `connection`...) |
//! | `last_request` | the last recorded exchange, or `null` |
//! | `wait_requests <n> <ms>` | `{"ok":true,"count":<n>}` once `n` exchanges are recorded, or `{"error":..}` after `ms` |
//! | `idle <session_id> <ms>` | `{"ok":<bool>}`: the session's last activity moved `ms` into the past (for `activeWithinSeconds`) |
//! | `in_flight` | how many requests arrived and are not answered yet (held by `latency`, `stall`, or being answered) |
//! | `wait_in_flight <n> <ms>` | `{"ok":true,"in_flight":<n>}` once `n` requests are in flight, or `{"error":..}` after `ms` |
//! | `wait_abort <ms>` | the next aborted exchange (its client closed the connection first; nothing was applied), or `{"error":..}` after `ms` |
//! | `clear` | `{"ok":true}` (forgets recorded exchanges) |
//! | `keepalive_seconds <secs>` | `{"ok":true}`: the keep-alive period new sockets are told (`ForceKeepAlive`, default 60) |
//! | `keepalive_echo <on\|off>` | `{"ok":true}`: whether a client's `KeepAlive` is echoed (default on, as Jellyfin; off as servers that only answer WebSocket pings) |
//! | `drop_sockets` | `{"ok":true,"dropped":<n>}`: every open session socket closed abruptly (no close frame) |
//! | `drop_session_sockets <session_id>` | `{"ok":true,"dropped":<n>}`: the session's sockets (and a seeded player's virtual one); the session ends |
//! | `restart <ms>` | `{"ok":true,"sockets":<n>}`: `ServerRestarting` to every socket, which is then dropped; 503 to upgrades and requests for `ms` |
//! | `revoke <token>` | `{"ok":<bool>}`: the token (or API key) no longer works; the next upgrade gets 403 |
//! | `restore <token>` | `{"ok":<bool>}`: a revoked token (or API key) works again |
//! | `stall_sockets <session_id> <ms>` | `{"ok":true,"stalled":<n>}`: the session's sockets neither read nor write for `ms` (connections stay open) |
//! | `refuse_upgrade <status> [body]` | `{"ok":true}`: the next WebSocket upgrade gets this status and text body |
//! | `close_sockets <session_id> <code> [reason]` | `{"ok":true,"closed":<n>}`: a WebSocket close frame with that code and reason (any text) to the session's sockets |
//! | `socket_send <session_id> <MessageType> [data-json]` | `{"ok":true,"sockets":<n>}`: any message in the server's envelope, recorded as injected |
//! | `socket_send_text <session_id> <text>` | `{"ok":true,"sockets":<n>}`: any text frame, recorded as injected |
//! | `sockets [session_id]` | every socket so far, or the session's open ones (`id`, `session_id`, `path`, `opened_at`, `closed_at`, `close_reason`, `keepalives_received`, ...) |
//! | `socket_messages [session_id]` | the WebSocket messages (`direction` sent/received, `at`, `message_type`, `text`, `injected`) |
//! | `keepalives <session_id>` | how many `KeepAlive` the session's clients sent |
//! | `unprompted_keepalives <session_id>` | how many of those were sent with no `ForceKeepAlive` since the previous one (a keep-alive timer's, not answers to reminders) |
//! | `pings <session_id>` | how many WebSocket pings the session's clients sent (each answered with a pong) |
//! | `socket_upgrades` | every upgrade request and its status (101, 403, 503) |
//! | `clear_socket_log` | `{"ok":true}` (forgets recorded socket messages and upgrades) |
//! | `wait_sockets <session_id> <n> <ms>` | `{"ok":true,"sockets":[..]}` once the session has exactly `n` open sockets, or `{"error":..}` after `ms` |
//! | `wait_pings <session_id> <n> <ms>` | `{"ok":true,"pings":<count>}` once the session's clients sent `n` pings, or `{"error":..}` after `ms` |
//! | `wait_socket_messages <session_id> <sent\|received> <kind\|any> <n> <ms>` | `{"ok":true,"messages":[..]}` once `n` such messages went, or `{"error":..}` after `ms` |
//! | `quick_connect on\|off` | `{"ok":true}`: Quick Connect turned on or off (it starts on) |
//! | `approve_quick_connect <code> <user_id>` | `{"ok":<bool>}`: the pending code approved as that user, as the user's `Authorize` would |
//! | `expire_quick_connect` | `{"ok":true,"expired":<n>}`: every Quick Connect request and approved secret expires now |
//! | `quick_connect_codes` | the codes of the live requests no one approved yet, oldest first |
//! | `reset_quick_connect` | `{"ok":true}`: every Quick Connect request forgotten, the fixtures' pending one made again |
//! | `fixtures` | the fixtures object |
//! | `discovery_queries` | how many discovery questions were answered |
//! | `dump <path>` | `{"ok":true}` (writes every recorded exchange to `path` as a JSON array, for tests/conformance) |
//! | anything else | `{"error":"..."}` |

mod control;

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use serde_json::json;
use sessionlink_emulator::Emulator;

fn main() -> ExitCode {
    let emulator = match Emulator::start_blocking() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("sessionlink-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = io::stdout().lock();
    let hello = json!({
        "url": emulator.url(),
        "g4_url": emulator.g4_url(),
        "discovery_address": emulator.discovery_address(),
        "fixtures": emulator.fixtures(),
    });
    if writeln!(out, "{}\n{hello}", emulator.url()).and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let answer = control::answer(&emulator, line);
        if writeln!(out, "{answer}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}
