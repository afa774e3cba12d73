//! Decode → encode round trips on captured-style payloads: nothing may be lost, unknown
//! fields and enum values included, and absent fields, explicit nulls, both GUID forms and
//! 7-digit dates must all be accepted.

use serde_json::{json, Value};
use sessionlink::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};
use sessionlink::jellyfin::models::{
    AuthenticationResult, BaseItemKind, GeneralCommand, GeneralCommandType, MediaType, NameIdPair, PlayCommand,
    PlaystateCommand, SessionInfoDto,
};

fn roundtrip<T: serde::de::DeserializeOwned + serde::Serialize>(input: &Value) -> (T, Value) {
    let decoded: T = serde_json::from_value(input.clone()).expect("decodes");
    let again = serde_json::to_value(&decoded).expect("encodes");
    (decoded, again)
}

#[test]
fn captured_session_list_roundtrips_exactly() {
    let raw = include_str!("data/sessions-8.json");
    let input: Value = serde_json::from_str(raw).unwrap();
    let (sessions, again): (Vec<SessionInfoDto>, Value) = roundtrip(&input);
    assert_eq!(sessions.len(), 8);
    assert_eq!(again, input, "re-encoding lost or changed something");
    let first = &sessions[0];
    assert_eq!(first.user_name.as_deref(), Some("alice"));
    assert_eq!(first.id.as_deref(), Some("2fad5b7464f7758e83e4d801b2af1879"));
    assert_eq!(first.play_state.as_ref().unwrap().position_ticks, Some(41_234_560_000));
    let item = first.now_playing_item.as_ref().expect("now playing");
    assert_eq!(item.name.as_deref(), Some("The Long Night"));
    // Fields the model does not name are kept, not dropped.
    assert!(item.extra.contains_key("ExternalUrls"));
    assert!(first.last_activity_date.unix().is_some());
    let playing = sessions.iter().filter(|s| s.now_playing_item.is_some()).count();
    assert_eq!(playing, 4);
}

#[test]
fn unknown_fields_and_enum_values_are_kept() {
    let input = json!({
        "Id": "abc",
        "UserId": "53c1d0b4-5026-c22d-7608-66291743e0b6",
        "LastActivityDate": "0001-01-01T00:00:00.0000000Z",
        "LastPlaybackCheckIn": "2025-11-23T14:51:01.4182736Z",
        "PlayableMediaTypes": ["Video", "Hologram"],
        "SupportedCommands": ["Mute", "BeamMeUp"],
        "IsActive": true, "SupportsMediaControl": false, "SupportsRemoteControl": true,
        "HasCustomDeviceName": false,
        "NewServerField": {"nested": [1, 2, 3]},
        "NowPlayingItem": {"Id": "e906859036f847e68e58a577da9312a2", "Type": "Hologram", "MediaType": "Video", "Shiny": true},
        "PlayState": {"CanSeek": true, "IsPaused": true, "IsMuted": false, "RepeatMode": "RepeatEverything", "PlaybackOrder": "Default"}
    });
    let (s, again): (SessionInfoDto, Value) = roundtrip(&input);
    assert_eq!(again, input);
    assert_eq!(s.playable_media_types, vec![MediaType::Video, MediaType::Other("Hologram".into())]);
    assert_eq!(s.supported_commands[1], GeneralCommandType::Other("BeamMeUp".into()));
    assert_eq!(s.now_playing_item.as_ref().unwrap().item_type, BaseItemKind::Other("Hologram".into()));
    assert_eq!(s.user_id, "53c1d0b4-5026-c22d-7608-66291743e0b6");
    assert_eq!(s.last_activity_date.unix(), Some((-62_135_596_800, 0)));
    assert!(s.extra.contains_key("NewServerField"));
}

#[test]
fn absent_fields_and_explicit_nulls_roundtrip() {
    for input in [
        json!({}),
        json!({"Id": null, "UserName": null, "PlayState": null, "IsActive": null, "SupportedCommands": null}),
        json!({"Capabilities": {"PlayableMediaTypes": [], "SupportedCommands": [], "DeviceProfile": null}}),
    ] {
        let (s, again): (SessionInfoDto, Value) = roundtrip(&input);
        assert_eq!(again, input);
        assert_eq!(s.id, None);
        assert!(!s.is_active);
    }
}

#[test]
fn a_field_set_after_decoding_replaces_the_remembered_null() {
    let mut s: SessionInfoDto = serde_json::from_value(json!({"UserName": null, "IsActive": null})).unwrap();
    s.user_name = Some("bob".into());
    s.is_active = true;
    assert_eq!(serde_json::to_value(&s).unwrap(), json!({"UserName": "bob", "IsActive": true}));
}

#[test]
fn decode_errors_name_the_field() {
    let bad = json!([{"PlayState": {"PositionTicks": "soon"}}]);
    let err = serde_json::from_value::<Vec<SessionInfoDto>>(bad).unwrap_err().to_string();
    assert!(err.contains("PlayState: PositionTicks:"), "{err}");
}

#[test]
fn commands_and_pairs_roundtrip() {
    let cmd = json!({"Name": "SetVolume", "ControllingUserId": "00000000000000000000000000000000", "Arguments": {"Volume": "50", "Nothing": null}});
    let (c, again): (GeneralCommand, Value) = roundtrip(&cmd);
    assert_eq!(again, cmd);
    assert_eq!(c.name, GeneralCommandType::SetVolume);
    let pairs =
        json!([{"Name": "Default", "Id": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"}, {}]);
    let (_p, again): (Vec<NameIdPair>, Value) = roundtrip(&pairs);
    assert_eq!(again, pairs);
}

#[test]
fn enum_tables_match_the_contract() {
    assert_eq!(GeneralCommandType::ALL.len(), 43);
    assert_eq!(PlaystateCommand::ALL.len(), 9);
    assert_eq!(PlayCommand::ALL.len(), 5);
    assert_eq!(BaseItemKind::ALL.len(), 37);
    assert_eq!(MediaType::ALL.len(), 5);
    let err = PlaystateCommand::parse("pause").unwrap_err();
    assert_eq!(err.kind(), sessionlink::ErrorKind::InvalidArgument);
    assert!(err.message().contains("Stop, Pause, Unpause"), "{}", err.message());
    assert_eq!(PlaystateCommand::parse("Pause").unwrap(), PlaystateCommand::Pause);
}

#[test]
fn secrets_do_not_show_in_debug() {
    let auth: AuthenticationResult = serde_json::from_value(json!({
        "AccessToken": "feedfacefeedfacefeedfacefeedface", "ServerId": "s", "User": {"Id": "u", "Name": "alice"}
    }))
    .unwrap();
    let shown = format!("{auth:?}");
    assert!(!shown.contains("feedface"), "{shown}");
    assert!(shown.contains("alice"));
    let g4: AuthenticatedSessionResponse = serde_json::from_value(json!({
        "validCredentials": true, "accessAllowed": true, "sessionId": "sess-secret-1", "bearer": "bearer-secret-2", "version": "1"
    }))
    .unwrap();
    let shown = format!("{g4:?}");
    assert!(!shown.contains("secret"), "{shown}");
    let got: GetSessionResponse =
        serde_json::from_value(json!({"bearer": "tok-secret", "userId": 42, "data": {"a": 1}})).unwrap();
    assert!(!format!("{got:?}").contains("tok-secret"));
    // ...while re-encoding keeps them: they are data, not logging.
    assert_eq!(serde_json::to_value(&got).unwrap()["bearer"], "tok-secret");
}

#[test]
fn the_default_device_is_stable_and_usable() {
    let (name, id) = sessionlink::jellyfin::default_device();
    assert_eq!(sessionlink::jellyfin::default_device(), (name.clone(), id.clone()));
    assert!(id.starts_with("sessionlink-") && id.len() > "sessionlink-".len());
    let config = sessionlink::jellyfin::JellyfinConfig::new("http://127.0.0.1:1", name, id);
    sessionlink::jellyfin::JellyfinClient::new(config).expect("the default device passes validation");
}
