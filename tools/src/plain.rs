//! Plain `#[derive(Deserialize)]` structs with exactly the typed fields of sessionlink's
//! session models, unknown fields skipped: the baseline the lossless decoder is measured
//! against (`decode-bench`). Enums are plain strings here, as a typed-but-lossy client would
//! keep them at best.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionInfoDto {
    pub play_state: Option<PlayerStateInfo>,
    pub additional_users: Option<Vec<SessionUserInfo>>,
    pub capabilities: Option<ClientCapabilitiesDto>,
    pub remote_end_point: Option<String>,
    #[serde(default)]
    pub playable_media_types: Vec<String>,
    pub id: Option<String>,
    #[serde(default)]
    pub user_id: String,
    pub user_name: Option<String>,
    pub client: Option<String>,
    #[serde(default)]
    pub last_activity_date: String,
    #[serde(default)]
    pub last_playback_check_in: String,
    pub last_paused_date: Option<String>,
    pub device_name: Option<String>,
    pub device_type: Option<String>,
    pub now_playing_item: Option<BaseItemDto>,
    pub now_viewing_item: Option<BaseItemDto>,
    pub device_id: Option<String>,
    pub application_version: Option<String>,
    pub transcoding_info: Option<TranscodingInfo>,
    #[serde(default)]
    pub is_active: bool,
    #[serde(default)]
    pub supports_media_control: bool,
    #[serde(default)]
    pub supports_remote_control: bool,
    pub now_playing_queue: Option<Vec<QueueItem>>,
    pub now_playing_queue_full_items: Option<Vec<BaseItemDto>>,
    #[serde(default)]
    pub has_custom_device_name: bool,
    pub playlist_item_id: Option<String>,
    pub server_id: Option<String>,
    pub user_primary_image_tag: Option<String>,
    #[serde(default)]
    pub supported_commands: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PlayerStateInfo {
    pub position_ticks: Option<i64>,
    #[serde(default)]
    pub can_seek: bool,
    #[serde(default)]
    pub is_paused: bool,
    #[serde(default)]
    pub is_muted: bool,
    pub volume_level: Option<i32>,
    pub audio_stream_index: Option<i32>,
    pub subtitle_stream_index: Option<i32>,
    pub media_source_id: Option<String>,
    pub play_method: Option<String>,
    #[serde(default)]
    pub repeat_mode: String,
    #[serde(default)]
    pub playback_order: String,
    pub live_stream_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionUserInfo {
    #[serde(default)]
    pub user_id: String,
    pub user_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct QueueItem {
    #[serde(default)]
    pub id: String,
    pub playlist_item_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientCapabilitiesDto {
    #[serde(default)]
    pub playable_media_types: Vec<String>,
    #[serde(default)]
    pub supported_commands: Vec<String>,
    #[serde(default)]
    pub supports_media_control: bool,
    #[serde(default)]
    pub supports_persistent_identifier: bool,
    pub device_profile: Option<serde::de::IgnoredAny>,
    pub app_store_url: Option<String>,
    pub icon_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TranscodingInfo {
    pub audio_codec: Option<String>,
    pub video_codec: Option<String>,
    pub container: Option<String>,
    #[serde(default)]
    pub is_video_direct: bool,
    #[serde(default)]
    pub is_audio_direct: bool,
    pub bitrate: Option<i32>,
    pub framerate: Option<f64>,
    pub completion_percentage: Option<f64>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub audio_channels: Option<i32>,
    pub hardware_acceleration_type: Option<String>,
    #[serde(default)]
    pub transcode_reasons: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BaseItemDto {
    pub name: Option<String>,
    pub original_title: Option<String>,
    pub server_id: Option<String>,
    #[serde(default)]
    pub id: String,
    pub etag: Option<String>,
    pub date_created: Option<String>,
    pub container: Option<String>,
    pub sort_name: Option<String>,
    pub premiere_date: Option<String>,
    pub path: Option<String>,
    pub overview: Option<String>,
    pub genres: Option<Vec<String>>,
    pub community_rating: Option<f64>,
    pub run_time_ticks: Option<i64>,
    pub production_year: Option<i32>,
    pub index_number: Option<i32>,
    pub parent_index_number: Option<i32>,
    pub is_folder: Option<bool>,
    pub parent_id: Option<String>,
    #[serde(default, rename = "Type")]
    pub item_type: String,
    pub series_name: Option<String>,
    pub series_id: Option<String>,
    pub season_id: Option<String>,
    pub season_name: Option<String>,
    pub album: Option<String>,
    pub album_id: Option<String>,
    pub album_artist: Option<String>,
    pub artists: Option<Vec<String>>,
    pub channel_id: Option<String>,
    pub channel_name: Option<String>,
    pub image_tags: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub media_type: String,
}
