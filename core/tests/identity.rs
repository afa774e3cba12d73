//! The client's own identity: its accessors, `current_session` (the session the server keys
//! on the client's name and device id) and `find_session` (a session named by id or device
//! name), against the emulator.

mod common;

use common::*;
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::jellyfin::{JellyfinClient, JellyfinConfig};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

#[tokio::test]
async fn the_identity_is_what_the_configuration_said() {
    let emulator = Emulator::start().await.unwrap();
    let config = JellyfinConfig::new(emulator.url(), "Kitchen tablet", "kitchen-1").with_client("Home Remote", "1.4.0");
    let client = JellyfinClient::new(config).unwrap();
    assert_eq!(
        (client.device_id(), client.device_name(), client.client_name(), client.client_version()),
        ("kitchen-1", "Kitchen tablet", "Home Remote", "1.4.0")
    );
}

#[tokio::test]
async fn current_session_is_the_callers_own() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "own-device-1");
    client.authenticate_by_name(ALICE.0, ALICE.1).await.unwrap();
    // Another application on the same device has a session of its own.
    emulator.add_device_session(sessionlink_emulator::DeviceSession {
        client: "Other App".into(),
        device_name: "Test Runner".into(),
        device_id: "own-device-1".into(),
        app_version: "1.0".into(),
        user_id: None,
        supports_media_control: true,
        now_playing_item_id: None,
    });
    let own: SessionInfoDto = client.current_session().await.unwrap().expect("a session after login");
    assert_eq!(own.device_id.as_deref(), Some("own-device-1"));
    assert_eq!(own.client.as_deref(), Some("sessionlink"));
    assert_eq!(own.user_name.as_deref(), Some("alice"));
    let ex = last_exchange(&emulator, "/Sessions");
    assert_eq!(ex.raw_query.as_deref(), Some("deviceId=own-device-1"));
    // After logging out the server has no session for it.
    client.report_session_ended().await.unwrap();
    let admin =
        JellyfinClient::new(JellyfinConfig::new(emulator.url(), "x", "own-device-1").with_token(API_KEY)).unwrap();
    assert!(admin.current_session().await.unwrap().is_none(), "an API key has no session of its own");
}

#[tokio::test]
async fn find_session_by_id_or_device_name() {
    let emulator = Emulator::start().await.unwrap();
    let alice = logged_in(&emulator, ALICE).await;
    let tv = session_id(&alice, "Living Room TV").await;
    assert_eq!(alice.find_session(&tv).await.unwrap().id.as_deref(), Some(tv.as_str()));
    assert_eq!(alice.find_session("living room tv").await.unwrap().id.as_deref(), Some(tv.as_str()));
    let err = alice.find_session("Garage").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(err.message().contains("Living Room TV"), "{err}");
    for device_id in ["twin-1", "twin-2"] {
        emulator.add_device_session(sessionlink_emulator::DeviceSession {
            client: "Kodi".into(),
            device_name: "Bedroom".into(),
            device_id: device_id.into(),
            app_version: "1.0".into(),
            user_id: None,
            supports_media_control: true,
            now_playing_item_id: None,
        });
    }
    let err = alice.find_session("Bedroom").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
    assert_eq!(err.message().matches("Kodi").count(), 2, "{err}");
    let before = emulator.requests().len();
    assert_eq!(alice.find_session("  ").await.unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(emulator.requests().len(), before, "an empty name is refused before any I/O");
}

#[cfg(target_os = "linux")]
#[test]
fn the_default_device_is_named_after_this_machine() {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("the host name").trim().to_owned();
    assert!(!host.is_empty(), "this machine has a host name");
    let (name, id) = sessionlink::jellyfin::default_device();
    assert_eq!(name, host);
    assert_eq!(id, format!("sessionlink-{host}"));
}
