//! The control protocol: one line in, one JSON value out (the table is in `main.rs`).

use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};
use sessionlink_emulator::{ContentCoding, Direction, Emulator, Fault};

/// The argument of `status_json`.
#[derive(Deserialize)]
struct StatusLine {
    status: u16,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    headers: serde_json::Map<String, Value>,
}

fn ok() -> Value {
    json!({"ok": true})
}

fn error(message: impl Into<String>) -> Value {
    json!({"error": message.into()})
}

fn millis(text: &str) -> Option<Duration> {
    text.parse::<u64>().ok().map(Duration::from_millis)
}

/// Arms `fault` when `parsed` holds its argument, or answers `usage`.
fn arm<T>(emulator: &Emulator, parsed: Option<T>, fault: impl FnOnce(T) -> Fault, usage: &str) -> Value {
    match parsed {
        Some(value) => {
            emulator.inject(fault(value));
            ok()
        }
        None => error(usage),
    }
}

pub(crate) fn answer(emulator: &Emulator, line: &str) -> Value {
    let (verb, rest) = line.split_once(' ').map_or((line, ""), |(v, r)| (v, r.trim()));
    let args: Vec<&str> = rest.split_whitespace().collect();
    match (verb, args.as_slice()) {
        ("commands", [session_id]) => json!(emulator.commands(session_id)),
        ("session", [session_id]) => json!(emulator.session_json(session_id)),
        ("idle", [session_id, ms]) => match millis(ms) {
            Some(by) => json!({"ok": emulator.backdate_session_activity(session_id, by)}),
            None => error("idle takes a session id and a number of milliseconds"),
        },
        ("latency", [ms]) => arm(emulator, millis(ms), Fault::Latency, "latency takes a number of milliseconds"),
        ("status", [code, ..]) => match code.parse::<u16>() {
            Ok(code) if (100..=999).contains(&code) => {
                // The body is everything after the code, spaces included.
                let body = rest[args[0].len()..].trim_start();
                let content_type = (!body.is_empty()).then_some("text/plain");
                emulator.inject_status(code, content_type, body);
                ok()
            }
            _ => error("status takes an HTTP status code (100-999) and an optional body"),
        },
        ("status_json", [_, ..]) => status_json(emulator, rest),
        ("redirect", [code, location]) => match code.parse::<u16>() {
            Ok(code) if (300..=399).contains(&code) => {
                emulator.inject_status_with_headers(code, None, "", &[("Location", location)]);
                ok()
            }
            _ => error("redirect takes a 3xx status code and a location"),
        },
        ("unavailable", [secs]) => arm(
            emulator,
            secs.parse::<u32>().ok(),
            |retry_after_secs| Fault::ServiceUnavailable { retry_after_secs },
            "unavailable takes the Retry-After seconds",
        ),
        ("reset_before_headers", []) => arm(emulator, Some(()), |()| Fault::ResetBeforeHeaders, ""),
        ("reset_mid_body", []) => arm(emulator, Some(()), |()| Fault::ResetMidBody, ""),
        ("truncated_body", []) => arm(emulator, Some(()), |()| Fault::TruncatedBody, ""),
        ("stale_connection", []) => arm(emulator, Some(()), |()| Fault::StaleConnection, ""),
        ("stall", [ms]) => arm(emulator, millis(ms), Fault::Stall, "stall takes a number of milliseconds"),
        ("oversized", [bytes, flags @ ..]) => {
            let chunked = match flags {
                [] => Some(false),
                ["chunked"] => Some(true),
                _ => None,
            };
            let parsed = bytes.parse::<u64>().ok().zip(chunked);
            arm(
                emulator,
                parsed,
                |(bytes, chunked)| Fault::OversizedBody { bytes, chunked },
                "oversized takes a number of bytes and optionally `chunked`",
            )
        }
        ("bomb", [coding, bytes]) => {
            let parsed = ContentCoding::parse(coding).zip(bytes.parse::<u64>().ok());
            arm(
                emulator,
                parsed,
                |(coding, bytes)| Fault::CompressionBomb { coding, bytes },
                "bomb takes a coding (gzip or br) and a number of decoded bytes",
            )
        }
        ("compression", codings) => {
            let parsed: Option<Vec<ContentCoding>> = match codings {
                [] => None,
                ["none"] => Some(Vec::new()),
                _ => codings.iter().map(|c| ContentCoding::parse(c)).collect(),
            };
            match parsed {
                Some(codings) => {
                    emulator.set_response_compression(&codings);
                    ok()
                }
                None => error("compression takes codings (br, gzip) in order of preference, or `none`"),
            }
        }
        ("clear_faults", []) => {
            emulator.clear_faults();
            ok()
        }
        ("expire", [tenant, session_id]) => json!({"ok": emulator.expire_g4_session(tenant, session_id)}),
        ("ttl", [tenant, session_id]) => {
            json!(emulator
                .g4_ttl_remaining(tenant, session_id)
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
        }
        ("requests", []) => json!(emulator.request_count()),
        ("requests_json", []) => json!(emulator.requests()),
        ("last_request", []) => json!(emulator.requests().pop()),
        ("wait_requests", [n, ms]) => match (n.parse::<usize>(), millis(ms)) {
            (Ok(n), Some(timeout)) => match emulator.wait_for_requests_blocking(n, timeout) {
                Ok(all) => json!({"ok": true, "count": all.len()}),
                Err(e) => error(e.message()),
            },
            _ => error("wait_requests takes a count and a number of milliseconds"),
        },
        ("in_flight", []) => json!(emulator.in_flight()),
        ("wait_in_flight", [n, ms]) => match (n.parse::<usize>(), millis(ms)) {
            (Ok(n), Some(timeout)) => match emulator.wait_for_in_flight_blocking(n, timeout) {
                Ok(count) => json!({"ok": true, "in_flight": count}),
                Err(e) => error(e.message()),
            },
            _ => error("wait_in_flight takes a count and a number of milliseconds"),
        },
        ("unprompted_keepalives", [session_id]) => json!(emulator.unprompted_keepalives(session_id)),
        ("wait_abort", [ms]) => match millis(ms) {
            Some(timeout) => match emulator.wait_for_abort_blocking(timeout) {
                Ok(exchange) => json!(exchange),
                Err(e) => error(e.message()),
            },
            None => error("wait_abort takes a number of milliseconds"),
        },
        ("clear", []) => {
            emulator.clear_requests();
            ok()
        }
        ("keepalive_seconds", [secs]) => match secs.parse::<u32>() {
            Ok(secs) if secs >= 1 => {
                emulator.set_keepalive_seconds(secs);
                ok()
            }
            _ => error("keepalive_seconds takes a number of seconds (at least 1)"),
        },
        ("keepalive_echo", [on]) => match *on {
            "on" | "off" => {
                emulator.set_keepalive_echo(*on == "on");
                ok()
            }
            _ => error("keepalive_echo takes on or off"),
        },
        ("drop_sockets", []) => json!({"ok": true, "dropped": emulator.drop_sockets()}),
        ("drop_session_sockets", [session_id]) => {
            json!({"ok": true, "dropped": emulator.drop_session_sockets(session_id)})
        }
        ("restart", [ms]) => match millis(ms) {
            Some(down_for) => json!({"ok": true, "sockets": emulator.simulate_restart(down_for)}),
            None => error("restart takes a number of milliseconds"),
        },
        ("revoke", [token]) => json!({"ok": emulator.revoke_token(token)}),
        ("restore", [token]) => json!({"ok": emulator.restore_token(token)}),
        ("stall_sockets", [session_id, ms]) => match millis(ms) {
            Some(pause) => json!({"ok": true, "stalled": emulator.stall_sockets(session_id, pause)}),
            None => error("stall_sockets takes a session id and a number of milliseconds"),
        },
        ("refuse_upgrade", [status, ..]) => match status.parse::<u16>() {
            Ok(code) if (200..=599).contains(&code) && code != 101 => {
                let body = rest[args[0].len()..].trim_start();
                emulator.refuse_next_upgrade(code, body);
                ok()
            }
            _ => error("refuse_upgrade takes an HTTP status (200-599, not 101) and an optional body"),
        },
        ("close_sockets", [session_id, code, ..]) => match code.parse::<u16>() {
            Ok(code) => {
                // The reason is everything after the code, spaces included.
                let reason = rest.splitn(3, ' ').nth(2).map_or("", str::trim);
                json!({"ok": true, "closed": emulator.close_sockets(session_id, code, reason)})
            }
            Err(_) => error("close_sockets takes a session id, a close code and an optional reason"),
        },
        ("socket_send", [session_id, message_type, ..]) => {
            // The data is everything after the kind, spaces included.
            let data = rest.splitn(3, ' ').nth(2).map(str::trim).filter(|d| !d.is_empty());
            match data.map(serde_json::from_str::<Value>).transpose() {
                Ok(data) => {
                    json!({"ok": true, "sockets": emulator.send_socket_message(session_id, message_type, data)})
                }
                Err(e) => error(format!("socket_send: the data is not JSON: {e}")),
            }
        }
        ("socket_send_text", [session_id, ..]) => {
            let text = rest[args[0].len()..].trim_start();
            json!({"ok": true, "sockets": emulator.send_socket_text(session_id, text)})
        }
        ("sockets", []) => json!(emulator.sockets()),
        ("sockets", [session_id]) => json!(emulator.open_sockets(session_id)),
        ("socket_messages", []) => json!(emulator.socket_messages(None)),
        ("socket_messages", [session_id]) => json!(emulator.socket_messages(Some(session_id))),
        ("keepalives", [session_id]) => json!(emulator.keepalives(session_id).len()),
        ("pings", [session_id]) => json!(emulator.pings(session_id)),
        ("socket_upgrades", []) => json!(emulator.socket_upgrades()),
        ("clear_socket_log", []) => {
            emulator.clear_socket_log();
            ok()
        }
        ("wait_sockets", [session_id, n, ms]) => match (n.parse::<usize>(), millis(ms)) {
            (Ok(n), Some(timeout)) => match emulator.wait_for_open_sockets_blocking(session_id, n, timeout) {
                Ok(open) => json!({"ok": true, "sockets": open}),
                Err(e) => error(e.message()),
            },
            _ => error("wait_sockets takes a session id, a count and a number of milliseconds"),
        },
        ("wait_pings", [session_id, n, ms]) => match (n.parse::<usize>(), millis(ms)) {
            (Ok(n), Some(timeout)) => match emulator.wait_for_pings_blocking(session_id, n, timeout) {
                Ok(count) => json!({"ok": true, "pings": count}),
                Err(e) => error(e.message()),
            },
            _ => error("wait_pings takes a session id, a count and a number of milliseconds"),
        },
        ("wait_socket_messages", [session_id, direction, kind, n, ms]) => {
            let direction = match *direction {
                "sent" => Some(Direction::Sent),
                "received" => Some(Direction::Received),
                _ => None,
            };
            let kind = (*kind != "any").then_some(*kind);
            match (direction, n.parse::<usize>(), millis(ms)) {
                (Some(direction), Ok(n), Some(timeout)) => {
                    match emulator.wait_for_socket_messages_blocking(session_id, direction, kind, n, timeout) {
                        Ok(found) => json!({"ok": true, "messages": found}),
                        Err(e) => error(e.message()),
                    }
                }
                _ => error(
                    "wait_socket_messages takes a session id, sent|received, a kind (or any), a count and milliseconds",
                ),
            }
        }
        ("quick_connect", ["on"]) | ("quick_connect", ["off"]) => {
            emulator.set_quick_connect_enabled(args[0] == "on");
            ok()
        }
        ("approve_quick_connect", [code, user_id]) => json!({"ok": emulator.approve_quick_connect(code, user_id)}),
        ("expire_quick_connect", []) => json!({"ok": true, "expired": emulator.expire_quick_connect()}),
        ("quick_connect_codes", []) => json!(emulator.pending_quick_connect_codes()),
        ("reset_quick_connect", []) => {
            emulator.reset_quick_connect();
            ok()
        }
        ("fixtures", []) => json!(emulator.fixtures()),
        ("discovery_queries", []) => json!(emulator.discovery_queries()),
        ("dump", [path]) => match serde_json::to_vec(&emulator.requests()).map(|json| std::fs::write(path, json)) {
            Ok(Ok(())) => ok(),
            Ok(Err(e)) => error(format!("cannot write {path}: {e}")),
            Err(e) => error(format!("cannot encode the exchanges: {e}")),
        },
        _ => error(format!("unknown command: {verb}")),
    }
}

fn status_json(emulator: &Emulator, text: &str) -> Value {
    let line: StatusLine = match serde_json::from_str(text) {
        Ok(line) => line,
        Err(e) => {
            return error(format!(
                "status_json takes {{\"status\":..,\"content_type\":..,\"body\":..,\"headers\":{{..}}}}: {e}"
            ))
        }
    };
    if !(100..=999).contains(&line.status) {
        return error("status_json: status must be 100-999");
    }
    let mut headers = Vec::new();
    for (name, value) in line.headers {
        match value {
            Value::String(v) => headers.push((name, v)),
            _ => return error(format!("status_json: header {name} must be a string")),
        }
    }
    emulator.inject(Fault::Status { status: line.status, content_type: line.content_type, body: line.body, headers });
    ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emulator() -> Emulator {
        Emulator::start_blocking().expect("emulator starts")
    }

    #[test]
    fn every_fault_line_arms_one_fault_and_bad_lines_arm_none() {
        let emu = emulator();
        let good = [
            "latency 10",
            "status 500 the database is on fire",
            r#"status_json {"status":429,"headers":{"Retry-After":"3"}}"#,
            "redirect 302 http://127.0.0.1:1/elsewhere",
            "unavailable 5",
            "reset_before_headers",
            "reset_mid_body",
            "truncated_body",
            "stall 10",
            "oversized 100",
            "oversized 100 chunked",
            "stale_connection",
            "bomb gzip 1000",
            "bomb br 1000",
        ];
        for (i, line) in good.iter().enumerate() {
            assert_eq!(answer(&emu, line), ok(), "{line}");
            assert_eq!(emu.pending_faults(), i + 1, "{line}");
        }
        for line in [
            "latency x",
            "status 42",
            "status_json {",
            r#"status_json {"status":200,"headers":{"x":1}}"#,
            "redirect 200 /x",
            "unavailable -1",
            "stall",
            "oversized 10 gzip",
            "bomb zstd 10",
            "bomb gzip",
            "reset_mid_body now",
            "nonsense",
        ] {
            assert!(answer(&emu, line).get("error").is_some(), "{line}");
        }
        assert_eq!(emu.pending_faults(), good.len());
        assert_eq!(answer(&emu, "clear_faults"), ok());
        assert_eq!(emu.pending_faults(), 0);
    }

    #[test]
    fn socket_lines_answer_and_check_their_arguments() {
        let emu = emulator();
        let tv = emu.fixtures().jellyfin.living_room_session_id;
        assert_eq!(answer(&emu, "keepalive_seconds 2"), ok());
        assert_eq!(emu.keepalive_seconds(), 2);
        assert_eq!(answer(&emu, "keepalive_echo off"), ok());
        assert!(!emu.keepalive_echo());
        assert_eq!(answer(&emu, "keepalive_echo on"), ok());
        assert!(emu.keepalive_echo());
        assert!(answer(&emu, "keepalive_echo maybe")["error"].is_string());
        assert_eq!(answer(&emu, &format!("pings {tv}")), json!(0));
        assert!(answer(&emu, &format!("wait_pings {tv} 1 10"))["error"].is_string());
        assert!(answer(&emu, &format!("wait_pings {tv} one 10"))["error"].is_string());
        assert_eq!(answer(&emu, "drop_sockets"), json!({"ok": true, "dropped": 0}));
        assert_eq!(answer(&emu, "restart 1"), json!({"ok": true, "sockets": 0}));
        assert_eq!(answer(&emu, "revoke nope"), json!({"ok": false}));
        assert_eq!(answer(&emu, "restore nope"), json!({"ok": false}));
        assert_eq!(answer(&emu, "stall_sockets nope 10"), json!({"ok": true, "stalled": 0}));
        assert!(answer(&emu, "stall_sockets nope soon")["error"].is_string());
        assert_eq!(answer(&emu, "close_sockets nope 4000 a reason"), json!({"ok": true, "closed": 0}));
        assert_eq!(answer(&emu, "refuse_upgrade 500 no socket for you"), ok());
        assert!(answer(&emu, "refuse_upgrade 101")["error"].is_string());
        assert!(answer(&emu, "close_sockets nope soon")["error"].is_string());
        assert_eq!(
            answer(&emu, &format!("socket_send {tv} LibraryChanged {{\"A\": 1}}")),
            json!({"ok": true, "sockets": 0})
        );
        assert_eq!(answer(&emu, &format!("socket_send {tv} KeepAlive")), json!({"ok": true, "sockets": 0}));
        assert_eq!(answer(&emu, &format!("socket_send_text {tv} not json")), json!({"ok": true, "sockets": 0}));
        assert_eq!(answer(&emu, "sockets"), json!([]));
        assert_eq!(answer(&emu, &format!("sockets {tv}")), json!([]));
        assert_eq!(answer(&emu, "socket_messages"), json!([]));
        assert_eq!(answer(&emu, &format!("keepalives {tv}")), json!(0));
        assert_eq!(answer(&emu, "socket_upgrades"), json!([]));
        assert_eq!(answer(&emu, "clear_socket_log"), ok());
        assert_eq!(answer(&emu, &format!("wait_sockets {tv} 0 10")), json!({"ok": true, "sockets": []}));
        assert!(answer(&emu, &format!("wait_socket_messages {tv} received KeepAlive 1 10"))["error"].is_string());
        // A seeded player's virtual connection ends with drop_session_sockets.
        assert_eq!(answer(&emu, &format!("drop_session_sockets {tv}")), json!({"ok": true, "dropped": 0}));
        assert_eq!(answer(&emu, &format!("session {tv}")), Value::Null);
        for line in [
            "keepalive_seconds 0",
            "restart soon",
            "socket_send x K {",
            "wait_sockets x y 10",
            "wait_socket_messages x sideways any 1 10",
            "drop_session_sockets",
        ] {
            assert!(answer(&emu, line).get("error").is_some(), "{line}");
        }
    }

    #[test]
    fn waits_answer_with_an_error_when_nothing_happens() {
        let emu = emulator();
        assert!(answer(&emu, "wait_abort 10")["error"].as_str().is_some_and(|e| e.contains("aborted")));
        assert!(answer(&emu, "wait_requests 1 10")["error"].as_str().is_some_and(|e| e.contains("0 of 1")));
        assert_eq!(answer(&emu, "wait_requests 0 10"), json!({"ok": true, "count": 0}));
        assert_eq!(answer(&emu, "requests_json"), json!([]));
        assert_eq!(answer(&emu, "last_request"), Value::Null);
        let fx = emu.fixtures();
        let tv = answer(&emu, &format!("session {}", fx.jellyfin.living_room_session_id));
        assert_eq!(tv["DeviceName"], "Living Room TV");
        assert_eq!(answer(&emu, "session nope"), Value::Null);
    }

    #[test]
    fn quick_connect_lines_approve_expire_and_reset() {
        let emu = emulator();
        let fx = emu.fixtures().jellyfin;
        assert_eq!(answer(&emu, "quick_connect_codes"), json!([fx.quick_connect_code]));
        assert_eq!(answer(&emu, "approve_quick_connect 000000 x"), json!({"ok": false}));
        let approve = format!("approve_quick_connect {} {}", fx.quick_connect_code, fx.user_id);
        assert_eq!(answer(&emu, &approve), json!({"ok": true}));
        // Approved once: a second approval is refused, and the code is no longer pending.
        assert_eq!(answer(&emu, &approve), json!({"ok": false}));
        assert_eq!(answer(&emu, "quick_connect_codes"), json!([]));
        assert_eq!(answer(&emu, "expire_quick_connect"), json!({"ok": true, "expired": 2}));
        assert_eq!(answer(&emu, "reset_quick_connect"), ok());
        assert_eq!(answer(&emu, "quick_connect off"), ok());
        assert_eq!(answer(&emu, &approve), json!({"ok": false}));
        assert_eq!(answer(&emu, "quick_connect on"), ok());
        assert_eq!(answer(&emu, &approve), json!({"ok": true}));
        assert!(answer(&emu, "quick_connect maybe")["error"].is_string());
    }
}
