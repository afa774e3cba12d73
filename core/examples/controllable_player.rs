//! A minimal remote-controllable player: it logs in, becomes controllable (capabilities and
//! the session socket in one call), acts on the commands it receives, and reports what it
//! plays so that controllers see it.
//!
//! cargo run -p sessionlink --example controllable_player -- [URL USER PASSWORD]
//!
//! Without arguments it starts the embedded emulator and drives itself: a second client
//! plays an episode on it, pauses it and sends it a message.

use std::time::Duration;

use sessionlink::jellyfin::models::{
    GeneralCommandType, MediaType, MessageCommand, PlayCommand, PlaybackProgressInfo, PlaybackStartInfo,
    PlaystateCommand,
};
use sessionlink::jellyfin::socket::{MessageData, SocketEvent};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig, PlayOptions};
use sessionlink_emulator::Emulator;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (_emulator, url, user, password) = match args.as_slice() {
        [url, user, password] => (None, url.clone(), user.clone(), password.clone()),
        _ => {
            let emulator = Emulator::start().await?;
            let url = emulator.url();
            (Some(emulator), url, "bob".to_owned(), "builder".to_owned())
        }
    };
    let player = JellyfinClient::new(JellyfinConfig::new(url.as_str(), "Example Player", "example-player-1"))?;
    player.authenticate_by_name(&user, &password).await?;
    let socket = player
        .become_controllable(
            &[MediaType::Video, MediaType::Audio],
            &[GeneralCommandType::DisplayMessage, GeneralCommandType::SetVolume],
        )
        .await?;
    let me = player.current_session().await?.and_then(|s| s.id).ok_or("no session of our own")?;
    println!("controllable as session {me}");

    // Without a server of our own, a controller drives the player from another task.
    if _emulator.is_some() {
        let controller = JellyfinClient::new(JellyfinConfig::new(url.as_str(), "Example Remote", "example-remote-1"))?;
        controller.authenticate_by_name("alice", "wonderland").await?;
        let episode = controller
            .get_sessions(&GetSessionsQuery::default())
            .await?
            .into_iter()
            .find_map(|s| s.now_playing_item.map(|i| i.id))
            .ok_or("nothing playing to copy")?;
        let target = me.clone();
        tokio::spawn(async move {
            let _ = controller.play(&target, PlayCommand::PlayNow, &[episode], &PlayOptions::default()).await;
            let _ = controller.send_playstate_command(&target, PlaystateCommand::Pause, None, None).await;
            let message = MessageCommand { text: "Dinner is ready".into(), ..Default::default() };
            let _ = controller.send_message_command(&target, &message).await;
        });
    }

    let mut handled = 0;
    while let Some(event) = tokio::time::timeout(Duration::from_secs(10), socket.next()).await.ok().flatten() {
        let SocketEvent::Message(message) = event? else { continue };
        match message.data() {
            MessageData::Play(play) => {
                let item = play.item_ids.as_ref().and_then(|ids| ids.first()).cloned().unwrap_or_default();
                println!("play {item} from {:?}", play.start_position_ticks);
                let start = PlaybackStartInfo { item_id: item, can_seek: true, ..Default::default() };
                player.report_playback_start(&start).await?;
            }
            MessageData::Playstate(state) => {
                println!("playstate {}", state.command);
                if let Some(item) = player.current_session().await?.and_then(|s| s.now_playing_item) {
                    let paused = state.command == PlaystateCommand::Pause;
                    let progress = PlaybackProgressInfo { item_id: item.id, is_paused: paused, ..Default::default() };
                    player.report_playback_progress(&progress).await?;
                }
            }
            MessageData::GeneralCommand(command) => println!("{} {:?}", command.name, command.arguments),
            _ => continue,
        }
        handled += 1;
        if handled == 3 && _emulator.is_some() {
            break;
        }
    }
    socket.close();
    println!("handled {handled} commands");
    Ok(())
}
