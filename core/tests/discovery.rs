//! UDP server discovery as a user sees it: the emulator found through its loopback discovery
//! address, distinct servers, replies that are not a server's answer skipped, a silent or
//! absent responder ending at the timeout, bad options refused, and the broadcast path
//! checked through its plan and socket without sending anything.
//!
//! Every datagram these tests send goes to 127.0.0.1: no broadcast, nothing off loopback.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::net::{Ipv4Addr, SocketAddrV4};
use std::time::Duration;

use sessionlink::jellyfin::discovery::{
    discover_servers, DiscoveryOptions, DiscoveryPlan, DISCOVERY_MESSAGE, MAX_REPLY_BYTES,
};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;
use tokio::net::UdpSocket;

/// Generous: the limit returns as soon as the expected servers answered.
const DEADLINE: Duration = Duration::from_secs(30);

fn targets(addresses: &[&str], limit: usize) -> DiscoveryOptions {
    DiscoveryOptions { limit: Some(limit), ..DiscoveryOptions::targets_only(addresses.iter().copied(), DEADLINE) }
}

#[tokio::test]
async fn the_emulator_is_found_with_its_address_id_and_name() {
    let emu = Emulator::start().await.unwrap();
    let found = discover_servers(&targets(&[&emu.discovery_address()], 1)).await.unwrap();
    let [server] = found.as_slice() else { panic!("{found:?}") };
    assert_eq!(server.address(), emu.url());
    assert_eq!(server.name(), "sessionlink-emulator");
    assert_eq!(server.id(), emu.fixtures().jellyfin.server_id);
    assert_eq!(server.endpoint_address(), None);
    assert_eq!(server.responder.to_string(), emu.discovery_address());
    // The null EndpointAddress is kept as the server sent it.
    let wire = serde_json::to_value(&server.info).unwrap();
    assert_eq!(wire["EndpointAddress"], serde_json::Value::Null);
    assert_eq!(emu.discovery_queries(), 1);
}

#[tokio::test]
async fn distinct_servers_are_listed_once_each() {
    let (a, b) = (Emulator::start().await.unwrap(), Emulator::start().await.unwrap());
    let (port_a, port_b) = (a.discovery_address(), b.discovery_address());
    let port_only = port_a.rsplit_once(':').unwrap().1.to_owned();
    // The same emulator three times (once by name): one datagram after resolution dedupes
    // the addresses, and one entry.
    let localhost = format!("localhost:{port_only}");
    let found = discover_servers(&targets(&[&port_a, &port_b, &port_a, &localhost], 2)).await.unwrap();
    let mut addresses: Vec<&str> = found.iter().map(|s| s.address()).collect();
    addresses.sort_unstable();
    let mut expected = [a.url(), b.url()];
    expected.sort_unstable();
    assert_eq!(addresses, expected);
    assert_eq!((a.discovery_queries(), b.discovery_queries()), (1, 1));
}

/// A responder on 127.0.0.1 that answers the question with each of `replies`, in order.
async fn fake_responder(replies: Vec<Vec<u8>>) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
    let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).await.unwrap();
    let address = socket.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let mut question = vec![0; 1024];
        let (len, from) = socket.recv_from(&mut question).await.unwrap();
        for reply in replies {
            socket.send_to(&reply, from).await.unwrap();
        }
        question.truncate(len);
        question
    });
    (address, task)
}

#[tokio::test]
async fn replies_that_are_not_a_servers_answer_are_skipped() {
    let valid = br#"{"Address":"http://10.1.2.3:8096","Id":"abcdefabcdefabcdefabcdefabcdefab","Name":"Attic","EndpointAddress":null,"Future":[1]}"#;
    let mut oversized = br#"{"Address":"http://10.9.9.9:8096","Id":"x","Name":""#.to_vec();
    oversized.extend(std::iter::repeat_n(b'n', MAX_REPLY_BYTES));
    oversized.extend(br#""}"#);
    let replies = vec![
        b"not json".to_vec(),
        br#"{"Id":"no-address","Name":"x"}"#.to_vec(),
        b"\xff\xfe".to_vec(),
        oversized,
        br#"[]"#.to_vec(),
        valid.to_vec(),
        valid.to_vec(), // the same server again: listed once
    ];
    let (address, responder) = fake_responder(replies).await;
    let found = discover_servers(&targets(&[&address], 1)).await.unwrap();
    assert_eq!(responder.await.unwrap(), DISCOVERY_MESSAGE, "the question the server matches");
    let [server] = found.as_slice() else { panic!("{found:?}") };
    assert_eq!((server.address(), server.name()), ("http://10.1.2.3:8096", "Attic"));
    assert_eq!(serde_json::to_vec(&server.info).unwrap(), valid.to_vec(), "unknown fields kept");
}

#[tokio::test]
async fn silence_and_an_absent_responder_end_at_the_timeout_with_no_server() {
    // A bound socket that never answers, and a port nobody listens on (Linux reports ICMP
    // "port unreachable" as a receive error, which must not end discovery early or fail it).
    let silent = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let closed = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let closed_address = closed.local_addr().unwrap().to_string();
    drop(closed);
    let emu = Emulator::start().await.unwrap();
    let options = DiscoveryOptions {
        limit: Some(1),
        ..DiscoveryOptions::targets_only(
            [silent.local_addr().unwrap().to_string(), closed_address, emu.discovery_address()],
            DEADLINE,
        )
    };
    let found = discover_servers(&options).await.unwrap();
    // The emulator still answered: the two dead targets did not stop the collection.
    assert_eq!(found.iter().map(|s| s.address().to_owned()).collect::<Vec<_>>(), [emu.url()]);
    let only_silent =
        DiscoveryOptions::targets_only([silent.local_addr().unwrap().to_string()], Duration::from_millis(200));
    assert!(discover_servers(&only_silent).await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_options_are_refused_before_anything_is_sent() {
    let emu = Emulator::start().await.unwrap();
    let valid = emu.discovery_address();
    let cases: Vec<(DiscoveryOptions, &str)> = vec![
        (DiscoveryOptions { timeout: Duration::ZERO, ..targets(&[&valid], 1) }, "timeout"),
        (DiscoveryOptions { timeout: Duration::from_secs(7200), ..targets(&[&valid], 1) }, "timeout"),
        (DiscoveryOptions { limit: Some(0), ..targets(&[&valid], 1) }, "limit"),
        (DiscoveryOptions { port: 0, ..targets(&[&valid], 1) }, "port"),
        (DiscoveryOptions::targets_only(Vec::<String>::new(), DEADLINE), "nowhere to ask"),
        (targets(&[&valid, "[::1]:7359"], 1), "IPv4 only"),
        (targets(&[&valid, ""], 1), "empty"),
        (targets(&[&valid, "127.0.0.1:99999"], 1), "port"),
        (targets(&[&valid, "http://127.0.0.1:7359"], 1), "host or host:port"),
        (DiscoveryOptions::targets_only(vec![valid.clone(); 1025], DEADLINE), "at most 1024"),
    ];
    for (options, expected) in cases {
        let err = discover_servers(&options).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{options:?}");
        assert!(err.message().contains(expected), "{} (wanted {expected:?})", err.message());
    }
    assert_eq!(emu.discovery_queries(), 0, "nothing was sent");
}

/// The broadcast path, checked without sending: the plan of a discovery without targets,
/// and the socket it would send from (SO_BROADCAST set: without it the system refuses to
/// send to 255.255.255.255).
#[tokio::test]
async fn without_targets_discovery_broadcasts_on_7359_from_a_broadcast_socket() {
    let plan = DiscoveryPlan::new(&DiscoveryOptions::default()).await.unwrap();
    assert!(plan.broadcast());
    assert_eq!(plan.destinations(), [SocketAddrV4::new(Ipv4Addr::BROADCAST, 7359)]);
    assert_eq!(plan.bind_address(), SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    assert_eq!(plan.timeout(), Duration::from_secs(1));
    let socket = plan.open_socket().unwrap();
    assert!(socket.broadcast().unwrap(), "SO_BROADCAST");

    // Targets alone never broadcast, and a loopback-only plan binds loopback.
    let unicast = DiscoveryPlan::new(&DiscoveryOptions {
        targets: vec!["127.0.0.1".into(), "127.0.0.2:9000".into()],
        ..DiscoveryOptions::default()
    })
    .await
    .unwrap();
    assert!(!unicast.broadcast());
    assert_eq!(
        unicast.destinations(),
        [SocketAddrV4::new(Ipv4Addr::LOCALHOST, 7359), SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 2), 9000)]
    );
    assert_eq!(unicast.bind_address(), SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    assert!(!unicast.open_socket().unwrap().broadcast().unwrap());

    // Both, when asked: the broadcast first, on the chosen port.
    let both = DiscoveryPlan::new(&DiscoveryOptions {
        targets: vec!["10.0.0.5".into()],
        broadcast: Some(true),
        port: 7000,
        ..DiscoveryOptions::default()
    })
    .await
    .unwrap();
    assert_eq!(
        both.destinations(),
        [SocketAddrV4::new(Ipv4Addr::BROADCAST, 7000), SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 5), 7000)]
    );
    assert!(both.open_socket().unwrap().broadcast().unwrap());
}
