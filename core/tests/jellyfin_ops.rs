//! Every Jellyfin operation against the emulator, over real HTTP: the success path, what the
//! target session received, the exact wire form seen by the server, and each documented error.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::json;
use sessionlink::jellyfin::models::{
    BaseItemKind, ClientCapabilitiesDto, GeneralCommand, GeneralCommandType, MediaType, MessageCommand, PlayCommand,
    PlaystateCommand,
};
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient, JellyfinConfig, PlayOptions};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

const UNKNOWN_SESSION: &str = "ffffffffffffffffffffffffffffffff";
const UNKNOWN_GUID: &str = "0123456789abcdef0123456789abcdef";

async fn alice_and_tv() -> (Emulator, JellyfinClient, String) {
    let emulator = Emulator::start().await.unwrap();
    let alice = logged_in(&emulator, ALICE).await;
    let tv = session_id(&alice, "Living Room TV").await;
    (emulator, alice, tv)
}

// --- AuthenticateByName ------------------------------------------------------------------

#[tokio::test]
async fn authenticate_by_name_keeps_token_and_user_id() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    assert!(!client.has_token());
    let result = client.authenticate_by_name("alice", "wonderland").await.unwrap();
    assert!(client.has_token());
    let user = result.user.as_ref().unwrap();
    assert_eq!(user.name.as_deref(), Some("alice"));
    assert_eq!(client.user_id().as_deref(), Some(user.id.as_str()));
    assert!(user.policy.as_ref().unwrap().is_administrator);
    // The request body and header are exactly what the server expects.
    let ex = last_exchange(&emulator, "/Users/AuthenticateByName");
    assert_eq!(ex.method, "POST");
    let body: serde_json::Value = serde_json::from_slice(&ex.body).unwrap();
    assert_eq!(body, json!({"Username": "alice", "Pw": "wonderland"}));
    assert_eq!(header(&ex, "content-type"), Some("application/json"));
    let auth = header(&ex, "authorization").unwrap();
    assert_eq!(
        auth,
        "MediaBrowser Client=\"sessionlink\", Device=\"Test%20Runner\", DeviceId=\"dev-1\", Version=\"0.1.0\""
    );
    // Later calls carry the token.
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions");
    assert!(header(&ex, "authorization")
        .unwrap()
        .ends_with(&format!(", Token=\"{}\"", result.access_token.unwrap().expose())));
}

#[tokio::test]
async fn authenticate_by_name_wrong_password_is_unauthorized() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    let err = assert_kind(client.authenticate_by_name("alice", "nope").await, ErrorKind::Unauthorized, Some(401));
    assert!(!err.to_string().contains("nope"), "the password leaked into {err}");
    assert!(!client.has_token());
}

#[tokio::test]
async fn authenticate_by_name_passwordless_user_and_empty_username() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    client.authenticate_by_name("carol", "").await.unwrap();
    assert_kind(client.authenticate_by_name("", "x").await, ErrorKind::InvalidArgument, None);
}

/// A login answer without a usable token is an error, and the client keeps no credential
/// from it: an empty token would be sent as `Token=""` and read as anonymous.
#[tokio::test]
async fn a_login_answer_without_a_token_is_an_error_and_stores_nothing() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "dev-1");
    let user = r#""User":{"Id":"0123456789abcdef0123456789abcdef","Name":"alice"}"#;
    for answer in
        [format!(r#"{{"AccessToken":"",{user}}}"#), format!(r#"{{"AccessToken":null,{user}}}"#), format!("{{{user}}}")]
    {
        emulator.inject_status(200, Some("application/json"), &answer);
        let err = assert_kind(client.authenticate_by_name("alice", "wonderland").await, ErrorKind::Decode, None);
        assert_eq!(err.message(), "POST /Users/AuthenticateByName: the response has no AccessToken", "{answer}");
        assert!(!client.has_token() && client.user_id().is_none(), "{answer}");
    }
    client.authenticate_by_name("alice", "wonderland").await.unwrap();
    assert!(client.has_token());
}

#[tokio::test]
async fn a_new_login_from_the_same_device_revokes_the_previous_token() {
    let emulator = Emulator::start().await.unwrap();
    let first = jellyfin(&emulator, "shared-device");
    let token = first.authenticate_by_name("bob", "builder").await.unwrap().access_token.unwrap();
    let second = jellyfin(&emulator, "shared-device");
    second.authenticate_by_name("bob", "builder").await.unwrap();
    let stale =
        JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Test Runner", "shared-device").with_token(token))
            .unwrap();
    assert_kind(stale.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Unauthorized, Some(401));
    second.get_sessions(&GetSessionsQuery::default()).await.unwrap();
}

#[tokio::test]
async fn header_values_with_spaces_quotes_commas_and_non_ascii_survive() {
    let emulator = Emulator::start().await.unwrap();
    let device = "Ünïcode \"Living\", Room + 2";
    let config = JellyfinConfig::new(emulator.url(), device, "id with spaces,\"quotes\"")
        .with_client("My \"App\", v2", "1.0+beta");
    let client = JellyfinClient::new(config).unwrap();
    client.authenticate_by_name("alice", "wonderland").await.unwrap();
    let sessions = client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    // The server decoded every field back to the original text.
    let mine =
        sessions.iter().find(|s| s.device_id.as_deref() == Some("id with spaces,\"quotes\"")).expect("own session");
    assert_eq!(mine.device_name.as_deref(), Some(device));
    assert_eq!(mine.client.as_deref(), Some("My \"App\", v2"));
    assert_eq!(mine.application_version.as_deref(), Some("1.0+beta"));
}

// --- GetSessions ----------------------------------------------------------------------------

#[tokio::test]
async fn get_sessions_lists_and_filters() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let all = alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(all.len() >= 3, "own session plus the two seeded players, got {}", all.len());
    let tv = all.iter().find(|s| s.device_name.as_deref() == Some("Living Room TV")).unwrap();
    assert_eq!(tv.user_name.as_deref(), Some("bob"));
    assert_eq!(tv.now_playing_item.as_ref().unwrap().item_type, BaseItemKind::Episode);
    assert_eq!(tv.id.as_ref().unwrap().len(), 32);

    let q = GetSessionsQuery {
        device_id: Some("LIVING-room-tv".into()),
        active_within_seconds: Some(600),
        controllable_by_user_id: Some(alice.user_id().unwrap()),
    };
    let only_tv = alice.get_sessions(&q).await.unwrap();
    assert_eq!(only_tv.len(), 1);
    assert_eq!(only_tv[0].device_name.as_deref(), Some("Living Room TV"));
    let ex = last_exchange(&emulator, "/Sessions");
    assert_eq!(
        ex.raw_query.as_deref(),
        Some(
            format!(
                "controllableByUserId={}&deviceId=LIVING-room-tv&activeWithinSeconds=600",
                alice.user_id().unwrap()
            )
            .as_str()
        )
    );
}

#[tokio::test]
async fn get_sessions_without_filters_sends_no_query() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    alice.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert_eq!(last_exchange(&emulator, "/Sessions").raw_query, None);
}

#[tokio::test]
async fn get_sessions_errors() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let bob = logged_in(&emulator, BOB).await;
    // A non-admin may not ask for sessions another user controls.
    let q = GetSessionsQuery { controllable_by_user_id: alice.user_id(), ..Default::default() };
    assert_kind(bob.get_sessions(&q).await, ErrorKind::Forbidden, Some(403));
    // Non-admins see only their own sessions.
    let own = bob.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(own.iter().all(|s| s.user_name.as_deref() == Some("bob") || s.user_id.chars().all(|c| c == '0')));
    // No token at all.
    let anonymous = jellyfin(&emulator, "anon");
    assert_kind(anonymous.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Unauthorized, Some(401));
    // Not a GUID: refused before any I/O.
    let before = emulator.requests().len();
    let q = GetSessionsQuery { controllable_by_user_id: Some("alice".into()), ..Default::default() };
    assert_kind(alice.get_sessions(&q).await, ErrorKind::InvalidArgument, None);
    // 36 characters with four dashes, but not where a GUID has them.
    let id = alice.user_id().unwrap();
    let dashed = format!("{}-{}-{}-{}-{}", &id[0..8], &id[8..12], &id[12..16], &id[16..20], &id[20..32]);
    let mut misplaced = dashed.clone().into_bytes();
    misplaced.swap(8, 9);
    let q =
        GetSessionsQuery { controllable_by_user_id: Some(String::from_utf8(misplaced).unwrap()), ..Default::default() };
    assert_kind(alice.get_sessions(&q).await, ErrorKind::InvalidArgument, None);
    assert_eq!(emulator.requests().len(), before);
    // A dashed GUID is a GUID, as the server takes it.
    let q = GetSessionsQuery { controllable_by_user_id: Some(dashed.clone()), ..Default::default() };
    assert!(!alice.get_sessions(&q).await.unwrap().is_empty());
    let sent = format!("controllableByUserId={dashed}");
    assert_eq!(last_exchange(&emulator, "/Sessions").raw_query.as_deref(), Some(sent.as_str()));
}

#[tokio::test]
async fn an_api_key_works_as_admin() {
    let emulator = Emulator::start().await.unwrap();
    let client =
        JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Server Box", "box-1").with_token(API_KEY)).unwrap();
    let sessions = client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(sessions.iter().any(|s| s.device_name.as_deref() == Some("Living Room TV")));
    assert!(!client.get_auth_providers().await.unwrap().is_empty());
}

#[tokio::test]
async fn base_url_with_trailing_slash_and_path_prefix() {
    let emulator = Emulator::start().await.unwrap();
    for base in [
        format!("{}/", emulator.url()),
        format!("{}/jellyfin", emulator.url()),
        format!("{}/jellyfin///", emulator.url()),
    ] {
        let client = JellyfinClient::new(JellyfinConfig::new(base.clone(), "d", "prefix-dev")).unwrap();
        client.authenticate_by_name("alice", "wonderland").await.unwrap_or_else(|e| panic!("{base}: {e}"));
        client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    }
    assert!(emulator.requests().iter().any(|e| e.raw_path == "/jellyfin/Sessions"));
    assert!(emulator.requests().iter().all(|e| !e.raw_path.contains("//")));
}

// --- SendPlaystateCommand --------------------------------------------------------------------

#[tokio::test]
async fn send_playstate_command_pause_and_seek() {
    let (emulator, alice, tv) = alice_and_tv().await;
    alice.send_playstate_command(&tv, PlaystateCommand::Pause, None, None).await.unwrap();
    alice.send_playstate_command(&tv, PlaystateCommand::Seek, Some(600_000_000), Some(UNKNOWN_GUID)).await.unwrap();
    let received = emulator.commands(&tv);
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].message_type, "Playstate");
    assert_eq!(received[0].data["Command"], "Pause");
    assert_eq!(received[1].data["Command"], "Seek");
    assert_eq!(received[1].data["SeekPositionTicks"], 600_000_000);
    // The server overwrites the controlling user with the caller.
    assert_eq!(received[1].data["ControllingUserId"], json!(alice.user_id().unwrap()));
    let ex = last_exchange(&emulator, "/Playing/Seek");
    assert_eq!(ex.method, "POST");
    assert_eq!(ex.raw_path, format!("/Sessions/{tv}/Playing/Seek"));
    assert_eq!(
        ex.raw_query.as_deref(),
        Some(format!("seekPositionTicks=600000000&controllingUserId={UNKNOWN_GUID}").as_str())
    );
    assert!(ex.body.is_empty());
}

#[tokio::test]
async fn send_playstate_command_errors() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let err = assert_kind(
        alice.send_playstate_command(UNKNOWN_SESSION, PlaystateCommand::Stop, None, None).await,
        ErrorKind::NotFound,
        Some(404),
    );
    assert!(err.message().contains("POST /Sessions/{sessionId}/Playing/{command}"), "{err}");
    // A newer command this client does not know still goes out verbatim; the server refuses it.
    let tv = session_id(&alice, "Living Room TV").await;
    assert_kind(
        alice.send_playstate_command(&tv, PlaystateCommand::Other("Rewind2x".into()), None, None).await,
        ErrorKind::BadRequest,
        Some(400),
    );
    assert!(emulator.commands(&tv).is_empty());
}

#[tokio::test]
async fn session_ids_cannot_escape_their_path_segment() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    for (id, encoded) in [("../x", "..%2Fx"), ("a b", "a%20b"), ("a/b?c#d", "a%2Fb%3Fc%23d"), ("ü+%", "%C3%BC%2B%25")]
    {
        assert_kind(
            alice.send_playstate_command(id, PlaystateCommand::Pause, None, None).await,
            ErrorKind::NotFound,
            Some(404),
        );
        let ex = emulator.requests().pop().unwrap();
        assert_eq!(ex.raw_path, format!("/Sessions/{encoded}/Playing/Pause"));
    }
    for id in ["", ".", ".."] {
        assert_kind(
            alice.send_playstate_command(id, PlaystateCommand::Pause, None, None).await,
            ErrorKind::InvalidArgument,
            None,
        );
    }
}

// --- Play -----------------------------------------------------------------------------------

#[tokio::test]
async fn play_sends_items_and_options() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let fx = serde_json::to_value(emulator.fixtures()).unwrap();
    let movie = fx["jellyfin"]["movie_id"].as_str().expect("movie fixture").to_owned();
    let options = PlayOptions {
        start_position_ticks: Some(50_000_000),
        media_source_id: Some(movie.clone()),
        audio_stream_index: Some(1),
        subtitle_stream_index: Some(2),
        start_index: Some(0),
    };
    alice.play(&tv, PlayCommand::PlayNow, std::slice::from_ref(&movie), &options).await.unwrap();
    let ex = last_exchange(&emulator, "/Playing");
    assert_eq!(
        ex.raw_query.as_deref(),
        Some(
            format!(
                "playCommand=PlayNow&itemIds={movie}&startPositionTicks=50000000&mediaSourceId={movie}&audioStreamIndex=1&subtitleStreamIndex=2&startIndex=0"
            )
            .as_str()
        )
    );
    let received = emulator.commands(&tv);
    assert_eq!(received.last().unwrap().message_type, "Play");
    assert_eq!(received.last().unwrap().data["ItemIds"], json!([movie]));
    assert_eq!(received.last().unwrap().data["PlayCommand"], "PlayNow");
}

#[tokio::test]
async fn play_errors() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let before = emulator.requests().len();
    assert_kind(
        alice.play(&tv, PlayCommand::PlayNow, &[], &PlayOptions::default()).await,
        ErrorKind::InvalidArgument,
        None,
    );
    let err = assert_kind(
        alice.play(&tv, PlayCommand::PlayNow, &["not-a-guid".into()], &PlayOptions::default()).await,
        ErrorKind::InvalidArgument,
        None,
    );
    assert!(err.message().contains("GUID"), "{err}");
    assert_eq!(emulator.requests().len(), before, "bad input must fail before any I/O");
    assert_kind(
        alice.play(UNKNOWN_SESSION, PlayCommand::PlayNext, &[UNKNOWN_GUID.into()], &PlayOptions::default()).await,
        ErrorKind::NotFound,
        Some(404),
    );
}

// --- General, full general, system, message, display content -----------------------------

#[tokio::test]
async fn send_general_command_and_system_command_arrive_as_general_commands() {
    let (emulator, alice, tv) = alice_and_tv().await;
    alice.send_general_command(&tv, GeneralCommandType::Mute).await.unwrap();
    assert_eq!(last_exchange(&emulator, "/Command/Mute").raw_path, format!("/Sessions/{tv}/Command/Mute"));
    alice.send_system_command(&tv, GeneralCommandType::GoHome).await.unwrap();
    assert_eq!(last_exchange(&emulator, "/System/GoHome").raw_path, format!("/Sessions/{tv}/System/GoHome"));
    let received = emulator.commands(&tv);
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|c| c.message_type == "GeneralCommand"));
    assert_eq!(received[0].data["Name"], "Mute");
    assert_eq!(received[1].data["Name"], "GoHome");
}

#[tokio::test]
async fn send_general_and_system_command_errors() {
    let (_emulator, alice, _tv) = alice_and_tv().await;
    assert_kind(
        alice.send_general_command(UNKNOWN_SESSION, GeneralCommandType::Mute).await,
        ErrorKind::NotFound,
        Some(404),
    );
    assert_kind(
        alice.send_system_command(UNKNOWN_SESSION, GeneralCommandType::GoHome).await,
        ErrorKind::NotFound,
        Some(404),
    );
    assert_eq!(
        GeneralCommandType::parse("mute").unwrap_err().kind(),
        ErrorKind::InvalidArgument,
        "wire spellings are exact"
    );
}

#[tokio::test]
async fn send_full_general_command_with_arguments() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let command = GeneralCommand {
        name: GeneralCommandType::SetVolume,
        arguments: BTreeMap::from([("Volume".to_owned(), Some("35".to_owned()))]),
        ..Default::default()
    };
    alice.send_full_general_command(&tv, &command).await.unwrap();
    let ex = last_exchange(&emulator, "/Command");
    let body: serde_json::Value = serde_json::from_slice(&ex.body).unwrap();
    assert_eq!(
        body,
        json!({"Name": "SetVolume", "ControllingUserId": "00000000000000000000000000000000", "Arguments": {"Volume": "35"}})
    );
    let received = emulator.commands(&tv);
    assert_eq!(received[0].data["Name"], "SetVolume");
    assert_eq!(received[0].data["Arguments"], json!({"Volume": "35"}));
    assert_eq!(received[0].data["ControllingUserId"], json!(alice.user_id().unwrap()));
    assert_kind(alice.send_full_general_command(UNKNOWN_SESSION, &command).await, ErrorKind::NotFound, Some(404));
}

#[tokio::test]
async fn send_message_command_arrives_as_display_message() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let msg = MessageCommand {
        header: Some("Kitchen".into()),
        text: "Dinner is ready".into(),
        timeout_ms: Some(5000),
        ..Default::default()
    };
    alice.send_message_command(&tv, &msg).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&last_exchange(&emulator, "/Message").body).unwrap();
    assert_eq!(body, json!({"Header": "Kitchen", "Text": "Dinner is ready", "TimeoutMs": 5000}));
    let received = emulator.commands(&tv);
    assert_eq!(received[0].message_type, "GeneralCommand");
    assert_eq!(received[0].data["Name"], "DisplayMessage");
    assert_eq!(
        received[0].data["Arguments"],
        json!({"Header": "Kitchen", "Text": "Dinner is ready", "TimeoutMs": "5000"})
    );
}

#[tokio::test]
async fn send_message_command_errors() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let before = emulator.requests().len();
    let empty = MessageCommand { text: String::new(), ..Default::default() };
    assert_kind(alice.send_message_command(&tv, &empty).await, ErrorKind::InvalidArgument, None);
    let negative = MessageCommand { text: "hi".into(), timeout_ms: Some(-1), ..Default::default() };
    assert_kind(alice.send_message_command(&tv, &negative).await, ErrorKind::InvalidArgument, None);
    assert_eq!(emulator.requests().len(), before);
    // Zero is a timeout like any other (the bound is "not negative").
    let zero = MessageCommand { text: "hi".into(), timeout_ms: Some(0), ..Default::default() };
    alice.send_message_command(&tv, &zero).await.unwrap();
    let msg = MessageCommand { text: "hi".into(), ..Default::default() };
    assert_kind(alice.send_message_command(UNKNOWN_SESSION, &msg).await, ErrorKind::NotFound, Some(404));
}

#[tokio::test]
async fn display_content_arrives_with_string_arguments() {
    let (emulator, alice, tv) = alice_and_tv().await;
    alice.display_content(&tv, BaseItemKind::Movie, "item-1", "Blade Runner 2049").await.unwrap();
    let ex = last_exchange(&emulator, "/Viewing");
    assert_eq!(ex.raw_path, format!("/Sessions/{tv}/Viewing"));
    assert_eq!(ex.raw_query.as_deref(), Some("itemType=Movie&itemId=item-1&itemName=Blade%20Runner%202049"));
    let received = emulator.commands(&tv);
    assert_eq!(received[0].data["Name"], "DisplayContent");
    assert_eq!(
        received[0].data["Arguments"],
        json!({"ItemId": "item-1", "ItemName": "Blade Runner 2049", "ItemType": "Movie"})
    );
}

#[tokio::test]
async fn display_content_errors() {
    let (_emulator, alice, tv) = alice_and_tv().await;
    assert_kind(alice.display_content(&tv, BaseItemKind::Movie, "", "x").await, ErrorKind::InvalidArgument, None);
    assert_kind(alice.display_content(&tv, BaseItemKind::Movie, "x", "").await, ErrorKind::InvalidArgument, None);
    assert_kind(
        alice.display_content(UNKNOWN_SESSION, BaseItemKind::Movie, "x", "y").await,
        ErrorKind::NotFound,
        Some(404),
    );
    let err = assert_kind(
        alice.display_content(&tv, BaseItemKind::Other("Hologram".into()), "x", "y").await,
        ErrorKind::BadRequest,
        Some(400),
    );
    assert!(err.problem().is_some(), "a 400 ProblemDetails is kept: {err:?}");
}

// --- Capabilities and viewing --------------------------------------------------------------

#[tokio::test]
async fn post_capabilities_replaces_rather_than_merges() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let full = ClientCapabilitiesDto {
        playable_media_types: vec![MediaType::Audio],
        supported_commands: vec![GeneralCommandType::Mute, GeneralCommandType::Unmute],
        supports_media_control: true,
        device_profile: Some(json!({"Name": "profile"})),
        ..Default::default()
    };
    alice.post_full_capabilities(None, &full).await.unwrap();
    let own = session_id(&alice, "Test Runner").await;
    let session = emulator.session_json(&own).unwrap();
    assert_eq!(session["Capabilities"]["SupportedCommands"], json!(["Mute", "Unmute"]));
    assert_eq!(session["SupportsMediaControl"], true);

    let q = CapabilitiesQuery {
        id: Some(own.clone()),
        playable_media_types: Some(vec![MediaType::Audio, MediaType::Video]),
        supported_commands: Some(vec![GeneralCommandType::DisplayMessage, GeneralCommandType::SetVolume]),
        supports_media_control: None,
        supports_persistent_identifier: Some(false),
    };
    alice.post_capabilities(&q).await.unwrap();
    let ex = last_exchange(&emulator, "/Sessions/Capabilities");
    assert_eq!(
        ex.raw_query.as_deref(),
        Some(format!("id={own}&playableMediaTypes=Audio,Video&supportedCommands=DisplayMessage,SetVolume&supportsPersistentIdentifier=false").as_str())
    );
    let session = emulator.session_json(&own).unwrap();
    assert_eq!(session["Capabilities"]["SupportedCommands"], json!(["DisplayMessage", "SetVolume"]));
    assert_eq!(session["Capabilities"]["PlayableMediaTypes"], json!(["Audio", "Video"]));
    // supportsMediaControl defaults to false and the device profile is wiped: replaced, not merged.
    assert_eq!(session["SupportsMediaControl"], false);
    assert!(session["Capabilities"].get("DeviceProfile").is_none());
}

#[tokio::test]
async fn post_full_capabilities_sends_the_full_body() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let caps = ClientCapabilitiesDto {
        supports_persistent_identifier: true,
        icon_url: Some("https://x/icon.png".into()),
        ..Default::default()
    };
    alice.post_full_capabilities(None, &caps).await.unwrap();
    let ex = last_exchange(&emulator, "/Capabilities/Full");
    assert_eq!(ex.raw_query, None);
    let body: serde_json::Value = serde_json::from_slice(&ex.body).unwrap();
    assert_eq!(
        body,
        json!({"PlayableMediaTypes": [], "SupportedCommands": [], "SupportsMediaControl": false, "SupportsPersistentIdentifier": true, "IconUrl": "https://x/icon.png"})
    );
}

#[tokio::test]
async fn capabilities_errors() {
    let (_emulator, alice, _tv) = alice_and_tv().await;
    let q = CapabilitiesQuery { id: Some(UNKNOWN_SESSION.into()), ..Default::default() };
    assert_kind(alice.post_capabilities(&q).await, ErrorKind::NotFound, Some(404));
    assert_kind(
        alice.post_full_capabilities(Some(UNKNOWN_SESSION), &ClientCapabilitiesDto::default()).await,
        ErrorKind::NotFound,
        Some(404),
    );
}

#[tokio::test]
async fn report_viewing_sets_now_viewing_item() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let fx = serde_json::to_value(emulator.fixtures()).unwrap();
    let movie = fx["jellyfin"]["movie_id"].as_str().unwrap().to_owned();
    alice.report_viewing(None, &movie).await.unwrap();
    let own = session_id(&alice, "Test Runner").await;
    assert_eq!(emulator.session_json(&own).unwrap()["NowViewingItem"]["Id"], json!(movie));
    alice.report_viewing(Some(&own), &movie).await.unwrap();
    assert_eq!(
        last_exchange(&emulator, "/Sessions/Viewing").raw_query.as_deref(),
        Some(format!("sessionId={own}&itemId={movie}").as_str())
    );
}

#[tokio::test]
async fn report_viewing_errors() {
    let (_emulator, alice, _tv) = alice_and_tv().await;
    assert_kind(alice.report_viewing(None, "not-a-guid").await, ErrorKind::InvalidArgument, None);
    assert_kind(alice.report_viewing(None, UNKNOWN_GUID).await, ErrorKind::BadRequest, Some(400));
    assert_kind(alice.report_viewing(Some(UNKNOWN_SESSION), UNKNOWN_GUID).await, ErrorKind::NotFound, Some(404));
}

// --- Additional users ------------------------------------------------------------------------

#[tokio::test]
async fn add_and_remove_user_to_session() {
    let (emulator, alice, tv) = alice_and_tv().await;
    let bob = logged_in(&emulator, BOB).await;
    let kitchen = session_id(&alice, "Kitchen Speaker").await;
    let bob_id = bob.user_id().unwrap();
    alice.add_user_to_session(&kitchen, &bob_id).await.unwrap();
    alice.add_user_to_session(&kitchen, &bob_id).await.unwrap(); // idempotent
    let users = emulator.session_json(&kitchen).unwrap()["AdditionalUsers"].clone();
    assert_eq!(users, json!([{"UserId": bob_id, "UserName": "bob"}]));
    assert_eq!(last_exchange(&emulator, &bob_id).raw_path, format!("/Sessions/{kitchen}/User/{bob_id}"));
    alice.remove_user_from_session(&kitchen, &bob_id).await.unwrap();
    assert_eq!(last_exchange(&emulator, &bob_id).method, "DELETE");
    let users = emulator.session_json(&kitchen).unwrap()["AdditionalUsers"].clone();
    assert!(users.is_null() || users == json!([]), "{users}");
    let _ = tv;
}

#[tokio::test]
async fn add_and_remove_user_errors() {
    let (_emulator, alice, tv) = alice_and_tv().await;
    let kitchen = session_id(&alice, "Kitchen Speaker").await;
    let alice_id = alice.user_id().unwrap();
    // The primary user cannot be added or removed as an additional user.
    assert_kind(alice.add_user_to_session(&kitchen, &alice_id).await, ErrorKind::BadRequest, Some(400));
    assert_kind(alice.remove_user_from_session(&kitchen, &alice_id).await, ErrorKind::BadRequest, Some(400));
    // An unknown user makes the real server fail with a 500.
    assert_kind(alice.add_user_to_session(&tv, UNKNOWN_GUID).await, ErrorKind::Server, Some(500));
    assert_kind(alice.add_user_to_session(UNKNOWN_SESSION, &alice_id).await, ErrorKind::NotFound, Some(404));
    assert_kind(alice.remove_user_from_session(UNKNOWN_SESSION, &alice_id).await, ErrorKind::NotFound, Some(404));
    assert_kind(alice.add_user_to_session(&tv, "bob").await, ErrorKind::InvalidArgument, None);
}

// --- Logout and auth providers ------------------------------------------------------------

#[tokio::test]
async fn report_session_ended_revokes_the_token() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "logout-dev");
    let token = client.authenticate_by_name("bob", "builder").await.unwrap().access_token.unwrap();
    client.report_session_ended().await.unwrap();
    assert!(!client.has_token());
    let same_token =
        JellyfinClient::new(JellyfinConfig::new(emulator.url(), "x", "logout-dev").with_token(token)).unwrap();
    assert_kind(same_token.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Unauthorized, Some(401));
    assert_kind(client.report_session_ended().await, ErrorKind::Unauthorized, Some(401));
}

#[tokio::test]
async fn auth_providers_for_admins_only() {
    let (emulator, alice, _tv) = alice_and_tv().await;
    let providers = alice.get_auth_providers().await.unwrap();
    assert!(!providers.is_empty());
    assert_eq!(providers[0].id.as_deref(), Some("Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"));
    let reset = alice.get_password_reset_providers().await.unwrap();
    assert!(reset.iter().all(|p| p.name.is_some() && p.id.is_some()));
    let bob = logged_in(&emulator, BOB).await;
    assert_kind(bob.get_auth_providers().await, ErrorKind::Forbidden, Some(403));
    assert_kind(bob.get_password_reset_providers().await, ErrorKind::Forbidden, Some(403));
    let anonymous = jellyfin(&emulator, "anon");
    assert_kind(anonymous.get_auth_providers().await, ErrorKind::Unauthorized, Some(401));
    assert_kind(anonymous.get_password_reset_providers().await, ErrorKind::Unauthorized, Some(401));
}
