//! The socket's liveness rule against servers that differ from Jellyfin: one that never
//! echoes `KeepAlive` (but answers WebSocket pings, as every RFC 6455 server does) keeps its
//! connection; one that hangs (answers neither) is still declared dead. The tests wait on
//! the emulator's counts of keep-alives and pings, never on the clock.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use futures_util::FutureExt;
use sessionlink::jellyfin::socket::{
    Reconnect, Socket, SocketEvent, SocketOptions, KEEPALIVE_FRACTION, SILENT_PERIODS,
};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient};
use sessionlink_emulator::{Direction, Emulator};

/// Generous: a wait ends as soon as its event is there.
const PATIENCE: Duration = Duration::from_secs(30);

/// The reconnect waits at least 30 s (jitter halves at most), so any reconnect in the test's
/// time shows as a second socket.
async fn player(emulator: &Emulator, device: &str) -> (JellyfinClient, Socket, String) {
    let player = jellyfin(emulator, device);
    player.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
    let options = SocketOptions {
        reconnect: Reconnect { initial: Duration::from_secs(60), max: Duration::from_secs(60), factor: 2.0 },
        ..SocketOptions::default()
    };
    let socket = player.open_socket(options).await.unwrap();
    let session = player
        .get_sessions(&GetSessionsQuery { device_id: Some(device.to_owned()), ..GetSessionsQuery::default() })
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| s.id)
        .unwrap();
    (player, socket, session)
}

/// Every event already waiting, without waiting for more.
fn waiting_events(socket: &Socket) -> Vec<SocketEvent> {
    let mut events = Vec::new();
    while let Some(Some(event)) = socket.next().now_or_never() {
        events.push(event.unwrap());
    }
    events
}

#[test]
fn the_rule_is_the_documented_one() {
    // docs/sockets.md states both numbers: a KeepAlive every half period, dead after 1.5.
    assert_eq!((KEEPALIVE_FRACTION, SILENT_PERIODS), (0.5, 1.5));
}

#[tokio::test]
async fn a_server_that_never_echoes_keepalive_keeps_its_connection_through_pongs() {
    let emulator = Emulator::start().await.unwrap();
    emulator.set_keepalive_seconds(1);
    emulator.set_keepalive_echo(false);
    let (_player, socket, session) = player(&emulator, "liveness-no-echo").await;

    // Ten KeepAlives are five periods, more than three times the silence after which the
    // connection would be declared dead without the pings.
    emulator.wait_for_socket_messages(&session, Direction::Received, Some("KeepAlive"), 10, PATIENCE).await.unwrap();
    let pings = emulator.wait_for_pings(&session, 3, PATIENCE).await.unwrap();
    assert!(pings >= 3, "{pings} pings");

    // The server never answered a KeepAlive, and the client never left.
    let echoes = emulator
        .socket_messages(Some(&session))
        .into_iter()
        .filter(|m| m.direction == Direction::Sent && m.message_type.as_deref() == Some("KeepAlive"))
        .count();
    assert_eq!(echoes, 0, "the emulator echoed a KeepAlive");
    let sockets: Vec<_> = emulator.sockets().into_iter().filter(|s| s.session_id == session).collect();
    assert_eq!(sockets.len(), 1, "the client reconnected: {sockets:?}");
    assert!(sockets[0].is_open() && sockets[0].pings_received == emulator.pings(&session), "{sockets:?}");
    assert_eq!(emulator.socket_upgrades().len(), 1, "one upgrade only");
    let events = waiting_events(&socket);
    assert!(
        events.iter().all(|e| matches!(e, SocketEvent::Connected { reconnected: false } | SocketEvent::Message(_))),
        "{events:?}"
    );
    socket.close();
}

#[tokio::test]
async fn a_hung_server_is_declared_dead_although_it_answered_pings_before() {
    let emulator = Emulator::start().await.unwrap();
    emulator.set_keepalive_seconds(1);
    emulator.set_keepalive_echo(false);
    let (_player, socket, session) = player(&emulator, "liveness-hung").await;
    // The client relies on pongs now.
    emulator.wait_for_pings(&session, 1, PATIENCE).await.unwrap();

    // The server hangs far longer than the test waits: only the client's own rule can end
    // the connection.
    assert_eq!(emulator.stall_sockets(&session, Duration::from_secs(600)), 1);
    let reason = loop {
        match tokio::time::timeout(PATIENCE, socket.next()).await.expect("a disconnection in time").unwrap().unwrap() {
            SocketEvent::Disconnected { reason, .. } => break reason,
            SocketEvent::Connected { reconnected } => assert!(!reconnected, "connected again before a disconnection"),
            SocketEvent::Message(_) => {}
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(reason, "the server answered neither keep-alives nor pings");
    // The client gave up on the connection while the server still held it open.
    assert_eq!(emulator.socket_upgrades().len(), 1);
    socket.close();
}
