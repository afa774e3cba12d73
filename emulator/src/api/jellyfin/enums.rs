//! The Jellyfin enums the Session operations take, in spec order (which is also the order of
//! their numeric values), and the two ways the server reads them.

use serde_json::Value;

pub(crate) const GENERAL_COMMAND: &[&str] = &[
    "MoveUp",
    "MoveDown",
    "MoveLeft",
    "MoveRight",
    "PageUp",
    "PageDown",
    "PreviousLetter",
    "NextLetter",
    "ToggleOsd",
    "ToggleContextMenu",
    "Select",
    "Back",
    "TakeScreenshot",
    "SendKey",
    "SendString",
    "GoHome",
    "GoToSettings",
    "VolumeUp",
    "VolumeDown",
    "Mute",
    "Unmute",
    "ToggleMute",
    "SetVolume",
    "SetAudioStreamIndex",
    "SetSubtitleStreamIndex",
    "ToggleFullscreen",
    "DisplayContent",
    "GoToSearch",
    "DisplayMessage",
    "SetRepeatMode",
    "ChannelUp",
    "ChannelDown",
    "Guide",
    "ToggleStats",
    "PlayMediaSource",
    "PlayTrailers",
    "SetShuffleQueue",
    "PlayState",
    "PlayNext",
    "ToggleOsdMenu",
    "Play",
    "SetMaxStreamingBitrate",
    "SetPlaybackOrder",
];

pub(crate) const PLAYSTATE_COMMAND: &[&str] =
    &["Stop", "Pause", "Unpause", "NextTrack", "PreviousTrack", "Seek", "Rewind", "FastForward", "PlayPause"];

pub(crate) const PLAY_COMMAND: &[&str] = &["PlayNow", "PlayNext", "PlayLast", "PlayInstantMix", "PlayShuffle"];

pub(crate) const MEDIA_TYPE: &[&str] = &["Unknown", "Video", "Audio", "Photo", "Book"];

pub(crate) const PLAY_METHOD: &[&str] = &["Transcode", "DirectStream", "DirectPlay"];

pub(crate) const REPEAT_MODE: &[&str] = &["RepeatNone", "RepeatAll", "RepeatOne"];

pub(crate) const PLAYBACK_ORDER: &[&str] = &["Default", "Shuffle"];

pub(crate) const BASE_ITEM_KIND: &[&str] = &[
    "AggregateFolder",
    "Audio",
    "AudioBook",
    "BasePluginFolder",
    "Book",
    "BoxSet",
    "Channel",
    "ChannelFolderItem",
    "CollectionFolder",
    "Episode",
    "Folder",
    "Genre",
    "ManualPlaylistsFolder",
    "Movie",
    "LiveTvChannel",
    "LiveTvProgram",
    "MusicAlbum",
    "MusicArtist",
    "MusicGenre",
    "MusicVideo",
    "Person",
    "Photo",
    "PhotoAlbum",
    "Playlist",
    "PlaylistsFolder",
    "Program",
    "Recording",
    "Season",
    "Series",
    "Studio",
    "Trailer",
    "TvChannel",
    "TvProgram",
    "UserRootFolder",
    "UserView",
    "Video",
    "Year",
];

/// A path or query value, as ASP.NET's `EnumConverter` and model binder read it: names in
/// any case, or the number of a defined value. Returns the canonical name.
pub(crate) fn from_text(values: &'static [&'static str], text: &str) -> Option<&'static str> {
    let text = text.trim();
    if let Ok(n) = text.parse::<usize>() {
        return values.get(n).copied();
    }
    values.iter().copied().find(|v| v.eq_ignore_ascii_case(text))
}

/// A JSON body value, as `JsonStringEnumConverter` reads it: a name in any case, or an
/// integer.
pub(crate) fn from_json(values: &'static [&'static str], value: &Value) -> Option<&'static str> {
    match value {
        Value::String(s) => {
            let s = s.trim();
            values.iter().copied().find(|v| v.eq_ignore_ascii_case(s))
        }
        Value::Number(n) => n.as_u64().and_then(|n| usize::try_from(n).ok()).and_then(|n| values.get(n).copied()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_match_the_spec() {
        assert_eq!(GENERAL_COMMAND.len(), 43);
        assert_eq!(PLAYSTATE_COMMAND.len(), 9);
        assert_eq!(PLAY_COMMAND.len(), 5);
        assert_eq!(BASE_ITEM_KIND.len(), 37);
        assert_eq!(MEDIA_TYPE.len(), 5);
        assert_eq!(PLAY_METHOD.len(), 3);
        assert_eq!(REPEAT_MODE.len(), 3);
        assert_eq!(PLAYBACK_ORDER.len(), 2);
    }

    #[test]
    fn reading() {
        assert_eq!(from_text(PLAYSTATE_COMMAND, "pause"), Some("Pause"));
        assert_eq!(from_text(PLAYSTATE_COMMAND, "1"), Some("Pause"));
        assert_eq!(from_text(PLAYSTATE_COMMAND, "99"), None);
        assert_eq!(from_text(PLAYSTATE_COMMAND, "Pausee"), None);
        assert_eq!(from_json(GENERAL_COMMAND, &json!("displaymessage")), Some("DisplayMessage"));
        assert_eq!(from_json(GENERAL_COMMAND, &json!(0)), Some("MoveUp"));
        assert_eq!(from_json(GENERAL_COMMAND, &json!(true)), None);
    }
}
