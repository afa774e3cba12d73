//! `sessionlink-emulator`: the embedded emulator as a process, for the C and C++ tests.
//!
//! Prints the base URL as the first line of stdout, then one JSON line
//! `{"url":..,"g4_url":..,"fixtures":{..}}`, and serves until killed or until stdin reaches
//! EOF. Meanwhile each stdin line is a control command answered by exactly one JSON line:
//!
//! | line | answer |
//! |---|---|
//! | `commands <session_id>` | array of received commands |
//! | `latency <ms>` | `{"ok":true}` (delays the next request) |
//! | `status <code> [body]` | `{"ok":true}` (the next request gets this status, text/plain body) |
//! | `expire <tenant> <session_id>` | `{"ok":<bool>}` |
//! | `ttl <tenant> <session_id>` | remaining milliseconds, or `null` |
//! | `requests` | number of recorded exchanges |
//! | `clear` | `{"ok":true}` (forgets recorded exchanges) |
//! | `fixtures` | the fixtures object |
//! | `dump <path>` | `{"ok":true}` (writes every recorded exchange to `path` as a JSON array, for tests/conformance) |
//! | anything else | `{"error":"..."}` |

use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::Duration;

use serde_json::{json, Value};
use sessionlink::emulator::Emulator;

fn main() -> ExitCode {
    let emulator = match Emulator::start_blocking() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("sessionlink-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = io::stdout().lock();
    let hello = json!({"url": emulator.url(), "g4_url": emulator.g4_url(), "fixtures": emulator.fixtures()});
    if writeln!(out, "{}\n{hello}", emulator.url()).and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let answer = control(&emulator, line);
        if writeln!(out, "{answer}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

fn control(emulator: &Emulator, line: &str) -> Value {
    let (verb, rest) = line.split_once(' ').map_or((line, ""), |(v, r)| (v, r.trim()));
    let args: Vec<&str> = rest.split_whitespace().collect();
    match (verb, args.as_slice()) {
        ("commands", [session_id]) => json!(emulator.commands(session_id)),
        ("latency", [ms]) => match ms.parse::<u64>() {
            Ok(ms) => {
                emulator.inject_latency(Duration::from_millis(ms));
                json!({"ok": true})
            }
            Err(_) => json!({"error": "latency takes a number of milliseconds"}),
        },
        ("status", [code, ..]) => match code.parse::<u16>() {
            Ok(code) if (100..=999).contains(&code) => {
                // The body is everything after the code, spaces included.
                let body = rest[args[0].len()..].trim_start();
                let content_type = (!body.is_empty()).then_some("text/plain");
                emulator.inject_status(code, content_type, body);
                json!({"ok": true})
            }
            _ => json!({"error": "status takes an HTTP status code (100-999) and an optional body"}),
        },
        ("expire", [tenant, session_id]) => json!({"ok": emulator.expire_g4_session(tenant, session_id)}),
        ("ttl", [tenant, session_id]) => {
            json!(emulator
                .g4_ttl_remaining(tenant, session_id)
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)))
        }
        ("requests", []) => json!(emulator.request_count()),
        ("clear", []) => {
            emulator.clear_requests();
            json!({"ok": true})
        }
        ("fixtures", []) => json!(emulator.fixtures()),
        ("dump", [path]) => match serde_json::to_vec(&emulator.requests()).map(|json| std::fs::write(path, json)) {
            Ok(Ok(())) => json!({"ok": true}),
            Ok(Err(e)) => json!({"error": format!("cannot write {path}: {e}")}),
            Err(e) => json!({"error": format!("cannot encode the exchanges: {e}")}),
        },
        _ => json!({"error": format!("unknown command: {verb}")}),
    }
}
