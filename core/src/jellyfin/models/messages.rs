//! The payloads of the session WebSocket's messages: what a controllable session receives
//! (`PlayRequest`, `PlaystateRequest`; `GeneralCommand` is in `command.rs`) and the user
//! data change notices.

use crate::jellyfin::models::{PlayCommand, PlaystateCommand};
use crate::wire::DateTime;
use crate::wire_struct;

wire_struct! {
    /// `Data` of a `Play` message: what `POST /Sessions/{id}/Playing` asked this session to
    /// play. Only `PlayNow`, `PlayNext` and `PlayLast` arrive (the server expands the others).
    pub struct PlayRequest {
        item_ids: Option<Vec<String>> = "ItemIds",
        /// In .NET ticks (10,000 per millisecond).
        start_position_ticks: Option<i64> = "StartPositionTicks",
        play_command: PlayCommand = "PlayCommand",
        controlling_user_id: String = "ControllingUserId",
        /// The subtitle stream to show, by index in the media source.
        subtitle_stream_index: Option<i32> = "SubtitleStreamIndex",
        /// The audio stream to play, by index in the media source.
        audio_stream_index: Option<i32> = "AudioStreamIndex",
        /// The media source (version) to play.
        media_source_id: Option<String> = "MediaSourceId",
        /// Where in `item_ids` to start playing.
        start_index: Option<i32> = "StartIndex",
    }
}

wire_struct! {
    /// `Data` of a `Playstate` message: pause, seek, stop... from
    /// `POST /Sessions/{id}/Playing/{command}`.
    pub struct PlaystateRequest {
        command: PlaystateCommand = "Command",
        /// For `Seek`, in .NET ticks.
        seek_position_ticks: Option<i64> = "SeekPositionTicks",
        controlling_user_id: Option<String> = "ControllingUserId",
    }
}

wire_struct! {
    /// `Data` of a `UserDataChanged` message: played state, favourites and positions of
    /// items changed for a user of this session.
    pub struct UserDataChangeInfo {
        user_id: String = "UserId",
        user_data_list: Vec<UserItemDataDto> = "UserDataList",
    }
}

wire_struct! {
    /// A user's data about one item.
    pub struct UserItemDataDto {
        rating: Option<f64> = "Rating",
        played_percentage: Option<f64> = "PlayedPercentage",
        unplayed_item_count: Option<i32> = "UnplayedItemCount",
        playback_position_ticks: i64 = "PlaybackPositionTicks",
        play_count: i32 = "PlayCount",
        is_favorite: bool = "IsFavorite",
        likes: Option<bool> = "Likes",
        last_played_date: Option<DateTime> = "LastPlayedDate",
        played: bool = "Played",
        key: String = "Key",
        item_id: String = "ItemId",
    }
}
