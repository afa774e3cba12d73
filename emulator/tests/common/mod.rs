//! Raw HTTP over a plain TCP socket (to see exactly what a fault does to a connection), and
//! small reqwest helpers for the API tests.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use serde_json::Value;
use sessionlink_emulator::Emulator;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const API_KEY: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";
/// Long enough for any answer of a healthy emulator on a busy machine.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// How reading a connection to its end came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// A clean close (FIN).
    Eof,
    /// A reset (RST).
    Reset,
    /// Nothing more arrived for a while, and the connection is still open.
    Quiet,
}

pub struct Raw {
    stream: TcpStream,
    addr: String,
}

impl Raw {
    pub async fn connect(emulator: &Emulator) -> Raw {
        let addr = emulator.url().trim_start_matches("http://").to_owned();
        let stream = TcpStream::connect(&addr).await.expect("connect to the emulator");
        Raw { stream, addr }
    }

    /// Sends a request with the API key and, when there is a body, a JSON content type.
    pub async fn send(&mut self, method: &str, path: &str, body: &str) {
        let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\nx-emby-token: {API_KEY}\r\n", self.addr);
        if !body.is_empty() {
            head.push_str(&format!("content-type: application/json\r\ncontent-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        head.push_str(body);
        self.write(head.as_bytes()).await;
    }

    pub async fn write(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.expect("write the request");
    }

    /// Writes what the peer still accepts; false once it no longer does.
    pub async fn try_write(&mut self, bytes: &[u8]) -> bool {
        self.stream.write_all(bytes).await.is_ok()
    }

    /// Reads until the connection ends, or until nothing arrived for `quiet`.
    pub async fn read_to_end(&mut self, quiet: Duration) -> (Vec<u8>, End) {
        let mut out = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        loop {
            match tokio::time::timeout(quiet, self.stream.read(&mut buf)).await {
                Err(_) => return (out, End::Quiet),
                Ok(Ok(0)) => return (out, End::Eof),
                Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
                Ok(Err(e)) if e.kind() == std::io::ErrorKind::ConnectionReset => return (out, End::Reset),
                Ok(Err(e)) => panic!("unexpected read error: {e}"),
            }
        }
    }

    /// Reads exactly one response with a `content-length` body.
    pub async fn read_response(&mut self) -> RawResponse {
        let deadline = Instant::now() + PATIENCE;
        let mut bytes = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        loop {
            if let Some(response) = RawResponse::parse(&bytes) {
                return response;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let n = tokio::time::timeout(left, self.stream.read(&mut buf))
                .await
                .expect("a whole response in time")
                .expect("read the response");
            assert!(n > 0, "the connection closed mid-response: {:?}", String::from_utf8_lossy(&bytes));
            bytes.extend_from_slice(&buf[..n]);
        }
    }

    /// Closes the connection with a reset instead of a FIN.
    pub fn reset(self) {
        self.stream.set_zero_linger().expect("SO_LINGER");
        drop(self.stream);
    }
}

#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// Names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// A complete response at the start of `bytes`, if there is one.
    pub fn parse(bytes: &[u8]) -> Option<RawResponse> {
        let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let (status, headers) = parse_head(&bytes[..end]);
        let len: usize = header_of(&headers, "content-length").map_or(0, |v| v.parse().expect("a length"));
        let body = bytes.get(end + 4..end + 4 + len)?.to_vec();
        Some(RawResponse { status, headers, body })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        header_of(&self.headers, name)
    }
}

/// The status and headers of a response head (without the blank line).
pub fn parse_head(head: &[u8]) -> (u16, Vec<(String, String)>) {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers)
}

pub fn header_of<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A reqwest client that never retries or follows anything on its own.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(PATIENCE).build().expect("client")
}

/// `MediaBrowser ...` for a player on `device_id`, with its token once it has one.
pub fn authorization(device_id: &str, token: Option<&str>) -> String {
    let mut header =
        format!(r#"MediaBrowser Client="Emulator Tests", Device="Test Device", DeviceId="{device_id}", Version="1.0""#);
    if let Some(token) = token {
        header.push_str(&format!(r#", Token="{token}""#));
    }
    header
}

/// Logs `user` in on `device_id`; returns the token and the id of the session it opened.
pub async fn login(emulator: &Emulator, user: &str, password: &str, device_id: &str) -> (String, String) {
    let response = http()
        .post(format!("{}/Users/AuthenticateByName", emulator.url()))
        .header("authorization", authorization(device_id, None))
        .header("content-type", "application/json")
        .body(serde_json::json!({"Username": user, "Pw": password}).to_string())
        .send()
        .await
        .expect("login request");
    assert_eq!(response.status(), 200);
    let body = json_body(response).await;
    let token = body["AccessToken"].as_str().expect("a token").to_owned();
    let session = body["SessionInfo"]["Id"].as_str().expect("a session").to_owned();
    (token, session)
}

/// The response body as JSON.
pub async fn json_body(response: reqwest::Response) -> Value {
    let bytes = response.bytes().await.expect("a body");
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

/// An emulator for a test of the emulator itself. These tests speak raw HTTP and WebSocket
/// (no `Accept: application/json`, identities not percent-encoded, bad input on purpose):
/// they test the server, not a client, so their exchanges stay out of the exchange log the
/// conformance suite holds to the contracts. The SDKs' suites are the ones logged.
pub async fn start() -> Emulator {
    let emulator = Emulator::start().await.expect("the emulator starts");
    emulator.exclude_from_exchange_log();
    emulator
}

/// [`start`] on the emulator's own runtime.
pub fn start_blocking() -> Emulator {
    let emulator = Emulator::start_blocking().expect("the emulator starts");
    emulator.exclude_from_exchange_log();
    emulator
}

/// Forgets the exchanges of a test that sends out-of-contract requests on purpose, so that
/// the exchange log the conformance suite holds to the contracts (`SESSIONLINK_EXCHANGE_LOG`)
/// does not contain the statuses the contract leaves undocumented (the conformance allowances
/// do not list the playback reporting operations, nor 413), nor the WebSocket frames and
/// upgrades it sent out of contract.
pub fn keep_out_of_the_exchange_log(emulator: &Emulator) {
    emulator.clear_requests();
    emulator.clear_socket_log();
}

/// The seeded living-room player's session id.
pub fn living_room(emulator: &Emulator) -> String {
    emulator.fixtures().jellyfin.living_room_session_id
}

/// A command that changes state when it is applied: the living-room player receives a Pause.
pub fn pause_path(emulator: &Emulator) -> String {
    format!("/Sessions/{}/Playing/Pause", living_room(emulator))
}

/// Sends that command with the API key and waits for the answer.
pub async fn pause_the_tv(emulator: &Emulator) -> reqwest::Response {
    http()
        .post(format!("{}{}", emulator.url(), pause_path(emulator)))
        .header("x-emby-token", API_KEY)
        .send()
        .await
        .expect("an answer")
}
