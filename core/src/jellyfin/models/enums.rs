//! The contract's enums that sessionlink types. Each keeps values it does not know.

use crate::wire_enum;

wire_enum! {
    /// `GeneralCommandType` (43 values in Jellyfin 10.11.11).
    pub enum GeneralCommandType {
        MoveUp = "MoveUp",
        MoveDown = "MoveDown",
        MoveLeft = "MoveLeft",
        MoveRight = "MoveRight",
        PageUp = "PageUp",
        PageDown = "PageDown",
        PreviousLetter = "PreviousLetter",
        NextLetter = "NextLetter",
        ToggleOsd = "ToggleOsd",
        ToggleContextMenu = "ToggleContextMenu",
        Select = "Select",
        Back = "Back",
        TakeScreenshot = "TakeScreenshot",
        SendKey = "SendKey",
        SendString = "SendString",
        GoHome = "GoHome",
        GoToSettings = "GoToSettings",
        VolumeUp = "VolumeUp",
        VolumeDown = "VolumeDown",
        Mute = "Mute",
        Unmute = "Unmute",
        ToggleMute = "ToggleMute",
        SetVolume = "SetVolume",
        SetAudioStreamIndex = "SetAudioStreamIndex",
        SetSubtitleStreamIndex = "SetSubtitleStreamIndex",
        ToggleFullscreen = "ToggleFullscreen",
        DisplayContent = "DisplayContent",
        GoToSearch = "GoToSearch",
        DisplayMessage = "DisplayMessage",
        SetRepeatMode = "SetRepeatMode",
        ChannelUp = "ChannelUp",
        ChannelDown = "ChannelDown",
        Guide = "Guide",
        ToggleStats = "ToggleStats",
        PlayMediaSource = "PlayMediaSource",
        PlayTrailers = "PlayTrailers",
        SetShuffleQueue = "SetShuffleQueue",
        PlayState = "PlayState",
        PlayNext = "PlayNext",
        ToggleOsdMenu = "ToggleOsdMenu",
        Play = "Play",
        SetMaxStreamingBitrate = "SetMaxStreamingBitrate",
        SetPlaybackOrder = "SetPlaybackOrder",
    }
}

wire_enum! {
    /// `PlaystateCommand` (9 values in Jellyfin 10.11.11).
    pub enum PlaystateCommand {
        Stop = "Stop",
        Pause = "Pause",
        Unpause = "Unpause",
        NextTrack = "NextTrack",
        PreviousTrack = "PreviousTrack",
        Seek = "Seek",
        Rewind = "Rewind",
        FastForward = "FastForward",
        PlayPause = "PlayPause",
    }
}

wire_enum! {
    /// `PlayCommand` (5 values in Jellyfin 10.11.11).
    pub enum PlayCommand {
        PlayNow = "PlayNow",
        PlayNext = "PlayNext",
        PlayLast = "PlayLast",
        PlayInstantMix = "PlayInstantMix",
        PlayShuffle = "PlayShuffle",
    }
}

wire_enum! {
    /// `BaseItemKind` (37 values in Jellyfin 10.11.11).
    pub enum BaseItemKind {
        AggregateFolder = "AggregateFolder",
        Audio = "Audio",
        AudioBook = "AudioBook",
        BasePluginFolder = "BasePluginFolder",
        Book = "Book",
        BoxSet = "BoxSet",
        Channel = "Channel",
        ChannelFolderItem = "ChannelFolderItem",
        CollectionFolder = "CollectionFolder",
        Episode = "Episode",
        Folder = "Folder",
        Genre = "Genre",
        ManualPlaylistsFolder = "ManualPlaylistsFolder",
        Movie = "Movie",
        LiveTvChannel = "LiveTvChannel",
        LiveTvProgram = "LiveTvProgram",
        MusicAlbum = "MusicAlbum",
        MusicArtist = "MusicArtist",
        MusicGenre = "MusicGenre",
        MusicVideo = "MusicVideo",
        Person = "Person",
        Photo = "Photo",
        PhotoAlbum = "PhotoAlbum",
        Playlist = "Playlist",
        PlaylistsFolder = "PlaylistsFolder",
        Program = "Program",
        Recording = "Recording",
        Season = "Season",
        Series = "Series",
        Studio = "Studio",
        Trailer = "Trailer",
        TvChannel = "TvChannel",
        TvProgram = "TvProgram",
        UserRootFolder = "UserRootFolder",
        UserView = "UserView",
        Video = "Video",
        Year = "Year",
    }
}

wire_enum! {
    /// `MediaType` (5 values in Jellyfin 10.11.11).
    pub enum MediaType {
        Unknown = "Unknown",
        Video = "Video",
        Audio = "Audio",
        Photo = "Photo",
        Book = "Book",
    }
}

wire_enum! {
    /// `PlayMethod` (3 values in Jellyfin 10.11.11).
    pub enum PlayMethod default Transcode {
        Transcode = "Transcode",
        DirectStream = "DirectStream",
        DirectPlay = "DirectPlay",
    }
}

wire_enum! {
    /// `RepeatMode` (3 values in Jellyfin 10.11.11).
    pub enum RepeatMode default RepeatNone {
        RepeatNone = "RepeatNone",
        RepeatAll = "RepeatAll",
        RepeatOne = "RepeatOne",
    }
}

wire_enum! {
    /// `PlaybackOrder` (2 values in Jellyfin 10.11.11).
    pub enum PlaybackOrder default Default {
        Default = "Default",
        Shuffle = "Shuffle",
    }
}

wire_enum! {
    /// `HardwareAccelerationType` (8 values in Jellyfin 10.11.11).
    pub enum HardwareAccelerationType {
        None = "none",
        Amf = "amf",
        Qsv = "qsv",
        Nvenc = "nvenc",
        V4l2m2m = "v4l2m2m",
        Vaapi = "vaapi",
        Videotoolbox = "videotoolbox",
        Rkmpp = "rkmpp",
    }
}
