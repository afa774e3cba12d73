//! `Play` and `SendPlaystateCommand`: starting and steering playback on another session.

use reqwest::Method;

use crate::error::{Error, Result};
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{PlayCommand, PlaystateCommand};
use crate::transport::{Query, Seg};

/// Optional parameters of `Play`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayOptions {
    /// Start position of the first item, in .NET ticks (10,000 per millisecond).
    pub start_position_ticks: Option<i64>,
    pub media_source_id: Option<String>,
    pub audio_stream_index: Option<i32>,
    pub subtitle_stream_index: Option<i32>,
    pub start_index: Option<i32>,
}

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/Playing`: tells a session to play items.
    pub async fn play(
        &self,
        session_id: &str,
        play_command: PlayCommand,
        item_ids: &[String],
        options: &PlayOptions,
    ) -> Result<()> {
        if item_ids.is_empty() {
            return Err(Error::invalid_argument("item_ids must name at least one item"));
        }
        for id in item_ids {
            check_guid("item_ids", id)?;
        }
        let mut q = Query::new();
        q.push("playCommand", play_command.as_str());
        q.push_list("itemIds", item_ids);
        q.push_opt("startPositionTicks", options.start_position_ticks);
        q.push_opt("mediaSourceId", options.media_source_id.as_deref());
        q.push_opt("audioStreamIndex", options.audio_stream_index);
        q.push_opt("subtitleStreamIndex", options.subtitle_stream_index);
        q.push_opt("startIndex", options.start_index);
        let segs = [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("Playing")];
        self.call("POST /Sessions/{sessionId}/Playing", Method::POST, &segs, &q, None).await?;
        Ok(())
    }

    /// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session.
    /// `seek_position_ticks` matters for `Seek`. The server replaces `controlling_user_id`
    /// with the caller's user when the caller has one.
    pub async fn send_playstate_command(
        &self,
        session_id: &str,
        command: PlaystateCommand,
        seek_position_ticks: Option<i64>,
        controlling_user_id: Option<&str>,
    ) -> Result<()> {
        let mut q = Query::new();
        q.push_opt("seekPositionTicks", seek_position_ticks);
        q.push_opt("controllingUserId", controlling_user_id);
        let segs = [
            Seg::Lit("Sessions"),
            Seg::Val(session_id, "session_id"),
            Seg::Lit("Playing"),
            Seg::Val(command.as_str(), "command"),
        ];
        self.call("POST /Sessions/{sessionId}/Playing/{command}", Method::POST, &segs, &q, None).await?;
        Ok(())
    }
}
