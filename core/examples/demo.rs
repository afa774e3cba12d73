//! The README's demo: a remote-control and a G4 session scenario against the embedded
//! emulator, so it runs anywhere without a server.
//!
//! cargo run -p sessionlink --example demo

use std::time::Duration;

use serde_json::json;
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::g4::{G4Auth, G4Client, G4Config};
use sessionlink::jellyfin::models::{MessageCommand, PlaystateCommand};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig, QuickConnectWait};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

fn secs(d: Option<Duration>) -> String {
    d.map_or_else(|| "gone".to_owned(), |d| format!("{:.0} s", d.as_secs_f64()))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> sessionlink::Result<()> {
    let emulator = Emulator::start().await.map_err(|e| sessionlink::Error::internal(e.to_string()))?;
    println!("Embedded emulator listening on {}\n", emulator.url());

    println!("== Jellyfin: remote control");
    let jf = JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Demo Laptop", "demo-laptop-1"))?;
    let login = jf.authenticate_by_name("alice", "wonderland").await?;
    let user = login.user.as_ref().and_then(|u| u.name.clone()).unwrap_or_default();
    println!("Logged in as {user} (user id {})", jf.user_id().unwrap_or_default());

    let sessions = jf.get_sessions(&GetSessionsQuery::default()).await?;
    println!("{} sessions:", sessions.len());
    println!("  {:<22} {:<10} {:<22} {:<16} {:>9} PAUSED", "DEVICE", "USER", "CLIENT", "NOW PLAYING", "POSITION");
    for s in &sessions {
        let item = s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).unwrap_or("-");
        let state = s.play_state.as_ref();
        let position = state
            .and_then(|p| p.position_ticks)
            .map_or_else(|| "-".to_owned(), |t| format!("{:.0} s", t as f64 / 10_000_000.0));
        let paused =
            if s.now_playing_item.is_some() { state.is_some_and(|p| p.is_paused).to_string() } else { "-".into() };
        println!(
            "  {:<22} {:<10} {:<22} {:<16} {:>9} {}",
            s.device_name.as_deref().unwrap_or("-"),
            s.user_name.as_deref().unwrap_or("-"),
            s.client.as_deref().unwrap_or("-"),
            item,
            position,
            paused
        );
    }

    let tv = sessions
        .iter()
        .find(|s| s.device_name.as_deref() == Some("Living Room TV"))
        .and_then(|s| s.id.clone())
        .expect("the emulator seeds a Living Room TV session");
    jf.send_playstate_command(&tv, PlaystateCommand::Pause, None, None).await?;
    let message = MessageCommand {
        header: Some("Kitchen".into()),
        text: "Dinner is ready!".into(),
        timeout_ms: Some(5000),
        ..Default::default()
    };
    jf.send_message_command(&tv, &message).await?;
    println!("\nPaused the Living Room TV and sent it a message. It received:");
    for cmd in emulator.commands(&tv) {
        println!("  {:<15} {}", cmd.message_type, cmd.data);
    }

    println!("\n== Jellyfin: a kiosk without a keyboard logs in with Quick Connect");
    let kiosk = JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Hallway kiosk", "demo-kiosk-1"))?;
    let pending = kiosk.start_quick_connect().await?;
    println!("Kiosk shows the code {}; alice approves it (as the dashboard's Quick Connect page does)", pending.code());
    jf.authorize_quick_connect(pending.code(), None).await?;
    let login = pending.wait(&QuickConnectWait { timeout: Duration::from_secs(30), ..Default::default() }).await?;
    let name = login.user.and_then(|u| u.name).unwrap_or_default();
    println!("Kiosk logged in as {name}; get_current_user: {:?}", kiosk.get_current_user().await?.name);

    println!("\n== G4: a session with a sliding time-to-live");
    let g4 = G4Client::new(G4Config {
        application: Some("sessionlink-demo".into()),
        ..G4Config::new(emulator.g4_url(), "acme")
    })?;
    let created = g4
        .create_session(&CreateSessionRequest {
            username: "user@example.com".into(),
            password: "correct horse".into(),
            data: Some(json!({"cart": []})),
            timeout: Some(60),
            ..Default::default()
        })
        .await?;
    let id = created.session_id.clone().expect("a session id").expose().to_owned();
    println!("Created a session for user {} with a 60 s time-to-live", created.user_id.unwrap_or_default());

    g4.update_session(&id, &json!({"cart": ["espresso beans"]})).await?;
    println!("Updated its data to {}", json!({"cart": ["espresso beans"]}));

    emulator.set_g4_ttl_remaining("acme", &id, Duration::from_secs(10));
    println!("(emulator: fast-forward to 10 s before expiry)");
    let peeked = g4.get_static_session(&id).await?;
    println!("get_static_session -> data {}; time left {}", peeked.data, secs(emulator.g4_ttl_remaining("acme", &id)));
    let read = g4.get_session(&id).await?;
    println!(
        "get_session        -> data {}; time left {} (restarted)",
        read.data,
        secs(emulator.g4_ttl_remaining("acme", &id))
    );

    g4.delete_session(&id).await?;
    // The deleted session was this client's bearer; a service client with an API key looks.
    let service = G4Client::new(G4Config {
        auth: Some(G4Auth::ApiKey("acme-api-key-1".into())),
        ..G4Config::new(emulator.g4_url(), "acme")
    })?;
    match service.get_session(&id).await {
        Err(e) if e.kind() == ErrorKind::NotFound => {
            println!("Deleted it; reading it again -> not found ({})", e.message())
        }
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
