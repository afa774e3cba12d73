//! The session WebSocket on `/socket`, seen by a raw WebSocket client: the upgrade's
//! authentication, keep-alive, commands pushed from the HTTP operations, `Sessions` pushes,
//! `IsActive`/`SupportsRemoteControl` following the socket, and the test controls (drop,
//! restart, revoke, send anything).
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use sessionlink_emulator::{Delivery, Direction, Emulator};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::WebSocketStream;

type Ws = WebSocketStream<TcpStream>;

/// Opens a socket at `path` with these headers; the refusal's status otherwise.
async fn open(emulator: &Emulator, path: &str, headers: &[(&str, &str)]) -> Result<Ws, u16> {
    let addr = emulator.url().trim_start_matches("http://").to_owned();
    let mut request = format!("ws://{addr}{path}").into_client_request().unwrap();
    for (name, value) in headers {
        let name = tungstenite::http::HeaderName::from_bytes(name.as_bytes()).unwrap();
        request.headers_mut().insert(name, value.parse().unwrap());
    }
    let stream = TcpStream::connect(&addr).await.unwrap();
    match tokio_tungstenite::client_async(request, stream).await {
        Ok((ws, response)) => {
            assert_eq!(response.status(), 101);
            Ok(ws)
        }
        Err(tungstenite::Error::Http(response)) => Err(response.status().as_u16()),
        Err(e) => panic!("handshake failed: {e}"),
    }
}

/// A logged-in player with an open socket: (socket, token, session id).
async fn player(emulator: &Emulator, device_id: &str) -> (Ws, String, String) {
    let fx = emulator.fixtures().jellyfin;
    let (token, session) = login(emulator, &fx.user, &fx.user_password, device_id).await;
    let header = authorization(device_id, Some(&token));
    let ws = open(emulator, "/socket", &[("authorization", &header)]).await.unwrap();
    (ws, token, session)
}

/// The next text message as JSON.
async fn next(ws: &mut Ws) -> Value {
    loop {
        let frame = tokio::time::timeout(PATIENCE, ws.next()).await.expect("a message in time");
        match frame.expect("the socket is open").expect("a frame") {
            Message::Text(text) => return serde_json::from_str(text.as_str()).expect("JSON"),
            Message::Close(frame) => panic!("closed: {frame:?}"),
            _ => {}
        }
    }
}

/// The next message that is not a keep-alive.
async fn next_not_keepalive(ws: &mut Ws) -> Value {
    loop {
        let message = next(ws).await;
        if !matches!(message["MessageType"].as_str(), Some("ForceKeepAlive" | "KeepAlive")) {
            return message;
        }
    }
}

async fn send(ws: &mut Ws, text: &str) {
    ws.send(Message::text(text.to_owned())).await.unwrap();
}

/// Sends a KeepAlive and reads up to its echo: every message the server queued before it.
async fn until_echo(ws: &mut Ws) -> Vec<Value> {
    send(ws, r#"{"MessageType":"KeepAlive"}"#).await;
    let mut before = Vec::new();
    loop {
        let message = next(ws).await;
        if message["MessageType"] == "KeepAlive" {
            return before;
        }
        before.push(message);
    }
}

/// Reads until the connection ends; true when it ended without a close frame.
async fn ends_abruptly(ws: &mut Ws) -> bool {
    loop {
        match tokio::time::timeout(PATIENCE, ws.next()).await.expect("the end in time") {
            None | Some(Err(_)) => return true,
            Some(Ok(Message::Close(_))) => return false,
            Some(Ok(_)) => {}
        }
    }
}

fn is_guid_n(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
}

async fn post(emulator: &Emulator, path: &str, body: Option<Value>) -> u16 {
    let mut request = http().post(format!("{}{path}", emulator.url())).header("x-emby-token", API_KEY);
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_string());
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn an_upgrade_is_authenticated_as_the_server_does_it() {
    let emulator = start().await;
    // No credentials, or a token nobody issued: 403 before any upgrade.
    assert_eq!(open(&emulator, "/socket", &[]).await.err(), Some(403));
    let bad = authorization("dev", Some("0123456789abcdef0123456789abcdef"));
    assert_eq!(open(&emulator, "/socket", &[("authorization", &bad)]).await.err(), Some(403));
    // The header, or ?ApiKey=, on any path under the base.
    let (_ws, token, session) = player(&emulator, "player-1").await;
    let mut kept = Vec::new();
    for path in [
        format!("/socket?ApiKey={token}"),
        format!("/jellyfin/socket?ApiKey={token}"),
        format!("/anything?ApiKey={token}"),
    ] {
        let mut ws = open(&emulator, &path, &[]).await.unwrap();
        let first = next(&mut ws).await;
        assert_eq!(first["MessageType"], "ForceKeepAlive");
        assert_eq!(first["Data"], 60);
        assert!(is_guid_n(&first["MessageId"]), "{first}");
        kept.push(ws);
    }
    // Each socket is bound to the caller's session (Client + DeviceId of the token's device).
    let open_now = emulator.wait_for_open_sockets(&session, 4, PATIENCE).await.unwrap();
    assert_eq!(
        open_now.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(),
        ["/socket", "/socket", "/jellyfin/socket", "/anything"]
    );
    let statuses: Vec<u16> = emulator.socket_upgrades().iter().map(|u| u.status).collect();
    assert_eq!(statuses, [403, 403, 101, 101, 101, 101]);
    // Upgrades are not HTTP exchanges of the contract.
    assert!(emulator.requests().iter().all(|e| !e.raw_path.contains("socket") && e.raw_path != "/anything"));
    // Not an upgrade (no key): an ordinary request, which no route takes.
    let response =
        http().get(format!("{}/socket", emulator.url())).header("x-emby-token", API_KEY).send().await.unwrap();
    assert_eq!(response.status(), 404);
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn keepalives_are_answered_and_recorded() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    assert_eq!(next(&mut ws).await["MessageType"], "ForceKeepAlive");
    send(&mut ws, r#"{"MessageType":"KeepAlive"}"#).await;
    let echo = next(&mut ws).await;
    assert_eq!(echo["MessageType"], "KeepAlive");
    assert!(is_guid_n(&echo["MessageId"]));
    assert!(echo.get("Data").is_none());
    emulator.wait_for_socket_messages(&session, Direction::Received, Some("KeepAlive"), 1, PATIENCE).await.unwrap();
    assert_eq!(emulator.keepalives(&session).len(), 1);
    assert_eq!(emulator.open_sockets(&session)[0].keepalives_received, 1);
}

#[tokio::test]
async fn a_quiet_socket_gets_force_keepalive_again_and_stays_open() {
    let emulator = start().await;
    emulator.set_keepalive_seconds(1);
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    let first = next(&mut ws).await;
    assert_eq!((first["MessageType"].as_str(), first["Data"].as_i64()), (Some("ForceKeepAlive"), Some(1)));
    // Quiet for three quarters of the period: reminded, with a new MessageId.
    let again = next(&mut ws).await;
    assert_eq!(again["MessageType"], "ForceKeepAlive");
    assert_ne!(again["MessageId"], first["MessageId"]);
    // Quiet for the whole period: off the watch list, but never closed by the server.
    let reminders = emulator
        .wait_for_socket_messages(&session, Direction::Sent, Some("ForceKeepAlive"), 2, PATIENCE)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await; // waiting for nothing to happen
    assert_eq!(emulator.open_sockets(&session).len(), 1);
    let after = emulator
        .socket_messages(Some(&session))
        .iter()
        .filter(|m| m.message_type.as_deref() == Some("ForceKeepAlive"))
        .count();
    assert!(after <= reminders.len() + 1, "{after} ForceKeepAlive after the socket was lost");
    // A socket that keeps sending KeepAlive is never reminded (at a period whose reminder,
    // after 2.25 s of quiet, no stall of a loaded machine reaches).
    emulator.set_keepalive_seconds(3);
    let (mut ws, _, session) = player(&emulator, "player-2").await;
    for _ in 0..6 {
        until_echo(&mut ws).await;
        tokio::time::sleep(Duration::from_millis(200)).await; // the client's own pace
    }
    let forced = emulator
        .socket_messages(Some(&session))
        .iter()
        .filter(|m| m.message_type.as_deref() == Some("ForceKeepAlive"))
        .count();
    assert_eq!(forced, 1, "only the first ForceKeepAlive");
}

#[tokio::test]
async fn commands_are_pushed_to_the_targets_socket_in_the_servers_envelope() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    assert_eq!(
        post(&emulator, &format!("/Sessions/{session}/Playing/Seek?seekPositionTicks=50000000"), None).await,
        204
    );
    let message = next_not_keepalive(&mut ws).await;
    assert_eq!(message["MessageType"], "Playstate");
    assert!(is_guid_n(&message["MessageId"]));
    // An API key has no user: ControllingUserId is passed through (absent here).
    assert_eq!(message["Data"], json!({"Command": "Seek", "SeekPositionTicks": 50_000_000}));
    let body = json!({"Name": "SetVolume", "Arguments": {"Volume": "35"}});
    assert_eq!(post(&emulator, &format!("/Sessions/{session}/Command"), Some(body)).await, 204);
    let message = next_not_keepalive(&mut ws).await;
    assert_eq!(message["MessageType"], "GeneralCommand");
    assert_eq!(message["Data"]["Arguments"], json!({"Volume": "35"}));
    let commands = emulator.commands(&session);
    assert_eq!(commands.len(), 2);
    let socket = emulator.open_sockets(&session)[0].id;
    assert!(commands.iter().all(|c| c.delivery == Delivery::Socket && c.socket == Some(socket)));
    // The record of what was sent is the frame itself.
    let sent = emulator
        .wait_for_socket_messages(&session, Direction::Sent, Some("GeneralCommand"), 1, PATIENCE)
        .await
        .unwrap();
    assert_eq!(serde_json::from_str::<Value>(&sent[0].text).unwrap(), message);
}

#[tokio::test]
async fn a_command_goes_to_the_socket_with_the_latest_activity() {
    let emulator = start().await;
    let (mut first, token, session) = player(&emulator, "player-1").await;
    let header = authorization("player-1", Some(&token));
    let mut second = open(&emulator, "/socket", &[("authorization", &header)]).await.unwrap();
    emulator.wait_for_open_sockets(&session, 2, PATIENCE).await.unwrap();
    until_echo(&mut first).await;
    until_echo(&mut second).await;
    post(&emulator, &format!("/Sessions/{session}/Playing/Pause"), None).await;
    assert_eq!(next_not_keepalive(&mut second).await["Data"]["Command"], "Pause");
    assert!(until_echo(&mut first).await.iter().all(|m| m["MessageType"] != "Playstate"));
}

#[tokio::test]
async fn commands_to_a_session_without_a_socket_are_dropped_but_seeded_players_receive_them() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let (_, session) = login(&emulator, &fx.user, &fx.user_password, "no-socket").await;
    assert_eq!(post(&emulator, &format!("/Sessions/{session}/Playing/Pause"), None).await, 204);
    assert_eq!(emulator.commands(&session)[0].delivery, Delivery::Dropped);
    assert_eq!(post(&emulator, &format!("/Sessions/{}/Playing/Pause", fx.living_room_session_id), None).await, 204);
    assert_eq!(emulator.commands(&fx.living_room_session_id)[0].delivery, Delivery::Virtual);
}

#[tokio::test]
async fn remote_control_and_activity_follow_the_socket() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let (token, session) = login(&emulator, &fx.user, &fx.user_password, "player-1").await;
    let header = authorization("player-1", Some(&token));
    let capabilities =
        json!({"PlayableMediaTypes": ["Audio"], "SupportedCommands": ["SetVolume"], "SupportsMediaControl": true});
    let status = http()
        .post(format!("{}/Sessions/Capabilities/Full", emulator.url()))
        .header("authorization", &header)
        .header("content-type", "application/json")
        .body(capabilities.to_string())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 204);
    // Capable, but no socket: not remote-controllable; never had one: active.
    let view = emulator.session_json(&session).unwrap();
    assert_eq!(
        (view["SupportsMediaControl"].as_bool(), view["SupportsRemoteControl"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(view["IsActive"], true);
    let mut ws = open(&emulator, "/socket", &[("authorization", &header)]).await.unwrap();
    emulator.wait_for_open_sockets(&session, 1, PATIENCE).await.unwrap();
    let view = emulator.session_json(&session).unwrap();
    assert_eq!((view["SupportsRemoteControl"].as_bool(), view["IsActive"].as_bool()), (Some(true), Some(true)));
    // GET /Sessions?controllableByUserId= lists it now.
    let listed = json_body(
        http()
            .get(format!("{}/Sessions?controllableByUserId={}", emulator.url(), fx.admin_id))
            .header("x-emby-token", API_KEY)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(listed.as_array().unwrap().iter().any(|s| s["Id"] == session.as_str()));
    // The last socket closes: the session ends, as on the server.
    ws.close(None).await.unwrap();
    let closed = emulator.wait_for_open_sockets(&session, 0, PATIENCE).await;
    assert!(closed.is_ok());
    assert!(emulator.sockets()[0].close_reason.as_deref().unwrap().starts_with("the client closed"));
    assert!(emulator.session_json(&session).is_none());
    // The client's next call starts it again, with the saved capabilities but no socket.
    http().get(format!("{}/Sessions", emulator.url())).header("authorization", &header).send().await.unwrap();
    let view = emulator.session_json(&session).unwrap();
    assert_eq!(
        (view["SupportsMediaControl"].as_bool(), view["SupportsRemoteControl"].as_bool()),
        (Some(true), Some(false))
    );
}

#[tokio::test]
async fn sessions_subscription_pushes_the_list_on_events_until_stopped() {
    let emulator = start().await;
    let admin = format!("/socket?ApiKey={API_KEY}");
    let mut ws = open(&emulator, &admin, &[]).await.unwrap();
    // Nothing is pushed before an event, even right after SessionsStart.
    send(&mut ws, r#"{"MessageType":"SessionsStart","Data":"0,1000"}"#).await;
    assert!(until_echo(&mut ws).await.iter().all(|m| m["MessageType"] != "Sessions"));
    // A new session is a forced event: the whole list the caller may see.
    let fx = emulator.fixtures().jellyfin;
    let (_, session) = login(&emulator, &fx.user, &fx.user_password, "player-1").await;
    let message = next_not_keepalive(&mut ws).await;
    assert_eq!(message["MessageType"], "Sessions");
    assert!(is_guid_n(&message["MessageId"]));
    let ids: Vec<&str> = message["Data"].as_array().unwrap().iter().filter_map(|s| s["Id"].as_str()).collect();
    assert!(ids.contains(&session.as_str()) && ids.contains(&fx.living_room_session_id.as_str()), "{ids:?}");
    // After SessionsStop, events push nothing.
    send(&mut ws, r#"{"MessageType":"SessionsStop"}"#).await;
    until_echo(&mut ws).await;
    login(&emulator, &fx.user, &fx.user_password, "player-2").await;
    assert!(until_echo(&mut ws).await.iter().all(|m| m["MessageType"] != "Sessions"));
}

#[tokio::test]
async fn a_non_admin_sees_only_the_sessions_that_include_them() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    send(&mut ws, r#"{"MessageType":"SessionsStart","Data":"0,1000"}"#).await;
    until_echo(&mut ws).await;
    let fx = emulator.fixtures().jellyfin;
    login(&emulator, &fx.admin_user, &fx.admin_password, "admin-device").await;
    let message = next_not_keepalive(&mut ws).await;
    let list = message["Data"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|s| s["UserName"] == fx.user.as_str()), "{list:?}");
    assert!(list.iter().any(|s| s["Id"] == session.as_str()));
}

#[tokio::test]
async fn a_malformed_sessions_start_never_subscribes() {
    let emulator = start().await;
    let mut ws = open(&emulator, &format!("/socket?ApiKey={API_KEY}"), &[]).await.unwrap();
    for bad in [
        r#"{"MessageType":"SessionsStart"}"#,
        r#"{"MessageType":"SessionsStart","Data":"1000"}"#,
        r#"{"MessageType":"SessionsStart","Data":"soon,later"}"#,
        r#"{"messagetype":"SessionsStart","data":"0,1000"}"#,
        "not json at all",
        r#"{"MessageType":"NoSuchKind"}"#,
    ] {
        send(&mut ws, bad).await;
    }
    ws.send(Message::binary(vec![1u8, 2, 3])).await.unwrap();
    until_echo(&mut ws).await;
    assert_eq!(emulator.sockets()[0].sessions_subscriptions, 0);
    let fx = emulator.fixtures().jellyfin;
    login(&emulator, &fx.user, &fx.user_password, "player-1").await;
    assert!(until_echo(&mut ws).await.iter().all(|m| m["MessageType"] != "Sessions"));
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn an_oversized_client_message_ends_the_socket_and_nothing_else() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    let huge = format!(r#"{{"MessageType":"KeepAlive","Data":"{}"}}"#, "x".repeat(2 * 1024 * 1024));
    let _ = ws.send(Message::text(huge)).await;
    emulator.wait_for_open_sockets(&session, 0, PATIENCE).await.unwrap();
    assert!(emulator.sockets()[0].close_reason.as_deref().unwrap().contains("failed"));
    // The emulator still serves.
    assert!(player(&emulator, "player-2").await.0.next().await.is_some());
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn dropping_sockets_closes_them_abruptly_and_ends_their_sessions() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let (mut one, _, first) = player(&emulator, "player-1").await;
    let (mut two, _, second) = player(&emulator, "player-2").await;
    assert_eq!(emulator.drop_session_sockets(&first), 1);
    assert!(ends_abruptly(&mut one).await);
    emulator.wait_for_open_sockets(&first, 0, PATIENCE).await.unwrap();
    assert!(emulator.session_json(&first).is_none());
    assert_eq!(emulator.open_sockets(&second).len(), 1);
    assert_eq!(emulator.drop_sockets(), 1);
    assert!(ends_abruptly(&mut two).await);
    emulator.wait_for_open_sockets(&second, 0, PATIENCE).await.unwrap();
    assert_eq!(
        emulator.sockets().iter().filter_map(|s| s.close_reason.clone()).collect::<Vec<_>>(),
        ["dropped by the test"; 2]
    );
    // A seeded player stays through drop_sockets, and goes with drop_session_sockets.
    assert!(emulator.session_json(&fx.living_room_session_id).is_some());
    assert_eq!(emulator.drop_session_sockets(&fx.living_room_session_id), 0);
    assert!(emulator.session_json(&fx.living_room_session_id).is_none());
    assert_eq!(post(&emulator, &format!("/Sessions/{}/Playing/Pause", fx.living_room_session_id), None).await, 404);
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn a_simulated_restart_says_so_closes_refuses_and_comes_back() {
    let emulator = start().await;
    let (mut ws, token, session) = player(&emulator, "player-1").await;
    assert_eq!(emulator.simulate_restart(Duration::from_millis(800)), 1);
    assert_eq!(
        next_not_keepalive(&mut ws).await,
        json!({"MessageType": "ServerRestarting", "MessageId": next_id(&emulator, &session)})
    );
    assert!(ends_abruptly(&mut ws).await);
    // While it restarts: upgrades and requests get 503 with Retry-After; ping answers.
    let header = authorization("player-1", Some(&token));
    assert_eq!(open(&emulator, "/socket", &[("authorization", &header)]).await.err(), Some(503));
    let response =
        http().get(format!("{}/Sessions", emulator.url())).header("authorization", &header).send().await.unwrap();
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(emulator.requests().last().unwrap().fault.as_deref(), Some("restarting"));
    let ping = http().get(format!("{}/System/Ping", emulator.url())).send().await.unwrap();
    assert_eq!(ping.status(), 200);
    // Then it accepts again; the token survived.
    tokio::time::sleep(Duration::from_millis(900)).await; // the restart's own length
    let mut ws = open(&emulator, "/socket", &[("authorization", &header)]).await.unwrap();
    assert_eq!(next(&mut ws).await["MessageType"], "ForceKeepAlive");
}

/// The MessageId of the last message sent to the session.
fn next_id(emulator: &Emulator, session: &str) -> Value {
    let sent = emulator.socket_messages(Some(session));
    let last = sent.iter().rev().find(|m| m.direction == Direction::Sent).unwrap();
    serde_json::from_str::<Value>(&last.text).unwrap()["MessageId"].clone()
}

#[tokio::test]
async fn a_revoked_token_is_refused_at_the_next_upgrade() {
    let emulator = start().await;
    let (mut ws, token, _) = player(&emulator, "player-1").await;
    assert!(emulator.revoke_token(&token));
    assert!(!emulator.revoke_token(&token));
    // The open socket stays open, as on the server.
    assert_eq!(until_echo(&mut ws).await.len(), 1);
    let header = authorization("player-1", Some(&token));
    assert_eq!(open(&emulator, "/socket", &[("authorization", &header)]).await.err(), Some(403));
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn a_restored_token_is_accepted_again() {
    let emulator = start().await;
    let (_ws, token, _) = player(&emulator, "player-1").await;
    let header = authorization("player-1", Some(&token));
    assert!(!emulator.restore_token(&token), "a valid token is not revoked");
    assert!(emulator.revoke_token(&token));
    assert_eq!(open(&emulator, "/socket", &[("authorization", &header)]).await.err(), Some(403));
    assert!(emulator.restore_token(&token));
    assert!(!emulator.restore_token(&token));
    open(&emulator, "/socket", &[("authorization", &header)]).await.unwrap();
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn a_stalled_socket_stays_open_and_answers_only_after_the_stall() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    until_echo(&mut ws).await;
    let pause = Duration::from_millis(300);
    let started = std::time::Instant::now();
    assert_eq!(emulator.stall_sockets(&session, pause), 1);
    assert_eq!(emulator.stall_sockets("no-such-session", pause), 0);
    // The server reads the KeepAlive only once the stall is over.
    assert_eq!(until_echo(&mut ws).await.len(), 0);
    assert!(started.elapsed() >= pause, "answered after {:?}", started.elapsed());
    assert_eq!(emulator.open_sockets(&session).len(), 1);
}

#[tokio::test]
async fn tests_can_send_any_message_which_is_marked_injected() {
    let emulator = start().await;
    let (mut ws, _, session) = player(&emulator, "player-1").await;
    assert_eq!(emulator.send_socket_message(&session, "SomethingNew", Some(json!({"A": 1}))), 1);
    assert_eq!(emulator.send_socket_text(&session, "not json"), 1);
    let message = next_not_keepalive(&mut ws).await;
    assert_eq!((message["MessageType"].as_str(), &message["Data"]), (Some("SomethingNew"), &json!({"A": 1})));
    loop {
        match ws.next().await.unwrap().unwrap() {
            Message::Text(text) if text.as_str() == "not json" => break,
            _ => {}
        }
    }
    let injected: Vec<bool> = emulator
        .wait_for_socket_messages(&session, Direction::Sent, None, 3, PATIENCE)
        .await
        .unwrap()
        .iter()
        .map(|m| m.injected)
        .collect();
    assert_eq!(injected, [false, true, true]);
    assert_eq!(emulator.send_socket_message("no-such-session", "X", None), 0);
}

#[tokio::test]
async fn a_client_that_reads_nothing_is_cut_off_instead_of_growing_memory() {
    let emulator = start().await;
    let (ws, _, session) = player(&emulator, "player-1").await;
    let big = json!("x".repeat(8 * 1024));
    let mut sent = 0;
    while emulator.open_sockets(&session).len() == 1 && sent < 20_000 {
        emulator.send_socket_message(&session, "Filler", Some(big.clone()));
        sent += 1;
        if sent % 512 == 0 {
            tokio::task::yield_now().await;
        }
    }
    emulator.wait_for_open_sockets(&session, 0, PATIENCE).await.unwrap();
    assert!(
        emulator.sockets()[0].close_reason.as_deref().unwrap().contains("read nothing"),
        "{:?}",
        emulator.sockets()
    );
    drop(ws);
    keep_out_of_the_exchange_log(&emulator);
}

#[tokio::test]
async fn stopping_the_emulator_closes_its_sockets() {
    let emulator = start().await;
    let (mut ws, _, _) = player(&emulator, "player-1").await;
    drop(emulator);
    assert!(ends_abruptly(&mut ws).await);
}

#[test]
fn blocking_waits_work_without_a_runtime() {
    let emulator = start_blocking();
    let err = emulator.wait_for_open_sockets_blocking("nobody", 1, Duration::from_millis(50)).unwrap_err();
    assert!(err.to_string().contains("0 open sockets"), "{err}");
    assert!(emulator.wait_for_open_sockets_blocking("nobody", 0, Duration::from_millis(50)).unwrap().is_empty());
    let err = emulator
        .wait_for_socket_messages_blocking(
            "nobody",
            Direction::Received,
            Some("KeepAlive"),
            1,
            Duration::from_millis(50),
        )
        .unwrap_err();
    assert!(err.to_string().contains("0 of 1 KeepAlive"), "{err}");
}
