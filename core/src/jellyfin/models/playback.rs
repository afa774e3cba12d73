//! What a player reports about its own playback: `PlaybackStartInfo` (also sent, as
//! `PlaybackProgressInfo`, while it plays) and `PlaybackStopInfo`.

use crate::jellyfin::models::{BaseItemDto, PlayMethod, PlaybackOrder, QueueItem, RepeatMode};
use crate::wire_struct;

wire_struct! {
    /// Playback of an item started (`POST /Sessions/Playing`) or is going on
    /// (`POST /Sessions/Playing/Progress`, as [`PlaybackProgressInfo`]). `item_id` (a GUID) is
    /// required; positions are .NET ticks (10,000 per millisecond).
    pub struct PlaybackStartInfo {
        can_seek: bool = "CanSeek",
        item: Option<BaseItemDto> = "Item",
        item_id: String = "ItemId",
        /// The session; absent means the caller's own.
        session_id: Option<String> = "SessionId",
        media_source_id: Option<String> = "MediaSourceId",
        audio_stream_index: Option<i32> = "AudioStreamIndex",
        subtitle_stream_index: Option<i32> = "SubtitleStreamIndex",
        is_paused: bool = "IsPaused",
        is_muted: bool = "IsMuted",
        position_ticks: Option<i64> = "PositionTicks",
        /// When playback started, as the player counts it (web players send Unix milliseconds
        /// × 10,000).
        playback_start_time_ticks: Option<i64> = "PlaybackStartTimeTicks",
        volume_level: Option<i32> = "VolumeLevel",
        /// The screen brightness, if the player reports it.
        brightness: Option<i32> = "Brightness",
        /// The aspect ratio the player displays (`16:9`, ...).
        aspect_ratio: Option<String> = "AspectRatio",
        play_method: PlayMethod = "PlayMethod",
        live_stream_id: Option<String> = "LiveStreamId",
        play_session_id: Option<String> = "PlaySessionId",
        repeat_mode: RepeatMode = "RepeatMode",
        playback_order: PlaybackOrder = "PlaybackOrder",
        /// The player's play queue.
        now_playing_queue: Option<Vec<QueueItem>> = "NowPlayingQueue",
        /// The entry of the play queue being played.
        playlist_item_id: Option<String> = "PlaylistItemId",
    }
}

/// `PlaybackProgressInfo` has exactly the fields of `PlaybackStartInfo` in the contract.
pub type PlaybackProgressInfo = PlaybackStartInfo;

wire_struct! {
    /// Playback of an item stopped (`POST /Sessions/Playing/Stopped`). `item_id` (a GUID) is
    /// required.
    pub struct PlaybackStopInfo {
        item: Option<BaseItemDto> = "Item",
        item_id: String = "ItemId",
        /// The session; absent means the caller's own.
        session_id: Option<String> = "SessionId",
        media_source_id: Option<String> = "MediaSourceId",
        position_ticks: Option<i64> = "PositionTicks",
        live_stream_id: Option<String> = "LiveStreamId",
        play_session_id: Option<String> = "PlaySessionId",
        failed: bool = "Failed",
        /// The media type the player plays next, if any.
        next_media_type: Option<String> = "NextMediaType",
        /// The entry of the play queue being played.
        playlist_item_id: Option<String> = "PlaylistItemId",
        /// The player's play queue.
        now_playing_queue: Option<Vec<QueueItem>> = "NowPlayingQueue",
    }
}
