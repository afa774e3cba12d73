//! The proxy environment variables, read when a client is made, against a real proxy
//! (tinyproxy): `HTTP_PROXY` and `http_proxy` for `http`, `HTTPS_PROXY` for `https`,
//! `ALL_PROXY` for both, `NO_PROXY` bypassing, `proxy_from_env = false` ignoring them all,
//! and the `proxy` option winning over them. One test in its own process: it changes the
//! environment, which no other test may read meanwhile.
#![allow(clippy::unwrap_used)]

mod common;

use common::proxy::{port_of, tls_front, Tinyproxy, CA};
use common::*;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{Secret, TransportOptions};
use sessionlink_emulator::Emulator;

const VARIABLES: [&str; 8] =
    ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"];

fn set_only(vars: &[(&str, &str)]) {
    for name in VARIABLES {
        std::env::remove_var(name);
    }
    for (name, value) in vars {
        std::env::set_var(name, value);
    }
}

fn client(base: &str, options: TransportOptions) -> JellyfinClient {
    let mut config = JellyfinConfig::new(base, "Test Runner", "env").with_token(API_KEY);
    config.transport = TransportOptions { extra_ca_pem: Some(CA.to_vec()), ..options };
    JellyfinClient::new(config).unwrap()
}

/// Whether the last `GET /Sessions` came through tinyproxy (it adds `Via` to what it forwards).
async fn forwarded(emulator: &Emulator, client: &JellyfinClient) -> bool {
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    header(&last_exchange(emulator, "/Sessions"), "via").is_some_and(|v| v.contains("tinyproxy"))
}

#[tokio::test]
async fn the_environment_chooses_the_proxy_as_curl_reads_it() {
    let emulator = Emulator::start().await.unwrap();
    let proxy = Tinyproxy::start("");
    let url = proxy.url(None);
    let http = emulator.url();
    let default = TransportOptions::default;

    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        set_only(&[(name, &url)]);
        assert!(forwarded(&emulator, &client(&http, default())).await, "{name}");
    }
    set_only(&[("HTTPS_PROXY", &url)]);
    assert!(!forwarded(&emulator, &client(&http, default())).await, "HTTPS_PROXY is not for http");

    for no_proxy in ["127.0.0.1", "localhost, 127.0.0.1", "127.0.0.0/8", "*"] {
        set_only(&[("HTTP_PROXY", &url), ("NO_PROXY", no_proxy)]);
        assert!(!forwarded(&emulator, &client(&http, default())).await, "NO_PROXY={no_proxy}");
    }
    set_only(&[("HTTP_PROXY", &url), ("no_proxy", "example.com,10.0.0.0/8")]);
    assert!(forwarded(&emulator, &client(&http, default())).await, "NO_PROXY names other hosts");

    set_only(&[("HTTP_PROXY", &url)]);
    let off = TransportOptions { proxy_from_env: false, ..default() };
    assert!(!forwarded(&emulator, &client(&http, off)).await, "proxy_from_env = false");
    // The option wins over the environment, NO_PROXY included.
    set_only(&[("HTTP_PROXY", "http://127.0.0.1:9"), ("NO_PROXY", "*")]);
    let explicit = TransportOptions { proxy: Some(Secret::new(url.clone())), ..default() };
    assert!(forwarded(&emulator, &client(&http, explicit)).await, "the proxy option");

    // https through HTTPS_PROXY: a tunnel the proxy logs.
    let https_port = tls_front(port_of(&http)).await;
    set_only(&[("HTTPS_PROXY", &url)]);
    client(&format!("https://127.0.0.1:{https_port}"), default())
        .get_sessions(&GetSessionsQuery::default())
        .await
        .unwrap();
    proxy.wait_for_line(&format!("CONNECT 127.0.0.1:{https_port}"));

    // The variables are read when the client is made: one made before keeps its choice.
    set_only(&[]);
    let made_without = client(&http, default());
    set_only(&[("HTTP_PROXY", &url)]);
    assert!(!forwarded(&emulator, &made_without).await);
    set_only(&[]);
}
