//! A live session watcher: subscribes to the server's `Sessions` pushes over the session
//! socket and prints who plays what whenever it changes, instead of polling `GET /Sessions`.
//!
//! cargo run -p sessionlink --example watch_sessions -- [URL USER PASSWORD]
//!
//! Without arguments it starts the embedded emulator, and a player there starts playing so
//! that there is something to see.

use std::time::Duration;

use sessionlink::jellyfin::models::PlaybackStartInfo;
use sessionlink::jellyfin::socket::{MessageData, SocketEvent, SocketOptions};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink_emulator::{Direction, Emulator};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (emulator, url, user, password) = match args.as_slice() {
        [url, user, password] => (None, url.clone(), user.clone(), password.clone()),
        _ => {
            let emulator = Emulator::start().await?;
            let url = emulator.url();
            (Some(emulator), url, "alice".to_owned(), "wonderland".to_owned())
        }
    };
    let watcher = JellyfinClient::new(JellyfinConfig::new(url.as_str(), "Example Watcher", "example-watcher-1"))?;
    watcher.authenticate_by_name(&user, &password).await?;
    let options = SocketOptions { sessions: Some((Duration::ZERO, Duration::from_secs(1))), ..Default::default() };
    let socket = watcher.open_socket(options).await?;

    if let Some(emulator) = &emulator {
        // Once the server has the subscription (the emulator says when), a player starts
        // playing: an event, so a list is pushed.
        let own = watcher
            .get_sessions(&GetSessionsQuery::default())
            .await?
            .into_iter()
            .find(|s| s.device_id.as_deref() == Some("example-watcher-1"))
            .and_then(|s| s.id)
            .ok_or("the watcher has no session")?;
        let patience = Duration::from_secs(10);
        emulator.wait_for_socket_messages(&own, Direction::Received, Some("SessionsStart"), 1, patience).await?;
        let player = JellyfinClient::new(JellyfinConfig::new(url.as_str(), "Example Player", "example-player-2"))?;
        player.authenticate_by_name("bob", "builder").await?;
        let movie = emulator.fixtures().jellyfin.movie_id;
        player.report_playback_start(&PlaybackStartInfo { item_id: movie, ..Default::default() }).await?;
    }

    let mut updates = 0;
    while let Some(event) = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.ok().flatten() {
        let SocketEvent::Message(message) = event? else { continue };
        let MessageData::Sessions(sessions) = message.data() else { continue };
        updates += 1;
        println!("-- {} sessions", sessions.len());
        for s in sessions {
            let playing = s.now_playing_item.as_ref().and_then(|i| i.name.as_deref()).unwrap_or("-");
            println!("   {:<22} {}", s.device_name.as_deref().unwrap_or("-"), playing);
        }
        if emulator.is_some()
            && sessions
                .iter()
                .any(|s| s.device_name.as_deref() == Some("Example Player") && s.now_playing_item.is_some())
        {
            break;
        }
    }
    socket.close();
    println!("{updates} updates");
    Ok(())
}
