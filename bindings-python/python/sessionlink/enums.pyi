"""Stubs of the contract enums (generated from sessionlink._native.WIRE_NAMES)."""
import enum

from typing_extensions import Self

__all__ = [
    "GeneralCommandType",
    "PlaystateCommand",
    "PlayCommand",
    "BaseItemKind",
    "MediaType",
    "PlayMethod",
    "RepeatMode",
    "PlaybackOrder",
    "HardwareAccelerationType",
]



class GeneralCommandType(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    MOVE_UP = "MoveUp"
    MOVE_DOWN = "MoveDown"
    MOVE_LEFT = "MoveLeft"
    MOVE_RIGHT = "MoveRight"
    PAGE_UP = "PageUp"
    PAGE_DOWN = "PageDown"
    PREVIOUS_LETTER = "PreviousLetter"
    NEXT_LETTER = "NextLetter"
    TOGGLE_OSD = "ToggleOsd"
    TOGGLE_CONTEXT_MENU = "ToggleContextMenu"
    SELECT = "Select"
    BACK = "Back"
    TAKE_SCREENSHOT = "TakeScreenshot"
    SEND_KEY = "SendKey"
    SEND_STRING = "SendString"
    GO_HOME = "GoHome"
    GO_TO_SETTINGS = "GoToSettings"
    VOLUME_UP = "VolumeUp"
    VOLUME_DOWN = "VolumeDown"
    MUTE = "Mute"
    UNMUTE = "Unmute"
    TOGGLE_MUTE = "ToggleMute"
    SET_VOLUME = "SetVolume"
    SET_AUDIO_STREAM_INDEX = "SetAudioStreamIndex"
    SET_SUBTITLE_STREAM_INDEX = "SetSubtitleStreamIndex"
    TOGGLE_FULLSCREEN = "ToggleFullscreen"
    DISPLAY_CONTENT = "DisplayContent"
    GO_TO_SEARCH = "GoToSearch"
    DISPLAY_MESSAGE = "DisplayMessage"
    SET_REPEAT_MODE = "SetRepeatMode"
    CHANNEL_UP = "ChannelUp"
    CHANNEL_DOWN = "ChannelDown"
    GUIDE = "Guide"
    TOGGLE_STATS = "ToggleStats"
    PLAY_MEDIA_SOURCE = "PlayMediaSource"
    PLAY_TRAILERS = "PlayTrailers"
    SET_SHUFFLE_QUEUE = "SetShuffleQueue"
    PLAY_STATE = "PlayState"
    PLAY_NEXT = "PlayNext"
    TOGGLE_OSD_MENU = "ToggleOsdMenu"
    PLAY = "Play"
    SET_MAX_STREAMING_BITRATE = "SetMaxStreamingBitrate"
    SET_PLAYBACK_ORDER = "SetPlaybackOrder"

class PlaystateCommand(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    STOP = "Stop"
    PAUSE = "Pause"
    UNPAUSE = "Unpause"
    NEXT_TRACK = "NextTrack"
    PREVIOUS_TRACK = "PreviousTrack"
    SEEK = "Seek"
    REWIND = "Rewind"
    FAST_FORWARD = "FastForward"
    PLAY_PAUSE = "PlayPause"

class PlayCommand(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    PLAY_NOW = "PlayNow"
    PLAY_NEXT = "PlayNext"
    PLAY_LAST = "PlayLast"
    PLAY_INSTANT_MIX = "PlayInstantMix"
    PLAY_SHUFFLE = "PlayShuffle"

class BaseItemKind(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    AGGREGATE_FOLDER = "AggregateFolder"
    AUDIO = "Audio"
    AUDIO_BOOK = "AudioBook"
    BASE_PLUGIN_FOLDER = "BasePluginFolder"
    BOOK = "Book"
    BOX_SET = "BoxSet"
    CHANNEL = "Channel"
    CHANNEL_FOLDER_ITEM = "ChannelFolderItem"
    COLLECTION_FOLDER = "CollectionFolder"
    EPISODE = "Episode"
    FOLDER = "Folder"
    GENRE = "Genre"
    MANUAL_PLAYLISTS_FOLDER = "ManualPlaylistsFolder"
    MOVIE = "Movie"
    LIVE_TV_CHANNEL = "LiveTvChannel"
    LIVE_TV_PROGRAM = "LiveTvProgram"
    MUSIC_ALBUM = "MusicAlbum"
    MUSIC_ARTIST = "MusicArtist"
    MUSIC_GENRE = "MusicGenre"
    MUSIC_VIDEO = "MusicVideo"
    PERSON = "Person"
    PHOTO = "Photo"
    PHOTO_ALBUM = "PhotoAlbum"
    PLAYLIST = "Playlist"
    PLAYLISTS_FOLDER = "PlaylistsFolder"
    PROGRAM = "Program"
    RECORDING = "Recording"
    SEASON = "Season"
    SERIES = "Series"
    STUDIO = "Studio"
    TRAILER = "Trailer"
    TV_CHANNEL = "TvChannel"
    TV_PROGRAM = "TvProgram"
    USER_ROOT_FOLDER = "UserRootFolder"
    USER_VIEW = "UserView"
    VIDEO = "Video"
    YEAR = "Year"

class MediaType(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    UNKNOWN = "Unknown"
    VIDEO = "Video"
    AUDIO = "Audio"
    PHOTO = "Photo"
    BOOK = "Book"

class PlayMethod(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    TRANSCODE = "Transcode"
    DIRECT_STREAM = "DirectStream"
    DIRECT_PLAY = "DirectPlay"

class RepeatMode(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    REPEAT_NONE = "RepeatNone"
    REPEAT_ALL = "RepeatAll"
    REPEAT_ONE = "RepeatOne"

class PlaybackOrder(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    DEFAULT = "Default"
    SHUFFLE = "Shuffle"

class HardwareAccelerationType(str, enum.Enum):
    def __new__(cls, value: str) -> Self: ...
    NONE = "none"
    AMF = "amf"
    QSV = "qsv"
    NVENC = "nvenc"
    V4L2M2M = "v4l2m2m"
    VAAPI = "vaapi"
    VIDEOTOOLBOX = "videotoolbox"
    RKMPP = "rkmpp"
