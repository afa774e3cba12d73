//! The `sessionlink-emulator` binary as the C tests use it: the greeting, then one JSON line
//! per control line, faults included, and an abort they can wait for.

// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

struct Process {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Process {
    fn start() -> (Process, String, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sessionlink-emulator"))
            // A test of the binary, not of a client: nothing for the conformance suite.
            .env_remove(sessionlink_emulator::EXCHANGE_LOG_ENV)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut process = Process { child, stdin, stdout };
        let url = process.line();
        let hello: Value = serde_json::from_str(&process.line()).unwrap();
        (process, url, hello)
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        line.trim_end().to_owned()
    }

    fn control(&mut self, line: &str) -> Value {
        writeln!(self.stdin, "{line}").unwrap();
        serde_json::from_str(&self.line()).unwrap()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn send(url: &str, request: &str) -> TcpStream {
    let mut stream = TcpStream::connect(url.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    stream
}

#[test]
fn the_control_protocol_arms_faults_and_reports_aborts() {
    let (mut emu, url, hello) = Process::start();
    assert!(url.starts_with("http://127.0.0.1:"));
    assert_eq!(hello["url"], url.as_str());
    let tv = hello["fixtures"]["jellyfin"]["living_room_session_id"].as_str().unwrap().to_owned();
    let key = hello["fixtures"]["jellyfin"]["api_key"].as_str().unwrap().to_owned();

    // A client that gives up during the latency aborts its request.
    assert_eq!(emu.control("latency 5000"), serde_json::json!({"ok": true}));
    let request = format!("POST /Sessions/{tv}/Playing/Pause HTTP/1.1\r\nhost: x\r\nx-emby-token: {key}\r\n\r\n");
    let stream = send(&url, &request);
    assert_eq!(emu.control("wait_in_flight 1 10000"), serde_json::json!({"ok": true, "in_flight": 1}));
    assert_eq!(emu.control("in_flight"), serde_json::json!(1));
    drop(stream);
    let aborted = emu.control("wait_abort 5000");
    assert_eq!(aborted["aborted"], true, "{aborted}");
    assert_eq!(aborted["raw_path"], format!("/Sessions/{tv}/Playing/Pause"));
    assert_eq!(emu.control(&format!("commands {tv}")), serde_json::json!([]));

    // A redirect, then a reset: each fault acts on one request, in order.
    assert_eq!(emu.control("redirect 302 http://127.0.0.1:1/moved")["ok"], true);
    assert_eq!(emu.control("reset_before_headers")["ok"], true);
    let mut response = String::new();
    send(&url, "GET /System/Ping HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .read_to_string(&mut response)
        .unwrap();
    assert!(response.starts_with("HTTP/1.1 302"), "{response}");
    assert!(response.to_ascii_lowercase().contains("location: http://127.0.0.1:1/moved"), "{response}");
    let mut nothing = Vec::new();
    let reset = send(&url, "GET /System/Ping HTTP/1.1\r\nhost: x\r\n\r\n").read_to_end(&mut nothing);
    assert!(reset.is_err() && nothing.is_empty(), "{reset:?}");

    assert_eq!(emu.control("wait_requests 3 5000"), serde_json::json!({"ok": true, "count": 3}));
    let all = emu.control("requests_json");
    let faults: Vec<&str> = all.as_array().unwrap().iter().map(|e| e["fault"].as_str().unwrap_or("-")).collect();
    assert_eq!(faults, ["latency", "status", "reset_before_headers"]);
    assert_eq!(emu.control("last_request")["status"], 0);
    assert_eq!(emu.control("requests"), 3);
}
