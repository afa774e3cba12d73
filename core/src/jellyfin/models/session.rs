//! `SessionInfoDto` and the objects it carries (play state, users, queue, transcoding).

use crate::jellyfin::models::{
    BaseItemDto, ClientCapabilitiesDto, GeneralCommandType, HardwareAccelerationType, MediaType, PlayMethod,
    PlaybackOrder, RepeatMode,
};
use crate::wire::DateTime;
use crate::wire_struct;

wire_struct! {
    /// One client session on the server (29 fields in 10.11.11).
    pub struct SessionInfoDto {
        play_state: Option<Box<PlayerStateInfo>> = "PlayState",
        additional_users: Option<Vec<SessionUserInfo>> = "AdditionalUsers",
        capabilities: Option<Box<ClientCapabilitiesDto>> = "Capabilities",
        remote_end_point: Option<String> = "RemoteEndPoint",
        playable_media_types: Vec<MediaType> = "PlayableMediaTypes",
        /// `MD5(Client + DeviceId)` as 32 hex characters: not a GUID.
        id: Option<String> = "Id",
        /// All zeros for API-key and anonymous sessions.
        user_id: String = "UserId",
        user_name: Option<String> = "UserName",
        client: Option<String> = "Client",
        last_activity_date: DateTime = "LastActivityDate",
        /// `0001-01-01T00:00:00.0000000Z` until playback is reported.
        last_playback_check_in: DateTime = "LastPlaybackCheckIn",
        last_paused_date: Option<DateTime> = "LastPausedDate",
        device_name: Option<String> = "DeviceName",
        device_type: Option<String> = "DeviceType",
        now_playing_item: Option<Box<BaseItemDto>> = "NowPlayingItem",
        now_viewing_item: Option<Box<BaseItemDto>> = "NowViewingItem",
        device_id: Option<String> = "DeviceId",
        application_version: Option<String> = "ApplicationVersion",
        transcoding_info: Option<Box<TranscodingInfo>> = "TranscodingInfo",
        is_active: bool = "IsActive",
        supports_media_control: bool = "SupportsMediaControl",
        supports_remote_control: bool = "SupportsRemoteControl",
        now_playing_queue: Option<Vec<QueueItem>> = "NowPlayingQueue",
        /// Removed in Jellyfin 12.0.
        now_playing_queue_full_items: Option<Vec<BaseItemDto>> = "NowPlayingQueueFullItems",
        has_custom_device_name: bool = "HasCustomDeviceName",
        playlist_item_id: Option<String> = "PlaylistItemId",
        server_id: Option<String> = "ServerId",
        user_primary_image_tag: Option<String> = "UserPrimaryImageTag",
        supported_commands: Vec<GeneralCommandType> = "SupportedCommands",
    }
}

wire_struct! {
    /// The player state of a session.
    pub struct PlayerStateInfo {
        /// In .NET ticks (10,000 per millisecond).
        position_ticks: Option<i64> = "PositionTicks",
        can_seek: bool = "CanSeek",
        is_paused: bool = "IsPaused",
        is_muted: bool = "IsMuted",
        volume_level: Option<i32> = "VolumeLevel",
        audio_stream_index: Option<i32> = "AudioStreamIndex",
        subtitle_stream_index: Option<i32> = "SubtitleStreamIndex",
        media_source_id: Option<String> = "MediaSourceId",
        play_method: Option<PlayMethod> = "PlayMethod",
        repeat_mode: RepeatMode = "RepeatMode",
        playback_order: PlaybackOrder = "PlaybackOrder",
        live_stream_id: Option<String> = "LiveStreamId",
    }
}

wire_struct! {
    /// A user added to a session besides its primary user.
    pub struct SessionUserInfo {
        user_id: String = "UserId",
        user_name: Option<String> = "UserName",
    }
}

wire_struct! {
    /// An entry of a session's play queue.
    pub struct QueueItem {
        /// The item id (a GUID).
        id: String = "Id",
        /// The id of this entry in the queue (an item can be queued twice).
        playlist_item_id: Option<String> = "PlaylistItemId",
    }
}

wire_struct! {
    /// How the server is transcoding a session's stream.
    pub struct TranscodingInfo {
        audio_codec: Option<String> = "AudioCodec",
        video_codec: Option<String> = "VideoCodec",
        container: Option<String> = "Container",
        is_video_direct: bool = "IsVideoDirect",
        is_audio_direct: bool = "IsAudioDirect",
        bitrate: Option<i32> = "Bitrate",
        framerate: Option<f64> = "Framerate",
        completion_percentage: Option<f64> = "CompletionPercentage",
        width: Option<i32> = "Width",
        height: Option<i32> = "Height",
        audio_channels: Option<i32> = "AudioChannels",
        hardware_acceleration_type: Option<HardwareAccelerationType> = "HardwareAccelerationType",
        /// `TranscodeReason` names (a flags enum on the server, written as an array).
        transcode_reasons: Vec<String> = "TranscodeReasons",
    }
}
