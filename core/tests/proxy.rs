//! Proxies, against a real one (tinyproxy, started by each test on 127.0.0.1): plain `http`
//! forwarded (the emulator sees tinyproxy's `Via`), `https` and the session socket (`ws` and
//! `wss`) through a `CONNECT` tunnel, proxy credentials sent and never shown, and the errors
//! a user sees when the proxy refuses (407, 403) or cannot be reached: `Proxy`, nothing sent.
//! The environment variables are tested in proxy_env.rs (a process of their own).
#![allow(clippy::unwrap_used)]

mod common;

use common::proxy::{free_port, port_of, tls_front, Tinyproxy, CA};
use common::*;
use sessionlink::jellyfin::socket::{SocketEvent, SocketOptions};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, Secret, TransportOptions};
use sessionlink_emulator::Emulator;

const PASSWORD: &str = "pr0xy-s3cret";

fn through(base: &str, proxy: Option<String>) -> JellyfinClient {
    let mut config = JellyfinConfig::new(base, "Test Runner", "proxied").with_token(API_KEY);
    config.transport = TransportOptions {
        proxy: proxy.map(Secret::new),
        // The proxy option wins anyway; off so that no variable of the machine interferes.
        proxy_from_env: false,
        extra_ca_pem: Some(CA.to_vec()),
        ..TransportOptions::default()
    };
    JellyfinClient::new(config).unwrap()
}

async fn sessions(client: &JellyfinClient) -> sessionlink::Result<usize> {
    client.get_sessions(&GetSessionsQuery::default()).await.map(|s| s.len())
}

#[tokio::test]
async fn http_is_forwarded_and_https_tunnelled_through_the_proxy() {
    let emulator = Emulator::start().await.unwrap();
    let proxy = Tinyproxy::start("");
    let port = port_of(&emulator.url());

    let client = through(&emulator.url(), Some(proxy.url(None)));
    assert!(sessions(&client).await.unwrap() > 0);
    proxy.wait_for_line(&format!("GET http://127.0.0.1:{port}/Sessions"));
    let via = header(&last_exchange(&emulator, "/Sessions"), "via").map(str::to_owned);
    assert!(via.as_deref().is_some_and(|v| v.contains("tinyproxy")), "forwarded by tinyproxy: {via:?}");

    let https = tls_front(port).await;
    let client = through(&format!("https://127.0.0.1:{https}"), Some(proxy.url(None)));
    assert!(sessions(&client).await.unwrap() > 0);
    proxy.wait_for_line(&format!("CONNECT 127.0.0.1:{https}"));
    assert_eq!(header(&last_exchange(&emulator, "/Sessions"), "via"), None, "a tunnel is opaque to the proxy");

    // Without the proxy option (and proxy_from_env off) nothing goes through it.
    let direct = through(&emulator.url(), None);
    assert!(sessions(&direct).await.unwrap() > 0);
    assert_eq!(header(&last_exchange(&emulator, "/Sessions"), "via"), None);
}

#[tokio::test]
async fn the_session_socket_goes_through_a_tunnel_as_ws_and_wss() {
    let emulator = Emulator::start().await.unwrap();
    let proxy = Tinyproxy::start("");
    let port = port_of(&emulator.url());
    let https = tls_front(port).await;
    for (base, tunnel_to) in [(emulator.url(), port), (format!("https://127.0.0.1:{https}"), https)] {
        let player = through(&base, Some(proxy.url(None)));
        player.authenticate_by_name(BOB.0, BOB.1).await.unwrap();
        let socket = player.open_socket(SocketOptions::default()).await.unwrap();
        let first = tokio::time::timeout(PATIENCE, socket.next()).await.unwrap().unwrap().unwrap();
        assert_eq!(first, SocketEvent::Connected { reconnected: false }, "{base}");
        // The server's first message arrives through the tunnel.
        let message = tokio::time::timeout(PATIENCE, socket.next()).await.unwrap().unwrap().unwrap();
        assert!(matches!(message, SocketEvent::Message(_)), "{base}: {message:?}");
        proxy.wait_for_line(&format!("CONNECT 127.0.0.1:{tunnel_to}"));
        socket.close();
    }
}

#[tokio::test]
async fn proxy_credentials_are_sent_and_never_shown() {
    let emulator = Emulator::start().await.unwrap();
    let proxy = Tinyproxy::start(&format!("BasicAuth alice {PASSWORD}"));
    let https = format!("https://127.0.0.1:{}", tls_front(port_of(&emulator.url())).await);
    for base in [emulator.url(), https] {
        let client = through(&base, Some(proxy.url(Some(("alice", PASSWORD)))));
        assert!(sessions(&client).await.unwrap() > 0, "{base}");
        let shown = format!("{client:?}");
        assert!(!shown.contains(PASSWORD), "{shown}");

        let tunnel = base.starts_with("https");
        for credentials in [None, Some(("alice", "wrong-password"))] {
            let client = through(&base, Some(proxy.url(credentials)));
            let before = emulator.request_count();
            let result = sessions(&client).await;
            let err = match (credentials, tunnel) {
                // tinyproxy answers wrong credentials with 401 (not 407) and a Basic challenge:
                // forwarded, that cannot be told from the server's own 401. Through a tunnel
                // any refusal is the proxy's.
                (Some(_), false) => assert_kind(result, ErrorKind::Unauthorized, Some(401)),
                (Some(_), true) => assert_kind(result, ErrorKind::Proxy, Some(401)),
                (None, _) => {
                    let err = assert_kind(result, ErrorKind::Proxy, Some(407));
                    assert!(err.message().contains("needs credentials"), "{err}");
                    err
                }
            };
            if err.kind() == ErrorKind::Proxy {
                assert!(!err.request_sent(), "{err}");
            }
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("wrong-password") && !shown.contains(PASSWORD), "{shown}");
            assert_eq!(emulator.request_count(), before, "nothing reached the server");
        }
    }
    let options =
        TransportOptions { proxy: Some(Secret::new(proxy.url(Some(("alice", PASSWORD))))), ..Default::default() };
    let shown = format!("{options:?}");
    assert!(!shown.contains(PASSWORD) && shown.contains(&format!("127.0.0.1:{}", proxy.port)), "{shown}");
}

#[tokio::test]
async fn a_proxy_that_refuses_or_cannot_be_reached_is_a_proxy_error_and_nothing_is_sent() {
    let emulator = Emulator::start().await.unwrap();
    // This proxy only serves a client at another address: it answers 403 to us.
    let proxy = Tinyproxy::start("Allow 10.255.255.1");
    let https = format!("https://127.0.0.1:{}", tls_front(port_of(&emulator.url())).await);
    let err = assert_kind(sessions(&through(&https, Some(proxy.url(None)))).await, ErrorKind::Proxy, Some(403));
    assert!(!err.request_sent());
    assert!(err.message().contains("does not allow"), "{err}");
    // Forwarded plain HTTP: a 403 from a proxy cannot be told from the server's own.
    let err =
        assert_kind(sessions(&through(&emulator.url(), Some(proxy.url(None)))).await, ErrorKind::Forbidden, Some(403));
    assert!(err.request_sent(), "reported as possibly sent: {err}");

    let closed = format!("http://u:{PASSWORD}@127.0.0.1:{}", free_port());
    for base in [emulator.url(), https] {
        let err = assert_kind(sessions(&through(&base, Some(closed.clone()))).await, ErrorKind::Proxy, None);
        assert!(!err.request_sent());
        assert!(err.message().contains("cannot connect to the proxy 127.0.0.1:"), "{err}");
        assert!(!err.message().contains(PASSWORD), "{err}");
    }
    assert_eq!(emulator.request_count(), 0, "nothing reached the server");
}

#[tokio::test]
async fn proxy_urls_sessionlink_cannot_use_are_refused_when_the_client_is_made() {
    for (url, says) in [
        ("socks5://127.0.0.1:1080", "socks5://"),
        ("https://127.0.0.1:3128", "https://"),
        (&format!("http://user:{PASSWORD}@exa mple:1"), "not a valid proxy URL"),
        ("http://", "not a valid proxy URL"),
    ] {
        let mut config = JellyfinConfig::new("http://127.0.0.1:8096", "Test Runner", "proxied");
        config.transport = TransportOptions { proxy: Some(Secret::new(url)), ..Default::default() };
        let err = JellyfinClient::new(config).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{url}: {err}");
        assert!(err.message().contains(says), "{url}: {err}");
        assert!(!err.message().contains(PASSWORD), "{err}");
    }
}
