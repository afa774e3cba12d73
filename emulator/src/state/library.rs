//! The Jellyfin library: the items sessions can play and view.

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub media_type: &'static str,
    pub is_folder: bool,
    pub parent_id: Option<String>,
    pub run_time_ticks: Option<i64>,
    pub series_name: Option<String>,
    pub index_number: Option<i32>,
    pub parent_index_number: Option<i32>,
    pub production_year: Option<i32>,
}

/// What `Play` queues for an id: the item itself, or a folder's non-folder descendants
/// sorted by name; nothing for an unknown id.
pub(crate) fn expand_for_playback(items: &[Item], id: &str) -> Vec<String> {
    let Some(item) = items.iter().find(|i| i.id == id) else { return Vec::new() };
    if !item.is_folder {
        return vec![item.id.clone()];
    }
    let mut out: Vec<&Item> = Vec::new();
    let mut stack = vec![item.id.clone()];
    while let Some(parent) = stack.pop() {
        for child in items.iter().filter(|c| c.parent_id.as_deref() == Some(parent.as_str())) {
            if child.is_folder {
                stack.push(child.id.clone());
            } else {
                out.push(child);
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.into_iter().map(|i| i.id.clone()).collect()
}
