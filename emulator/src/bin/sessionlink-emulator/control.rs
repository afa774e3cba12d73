//! The control protocol: one line in, one JSON value out (the table is in `main.rs`).

use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};
use sessionlink_emulator::{Emulator, Fault};

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
        ("fixtures", []) => json!(emulator.fixtures()),
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
}
