//! What `{:?}` shows of a client (Jellyfin and G4) and of a socket: enough to tell them apart in a log (base
//! URL, identity, whether there is a token, the user), never the token itself.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use sessionlink::jellyfin::socket::SocketOptions;
use sessionlink_emulator::Emulator;

#[tokio::test]
async fn a_client_debugs_as_its_url_identity_and_user_but_not_its_token() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "device-of-alice");
    let login = client.authenticate_by_name(ALICE.0, ALICE.1).await.unwrap();
    let token = login.access_token.clone().unwrap();
    let shown = format!("{client:?}");
    assert!(shown.starts_with("JellyfinClient"), "{shown}");
    let user_id = client.user_id().unwrap();
    for part in [emulator.url().as_str(), "device-of-alice", "has_token: true", user_id.as_str()] {
        assert!(shown.contains(part), "{part} missing from {shown}");
    }
    assert!(!shown.contains(token.expose()), "the token is shown: {shown}");

    let socket = client.open_socket(SocketOptions::default()).await.unwrap();
    assert_eq!(format!("{socket:?}"), "Socket { .. }");
}

#[test]
fn a_g4_client_debugs_as_its_url_tenant_and_credential_kind_but_not_the_credential() {
    use sessionlink::g4::{G4Auth, G4Client, G4Config};
    let key = "k-0123456789-secret";
    let config =
        G4Config { auth: Some(G4Auth::ApiKey(key.into())), ..G4Config::new("http://127.0.0.1:9/g4", "tenant-a") };
    let shown = format!("{:?}", G4Client::new(config).unwrap());
    assert!(shown.starts_with("G4Client"), "{shown}");
    for part in ["http://127.0.0.1:9/g4", "tenant-a", "ApiKey(***)"] {
        assert!(shown.contains(part), "{part} missing from {shown}");
    }
    assert!(!shown.contains(key), "the key is shown: {shown}");
}

#[test]
fn a_jellyfin_config_debugs_as_its_fields_with_the_token_hidden() {
    use sessionlink::jellyfin::JellyfinConfig;
    let token = "tok-0123456789-secret";
    let config = JellyfinConfig::new("http://127.0.0.1:9/jf", "Test Runner", "device-of-bob").with_token(token);
    let shown = format!("{config:?}");
    assert!(shown.starts_with("JellyfinConfig"), "{shown}");
    for part in [
        "http://127.0.0.1:9/jf",
        "Test Runner",
        "device-of-bob",
        "sessionlink",
        config.client_version.as_str(),
        "token: Some(Secret(***))",
        "request_timeout",
    ] {
        assert!(shown.contains(part), "{part} missing from {shown}");
    }
    assert!(!shown.contains(token), "the token is shown: {shown}");
}
