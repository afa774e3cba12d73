//! Server-supplied text (a redirect's `Location`, error bodies as JSON and as text, a socket's
//! close reason, a refused upgrade's body) that echoes a credential, in every spelling a
//! server may use (as sent, upper case, the other GUID format, unreserved characters
//! percent-encoded): no credential reaches an error's text, `Debug`, location or body, the
//! socket's disconnection reason, or a log record. Each secret kind is echoed by the call that
//! carries it: a password by the logins, a Jellyfin token and an API key by a call and by the
//! socket, a Quick Connect secret by the state query, a G4 session id by the calls on it, a G4
//! bearer and API key by any G4 call. This binary installs a capturing logger, so it holds
//! only this test.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::jellyfin::socket::{Reconnect, SocketEvent, SocketOptions};
use sessionlink::jellyfin::GetSessionsQuery;
use sessionlink::{Error, Secret};
use sessionlink_emulator::Emulator;

const PATIENCE: Duration = Duration::from_secs(30);

/// The spellings a server may echo `secret` in.
fn spellings(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_owned(), secret.to_ascii_uppercase()];
    if secret.len() == 32 && secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        out.push(format!(
            "{}-{}-{}-{}-{}",
            &secret[..8],
            &secret[8..12],
            &secret[12..16],
            &secret[16..20],
            &secret[20..]
        ));
    }
    // Every unreserved character percent-encoded: what a zealous encoder writes.
    out.push(
        secret
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { format!("%{b:02X}") } else { char::from(b).to_string() })
            .collect(),
    );
    out
}

/// Whether `text` shows `secret` in any spelling (case ignored, dashes of a GUID ignored).
fn shows(text: &str, secret: &str) -> bool {
    let text = text.to_ascii_lowercase();
    spellings(secret).iter().any(|s| text.contains(&s.to_ascii_lowercase()))
        || (secret.len() == 32 && text.replace('-', "").contains(&secret.to_ascii_lowercase()))
}

/// The disconnection reasons the reader sees up to the next reconnection.
async fn until_reconnected(socket: &sessionlink::jellyfin::socket::Socket) -> Vec<String> {
    let mut reasons = Vec::new();
    loop {
        match tokio::time::timeout(PATIENCE, socket.next()).await.unwrap().unwrap().unwrap() {
            SocketEvent::Disconnected { reason, .. } => reasons.push(reason),
            SocketEvent::Connected { reconnected: true } => return reasons,
            _ => {}
        }
    }
}

/// Everything a user may see of an error.
fn seen(e: &Error) -> String {
    format!("{e} | {e:?} | {:?} | {:?}", e.location(), e.body())
}

/// Arms the hostile answers that echo `secret` (one per spelling and per path) and returns
/// how many calls will meet them.
fn arm(emulator: &Emulator, secret: &str) -> usize {
    let mut armed = 0;
    for spelling in spellings(secret) {
        let location = format!("http://127.0.0.1:9/elsewhere/{spelling}?token={spelling}");
        emulator.inject_status_with_headers(302, None, "", &[("Location", location.as_str())]);
        let body = json!({"Message": format!("bad credential {spelling}"), "title": spelling}).to_string();
        emulator.inject_status(400, Some("application/json"), &body);
        emulator.inject_status(500, Some("text/plain"), &format!("cannot use {spelling} here"));
        armed += 3;
    }
    armed
}

#[tokio::test]
async fn no_credential_echoed_by_a_server_reaches_an_error_or_a_log() {
    common::log_capture::install();
    let emulator = Emulator::start().await.unwrap();
    let mut shown: Vec<String> = Vec::new();
    let mut checked = Vec::new();

    // A password: echoed to the login that sends it.
    let jf = jellyfin(&emulator, "server-text-login");
    for _ in 0..arm(&emulator, ALICE.1) {
        shown.push(seen(&jf.authenticate_by_name(ALICE.0, ALICE.1).await.unwrap_err()));
    }
    checked.push(ALICE.1.to_owned());

    // A Jellyfin token (a GUID) and an API key: echoed to a call that sends them.
    let login = jf.authenticate_by_name(ALICE.0, ALICE.1).await.unwrap();
    let token = login.access_token.unwrap().expose().to_owned();
    for _ in 0..arm(&emulator, &token) {
        shown.push(seen(&jf.get_sessions(&GetSessionsQuery::default()).await.unwrap_err()));
    }
    let keyed = jellyfin(&emulator, "server-text-key");
    keyed.set_token(Some(Secret::new(API_KEY))).unwrap();
    for _ in 0..arm(&emulator, API_KEY) {
        shown.push(seen(&keyed.get_sessions(&GetSessionsQuery::default()).await.unwrap_err()));
    }
    checked.extend([token.clone(), API_KEY.to_owned()]);

    // A Quick Connect secret: echoed to the state query that sends it.
    let pending = jellyfin(&emulator, "server-text-quick-connect").initiate_quick_connect().await.unwrap();
    let qc_secret = pending.secret.expose().to_owned();
    for _ in 0..arm(&emulator, &qc_secret) {
        shown.push(seen(&jf.get_quick_connect_state(&qc_secret).await.unwrap_err()));
    }
    checked.push(qc_secret);

    // The same token in a socket's close reason: the reader's disconnection and the log.
    let options = SocketOptions {
        reconnect: Reconnect { initial: Duration::from_millis(50), max: Duration::from_millis(400), factor: 2.0 },
        ..SocketOptions::default()
    };
    let socket = jf.open_socket(options).await.unwrap();
    let session = jf.current_session().await.unwrap().and_then(|s| s.id).unwrap();
    // A reader may miss a Disconnected that a newer Connected replaced: the reasons it saw
    // are checked, and the log (written before each event) shows every one.
    for spelling in spellings(&token) {
        assert_eq!(emulator.close_sockets(&session, 4000, &format!("token {spelling} revoked")), 1);
        shown.extend(until_reconnected(&socket).await);
    }
    // The same token in the body of a refused upgrade: the reconnect's failure.
    for spelling in spellings(&token) {
        emulator.refuse_next_upgrade(500, &format!("cannot upgrade for token {spelling}"));
        assert_eq!(emulator.drop_sockets(), 1);
        shown.extend(until_reconnected(&socket).await);
    }
    socket.close();

    // G4: a password to create_session; a session id to the calls on it; the bearer (the
    // session id, or the body's bearer) and an API key to any call.
    let g4 = g4(&emulator);
    let request = CreateSessionRequest {
        username: G4_USER.0.into(),
        password: G4_USER.1.into(),
        data: Some(json!({})),
        ..Default::default()
    };
    for _ in 0..arm(&emulator, G4_USER.1) {
        shown.push(seen(&g4.create_session(&request).await.unwrap_err()));
    }
    let created = g4.create_session(&request).await.unwrap();
    let sid = created.session_id.unwrap().expose().to_owned();
    for _ in 0..arm(&emulator, &sid) {
        shown.push(seen(&g4.get_session(&sid).await.unwrap_err()));
    }
    let service = g4_service(&emulator);
    for _ in 0..arm(&emulator, G4_API_KEY) {
        shown.push(seen(&service.get_static_session(&sid).await.unwrap_err()));
    }
    checked.extend([G4_USER.1.to_owned(), sid.clone(), G4_API_KEY.to_owned()]);
    if let Some(bearer) = created.bearer.map(|b| b.expose().to_owned()).filter(|b| *b != sid) {
        for _ in 0..arm(&emulator, &bearer) {
            shown.push(seen(&g4.get_static_session(&sid).await.unwrap_err()));
        }
        checked.push(bearer);
    }

    // tungstenite's `trace` frame dumps (its own target, which the Python and C bindings never
    // forward) show frames as the server sent them; every other record counts, sessionlink's
    // and its dependencies' (tungstenite's handshake record once showed the token).
    let logs: Vec<String> =
        common::log_capture::records().into_iter().filter(|r| !r.starts_with("tungstenite::protocol ")).collect();
    // The hostile text did arrive: the redirects are named, the bodies quoted.
    assert!(shown.iter().any(|s| s.contains("redirects to http://127.0.0.1:9/elsewhere/***?token=***")), "{shown:#?}");
    assert!(shown.iter().any(|s| s.contains("bad credential ***")), "{shown:#?}");
    assert!(shown.iter().any(|s| s.contains("cannot use *** here")), "{shown:#?}");
    assert!(logs.iter().any(|l| l.contains("redirects to")), "the redirects were logged: {logs:#?}");
    let count = |needle: &str| logs.iter().filter(|l| l.contains(needle)).count();
    assert_eq!(count("4000 token *** revoked"), spellings(&token).len(), "each close was logged: {logs:#?}");
    assert_eq!(count("cannot upgrade for token ***"), spellings(&token).len(), "each refusal was logged: {logs:#?}");
    for secret in &checked {
        for text in shown.iter().chain(&logs) {
            assert!(!shows(text, secret), "{secret:?} shows in {text}");
        }
    }
    println!("{} error texts and {} log records checked for {} secrets", shown.len(), logs.len(), checked.len());
}
