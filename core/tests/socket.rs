//! The session WebSocket against the emulator's `/socket`, as a user of the SDK sees it:
//! commands arriving with their arguments, keep-alive, becoming controllable, reconnecting
//! after drops and restarts, a revoked token, close, a slow reader, unknown kinds and the
//! `Sessions` subscription. Plus figures (printed, never asserted): command latency and
//! memory per open socket.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use common::*;
use futures_util::StreamExt;
use serde_json::json;
use sessionlink::jellyfin::models::{
    BaseItemKind, ClientCapabilitiesDto, GeneralCommand, GeneralCommandType, MediaType, MessageCommand, PlayCommand,
    PlaystateCommand,
};
use sessionlink::jellyfin::socket::{MessageData, Reconnect, Socket, SocketEvent, SocketMessage, SocketOptions};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, PlayOptions};
use sessionlink::ErrorKind;
use sessionlink_emulator::{Delivery, Direction, Emulator};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// Counts the heap bytes in use, for the memory figure.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const PATIENCE: Duration = Duration::from_secs(10);

/// Reconnects fast enough for a test, still with backoff and jitter.
fn fast_reconnect() -> Reconnect {
    Reconnect { initial: Duration::from_millis(50), max: Duration::from_millis(400), factor: 2.0 }
}

fn player_capabilities() -> ClientCapabilitiesDto {
    ClientCapabilitiesDto {
        playable_media_types: vec![MediaType::Audio, MediaType::Video],
        supported_commands: vec![GeneralCommandType::SetVolume, GeneralCommandType::DisplayMessage],
        supports_media_control: true,
        ..ClientCapabilitiesDto::new()
    }
}

/// Bob's player, its session id, and alice (admin) as the controller.
async fn player_and_controller(emulator: &Emulator) -> (JellyfinClient, String, JellyfinClient) {
    let player = logged_in(emulator, BOB).await;
    let alice = logged_in(emulator, ALICE).await;
    let session = alice
        .get_sessions(&GetSessionsQuery::default())
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.device_id.as_deref() == Some("device-of-bob"))
        .and_then(|s| s.id)
        .unwrap();
    (player, session, alice)
}

async fn open(player: &JellyfinClient, sessions: Option<(Duration, Duration)>, buffer: usize) -> Socket {
    let options =
        SocketOptions { capabilities: Some(player_capabilities()), sessions, buffer, reconnect: fast_reconnect() };
    let socket = player.open_socket(options).await.unwrap();
    assert_eq!(next_event(&socket).await, SocketEvent::Connected { reconnected: false });
    socket
}

async fn next_event(socket: &Socket) -> SocketEvent {
    tokio::time::timeout(PATIENCE, socket.next()).await.expect("an event in time").expect("the stream goes on").unwrap()
}

fn is_keepalive(message: &SocketMessage) -> bool {
    matches!(message.message_type(), "ForceKeepAlive" | "KeepAlive")
}

/// The next message that is not a keep-alive (connection events are skipped too).
async fn next_message(socket: &Socket) -> SocketMessage {
    loop {
        if let SocketEvent::Message(message) = next_event(socket).await {
            if !is_keepalive(&message) {
                return message;
            }
        }
    }
}

/// Events up to the next `Connected { reconnected: true }`.
async fn until_reconnected(socket: &Socket) -> Vec<SocketEvent> {
    let mut seen = Vec::new();
    loop {
        let event = next_event(socket).await;
        if event == (SocketEvent::Connected { reconnected: true }) {
            return seen;
        }
        seen.push(event);
    }
}

/// The error that ends the stream, skipping the events before it.
async fn final_error(socket: &Socket) -> sessionlink::Error {
    loop {
        match tokio::time::timeout(PATIENCE, socket.next()).await.expect("the end in time") {
            Some(Ok(_)) => {}
            Some(Err(e)) => return e,
            None => panic!("the stream ended without saying why"),
        }
    }
}

fn capability_posts(emulator: &Emulator) -> usize {
    emulator.requests().iter().filter(|e| e.raw_path == "/Sessions/Capabilities/Full").count()
}

async fn controllable_in_the_list(alice: &JellyfinClient, session: &str) -> bool {
    let all = alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    all.iter().any(|s| s.id.as_deref() == Some(session) && s.supports_remote_control && s.is_active)
}

#[tokio::test]
async fn every_command_kind_arrives_with_its_arguments() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = player
        .become_controllable(&[MediaType::Audio], &[GeneralCommandType::SetVolume, GeneralCommandType::DisplayMessage])
        .await
        .unwrap();
    let fx = emulator.fixtures().jellyfin;
    let alice_id = alice.user_id().unwrap();

    let options = PlayOptions {
        start_position_ticks: Some(600_000_000),
        media_source_id: Some("source-1".into()),
        audio_stream_index: Some(1),
        subtitle_stream_index: Some(2),
        start_index: Some(1),
    };
    alice.play(&session, PlayCommand::PlayNext, &fx.track_ids, &options).await.unwrap();
    let message = next_message(&socket).await;
    let MessageData::Play(play) = message.data() else { panic!("{message:?}") };
    assert_eq!(play.item_ids.as_deref(), Some(fx.track_ids.as_slice()));
    assert_eq!(play.play_command, PlayCommand::PlayNext);
    assert_eq!(play.start_position_ticks, Some(600_000_000));
    assert_eq!((play.audio_stream_index, play.subtitle_stream_index, play.start_index), (Some(1), Some(2), Some(1)));
    assert_eq!(play.media_source_id.as_deref(), Some("source-1"));
    assert_eq!(play.controlling_user_id, alice_id);
    assert_eq!(message.message_id().map(str::len), Some(32));

    for command in PlaystateCommand::ALL {
        let seek = (*command == PlaystateCommand::Seek).then_some(123_456_789);
        alice.send_playstate_command(&session, command.clone(), seek, None).await.unwrap();
        let message = next_message(&socket).await;
        let MessageData::Playstate(state) = message.data() else { panic!("{message:?}") };
        assert_eq!(&state.command, command);
        assert_eq!(state.seek_position_ticks, seek);
        assert_eq!(state.controlling_user_id.as_deref(), Some(alice_id.as_str()));
    }

    alice.send_general_command(&session, GeneralCommandType::VolumeUp).await.unwrap();
    alice.send_system_command(&session, GeneralCommandType::GoHome).await.unwrap();
    let mut arguments = std::collections::BTreeMap::new();
    arguments.insert("Volume".to_owned(), Some("35".to_owned()));
    let set_volume = GeneralCommand { name: GeneralCommandType::SetVolume, arguments, ..GeneralCommand::default() };
    alice.send_full_general_command(&session, &set_volume).await.unwrap();
    let text = MessageCommand {
        header: Some("Kitchen".into()),
        text: "Dinner".into(),
        timeout_ms: Some(5000),
        ..Default::default()
    };
    alice.send_message_command(&session, &text).await.unwrap();
    alice.display_content(&session, BaseItemKind::Movie, &fx.movie_id, "A Movie").await.unwrap();
    let mut general = Vec::new();
    for _ in 0..5 {
        let message = next_message(&socket).await;
        let MessageData::GeneralCommand(command) = message.data() else { panic!("{message:?}") };
        assert_eq!(command.controlling_user_id, alice_id);
        general.push(command.clone());
    }
    let names: Vec<&str> = general.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["VolumeUp", "GoHome", "SetVolume", "DisplayMessage", "DisplayContent"]);
    let argument = |i: usize, key: &str| general[i].arguments.get(key).cloned().flatten();
    assert_eq!(argument(2, "Volume").as_deref(), Some("35"));
    assert_eq!(argument(3, "Header").as_deref(), Some("Kitchen"));
    assert_eq!(argument(3, "Text").as_deref(), Some("Dinner"));
    assert_eq!(argument(3, "TimeoutMs").as_deref(), Some("5000"));
    assert_eq!(argument(4, "ItemId").as_deref(), Some(fx.movie_id.as_str()));
    assert_eq!(argument(4, "ItemName").as_deref(), Some("A Movie"));
    assert_eq!(argument(4, "ItemType").as_deref(), Some("Movie"));
    // Every one went to the socket.
    assert!(emulator.commands(&session).iter().all(|c| c.delivery == Delivery::Socket));
}

#[tokio::test]
async fn keepalive_runs_by_its_own_timer_over_more_than_two_periods() {
    let emulator = Emulator::start().await.unwrap();
    emulator.set_keepalive_seconds(1);
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    // 2.5 periods of 1 s at one KeepAlive per half period (the first answers ForceKeepAlive).
    let kept = emulator.wait_for_socket_messages(&session, Direction::Received, Some("KeepAlive"), 6, PATIENCE).await;
    assert!(kept.is_ok(), "{} KeepAlive", emulator.keepalives(&session).len());
    // Sent by a timer, not only as answers to the server's reminders (a reminder goes out when
    // the client was quiet for 3/4 of the period, which a stalled machine may cause now and
    // then; a client without a timer would have sent none unprompted).
    let unprompted = emulator.unprompted_keepalives(&session);
    assert!(unprompted >= 3, "{unprompted} of {} KeepAlive unprompted", emulator.keepalives(&session).len());
    // The server never dropped the socket, and the session stayed controllable.
    assert_eq!(emulator.open_sockets(&session).len(), 1);
    assert!(controllable_in_the_list(&alice, &session).await);
    // The reader saw the keep-alive traffic as messages, and no disconnection: everything up
    // to a marker the server sends now.
    emulator.send_socket_message(&session, "Marker", None);
    let mut kinds = Vec::new();
    loop {
        match next_event(&socket).await {
            SocketEvent::Message(m) if m.message_type() == "Marker" => break,
            event => kinds.push(event),
        }
    }
    assert!(
        !kinds.is_empty() && kinds.iter().all(|e| matches!(e, SocketEvent::Message(m) if is_keepalive(m))),
        "{kinds:?}"
    );
    socket.close();
}

#[tokio::test]
async fn become_controllable_shows_in_another_clients_session_list() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, alice) = player_and_controller(&emulator).await;
    let before = alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let mine = before.iter().find(|s| s.id.as_deref() == Some(session.as_str())).unwrap();
    assert!(!mine.supports_remote_control && !mine.supports_media_control);

    let _socket = player
        .become_controllable(&[MediaType::Audio, MediaType::Video], &[GeneralCommandType::SetVolume])
        .await
        .unwrap();
    let after = alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let mine = after.iter().find(|s| s.id.as_deref() == Some(session.as_str())).unwrap();
    assert!(mine.supports_media_control && mine.supports_remote_control && mine.is_active);
    assert_eq!(mine.playable_media_types, [MediaType::Audio, MediaType::Video]);
    assert_eq!(mine.supported_commands, [GeneralCommandType::SetVolume]);
    // And it is among the sessions alice may control.
    let q = GetSessionsQuery { controllable_by_user_id: alice.user_id(), ..Default::default() };
    assert!(alice.get_sessions(&q).await.unwrap().iter().any(|s| s.id.as_deref() == Some(session.as_str())));
}

#[tokio::test]
async fn a_drop_reconnects_reposts_capabilities_and_renews_the_subscription() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = open(&player, Some((Duration::ZERO, Duration::ZERO)), 256).await;
    assert_eq!(capability_posts(&emulator), 1);
    // (The first subscription is on its way when the socket opens.)
    emulator.wait_for_socket_messages(&session, Direction::Received, Some("SessionsStart"), 1, PATIENCE).await.unwrap();

    assert_eq!(emulator.drop_session_sockets(&session), 1);
    let between = until_reconnected(&socket).await;
    assert!(between.iter().any(|e| matches!(e, SocketEvent::Disconnected { .. })), "{between:?}");
    // Capabilities posted again, the subscription renewed, the session controllable again.
    assert_eq!(capability_posts(&emulator), 2);
    let starts =
        emulator.wait_for_socket_messages(&session, Direction::Received, Some("SessionsStart"), 2, PATIENCE).await;
    assert!(starts.is_ok());
    assert!(controllable_in_the_list(&alice, &session).await);
    alice.send_playstate_command(&session, PlaystateCommand::Pause, None, None).await.unwrap();
    // The subscription works on the new socket: alice's capabilities change is a forced event.
    alice.post_full_capabilities(None, &ClientCapabilitiesDto::new()).await.unwrap();
    let mut got = (false, false);
    while got != (true, true) {
        match next_message(&socket).await.data() {
            MessageData::Playstate(p) => got.0 |= p.command == PlaystateCommand::Pause,
            MessageData::Sessions(list) => got.1 |= list.iter().any(|s| s.id.as_deref() == Some(session.as_str())),
            _ => {}
        }
    }
}

#[tokio::test]
async fn a_restart_is_announced_then_the_socket_comes_back_controllable() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    assert_eq!(emulator.simulate_restart(Duration::from_millis(600)), 1);
    let between = until_reconnected(&socket).await;
    let restarting =
        between.iter().any(|e| matches!(e, SocketEvent::Message(m) if m.message_type() == "ServerRestarting"));
    assert!(restarting, "{between:?}");
    // It kept trying while the server refused (503), with backoff: a handful of attempts.
    let refused = emulator.socket_upgrades().iter().filter(|u| u.status == 503).count();
    assert!((1..=10).contains(&refused), "{refused} refused upgrades");
    assert_eq!(capability_posts(&emulator), 2);
    assert!(controllable_in_the_list(&alice, &session).await);
    alice.send_general_command(&session, GeneralCommandType::VolumeDown).await.unwrap();
    let message = next_message(&socket).await;
    assert!(matches!(message.data(), MessageData::GeneralCommand(c) if c.name == GeneralCommandType::VolumeDown));
}

#[tokio::test]
async fn a_revoked_token_ends_the_stream_with_unauthorized_without_retrying() {
    let emulator = Emulator::start().await.unwrap();
    let player = jellyfin(&emulator, "device-of-bob");
    let login = player.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
    let token = login.access_token.unwrap().expose().to_owned();
    let session = login.session_info.unwrap().id.unwrap();
    let socket = open(&player, None, 256).await;
    assert!(emulator.revoke_token(&token));
    emulator.drop_session_sockets(&session);
    let started = Instant::now();
    let end = final_error(&socket).await;
    // The server refuses the upgrade with 403; users see the token problem as Unauthorized.
    assert_eq!(end.kind(), ErrorKind::Unauthorized, "{end}");
    assert_eq!(end.status(), Some(403));
    assert!(tokio::time::timeout(PATIENCE, socket.next()).await.unwrap().is_none());
    assert_eq!(emulator.socket_upgrades().iter().filter(|u| u.status == 403).count(), 1);
    assert!(started.elapsed() < PATIENCE);
}

#[tokio::test]
async fn a_logout_ends_the_stream_at_the_next_reconnect() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, _) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    player.report_session_ended().await.unwrap();
    emulator.drop_session_sockets(&session);
    let end = final_error(&socket).await;
    assert_eq!(end.kind(), ErrorKind::Unauthorized, "{end}");
}

#[tokio::test]
async fn close_and_drop_end_the_stream_and_the_server_sees_the_socket_closed() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, _) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    socket.close();
    socket.close();
    loop {
        match tokio::time::timeout(PATIENCE, socket.next()).await.unwrap() {
            None => break,
            Some(Ok(SocketEvent::Message(_))) => {}
            other => panic!("{other:?}"),
        }
    }
    emulator.wait_for_open_sockets(&session, 0, PATIENCE).await.unwrap();
    assert!(
        emulator.sockets()[0].close_reason.as_deref().unwrap().starts_with("the client closed"),
        "{:?}",
        emulator.sockets()
    );
    assert!(socket.subscribe_sessions(Duration::ZERO, Duration::ZERO).is_err());

    let socket = open(&player, None, 256).await;
    emulator.wait_for_open_sockets(&session, 1, PATIENCE).await.unwrap();
    drop(socket);
    emulator.wait_for_open_sockets(&session, 0, PATIENCE).await.unwrap();
    assert!(emulator.sockets()[1].close_reason.as_deref().unwrap().starts_with("the client closed"));
}

#[tokio::test]
async fn a_slow_reader_loses_no_command_and_sessions_lists_are_coalesced() {
    let emulator = Emulator::start().await.unwrap();
    emulator.set_keepalive_seconds(1);
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = open(&player, Some((Duration::ZERO, Duration::ZERO)), 4).await;
    emulator.wait_for_socket_messages(&session, Direction::Received, Some("SessionsStart"), 1, PATIENCE).await.unwrap();
    // Nothing is read while 150 commands and as many forced session events go out.
    const COMMANDS: i64 = 150;
    for i in 0..COMMANDS {
        alice.send_playstate_command(&session, PlaystateCommand::Seek, Some(i), None).await.unwrap();
        alice.post_full_capabilities(None, &ClientCapabilitiesDto::new()).await.unwrap();
    }
    // Longer than the keep-alive period (the server hears 3 more KeepAlive, 1.5 periods):
    // a full queue must not look like a dead server.
    let heard = emulator.keepalives(&session).len();
    let more = emulator.wait_for_socket_messages(&session, Direction::Received, Some("KeepAlive"), heard + 3, PATIENCE);
    assert!(more.await.is_ok(), "the client stopped sending KeepAlive while its reader was slow");
    let lists_sent = emulator
        .socket_messages(Some(&session))
        .iter()
        .filter(|m| m.message_type.as_deref() == Some("Sessions"))
        .count();
    let (mut seeks, mut lists, mut disconnects) = (Vec::new(), 0, 0);
    let deadline = Instant::now() + PATIENCE;
    while seeks.len() < COMMANDS as usize {
        assert!(Instant::now() < deadline, "only {} commands arrived, {disconnects} disconnections", seeks.len());
        match next_event(&socket).await {
            SocketEvent::Message(m) => match m.data() {
                MessageData::Playstate(p) => seeks.push(p.seek_position_ticks.unwrap()),
                MessageData::Sessions(_) => lists += 1,
                _ => {}
            },
            SocketEvent::Disconnected { .. } => disconnects += 1,
            SocketEvent::Connected { .. } => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(seeks, (0..COMMANDS).collect::<Vec<_>>(), "every command, once, in order");
    assert_eq!(disconnects, 0, "the slow reader caused a reconnect");
    assert!(lists_sent >= COMMANDS as usize && lists < lists_sent, "{lists} of {lists_sent} lists reached the reader");
    println!("slow reader: {lists} of {lists_sent} Sessions lists reached it (the rest were replaced by newer ones)");
}

#[tokio::test]
async fn a_large_message_arrives_whole() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, _) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    // A busy server's Sessions list runs to megabytes; frames of any size up to the limit.
    let big = "x".repeat(3 << 20);
    emulator.send_socket_message(&session, "SomethingBig", Some(json!({ "Text": big })));
    let message = next_message(&socket).await;
    assert_eq!(message.message_type(), "SomethingBig");
    assert_eq!(message.data(), &MessageData::Raw(json!({ "Text": big })));
}

#[tokio::test]
async fn unknown_kinds_and_undecodable_data_are_kept_raw_and_garbage_is_skipped() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, _) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    emulator.send_socket_text(&session, "this is not JSON");
    emulator.send_socket_text(&session, r#"{"Data": 1}"#);
    emulator.send_socket_message(&session, "SomethingNew", Some(json!({"Answer": [42]})));
    emulator.send_socket_message(&session, "LibraryChanged", Some(json!({"ItemsAdded": ["a"]})));
    emulator.send_socket_message(&session, "GeneralCommand", Some(json!({"Name": 5})));
    let new = next_message(&socket).await;
    assert_eq!(new.message_type(), "SomethingNew");
    assert!(!new.is_known());
    assert_eq!(new.data(), &MessageData::Raw(json!({"Answer": [42]})));
    assert_eq!(new.to_json()["Data"], json!({"Answer": [42]}));
    let library = next_message(&socket).await;
    assert_eq!(
        (library.message_type(), library.data()),
        ("LibraryChanged", &MessageData::Raw(json!({"ItemsAdded": ["a"]})))
    );
    let odd = next_message(&socket).await;
    assert_eq!((odd.message_type(), odd.data()), ("GeneralCommand", &MessageData::Raw(json!({"Name": 5}))));
    assert_eq!(emulator.open_sockets(&session).len(), 1, "garbage does not break the socket");
}

#[tokio::test]
async fn the_sessions_subscription_delivers_the_list_and_stops_after_unsubscribe() {
    let emulator = Emulator::start().await.unwrap();
    let alice = logged_in(&emulator, ALICE).await;
    let socket = alice.open_socket(SocketOptions::default()).await.unwrap();
    let alice_session = alice_session(&emulator, &alice).await;
    socket.subscribe_sessions(Duration::ZERO, Duration::from_millis(100)).unwrap();
    emulator
        .wait_for_socket_messages(&alice_session, Direction::Received, Some("SessionsStart"), 1, PATIENCE)
        .await
        .unwrap();
    let bob = logged_in(&emulator, BOB).await;
    let list = loop {
        if let MessageData::Sessions(list) = next_message(&socket).await.data() {
            break list.clone();
        }
    };
    assert!(list.iter().any(|s| s.user_name.as_deref() == Some("bob")));
    assert!(list.iter().any(|s| s.device_name.as_deref() == Some("Living Room TV")));
    // The list is one the server pushed to alice's socket, as sent.
    let pushed: Vec<serde_json::Value> = emulator
        .socket_messages(Some(&alice_session))
        .iter()
        .filter(|m| m.direction == Direction::Sent && m.message_type.as_deref() == Some("Sessions"))
        .map(|m| serde_json::from_str::<serde_json::Value>(&m.text).unwrap()["Data"].clone())
        .collect();
    let ids: Vec<Option<String>> = list.iter().map(|s| s.id.clone()).collect();
    let sent_ids = |data: &serde_json::Value| -> Vec<Option<String>> {
        data.as_array().unwrap().iter().map(|s| s["Id"].as_str().map(str::to_owned)).collect()
    };
    assert!(pushed.iter().any(|data| sent_ids(data) == ids), "{ids:?} is not among the pushed lists");

    socket.unsubscribe_sessions().unwrap();
    emulator
        .wait_for_socket_messages(&alice_session, Direction::Received, Some("SessionsStop"), 1, PATIENCE)
        .await
        .unwrap();
    bob.post_full_capabilities(None, &player_capabilities()).await.unwrap();
    emulator.send_socket_message(&alice_session, "Marker", None);
    loop {
        let message = next_message(&socket).await;
        assert_ne!(message.message_type(), "Sessions", "a list after SessionsStop");
        if message.message_type() == "Marker" {
            break;
        }
    }
}

#[tokio::test]
async fn subscribing_again_replaces_the_subscription_so_one_unsubscribe_stops_the_lists() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, _) = player_and_controller(&emulator).await;
    let socket = open(&player, Some((Duration::ZERO, Duration::from_secs(1))), 256).await;
    socket.subscribe_sessions(Duration::ZERO, Duration::from_millis(100)).unwrap();
    emulator.wait_for_socket_messages(&session, Direction::Received, Some("SessionsStart"), 2, PATIENCE).await.unwrap();
    let subscriptions = || emulator.open_sockets(&session)[0].sessions_subscriptions;
    assert_eq!(subscriptions(), 1, "the server holds one subscription per SessionsStart");
    socket.unsubscribe_sessions().unwrap();
    let stops =
        emulator.wait_for_socket_messages(&session, Direction::Received, Some("SessionsStop"), 2, PATIENCE).await;
    assert!(stops.is_ok());
    assert_eq!(subscriptions(), 0);
}

/// The session of alice's socket, once the emulator has it open.
async fn alice_session(emulator: &Emulator, alice: &JellyfinClient) -> String {
    let all = alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let own = all.iter().find(|s| s.device_id.as_deref() == Some("device-of-alice")).unwrap();
    let id = own.id.clone().unwrap();
    emulator.wait_for_open_sockets(&id, 1, PATIENCE).await.unwrap();
    id
}

#[tokio::test]
async fn figures_latency_from_command_to_message_and_memory_per_socket() {
    let emulator = Emulator::start().await.unwrap();
    let (player, session, alice) = player_and_controller(&emulator).await;
    let socket = open(&player, None, 256).await;
    let mut latencies = Vec::new();
    for i in 0..200 {
        let started = Instant::now();
        alice.send_playstate_command(&session, PlaystateCommand::Seek, Some(i), None).await.unwrap();
        let message = next_message(&socket).await;
        latencies.push(started.elapsed());
        assert!(matches!(message.data(), MessageData::Playstate(p) if p.seek_position_ticks == Some(i)));
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "latency, command POST to message received (200 Seek, loopback, {} build): median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        if cfg!(debug_assertions) { "debug" } else { "release" },
        ms(latencies[100]),
        ms(latencies[190]),
        ms(latencies[199])
    );

    // Memory: heap bytes in use per open, idle socket (client and emulator both live in this
    // process, so the figure covers both ends of each connection).
    const SOCKETS: usize = 20;
    let (mut clients, mut tokens) = (Vec::new(), Vec::new());
    for i in 0..SOCKETS {
        let client = jellyfin(&emulator, &format!("memory-{i}"));
        let login = client.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
        tokens.push(login.access_token.unwrap().expose().to_owned());
        clients.push(client);
    }
    settle().await;
    let before = LIVE.load(Ordering::Relaxed);
    let mut sockets = Vec::new();
    for client in &clients {
        sockets.push(client.open_socket(SocketOptions::default()).await.unwrap());
    }
    for socket in &sockets {
        next_event(socket).await;
    }
    settle().await;
    let after = LIVE.load(Ordering::Relaxed);
    let both_ends = (after - before) as f64 / SOCKETS as f64 / 1024.0;
    drop(sockets);
    // The emulator's end, with the smallest client there is: a bare tungstenite socket with a
    // 4 KiB read buffer, holding nothing else.
    let addr = emulator.url().trim_start_matches("http://").to_owned();
    settle().await;
    let before = LIVE.load(Ordering::Relaxed);
    let mut raw = Vec::new();
    for token in &tokens {
        let request = format!("ws://{addr}/socket?ApiKey={token}").into_client_request().unwrap();
        let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
        let config = WebSocketConfig::default().read_buffer_size(4096);
        let (mut ws, _) = tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await.unwrap();
        ws.next().await.unwrap().unwrap();
        raw.push(ws);
    }
    settle().await;
    let after = LIVE.load(Ordering::Relaxed);
    let emulator_end = (after - before) as f64 / SOCKETS as f64 / 1024.0;
    println!(
        "memory per open idle socket ({SOCKETS} sockets, heap bytes in use): {both_ends:.1} KiB for the SDK socket and \
         the emulator's end together; {emulator_end:.1} KiB for the emulator's end and a bare 4 KiB-buffer client; \
         so about {:.1} KiB for the SDK's end",
        both_ends - emulator_end + 4.0
    );
}

/// Lets the socket tasks reach their idle state.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(200)).await; // nothing to wait for: tasks go idle
}
