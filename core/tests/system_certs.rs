//! `system_roots`: the operating system's certificate store is trusted on request. The test
//! makes a store of its own (`SSL_CERT_FILE`, which rustls-native-certs reads on Linux before
//! the distribution's bundle) holding a private CA, and serves the emulator behind TLS with a
//! certificate that CA signed: accepted with `system_roots`, refused without it. One test in
//! its own process: it sets the variable before any client reads the store (read once).
#![allow(clippy::unwrap_used)]

mod common;

use common::proxy::{port_of, tls_front, CA};
use common::*;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use sessionlink_emulator::Emulator;

fn client(base: &str, options: TransportOptions) -> sessionlink::Result<JellyfinClient> {
    let mut config = JellyfinConfig::new(base, "Test Runner", "system-roots").with_token(API_KEY);
    config.transport = TransportOptions { proxy_from_env: false, ..options };
    JellyfinClient::new(config)
}

#[tokio::test]
async fn a_ca_in_the_system_store_is_trusted_only_with_system_roots() {
    let store = std::env::temp_dir().join(format!("sessionlink-system-store-{}", std::process::id()));
    std::fs::create_dir_all(&store).unwrap();
    let bundle = store.join("ca-bundle.pem");
    std::fs::write(&bundle, CA).unwrap();
    std::env::set_var("SSL_CERT_FILE", &bundle);
    std::env::remove_var("SSL_CERT_DIR");

    let emulator = Emulator::start().await.unwrap();
    let base = format!("https://127.0.0.1:{}", tls_front(port_of(&emulator.url())).await);
    let sessions = |c: JellyfinClient| async move { c.get_sessions(&GetSessionsQuery::default()).await };

    // The WebPKI roots alone do not know the private CA.
    let err =
        assert_kind(sessions(client(&base, TransportOptions::default()).unwrap()).await, ErrorKind::Connect, None);
    assert!(err.message().contains("TLS handshake failed"), "{err}");
    assert!(!err.request_sent());

    for webpki_roots in [true, false] {
        let options = TransportOptions { system_roots: true, webpki_roots, ..Default::default() };
        assert!(!sessions(client(&base, options).unwrap()).await.unwrap().is_empty(), "webpki_roots: {webpki_roots}");
    }

    // Trusting nothing at all is refused before any I/O.
    let nothing = TransportOptions { webpki_roots: false, ..Default::default() };
    let err = client(&base, nothing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.message().contains("no certificate is trusted"), "{err}");
    std::fs::remove_dir_all(&store).unwrap();
}
