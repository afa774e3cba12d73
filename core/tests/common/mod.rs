//! Shared set-up for the integration tests: an emulator per test and clients pointed at it.
#![allow(dead_code)]

use std::time::Duration;

use sessionlink::g4::{G4Auth, G4Client, G4Config};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{Error, ErrorKind};
use sessionlink_emulator::{Emulator, Exchange};

pub const ALICE: (&str, &str) = ("alice", "wonderland");
pub const BOB: (&str, &str) = ("bob", "builder");
pub const API_KEY: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";
pub const TENANT: &str = "acme";
pub const G4_USER: (&str, &str) = ("user@example.com", "correct horse");
pub const G4_API_KEY: &str = "acme-api-key-1";

pub fn jellyfin(emulator: &Emulator, device_id: &str) -> JellyfinClient {
    JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Test Runner", device_id)).expect("valid config")
}

pub async fn logged_in(emulator: &Emulator, (user, password): (&str, &str)) -> JellyfinClient {
    let client = jellyfin(emulator, &format!("device-of-{user}"));
    client.authenticate_by_name(user, password).await.expect("login");
    client
}

/// The id of the seeded session with this device name.
pub async fn session_id(client: &JellyfinClient, device_name: &str) -> String {
    client
        .get_sessions(&GetSessionsQuery::default())
        .await
        .expect("sessions")
        .into_iter()
        .find(|s| s.device_name.as_deref() == Some(device_name))
        .and_then(|s| s.id)
        .unwrap_or_else(|| panic!("no session for {device_name}"))
}

pub fn g4(emulator: &Emulator) -> G4Client {
    G4Client::new(G4Config { application: Some("tests".into()), ..G4Config::new(emulator.g4_url(), TENANT) })
        .expect("config")
}

pub fn g4_service(emulator: &Emulator) -> G4Client {
    G4Client::new(G4Config {
        auth: Some(G4Auth::ApiKey(G4_API_KEY.into())),
        ..G4Config::new(emulator.g4_url(), TENANT)
    })
    .expect("config")
}

/// The last recorded exchange whose path ends with `suffix`.
pub fn last_exchange(emulator: &Emulator, suffix: &str) -> Exchange {
    emulator
        .requests()
        .into_iter()
        .rev()
        .find(|e| e.raw_path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no request to *{suffix}"))
}

pub fn header<'a>(exchange: &'a Exchange, name: &str) -> Option<&'a str> {
    exchange.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[track_caller]
pub fn assert_kind<T: std::fmt::Debug>(result: Result<T, Error>, kind: ErrorKind, status: Option<u16>) -> Error {
    let err = result.expect_err("expected an error");
    assert_eq!(err.kind(), kind, "{err}");
    assert_eq!(err.status(), status, "{err}");
    err
}

/// For a test's own raw server: reads until the end of a request's head (what an answer may
/// follow), panicking if the client closes first.
pub async fn read_request_head<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> Vec<u8> {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await.expect("the request is read");
        assert!(n > 0, "the client closed before its request's head ended");
        head.extend_from_slice(&buf[..n]);
    }
    head
}

pub const SHORT: Duration = Duration::from_millis(300);
pub mod log_capture;
pub mod proxy;
pub const PATIENCE: Duration = Duration::from_secs(20);
