//! `BaseItemDto`: 153 fields on the wire; the ones a session view reads are typed, the rest
//! are kept in `extra`.

use std::collections::BTreeMap;

use crate::jellyfin::models::{BaseItemKind, MediaType};
use crate::wire::DateTime;
use crate::wire_struct;

wire_struct! {
    /// A library item, as found in `NowPlayingItem` and `NowViewingItem`.
    pub struct BaseItemDto {
        name: Option<String> = "Name",
        /// The title in the original language.
        original_title: Option<String> = "OriginalTitle",
        server_id: Option<String> = "ServerId",
        /// A GUID (32 hex digits, sometimes dashed).
        id: String = "Id",
        etag: Option<String> = "Etag",
        date_created: Option<DateTime> = "DateCreated",
        /// The media container (`mkv`, `mp4`, ...).
        container: Option<String> = "Container",
        sort_name: Option<String> = "SortName",
        premiere_date: Option<DateTime> = "PremiereDate",
        path: Option<String> = "Path",
        overview: Option<String> = "Overview",
        genres: Option<Vec<String>> = "Genres",
        community_rating: Option<f64> = "CommunityRating",
        /// In .NET ticks (10,000 per millisecond).
        run_time_ticks: Option<i64> = "RunTimeTicks",
        production_year: Option<i32> = "ProductionYear",
        index_number: Option<i32> = "IndexNumber",
        parent_index_number: Option<i32> = "ParentIndexNumber",
        is_folder: Option<bool> = "IsFolder",
        parent_id: Option<String> = "ParentId",
        item_type: BaseItemKind = "Type",
        series_name: Option<String> = "SeriesName",
        series_id: Option<String> = "SeriesId",
        season_id: Option<String> = "SeasonId",
        season_name: Option<String> = "SeasonName",
        album: Option<String> = "Album",
        album_id: Option<String> = "AlbumId",
        album_artist: Option<String> = "AlbumArtist",
        artists: Option<Vec<String>> = "Artists",
        channel_id: Option<String> = "ChannelId",
        /// The name of the live TV channel, for channel items.
        channel_name: Option<String> = "ChannelName",
        /// Keys are `ImageType` names (`Primary`, `Backdrop`, ...), values image tags.
        image_tags: Option<BTreeMap<String, String>> = "ImageTags",
        media_type: MediaType = "MediaType",
    }
}
