//! What a client asks a server before logging in: `GetPingSystem`, `GetPublicSystemInfo`; and
//! once logged in: `GetSystemInfo`, `GetCurrentUser`.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use sessionlink_emulator::Emulator;

#[tokio::test]
async fn ping_system_answers_without_a_login() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    assert_eq!(client.ping_system().await.unwrap(), "Jellyfin Server");
    let ex = last_exchange(&emulator, "/System/Ping");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref(), ex.body.is_empty()), ("GET", None, true));
    // Every request names the client, logged in or not: the server keys its devices on it.
    assert!(header(&ex, "authorization").unwrap().starts_with("MediaBrowser Client=\"sessionlink\""));
}

#[tokio::test]
async fn public_system_info_is_the_servers_identity() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    let info = client.get_public_system_info().await.unwrap();
    assert_eq!(info.product_name.as_deref(), Some("Jellyfin Server"));
    assert_eq!(info.startup_wizard_completed, Some(true));
    let id = info.id.clone().unwrap();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    assert!(info.version.as_deref().is_some_and(|v| v.starts_with("10.")), "{info:?}");
    // The same server answers with the same id to a logged-in client.
    let alice = logged_in(&emulator, ALICE).await;
    assert_eq!(alice.get_public_system_info().await.unwrap().id, Some(id));
    let ex = last_exchange(&emulator, "/System/Info/Public");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref()), ("GET", None));
}

#[tokio::test]
async fn public_system_info_keeps_what_a_newer_server_adds() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    let info = client.get_public_system_info().await.unwrap();
    // Re-encoded as received: nothing of the server's answer is lost.
    let body = last_exchange(&emulator, "/System/Info/Public").response_body;
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(serde_json::to_value(&info).unwrap(), sent);
}

#[tokio::test]
async fn system_calls_to_a_server_that_is_not_there_are_connect_errors() {
    let client = sessionlink::jellyfin::JellyfinClient::new(sessionlink::jellyfin::JellyfinConfig::new(
        "http://127.0.0.1:9",
        "dev",
        "dev-1",
    ))
    .unwrap();
    let e = client.ping_system().await.unwrap_err();
    assert_eq!(e.kind(), sessionlink::ErrorKind::Connect);
    assert!(!e.request_sent());
}

#[tokio::test]
async fn system_info_needs_a_login_and_is_lossless() {
    let emulator = Emulator::start().await.unwrap();
    let anonymous = jellyfin(&emulator, "dev-1");
    assert_kind(anonymous.get_system_info().await, sessionlink::ErrorKind::Unauthorized, Some(401));
    let alice = logged_in(&emulator, ALICE).await;
    let info = alice.get_system_info().await.unwrap();
    let public = alice.get_public_system_info().await.unwrap();
    assert_eq!((info.id.clone(), info.server_name.clone()), (public.id, public.server_name));
    assert!(!info.has_pending_restart && !info.is_shutting_down, "{info:?}");
    let port = emulator.url().rsplit(':').next().unwrap().parse::<i32>().unwrap();
    assert_eq!(info.web_socket_port_number, port);
    // The deprecated paths the contract still lists are kept and re-sent as received.
    let body = last_exchange(&emulator, "/System/Info").response_body;
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(sent.get("CachePath").is_some());
    assert_eq!(serde_json::to_value(&info).unwrap(), sent);
    let ex = last_exchange(&emulator, "/System/Info");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref()), ("GET", None));
}

#[tokio::test]
async fn current_user_is_the_tokens_user_and_an_api_key_has_none() {
    let emulator = Emulator::start().await.unwrap();
    let bob = logged_in(&emulator, BOB).await;
    let me = bob.get_current_user().await.unwrap();
    assert_eq!((me.name.as_deref(), Some(me.id.clone())), (Some("bob"), bob.user_id()));
    assert_eq!(me.policy.as_ref().map(|p| p.is_administrator), Some(false));
    let ex = last_exchange(&emulator, "/Users/Me");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref()), ("GET", None));
    let key = sessionlink::jellyfin::JellyfinClient::new(
        sessionlink::jellyfin::JellyfinConfig::new(emulator.url(), "dev", "dev-key").with_token(API_KEY),
    )
    .unwrap();
    let e = assert_kind(key.get_current_user().await, sessionlink::ErrorKind::BadRequest, Some(400));
    assert!(e.problem().is_some(), "{e:?}");
    assert_kind(jellyfin(&emulator, "anon").get_current_user().await, sessionlink::ErrorKind::Unauthorized, Some(401));
}
