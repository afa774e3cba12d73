//! The transport and error contract: timeouts, connection failures, cancellation, decode
//! errors, unexpected statuses, bad configuration, and the runtime's guarded `block_on`.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::future::IntoFuture;
use std::time::Duration;

use common::*;
use sessionlink::jellyfin::models::PlaystateCommand;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{runtime, ErrorKind, TransportOptions};
use sessionlink_emulator::Emulator;

fn with_timeout(emulator: &Emulator, timeout: Duration) -> JellyfinClient {
    let mut config = JellyfinConfig::new(emulator.url(), "d", "timeouts").with_token(API_KEY);
    config.transport = TransportOptions { request_timeout: timeout, ..Default::default() };
    JellyfinClient::new(config).unwrap()
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout() {
    let emulator = Emulator::start().await.unwrap();
    // A timeout generous enough for the recovery call on a loaded machine, a latency far longer.
    let client = with_timeout(&emulator, Duration::from_secs(2));
    emulator.inject_latency(Duration::from_secs(120));
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Timeout, None);
    assert!(err.message().contains("GET /Sessions"), "{err}");
    // The latency applied to one request only; the client recovers.
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
}

/// The socket's handshake is bounded by the client's own request timeout, as every call is
/// (docs/sockets.md), not by a default.
#[tokio::test]
async fn a_socket_handshake_that_never_completes_ends_at_the_request_timeout() {
    use sessionlink::jellyfin::socket::SocketOptions;
    use tokio::io::AsyncReadExt;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    // Reads the upgrade request and never answers it.
    let silent = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 4096];
        while stream.read(&mut buf).await.is_ok_and(|n| n > 0) {}
    });
    let mut config = JellyfinConfig::new(url, "d", "timeouts").with_token(API_KEY);
    config.transport = TransportOptions { request_timeout: Duration::from_millis(300), ..Default::default() };
    let client = JellyfinClient::new(config).unwrap();
    let err = assert_kind(client.open_socket(SocketOptions::default()).await, ErrorKind::Timeout, None);
    assert!(err.message().contains("within 300ms"), "{err}");
    silent.abort();
}

#[tokio::test]
async fn a_closed_port_gives_a_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client =
        JellyfinClient::new(JellyfinConfig::new(format!("http://127.0.0.1:{port}"), "d", "x").with_token(API_KEY))
            .unwrap();
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Connect, None);
    assert!(!err.message().contains(API_KEY));
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    emulator.inject_status(200, Some("application/json"), r#"[{"Id": 5}]"#);
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Decode, None);
    assert!(err.message().contains("Id"), "the message names the field: {err}");
    assert!(err.message().starts_with("GET /Sessions: "), "the message names the route: {err}");
    emulator.inject_status(200, Some("application/json"), "<html>proxy login</html>");
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Decode, None);
    assert!(err.message().starts_with("GET /Sessions: response is not the contract's shape"), "{err}");
}

#[tokio::test]
async fn statuses_map_to_kinds_and_keep_the_server_message() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    for (status, kind) in [
        (400, ErrorKind::BadRequest),
        (401, ErrorKind::Unauthorized),
        (403, ErrorKind::Forbidden),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Http),
        (500, ErrorKind::Server),
        (503, ErrorKind::Server),
    ] {
        emulator.inject_status(status, Some("text/plain"), "Error processing request.");
        let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, kind, Some(status));
        assert!(err.message().contains("Error processing request."), "{err}");
    }
    // Proxies inject HTML pages: they are not shown as the message.
    emulator.inject_status(502, Some("text/html"), "<html><body>Bad gateway</body></html>");
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Server, Some(502));
    assert!(!err.message().contains("<html>"), "{err}");
}

#[tokio::test]
async fn problem_details_are_kept_on_bad_requests() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    let body = r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Text":["The Text field is required."]}}"#;
    emulator.inject_status(400, Some("application/problem+json"), body);
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::BadRequest, Some(400));
    assert_eq!(err.problem().unwrap()["errors"]["Text"][0], "The Text field is required.");
    assert!(err.message().contains("One or more validation errors occurred."), "{err}");
    // Which field failed is the useful part: the message carries it too.
    assert!(err.message().contains("The Text field is required."), "{err}");
}

/// A JSON error body is kept even when the server labels it as text, object or array alike;
/// text that only starts like JSON is not.
#[tokio::test]
async fn a_json_error_body_is_kept_whatever_its_content_type() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    for (body, kept) in [
        (r#"{"Message":"no"}"#, Some(serde_json::json!({"Message": "no"}))),
        (r#" ["no", 1]"#, Some(serde_json::json!(["no", 1]))),
        ("[not json", None),
        ("no", None),
    ] {
        emulator.inject_status(400, Some("text/plain"), body);
        let err =
            assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::BadRequest, Some(400));
        assert_eq!(err.body(), kept.as_ref(), "{body}");
    }
}

/// Dropping the future must drop the request: the server sees its connection closed before
/// it answered, and the command is never applied (a detached request would still be).
#[tokio::test]
async fn dropping_a_request_future_cancels_it() {
    let emulator = Emulator::start().await.unwrap();
    let client = logged_in(&emulator, ALICE).await;
    let tv = session_id(&client, "Living Room TV").await;
    let delivered = emulator.commands(&tv).len();
    emulator.inject_latency(Duration::from_secs(120));
    let mut pause = Box::pin(client.send_playstate_command(&tv, PlaystateCommand::Pause, None, None).into_future());
    // Dropped once the server holds it (not after a guess at how long the request takes).
    tokio::select! {
        outcome = &mut pause => panic!("answered despite the injected latency: {outcome:?}"),
        held = emulator.wait_for_in_flight(1, Duration::from_secs(10)) => { held.expect("the request reached the server"); }
    }
    drop(pause);
    let aborted = emulator.wait_for_abort(Duration::from_secs(10)).await.expect("the server saw the abort");
    assert!(aborted.raw_path.ends_with("/Playing/Pause"), "{}", aborted.raw_path);
    // The abort is the emulator's word that the held request was dropped unapplied (a
    // detached request would be answered, not aborted, when the delay ends).
    assert_eq!(emulator.commands(&tv).len(), delivered, "nothing was applied");
    // The client remains usable at once.
    client.send_playstate_command(&tv, PlaystateCommand::Unpause, None, None).await.unwrap();
    assert_eq!(emulator.commands(&tv).len(), delivered + 1);
}

#[test]
fn interrupting_a_blocking_call_cancels_it() {
    let emulator = Emulator::start_blocking().unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(30));
    let tv = {
        let c = client.clone();
        let sessions = runtime::block_on(async move { c.get_sessions(&GetSessionsQuery::default()).await }).unwrap();
        sessions.into_iter().find(|s| s.device_name.as_deref() == Some("Living Room TV")).and_then(|s| s.id).unwrap()
    };
    let delivered = emulator.commands(&tv).len();
    emulator.inject_latency(Duration::from_secs(120));
    let (c, target) = (client.clone(), tv.clone());
    let mut polls = 0;
    // Interrupted once the server holds the request, after a few checks of the interrupt.
    let result = runtime::block_on_interruptible(
        async move { c.send_playstate_command(&target, PlaystateCommand::Pause, None, None).await },
        Duration::from_millis(20),
        || {
            polls += 1;
            polls >= 3 && emulator.in_flight() >= 1
        },
    );
    assert_kind(result, ErrorKind::Cancelled, None);
    assert!(polls > 1);
    let aborted = emulator.wait_for_abort_blocking(Duration::from_secs(10)).expect("the server saw the abort");
    assert!(aborted.raw_path.ends_with("/Playing/Pause"));
    // Aborted: dropped unapplied, never applied later.
    assert_eq!(emulator.commands(&tv).len(), delivered, "nothing was applied");
    let sessions = runtime::block_on(async move { client.get_sessions(&GetSessionsQuery::default()).await }).unwrap();
    assert!(!sessions.is_empty());
}

#[tokio::test]
async fn block_on_refuses_to_run_on_a_runtime_thread() {
    let result = runtime::block_on(async { Ok::<_, sessionlink::Error>(1) });
    assert_kind(result, ErrorKind::WouldDeadlock, None);
    // ...including the SDK's own worker threads, where C callbacks run.
    let inner = runtime::spawn(async { runtime::block_on(async { Ok::<_, sessionlink::Error>(2) }) }).unwrap();
    assert_kind(inner.await.unwrap(), ErrorKind::WouldDeadlock, None);
}

#[test]
fn bad_configuration_is_refused_before_any_io() {
    for base in ["", "ftp://x", "not a url", "http://", "http://h/x?q=1", "http://user:pw@h/"] {
        let err = JellyfinClient::new(JellyfinConfig::new(base, "d", "i")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{base:?}");
    }
    assert!(!JellyfinClient::new(JellyfinConfig::new("http://user:pw@h/", "d", "i"))
        .unwrap_err()
        .message()
        .contains("pw"));
    for (device, id) in [("", "i"), ("d", ""), ("d\r\n", "i"), ("d", "i\0")] {
        let err = JellyfinClient::new(JellyfinConfig::new("http://127.0.0.1:1", device, id)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{device:?} {id:?}");
    }
    let err = JellyfinClient::new(JellyfinConfig::new("http://127.0.0.1:1", "d", "i").with_token("s3cr3t\r\nvalue"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(!err.message().contains("s3cr3t"), "{err}");
    let mut config = JellyfinConfig::new("https://127.0.0.1:1", "d", "i");
    config.transport.extra_ca_pem = Some(b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n".to_vec());
    assert_eq!(JellyfinClient::new(config).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[tokio::test]
async fn the_user_agent_names_sessionlink() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions");
    assert_eq!(header(&ex, "user-agent"), Some(concat!("sessionlink/", env!("CARGO_PKG_VERSION"))));
    assert_eq!(header(&ex, "accept"), Some("application/json"));
}

#[tokio::test]
async fn connections_are_reused() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    let before = emulator.request_count();
    for _ in 0..5 {
        client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    }
    let connections: std::collections::BTreeSet<u64> =
        emulator.requests().into_iter().skip(before).map(|e| e.connection).collect();
    assert_eq!(connections.len(), 1, "five sequential calls share one keep-alive connection: {connections:?}");
}

#[tokio::test]
async fn an_idle_connection_is_not_reused_after_the_pool_idle_timeout() {
    let emulator = Emulator::start().await.unwrap();
    let transport = TransportOptions { pool_idle_timeout: Duration::from_millis(200), ..Default::default() };
    let mut config = JellyfinConfig::new(emulator.url(), "d", "idle-timeout").with_token(API_KEY);
    config.transport = transport;
    let client = JellyfinClient::new(config).unwrap();
    let before = emulator.request_count();
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let connections: Vec<u64> = emulator.requests().into_iter().skip(before).map(|e| e.connection).collect();
    assert_eq!(connections.len(), 3);
    assert_eq!(connections[0], connections[1], "reused while fresh");
    assert_ne!(connections[1], connections[2], "a new connection after the idle timeout");
}

#[tokio::test]
async fn many_tasks_share_one_client() {
    let emulator = Emulator::start().await.unwrap();
    let client = logged_in(&emulator, ALICE).await;
    let tv = session_id(&client, "Living Room TV").await;
    let mut tasks = Vec::new();
    for i in 0..32 {
        let (c, tv) = (client.clone(), tv.clone());
        tasks.push(tokio::spawn(async move {
            let cmd = if i % 2 == 0 {
                sessionlink::jellyfin::models::PlaystateCommand::Pause
            } else {
                sessionlink::jellyfin::models::PlaystateCommand::Unpause
            };
            c.send_playstate_command(&tv, cmd, None, None).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    assert_eq!(emulator.commands(&tv).len(), 32);
}

#[tokio::test]
async fn the_host_header_names_the_server() {
    let emulator = Emulator::start().await.unwrap();
    let client = with_timeout(&emulator, Duration::from_secs(5));
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions");
    let authority = emulator.url().trim_start_matches("http://").to_owned();
    assert_eq!(header(&ex, "host"), Some(authority.as_str()));
}

/// The limits servers accept are inclusive: exactly at the limit is sent, one byte over is not.
#[test]
fn url_and_body_limits_are_exact() {
    use sessionlink::g4::{G4Auth, G4Client, G4Config};
    use sessionlink::transport::{MAX_BODY_BYTES, MAX_URL_BYTES};
    let config = G4Config { auth: Some(G4Auth::ApiKey("k-1234".into())), ..G4Config::new("http://127.0.0.1:1", "t") };
    let client = G4Client::new(config).unwrap();
    // "/session/" + id: the path is the whole length (no base prefix, no query).
    let fits = "i".repeat(MAX_URL_BYTES - "/session/".len());
    assert!(client.get_session(&fits).prepare().is_ok());
    let over = format!("{fits}i");
    assert_eq!(client.get_session(&over).prepare().unwrap_err().kind(), ErrorKind::InvalidArgument);
    // A JSON string body is its text plus two quotes.
    let text = "d".repeat(MAX_BODY_BYTES - 2);
    assert!(client.update_session("s", &serde_json::Value::String(text.clone())).prepare().is_ok());
    let err = client.update_session("s", &serde_json::Value::String(format!("{text}d"))).prepare().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.message().contains("30000000"), "{err}");
}

#[test]
fn credentials_in_the_base_url_are_refused_alone_too() {
    for base in ["http://user@h/", "http://:pw@h/"] {
        let err = JellyfinClient::new(JellyfinConfig::new(base, "d", "i")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{base}");
        assert!(err.message().contains("credentials"), "{err}");
    }
}

/// The kinds' names are part of every message (`decode: ...`) and what the bindings map to
/// their own errors: they never change.
#[test]
fn error_kinds_have_stable_names() {
    use ErrorKind::*;
    let names = [
        (InvalidArgument, "invalid_argument"),
        (Connect, "connect"),
        (Timeout, "timeout"),
        (Unauthorized, "unauthorized"),
        (Forbidden, "forbidden"),
        (NotFound, "not_found"),
        (BadRequest, "bad_request"),
        (Server, "server"),
        (Http, "http"),
        (Decode, "decode"),
        (Cancelled, "cancelled"),
        (WouldDeadlock, "would_deadlock"),
        (Forked, "forked"),
        (Internal, "internal"),
        (ConnectionLost, "connection_lost"),
        (ResponseTooLarge, "response_too_large"),
    ];
    for (kind, name) in names {
        assert_eq!(kind.as_str(), name);
    }
    let e = sessionlink::Error::invalid_argument("session_id must not be empty");
    assert_eq!(e.to_string(), "invalid_argument: session_id must not be empty");
}

/// A reply that is not HTTP is the server's answer, not a lost connection: the message says
/// so, and the request counts as sent (it was written whole).
#[tokio::test]
async fn a_reply_that_is_not_http_is_named_as_such() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        read_request_head(&mut stream).await;
        stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n\r\n").await.unwrap();
        // Held open: the client must give up on what it read, not on a closed connection.
        let _ = stream.read(&mut [0u8; 64]).await;
    });
    let client = JellyfinClient::new(JellyfinConfig::new(url, "d", "not-http").with_token(API_KEY)).unwrap();
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::ConnectionLost, None);
    assert!(err.message().starts_with("GET /Sessions: the server's response is not valid HTTP ("), "{err}");
    assert!(err.request_sent(), "{err:?}");
    server.abort();
}

/// A request without a body says so with `Content-Length: 0` (servers and proxies may refuse a
/// POST without a length, with 411), except a GET, which never has one (RFC 9110 §8.6).
#[tokio::test]
async fn a_body_less_request_declares_a_zero_length_unless_it_is_a_get() {
    let emulator = Emulator::start().await.unwrap();
    let client = logged_in(&emulator, ALICE).await;
    let tv = session_id(&client, "Living Room TV").await;
    client.send_playstate_command(&tv, PlaystateCommand::Pause, None, None).await.unwrap();
    let post = last_exchange(&emulator, &format!("/Sessions/{tv}/Playing/Pause"));
    assert_eq!((post.method.as_str(), header(&post, "content-length")), ("POST", Some("0")));
    assert_eq!(header(&post, "content-type"), None, "no body, no type");
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let get = last_exchange(&emulator, "/Sessions");
    assert_eq!((get.method.as_str(), header(&get, "content-length")), ("GET", None));
}
