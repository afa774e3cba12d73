//! Every route that takes an id, with ids full of reserved characters: each stays exactly one
//! path segment, percent-encoded, as the server saw it; a dot segment is refused before any
//! I/O.

mod common;

use common::*;
use sessionlink::jellyfin::models::{
    BaseItemKind, GeneralCommand, GeneralCommandType, MessageCommand, PlayCommand, PlaystateCommand,
};
use sessionlink::jellyfin::{JellyfinClient, PlayOptions};
use sessionlink::{Call, ErrorKind};
use sessionlink_emulator::Emulator;

/// (id as given, the path segment the server must see)
const IDS: &[(&str, &str)] = &[
    ("a b/c?d#e%", "a%20b%2Fc%3Fd%23e%25"),
    ("ü日本", "%C3%BC%E6%97%A5%E6%9C%AC"),
    ("a/../b", "a%2F..%2Fb"),
    ("x+y=z&w", "x%2By%3Dz%26w"),
];
const USER: &str = "0123456789abcdef0123456789abcdef";

type Op = fn(&JellyfinClient, &str) -> Call<()>;

/// Every Jellyfin route with a session id in its path, and the rest of the path after it.
fn jellyfin_routes() -> Vec<(&'static str, Op)> {
    vec![
        ("/Playing", |c, id| c.play(id, PlayCommand::PlayNow, &[USER.into()], &PlayOptions::default())),
        ("/Playing/Pause", |c, id| c.send_playstate_command(id, PlaystateCommand::Pause, None, None)),
        ("/Command/GoHome", |c, id| c.send_general_command(id, GeneralCommandType::GoHome)),
        ("/Command", |c, id| {
            c.send_full_general_command(id, &GeneralCommand { name: GeneralCommandType::GoHome, ..Default::default() })
        }),
        ("/System/GoHome", |c, id| c.send_system_command(id, GeneralCommandType::GoHome)),
        ("/Message", |c, id| c.send_message_command(id, &MessageCommand { text: "hi".into(), ..Default::default() })),
        ("/Viewing", |c, id| c.display_content(id, BaseItemKind::Movie, USER, "A film")),
        ("/User/0123456789abcdef0123456789abcdef", |c, id| c.add_user_to_session(id, USER)),
        ("/User/0123456789abcdef0123456789abcdef", |c, id| c.remove_user_from_session(id, USER)),
    ]
}

#[tokio::test]
async fn every_jellyfin_session_route_keeps_the_id_in_one_segment() {
    let emulator = Emulator::start().await.unwrap();
    let client = logged_in(&emulator, ALICE).await;
    for (suffix, op) in jellyfin_routes() {
        for (id, encoded) in IDS {
            let result = op(&client, id).await;
            // No such session: the server looked the whole id up and did not find it.
            let err = result.expect_err("unknown session");
            assert_eq!(err.kind(), ErrorKind::NotFound, "{suffix} {id:?}: {err}");
            let seen = emulator.requests().pop().unwrap();
            assert_eq!(seen.raw_path, format!("/Sessions/{encoded}{suffix}"), "{suffix} {id:?}");
        }
        for dots in [".", ".."] {
            let before = emulator.request_count();
            let err = op(&client, dots).await.expect_err("dot segments are refused");
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{suffix} {dots:?}");
            assert_eq!(emulator.request_count(), before, "refused before any request");
        }
    }
}

#[tokio::test]
async fn every_g4_session_route_keeps_the_id_in_one_segment() {
    let emulator = Emulator::start().await.unwrap();
    let client = g4_service(&emulator);
    for (route, prefix) in [
        ("get", "/g4/session/"),
        ("static", "/g4/static-session/"),
        ("put", "/g4/session/"),
        ("delete", "/g4/session/"),
    ] {
        let call = |id: &str| {
            let id = id.to_owned();
            let client = &client;
            async move {
                match route {
                    "get" => client.get_session(&id).await.map(drop),
                    "static" => client.get_static_session(&id).await.map(drop),
                    "put" => client.update_session(&id, &serde_json::json!({"k": 1})).await,
                    _ => client.delete_session(&id).await,
                }
            }
        };
        for (id, encoded) in IDS {
            let err = call(id).await.expect_err("unknown session");
            assert_eq!(err.kind(), ErrorKind::NotFound, "{route} {id:?}: {err}");
            let seen = emulator.requests().pop().unwrap();
            assert_eq!(seen.raw_path, format!("{prefix}{encoded}"), "{route} {id:?}");
        }
        // This route's own dot refusals, before any I/O.
        for dots in [".", ".."] {
            let before = emulator.request_count();
            let err = call(dots).await.expect_err("dot segment");
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{route} {dots:?}: {err}");
            assert_eq!(emulator.request_count(), before, "{route} {dots:?} was sent");
        }
    }
}

/// Ids in query strings are encoded as whole values, never split or cut.
#[tokio::test]
async fn ids_in_queries_are_whole_values() {
    let emulator = Emulator::start().await.unwrap();
    let client = logged_in(&emulator, ALICE).await;
    let query = sessionlink::jellyfin::GetSessionsQuery { device_id: Some("a b&c=d#e".into()), ..Default::default() };
    assert!(client.get_sessions(&query).await.unwrap().is_empty());
    let seen = last_exchange(&emulator, "/Sessions");
    assert_eq!(seen.raw_query.as_deref(), Some("deviceId=a%20b%26c%3Dd%23e"));
}
