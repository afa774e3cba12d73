//! `Play` and `SendPlaystateCommand`: starting and steering playback on another session.

use crate::call::Call;
use crate::error::Error;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{PlayCommand, PlaystateCommand};
use crate::transport::Route;

const PLAY: Route = Route::new("POST /Sessions/{sessionId}/Playing");
const SEND_PLAYSTATE_COMMAND: Route = Route::new("POST /Sessions/{sessionId}/Playing/{command}");

/// Optional parameters of `Play`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayOptions {
    /// Start position of the first item, in .NET ticks (10,000 per millisecond).
    pub start_position_ticks: Option<i64>,
    /// The media source to play (for items with several versions).
    pub media_source_id: Option<String>,
    /// The audio stream to start with.
    pub audio_stream_index: Option<i32>,
    /// The subtitle stream to start with.
    pub subtitle_stream_index: Option<i32>,
    /// The index of the first item to play in `item_ids`.
    pub start_index: Option<i32>,
}

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/Playing`: tells a session to play items. `item_ids` are
    /// GUIDs (at least one); `start_position_ticks` is in .NET ticks (10,000 per millisecond).
    pub fn play(
        &self,
        session_id: &str,
        play_command: PlayCommand,
        item_ids: &[String],
        options: &PlayOptions,
    ) -> Call<()> {
        self.call(PLAY, |r| {
            if item_ids.is_empty() {
                return Err(Error::invalid_argument("item_ids must name at least one item"));
            }
            for id in item_ids {
                check_guid("item_ids", id)?;
            }
            r.path("session_id", session_id)?;
            r.query("playCommand", play_command.as_str());
            r.query_list("itemIds", item_ids);
            r.query_opt("startPositionTicks", options.start_position_ticks);
            r.query_opt("mediaSourceId", options.media_source_id.as_deref());
            r.query_opt("audioStreamIndex", options.audio_stream_index);
            r.query_opt("subtitleStreamIndex", options.subtitle_stream_index);
            r.query_opt("startIndex", options.start_index);
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session.
    /// `seek_position_ticks` matters for `Seek`. The server replaces `controlling_user_id`
    /// with the caller's user when the caller has one.
    pub fn send_playstate_command(
        &self,
        session_id: &str,
        command: PlaystateCommand,
        seek_position_ticks: Option<i64>,
        controlling_user_id: Option<&str>,
    ) -> Call<()> {
        self.call(SEND_PLAYSTATE_COMMAND, |r| {
            r.path("session_id", session_id)?.path("command", command.as_str())?;
            r.query_opt("seekPositionTicks", seek_position_ticks);
            r.query_opt("controllingUserId", controlling_user_id);
            Ok(())
        })
        .unit()
    }
}
