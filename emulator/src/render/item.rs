//! The `BaseItemDto` of a library item.

use serde_json::{json, Value};

use super::case::compact;
use crate::state::library::Item;
use crate::state::State;
use crate::text::ids::md5_hex;

/// A `BaseItemDto` with the fields a session view shows.
pub(crate) fn item_dto(state: &State, i: &Item) -> Value {
    let series_id = i.series_name.as_deref().map(|_| i.parent_id.clone());
    compact(json!({
        "Name": i.name,
        "ServerId": state.server_id,
        "Id": i.id,
        "Etag": md5_hex(&i.id),
        "DateCreated": "2024-01-01T00:00:00.0000000Z",
        "CanDelete": false,
        "CanDownload": true,
        "SortName": i.name.to_lowercase(),
        "RunTimeTicks": i.run_time_ticks,
        "ProductionYear": i.production_year,
        "IndexNumber": i.index_number,
        "ParentIndexNumber": i.parent_index_number,
        "IsFolder": i.is_folder,
        "ParentId": i.parent_id,
        "Type": i.kind,
        "SeriesName": i.series_name,
        "SeriesId": series_id.flatten(),
        "ImageTags": {},
        "BackdropImageTags": [],
        "LocationType": "FileSystem",
        "MediaType": i.media_type,
    }))
}
