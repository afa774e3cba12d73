//! Drives every operation of both APIs through the Rust core against the embedded emulator,
//! with every optional parameter, every enum value the SDK names and the documented error
//! cases, then writes every raw exchange the emulator recorded as JSON, for
//! tests/conformance/validate.py to check against the contracts.
//!
//! Usage: cargo run -p sessionlink --example conformance_capture -- OUT.json
//!
//! Each exchange is labelled with the scenario that produced it and the outcome the SDK
//! reported, so a validator finding points straight at the call that caused it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::g4::{G4Auth, G4Client, G4Config};
use sessionlink::jellyfin::models::{
    BaseItemKind, ClientCapabilitiesDto, GeneralCommand, GeneralCommandType, MediaType, MessageCommand, PlayCommand,
    PlaystateCommand,
};
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient, JellyfinConfig, PlayOptions};
use sessionlink_emulator::{Emulator, Exchange};

const UNKNOWN_SESSION: &str = "ffffffffffffffffffffffffffffffff";
const UNKNOWN_GUID: &str = "0123456789abcdef0123456789abcdef";
const API_KEY: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";
const TENANT: &str = "acme";

/// Labels the exchanges recorded since the previous call with what the SDK made of them.
struct Recorder<'a> {
    emulator: &'a Emulator,
    seen: usize,
    labels: Vec<Value>,
    /// DeviceId → the Client, Device and Version its Authorization header must carry.
    identities: BTreeMap<String, Value>,
}

impl Recorder<'_> {
    /// A Jellyfin client whose identity the validator will expect, field by field.
    fn jellyfin(&mut self, config: JellyfinConfig) -> JellyfinClient {
        let identity =
            json!({"Client": config.client_name, "Device": config.device_name, "Version": config.client_version});
        self.identities.insert(config.device_id.clone(), identity);
        JellyfinClient::new(config).expect("valid config")
    }

    fn device(&mut self, base: &str, device_id: &str) -> JellyfinClient {
        self.jellyfin(JellyfinConfig::new(base, "Conformance Runner", device_id))
    }

    fn note<T>(&mut self, scenario: &str, result: &sessionlink::Result<T>) {
        self.note_as(scenario, None, result);
    }

    /// For a request the contract forbids on purpose (to see the server refuse it): the
    /// validator must reject the request, and still checks the response.
    fn note_outside<T>(&mut self, scenario: &str, reason: &str, result: &sessionlink::Result<T>) {
        self.note_as(scenario, Some(reason), result);
    }

    fn note_as<T>(&mut self, scenario: &str, outside_contract: Option<&str>, result: &sessionlink::Result<T>) {
        let outcome = match result {
            Ok(_) => "ok".to_owned(),
            Err(e) => format!("{}{}", e.kind().as_str(), e.status().map(|s| format!(" {s}")).unwrap_or_default()),
        };
        let now = self.emulator.request_count();
        for index in self.seen..now {
            let mut label = json!({"index": index, "scenario": scenario, "outcome": outcome});
            if let Some(reason) = outside_contract {
                label["outside_contract"] = json!(reason);
            }
            self.labels.push(label);
        }
        self.seen = now;
    }
}

fn g4(emulator: &Emulator, application: Option<&str>, auth: Option<G4Auth>) -> G4Client {
    let config =
        G4Config { application: application.map(str::to_owned), auth, ..G4Config::new(emulator.g4_url(), TENANT) };
    G4Client::new(config).expect("valid config")
}

fn fixture(fx: &Value, name: &str) -> String {
    fx["jellyfin"][name].as_str().unwrap_or_else(|| panic!("fixture {name} missing from {fx}")).to_owned()
}

async fn drive_jellyfin(emulator: &Emulator, rec: &mut Recorder<'_>) {
    let fx = serde_json::to_value(emulator.fixtures()).expect("fixtures serialise");
    let movie = fixture(&fx, "movie_id");
    let base = emulator.url();

    // Login: success, wrong password, a user without a password.
    let alice = rec.device(&base, "conformance-alice");
    let r = alice.authenticate_by_name("alice", "wonderland").await;
    rec.note("AuthenticateByName alice", &r);
    let r = rec.device(&base, "conformance-wrong").authenticate_by_name("alice", "not the password").await;
    rec.note("AuthenticateByName wrong password", &r);
    let r = rec.device(&base, "conformance-carol").authenticate_by_name("carol", "").await;
    rec.note("AuthenticateByName empty password", &r);
    let bob = rec.device(&base, "conformance-bob");
    let r = bob.authenticate_by_name("bob", "builder").await;
    rec.note("AuthenticateByName bob", &r);
    let alice_id = alice.user_id().expect("alice has a user id");
    let bob_id = bob.user_id().expect("bob has a user id");

    // GetSessions: no filter, every filter, the errors.
    let r = alice.get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions without filters", &r);
    let sessions = r.expect("sessions");
    let id_of = |device: &str| {
        sessions
            .iter()
            .find(|s| s.device_name.as_deref() == Some(device))
            .and_then(|s| s.id.clone())
            .unwrap_or_else(|| panic!("no session for {device}"))
    };
    let (tv, kitchen, own) = (id_of("Living Room TV"), id_of("Kitchen Speaker"), id_of("Conformance Runner"));
    let all_filters = GetSessionsQuery {
        controllable_by_user_id: Some(alice_id.clone()),
        device_id: Some("living-room-tv".into()),
        active_within_seconds: Some(600),
    };
    let r = alice.get_sessions(&all_filters).await;
    rec.note("GetSessions with every filter", &r);
    let dashed = format!(
        "{}-{}-{}-{}-{}",
        &alice_id[..8],
        &alice_id[8..12],
        &alice_id[12..16],
        &alice_id[16..20],
        &alice_id[20..]
    );
    let r = alice.get_sessions(&GetSessionsQuery { controllable_by_user_id: Some(dashed), ..Default::default() }).await;
    rec.note("GetSessions with a dashed GUID", &r);
    let r = bob
        .get_sessions(&GetSessionsQuery { controllable_by_user_id: Some(alice_id.clone()), ..Default::default() })
        .await;
    rec.note("GetSessions non-admin naming another user (403)", &r);
    let r = rec.device(&base, "conformance-anonymous").get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions without a token (401)", &r);
    let prefixed = rec.device(&format!("{base}/jellyfin"), "conformance-prefixed");
    let r = prefixed.authenticate_by_name("alice", "wonderland").await;
    rec.note("AuthenticateByName under the /jellyfin base path", &r);
    let r = prefixed.get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions under the /jellyfin base path", &r);
    let api_key = rec.jellyfin(JellyfinConfig::new(&base, "Server Box", "conformance-box").with_token(API_KEY));
    let r = api_key.get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions with an API key", &r);
    // Quotes, commas, plus signs and non-ASCII in every identity field.
    let odd = JellyfinConfig::new(&base, "Ünïcode \"Living\", Room + 2", "id with spaces,\"quotes\"")
        .with_client("My \"App\", v2", "1.0+beta");
    let odd = rec.jellyfin(odd);
    let r = odd.authenticate_by_name("alice", "wonderland").await;
    rec.note("AuthenticateByName with quotes, commas, + and non-ASCII in the identity", &r);
    let r = odd.get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions with quotes, commas, + and non-ASCII in the identity", &r);

    // Play: every PlayCommand, every option, several items, the errors.
    let options = PlayOptions {
        start_position_ticks: Some(50_000_000),
        media_source_id: Some(movie.clone()),
        audio_stream_index: Some(1),
        subtitle_stream_index: Some(2),
        start_index: Some(0),
    };
    for command in PlayCommand::ALL {
        let r = alice.play(&tv, command.clone(), std::slice::from_ref(&movie), &options).await;
        rec.note(&format!("Play {} with every option", command.as_str()), &r);
    }
    let two = [movie.clone(), fixture(&fx, "episode_id")];
    let r = alice.play(&tv, PlayCommand::PlayNow, &two, &PlayOptions::default()).await;
    rec.note("Play two items without options", &r);
    let r =
        alice.play(UNKNOWN_SESSION, PlayCommand::PlayNow, std::slice::from_ref(&movie), &PlayOptions::default()).await;
    rec.note("Play on an unknown session (404)", &r);

    // SendPlaystateCommand: every command, with and without the optional parameters.
    for command in PlaystateCommand::ALL {
        let r = alice.send_playstate_command(&tv, command.clone(), None, None).await;
        rec.note(&format!("SendPlaystateCommand {}", command.as_str()), &r);
    }
    let r = alice.send_playstate_command(&tv, PlaystateCommand::Seek, Some(600_000_000), Some(&bob_id)).await;
    rec.note("SendPlaystateCommand Seek with every option", &r);
    let r = alice.send_playstate_command(UNKNOWN_SESSION, PlaystateCommand::Stop, None, None).await;
    rec.note("SendPlaystateCommand on an unknown session (404)", &r);

    // SendGeneralCommand and SendSystemCommand: every GeneralCommandType.
    for command in GeneralCommandType::ALL {
        let r = alice.send_general_command(&tv, command.clone()).await;
        rec.note(&format!("SendGeneralCommand {}", command.as_str()), &r);
        let r = alice.send_system_command(&tv, command.clone()).await;
        rec.note(&format!("SendSystemCommand {}", command.as_str()), &r);
    }
    let r = alice.send_general_command(UNKNOWN_SESSION, GeneralCommandType::Mute).await;
    rec.note("SendGeneralCommand on an unknown session (404)", &r);
    let r = alice.send_system_command(UNKNOWN_SESSION, GeneralCommandType::GoHome).await;
    rec.note("SendSystemCommand on an unknown session (404)", &r);

    // SendFullGeneralCommand: with arguments (one null), with and without a controlling user.
    let mut arguments = BTreeMap::new();
    arguments.insert("Volume".to_owned(), Some("50".to_owned()));
    arguments.insert("Unset".to_owned(), None);
    let command = GeneralCommand { name: GeneralCommandType::SetVolume, arguments, ..Default::default() };
    let r = alice.send_full_general_command(&tv, &command).await;
    rec.note("SendFullGeneralCommand SetVolume without a controlling user", &r);
    let with_user = GeneralCommand { controlling_user_id: alice_id.clone(), ..command.clone() };
    let r = alice.send_full_general_command(&tv, &with_user).await;
    rec.note("SendFullGeneralCommand SetVolume with a controlling user", &r);
    let bare = GeneralCommand { name: GeneralCommandType::GoHome, ..Default::default() };
    let r = alice.send_full_general_command(&tv, &bare).await;
    rec.note("SendFullGeneralCommand without arguments", &r);
    let r = alice.send_full_general_command(UNKNOWN_SESSION, &command).await;
    rec.note("SendFullGeneralCommand on an unknown session (404)", &r);

    // SendMessageCommand: text only, then every field.
    let text_only = MessageCommand { text: "Dinner is ready".into(), ..Default::default() };
    let r = alice.send_message_command(&tv, &text_only).await;
    rec.note("SendMessageCommand text only", &r);
    let full = MessageCommand {
        header: Some("Kitchen".into()),
        text: "Dinner, \"now\" ü".into(),
        timeout_ms: Some(5000),
        ..Default::default()
    };
    let r = alice.send_message_command(&tv, &full).await;
    rec.note("SendMessageCommand with every field", &r);
    let r = alice.send_message_command(UNKNOWN_SESSION, &text_only).await;
    rec.note("SendMessageCommand on an unknown session (404)", &r);

    // DisplayContent: every BaseItemKind.
    for kind in BaseItemKind::ALL {
        let r = alice.display_content(&tv, kind.clone(), &movie, "Blade Runner 2049").await;
        rec.note(&format!("DisplayContent {}", kind.as_str()), &r);
    }
    let r = alice.display_content(UNKNOWN_SESSION, BaseItemKind::Movie, &movie, "x").await;
    rec.note("DisplayContent on an unknown session (404)", &r);

    // PostCapabilities: no parameters, then every parameter with every MediaType.
    let r = alice.post_capabilities(&CapabilitiesQuery::default()).await;
    rec.note("PostCapabilities without parameters", &r);
    let every = CapabilitiesQuery {
        id: Some(own.clone()),
        playable_media_types: Some(MediaType::ALL.to_vec()),
        supported_commands: Some(GeneralCommandType::ALL.to_vec()),
        supports_media_control: Some(true),
        supports_persistent_identifier: Some(false),
    };
    let r = alice.post_capabilities(&every).await;
    rec.note("PostCapabilities with every parameter", &r);
    let r =
        alice.post_capabilities(&CapabilitiesQuery { id: Some(UNKNOWN_SESSION.into()), ..Default::default() }).await;
    rec.note("PostCapabilities on an unknown session (404)", &r);

    // PostFullCapabilities: defaults, then every field and the id.
    let r = alice.post_full_capabilities(None, &ClientCapabilitiesDto::default()).await;
    rec.note("PostFullCapabilities with defaults", &r);
    let caps = ClientCapabilitiesDto {
        playable_media_types: vec![MediaType::Audio, MediaType::Video],
        supported_commands: vec![GeneralCommandType::Mute, GeneralCommandType::DisplayMessage],
        supports_media_control: true,
        supports_persistent_identifier: true,
        device_profile: Some(json!({
            "Name": "Conformance profile",
            "MaxStreamingBitrate": 120_000_000,
            "DirectPlayProfiles": [{"Container": "mkv", "Type": "Video", "VideoCodec": "h264", "AudioCodec": "aac"}],
            "TranscodingProfiles": [],
            "ContainerProfiles": [],
            "CodecProfiles": [],
            "SubtitleProfiles": [{"Format": "srt", "Method": "External"}]
        })),
        app_store_url: Some("https://example.com/app".into()),
        icon_url: Some("https://example.com/icon.png".into()),
        ..Default::default()
    };
    let r = alice.post_full_capabilities(Some(&own), &caps).await;
    rec.note("PostFullCapabilities with every field", &r);
    let r = alice.post_full_capabilities(Some(UNKNOWN_SESSION), &ClientCapabilitiesDto::default()).await;
    rec.note("PostFullCapabilities on an unknown session (404)", &r);

    // ReportViewing: own session implied and named, the errors.
    let r = alice.report_viewing(None, &movie).await;
    rec.note("ReportViewing own session", &r);
    let r = alice.report_viewing(Some(&own), &movie).await;
    rec.note("ReportViewing with a session id", &r);
    let r = alice.report_viewing(None, UNKNOWN_GUID).await;
    rec.note("ReportViewing an unknown item (400)", &r);
    let r = alice.report_viewing(Some(UNKNOWN_SESSION), &movie).await;
    rec.note("ReportViewing on an unknown session (404)", &r);

    // AddUserToSession / RemoveUserFromSession.
    let r = alice.add_user_to_session(&kitchen, &bob_id).await;
    rec.note("AddUserToSession", &r);
    let r = alice.remove_user_from_session(&kitchen, &bob_id).await;
    rec.note("RemoveUserFromSession", &r);
    let r = alice.add_user_to_session(&kitchen, &alice_id).await;
    rec.note("AddUserToSession the primary user (400)", &r);
    let r = alice.remove_user_from_session(&kitchen, &alice_id).await;
    rec.note("RemoveUserFromSession the primary user (400)", &r);
    let r = alice.add_user_to_session(&tv, UNKNOWN_GUID).await;
    rec.note("AddUserToSession an unknown user (500)", &r);
    let r = alice.add_user_to_session(UNKNOWN_SESSION, &bob_id).await;
    rec.note("AddUserToSession on an unknown session (404)", &r);
    let r = alice.remove_user_from_session(UNKNOWN_SESSION, &bob_id).await;
    rec.note("RemoveUserFromSession on an unknown session (404)", &r);

    // The admin-only provider lists.
    let r = alice.get_auth_providers().await;
    rec.note("GetAuthProviders", &r);
    let r = alice.get_password_reset_providers().await;
    rec.note("GetPasswordResetProviders", &r);
    let r = bob.get_auth_providers().await;
    rec.note("GetAuthProviders as a non-admin (403)", &r);
    let r = bob.get_password_reset_providers().await;
    rec.note("GetPasswordResetProviders as a non-admin (403)", &r);

    // The documented 503 (server starting), as the real server words it.
    emulator.inject_status(503, Some("text/html"), "<html><body>Jellyfin is starting</body></html>");
    let r = alice.get_sessions(&GetSessionsQuery::default()).await;
    rec.note("GetSessions while the server starts (503)", &r);

    // ReportSessionEnded revokes the token: the next call is refused.
    let r = bob.report_session_ended().await;
    rec.note("ReportSessionEnded", &r);
    let stale =
        rec.jellyfin(JellyfinConfig::new(&base, "Conformance Runner", "conformance-stale").with_token("0".repeat(32)));
    let r = stale.report_session_ended().await;
    rec.note("ReportSessionEnded with a revoked token (401)", &r);
}

async fn drive_g4(emulator: &Emulator, rec: &mut Recorder<'_>) {
    let every_field = CreateSessionRequest {
        username: "user@example.com".into(),
        password: "correct horse".into(),
        data: Some(json!({"cart": [1, 2], "note": null})),
        timeout: Some(600),
        detail: Some(
            serde_json::from_value(json!({"remoteAddress": "127.0.0.1", "agent": "conformance"}))
                .expect("a JSON object"),
        ),
        ..Default::default()
    };
    let user = g4(emulator, Some("conformance"), None);
    let r = user.create_session(&every_field).await;
    rec.note("session_post with every field and an application", &r);
    let id = r.expect("G4 login").session_id.expect("session id").expose().to_owned();

    let minimal = CreateSessionRequest {
        username: "user@example.com".into(),
        password: "correct horse".into(),
        ..Default::default()
    };
    let second = g4(emulator, None, None);
    let r = second.create_session(&minimal).await;
    rec.note("session_post with the required fields only", &r);
    let second_id = r.expect("second G4 login").session_id.expect("session id").expose().to_owned();
    let wrong = CreateSessionRequest { password: "wrong".into(), ..minimal.clone() };
    let r = g4(emulator, None, None).create_session(&wrong).await;
    rec.note("session_post with a wrong password (validCredentials false)", &r);
    let no_access =
        CreateSessionRequest { username: "noaccess@example.com".into(), password: "pw2".into(), ..Default::default() };
    let r = g4(emulator, None, None).create_session(&no_access).await;
    rec.note("session_post for a user without access (accessAllowed false)", &r);
    let other_tenant = G4Client::new(G4Config::new(emulator.g4_url(), "no-such-tenant")).expect("valid config");
    let r = other_tenant.create_session(&minimal).await;
    rec.note("session_post for an unknown tenant (400)", &r);

    let r = user.get_session(&id).await;
    rec.note("session_id_get", &r);
    let r = user.get_static_session(&id).await;
    rec.note("static_session_id_get", &r);
    let r = user.update_session(&id, &json!({"cart": [3], "nested": {"a": [true, null, 1.5]}})).await;
    rec.note("session_id_put with an object", &r);
    let r = user.update_session(&id, &Value::Null).await;
    rec.note("session_id_put with null", &r);
    let r = user.update_session(&id, &json!("a string")).await;
    rec.note("session_id_put with a string", &r);

    emulator.set_g4_bearer_rotation(true);
    let r = user.get_session(&id).await;
    rec.note("session_id_get with bearer rotation (x-g4-bearer)", &r);
    let r = user.get_static_session(&id).await;
    rec.note("static_session_id_get after rotation", &r);
    emulator.set_g4_bearer_rotation(false);

    let service = g4(emulator, Some("back-office"), Some(G4Auth::ApiKey("acme-api-key-1".into())));
    let r = service.get_static_session(&id).await;
    rec.note("static_session_id_get with an API key", &r);
    for (scenario, unknown) in [("an unknown id", "no-such-session"), ("an id needing encoding", "a b/c")] {
        let r = service.get_session(unknown).await;
        rec.note(&format!("session_id_get {scenario} (204)"), &r);
        let r = service.get_static_session(unknown).await;
        rec.note(&format!("static_session_id_get {scenario} (204)"), &r);
        let r = service.update_session(unknown, &json!(1)).await;
        rec.note(&format!("session_id_put {scenario} (204)"), &r);
        let r = service.delete_session(unknown).await;
        rec.note(&format!("session_id_delete {scenario} (204)"), &r);
    }
    let forged = g4(emulator, None, Some(G4Auth::Bearer("forged-token".into())));
    let r = forged.get_session(&id).await;
    rec.note("session_id_get with a forged bearer (401)", &r);
    let r = g4(emulator, None, None).get_static_session(&id).await;
    rec.note_outside(
        "static_session_id_get without credentials (401)",
        "no Authorization, which every G4 call but the login requires",
        &r,
    );

    let r = second.delete_session(&second_id).await;
    rec.note("session_id_delete", &r);
    let r = user.delete_session(&id).await;
    rec.note("session_id_delete the caller's own session", &r);
    emulator.expire_g4_session(TENANT, &second_id);
    let r = service.get_session(&second_id).await;
    rec.note("session_id_get a deleted session (204)", &r);
}

#[tokio::main]
async fn main() {
    let out = std::env::args().nth(1).expect("usage: conformance_capture OUT.json");
    let emulator = Emulator::start().await.expect("the emulator starts");
    let mut rec = Recorder { emulator: &emulator, seen: 0, labels: Vec::new(), identities: BTreeMap::new() };
    let run = async {
        drive_jellyfin(&emulator, &mut rec).await;
        drive_g4(&emulator, &mut rec).await;
    };
    // A wedged call must fail the suite, not hang it.
    tokio::time::timeout(Duration::from_secs(120), run).await.expect("the capture finished within 120 s");
    let exchanges: Vec<Exchange> = emulator.requests();
    assert_eq!(exchanges.len(), rec.labels.len(), "every exchange is labelled");
    let doc = json!({"source": "rust", "exchanges": exchanges, "labels": rec.labels, "identities": rec.identities});
    std::fs::write(&out, serde_json::to_vec_pretty(&doc).expect("JSON")).expect("write the capture file");
    eprintln!("conformance_capture: {} exchanges written to {out}", exchanges.len());
}
