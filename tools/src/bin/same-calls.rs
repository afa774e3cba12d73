//! The cross-language call script, Rust side (see tests/cross/run.sh): the same calls, with
//! the same arguments and identity, that tests/cross/same_calls.py and same_calls.c make.
//!
//! same-calls URL G4_URL FIXTURES_JSON   → prints the G4 session id it created

use std::collections::BTreeMap;

use serde_json::{json, Value};
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::g4::{G4Client, G4Config};
use sessionlink::jellyfin::models::{
    BaseItemKind, ClientCapabilitiesDto, GeneralCommand, GeneralCommandType, MediaType, MessageCommand, PlayCommand,
    PlayMethod, PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo, PlaystateCommand,
};
use sessionlink::jellyfin::{CapabilitiesQuery, GetSessionsQuery, JellyfinClient, JellyfinConfig, PlayOptions};

// Every generated operation once (written by tools/gen).
#[path = "../same_calls/operations.rs"]
mod operations;

type Failure = Box<dyn std::error::Error>;

fn text(fixtures: &Value, api: &str, key: &str) -> Result<String, Failure> {
    fixtures[api][key].as_str().map(str::to_owned).ok_or_else(|| format!("fixture {api}.{key} missing").into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, g4_url, fixtures] = args.as_slice() else {
        return Err("usage: same-calls URL G4_URL FIXTURES_JSON".into());
    };
    let fx: Value = serde_json::from_str(fixtures)?;
    let tv = text(&fx, "jellyfin", "living_room_session_id")?;
    let episode = text(&fx, "jellyfin", "episode_id")?;
    let movie = text(&fx, "jellyfin", "movie_id")?;
    let bob = text(&fx, "jellyfin", "admin_id")?;
    let config = JellyfinConfig::new(url.as_str(), "same-calls", "same-calls-1")
        .with_client("cross", "1.0")
        .with_token(text(&fx, "jellyfin", "api_key")?);
    let jf = JellyfinClient::new(config)?;

    let query = GetSessionsQuery {
        device_id: Some("living-room-tv".into()),
        active_within_seconds: Some(600),
        ..Default::default()
    };
    jf.get_sessions(&query).await?;
    let options = PlayOptions {
        start_position_ticks: Some(100),
        audio_stream_index: Some(1),
        start_index: Some(0),
        ..Default::default()
    };
    jf.play(&tv, PlayCommand::PlayNow, &[episode.clone(), movie], &options).await?;
    jf.send_playstate_command(&tv, PlaystateCommand::Seek, Some(5_000_000), None).await?;
    jf.send_general_command(&tv, GeneralCommandType::VolumeUp).await?;
    jf.send_system_command(&tv, GeneralCommandType::GoHome).await?;
    let arguments = BTreeMap::from([("Volume".to_owned(), Some("50".to_owned()))]);
    jf.send_full_general_command(
        &tv,
        &GeneralCommand { name: GeneralCommandType::SetVolume, arguments, ..Default::default() },
    )
    .await?;
    let message = MessageCommand {
        header: Some("Hi".into()),
        text: "Dinner".into(),
        timeout_ms: Some(5000),
        ..Default::default()
    };
    jf.send_message_command(&tv, &message).await?;
    jf.display_content(&tv, BaseItemKind::Episode, &episode, "The Long Night").await?;
    jf.post_capabilities(&CapabilitiesQuery {
        playable_media_types: Some(vec![MediaType::Audio, MediaType::Video]),
        supported_commands: Some(vec![GeneralCommandType::DisplayMessage, GeneralCommandType::SetVolume]),
        supports_media_control: Some(true),
        ..Default::default()
    })
    .await?;
    let full = ClientCapabilitiesDto {
        playable_media_types: vec![MediaType::Video],
        supports_media_control: true,
        ..ClientCapabilitiesDto::new()
    };
    jf.post_full_capabilities(None, &full).await?;
    jf.report_viewing(None, &episode).await?;
    jf.report_playback_start(&PlaybackStartInfo {
        item_id: episode.clone(),
        position_ticks: Some(100),
        can_seek: true,
        play_method: PlayMethod::DirectPlay,
        ..Default::default()
    })
    .await?;
    jf.report_playback_progress(&PlaybackProgressInfo {
        item_id: episode.clone(),
        position_ticks: Some(200),
        is_paused: true,
        ..Default::default()
    })
    .await?;
    jf.ping_playback_session("p1").await?;
    jf.report_playback_stopped(&PlaybackStopInfo { item_id: episode, position_ticks: Some(300), ..Default::default() })
        .await?;
    jf.add_user_to_session(&tv, &bob).await?;
    jf.remove_user_from_session(&tv, &bob).await?;
    jf.get_auth_providers().await?;
    jf.get_password_reset_providers().await?;

    let g4 = G4Client::new(G4Config {
        application: Some("cross".into()),
        ..G4Config::new(g4_url.as_str(), text(&fx, "g4", "tenant")?)
    })?;
    let login = g4
        .create_session(&CreateSessionRequest {
            username: text(&fx, "g4", "user")?,
            password: text(&fx, "g4", "password")?.into(),
            data: Some(json!({"a": [1, 2]})),
            timeout: Some(60),
            detail: Some(serde_json::from_value(json!({"ip": "192.0.2.1"}))?),
            ..Default::default()
        })
        .await?;
    let sid = login.session_id.ok_or("no session id")?.expose().to_owned();
    g4.get_session(&sid).await?;
    g4.get_static_session(&sid).await?;
    g4.update_session(&sid, &json!({"b": true})).await?;
    g4.delete_session(&sid).await?;

    // Every generated operation, with fresh clients and a live G4 session.
    let live = g4
        .create_session(&CreateSessionRequest {
            username: text(&fx, "g4", "user")?,
            password: text(&fx, "g4", "password")?.into(),
            ..Default::default()
        })
        .await?;
    let live = live.session_id.ok_or("no session id")?.expose().to_owned();
    let jf = JellyfinClient::new(
        JellyfinConfig::new(url.as_str(), "same-calls", "same-calls-1")
            .with_client("cross", "1.0")
            .with_token(text(&fx, "jellyfin", "api_key")?),
    )?;
    let g4 = G4Client::new(G4Config {
        application: Some("cross".into()),
        auth: Some(sessionlink::g4::G4Auth::ApiKey(text(&fx, "g4", "api_key")?.into())),
        ..G4Config::new(g4_url.as_str(), text(&fx, "g4", "tenant")?)
    })?;
    operations::run(&jf, &g4, &fx, &live).await;
    println!("{sid}");
    Ok(())
}
