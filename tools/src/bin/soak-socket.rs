//! The Rust side of bench/soak/socket-soak.sh: a controllable session that keeps its socket
//! open and prints one JSON line per event (connected, disconnected, every DisplayMessage
//! command's text, the end of the socket). When the socket ends (a revoked token), it opens
//! it again a second later, as an application that waits for working credentials would.
//!
//!     soak-socket URL DEVICE_ID   (the token in $SOAK_TOKEN)

use std::time::Duration;

use serde_json::json;
use sessionlink::jellyfin::models::{GeneralCommandType, MediaType};
use sessionlink::jellyfin::socket::{MessageData, SocketEvent};
use sessionlink::jellyfin::{JellyfinClient, JellyfinConfig};

fn out(line: serde_json::Value) {
    println!("{line}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, device_id] = args.as_slice() else { return Err("usage: soak-socket URL DEVICE_ID".into()) };
    let token = std::env::var("SOAK_TOKEN")?;
    let client = JellyfinClient::new(JellyfinConfig::new(url, device_id, device_id).with_token(token))?;
    loop {
        let ended = match client.become_controllable(&[MediaType::Audio], &[GeneralCommandType::DisplayMessage]).await {
            Err(e) => format!("{:?}", e.kind()),
            Ok(socket) => loop {
                match socket.next().await {
                    None => break "closed".to_owned(),
                    Some(Err(e)) => break format!("{:?}", e.kind()),
                    Some(Ok(SocketEvent::Connected { reconnected })) => {
                        out(json!({"e": "connected", "re": reconnected}))
                    }
                    Some(Ok(SocketEvent::Disconnected { reason, .. })) => {
                        out(json!({"e": "disconnected", "reason": reason}))
                    }
                    Some(Ok(SocketEvent::Message(message))) => {
                        if let MessageData::GeneralCommand(command) = message.data() {
                            let text = command.arguments.get("Text").cloned().flatten();
                            out(json!({"e": "command", "text": text}));
                        }
                    }
                    Some(Ok(_)) => {}
                }
            },
        };
        out(json!({"e": "ended", "error": ended}));
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
