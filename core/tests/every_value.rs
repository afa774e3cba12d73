//! Every value of every enum the contract lets a request carry in its path or query, and every
//! optional parameter, sent through the public API: each must reach the player (or the
//! session list) as the user meant it. The conformance suite (tests/conformance) requires
//! that some suite sends each of them; this is where the Rust suite does.

mod common;

use common::*;
use serde_json::json;
use sessionlink::jellyfin::models::{
    BaseItemKind, ClientCapabilitiesDto, GeneralCommandType, MediaType, PlayCommand, PlaystateCommand, SessionInfoDto,
};
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient, PlayOptions};
use sessionlink_emulator::Emulator;

async fn alice_and_tv() -> (Emulator, JellyfinClient, String) {
    let emulator = Emulator::start().await.expect("the emulator starts");
    let alice = logged_in(&emulator, ALICE).await;
    let tv = session_id(&alice, "Living Room TV").await;
    (emulator, alice, tv)
}

/// Alice's own session as `GET /Sessions` shows it to her.
async fn own_session(client: &JellyfinClient) -> SessionInfoDto {
    client
        .get_sessions(&GetSessionsQuery::default())
        .await
        .expect("sessions")
        .into_iter()
        .find(|s| s.device_id.as_deref() == Some("device-of-alice"))
        .expect("alice's own session")
}

#[tokio::test]
async fn every_play_command_reaches_the_player() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let fx = serde_json::to_value(emulator.fixtures()).unwrap();
    let movie = fx["jellyfin"]["movie_id"].as_str().expect("movie fixture").to_owned();
    assert_eq!(PlayCommand::ALL.len(), 5);
    for command in PlayCommand::ALL {
        alice.play(&tv, command.clone(), std::slice::from_ref(&movie), &PlayOptions::default()).await.unwrap();
        let ex = emulator.requests().pop().unwrap();
        assert_eq!(ex.raw_query, Some(format!("playCommand={}&itemIds={movie}", command.as_str())));
        let received = emulator.commands(&tv).pop().expect("a Play message");
        assert_eq!(received.message_type, "Play");
        assert_eq!(received.data["ItemIds"], json!([movie]));
        // The server starts a shuffle or an instant mix itself: the player is told to play now.
        let expected = match command {
            PlayCommand::PlayShuffle | PlayCommand::PlayInstantMix => "PlayNow",
            other => other.as_str(),
        };
        assert_eq!(received.data["PlayCommand"], expected, "{}", command.as_str());
    }
}

#[tokio::test]
async fn every_playstate_command_reaches_the_player() {
    let (emulator, alice, tv) = alice_and_tv().await;
    assert_eq!(PlaystateCommand::ALL.len(), 9);
    for command in PlaystateCommand::ALL {
        alice.send_playstate_command(&tv, command.clone(), None, None).await.unwrap();
        assert_eq!(emulator.requests().pop().unwrap().raw_path, format!("/Sessions/{tv}/Playing/{}", command.as_str()));
        let received = emulator.commands(&tv).pop().expect("a Playstate message");
        assert_eq!(received.message_type, "Playstate");
        assert_eq!(received.data["Command"], command.as_str());
        assert_eq!(received.data["ControllingUserId"], json!(alice.user_id().unwrap()));
    }
    assert_eq!(emulator.commands(&tv).len(), PlaystateCommand::ALL.len());
}

#[tokio::test]
async fn every_general_command_type_reaches_the_player_by_both_routes() {
    let (emulator, alice, tv) = alice_and_tv().await;
    assert_eq!(GeneralCommandType::ALL.len(), 43);
    for command in GeneralCommandType::ALL {
        let name = command.as_str();
        alice.send_general_command(&tv, command.clone()).await.unwrap();
        assert_eq!(emulator.requests().pop().unwrap().raw_path, format!("/Sessions/{tv}/Command/{name}"));
        let general = emulator.commands(&tv).pop().expect("a GeneralCommand message");
        alice.send_system_command(&tv, command.clone()).await.unwrap();
        assert_eq!(emulator.requests().pop().unwrap().raw_path, format!("/Sessions/{tv}/System/{name}"));
        let system = emulator.commands(&tv).pop().expect("a GeneralCommand message");
        for received in [general, system] {
            assert_eq!(received.message_type, "GeneralCommand");
            assert_eq!(received.data["Name"], name);
            assert_eq!(received.data["ControllingUserId"], json!(alice.user_id().unwrap()));
        }
    }
    assert_eq!(emulator.commands(&tv).len(), 2 * GeneralCommandType::ALL.len());
}

#[tokio::test]
async fn display_content_takes_every_item_kind() {
    let (emulator, alice, tv) = alice_and_tv().await;
    assert_eq!(BaseItemKind::ALL.len(), 37);
    for kind in BaseItemKind::ALL {
        alice.display_content(&tv, kind.clone(), "item-1", "Blade Runner").await.unwrap();
        let received = emulator.commands(&tv).pop().expect("a DisplayContent message");
        assert_eq!(received.data["Name"], "DisplayContent");
        assert_eq!(
            received.data["Arguments"],
            json!({"ItemId": "item-1", "ItemName": "Blade Runner", "ItemType": kind.as_str()})
        );
    }
}

#[tokio::test]
async fn post_capabilities_with_every_parameter_shows_in_the_session_list() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let own = own_session(&alice).await;
    let query = CapabilitiesQuery {
        id: own.id.clone(),
        playable_media_types: Some(MediaType::ALL.to_vec()),
        supported_commands: Some(GeneralCommandType::ALL.to_vec()),
        supports_media_control: Some(true),
        supports_persistent_identifier: Some(false),
    };
    alice.post_capabilities(&query).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions/Capabilities");
    let query = ex.raw_query.expect("a query");
    assert!(query.contains("&supportsMediaControl=true&supportsPersistentIdentifier=false"), "{query}");

    let seen = own_session(&alice).await;
    assert!(seen.supports_media_control, "supportsMediaControl=true reaches the session");
    assert_eq!(seen.playable_media_types, MediaType::ALL.to_vec());
    assert_eq!(seen.supported_commands, GeneralCommandType::ALL.to_vec());
    let caps = seen.capabilities.expect("capabilities");
    assert!(caps.supports_media_control);
    assert!(!caps.supports_persistent_identifier);
    assert_eq!(caps.playable_media_types, MediaType::ALL.to_vec());

    // And false is sent as false, not left out.
    let off = CapabilitiesQuery { supports_media_control: Some(false), ..Default::default() };
    alice.post_capabilities(&off).await.unwrap();
    assert_eq!(
        last_exchange(&emulator, "/Sessions/Capabilities").raw_query.as_deref(),
        Some("supportsMediaControl=false")
    );
    assert!(!own_session(&alice).await.supports_media_control);
}

#[tokio::test]
async fn post_full_capabilities_with_every_field_shows_in_the_session_list() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let own = own_session(&alice).await;
    let profile = json!({"Name": "Kitchen profile", "MaxStreamingBitrate": 120_000_000});
    let caps = ClientCapabilitiesDto {
        playable_media_types: vec![MediaType::Audio, MediaType::Book],
        supported_commands: vec![GeneralCommandType::DisplayMessage],
        supports_media_control: true,
        supports_persistent_identifier: true,
        device_profile: Some(profile.clone()),
        app_store_url: Some("https://example.com/app".into()),
        icon_url: Some("https://example.com/icon.png".into()),
        ..Default::default()
    };
    alice.post_full_capabilities(own.id.as_deref(), &caps).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions/Capabilities/Full");
    assert_eq!(ex.raw_query, Some(format!("id={}", own.id.as_deref().unwrap())));

    let seen = own_session(&alice).await.capabilities.expect("capabilities");
    assert_eq!(seen.app_store_url.as_deref(), Some("https://example.com/app"));
    assert_eq!(seen.icon_url.as_deref(), Some("https://example.com/icon.png"));
    assert_eq!(seen.device_profile, Some(profile));
    assert_eq!(seen.playable_media_types, vec![MediaType::Audio, MediaType::Book]);
    assert_eq!(seen.supported_commands, vec![GeneralCommandType::DisplayMessage]);
    assert!(seen.supports_media_control && seen.supports_persistent_identifier);
}
