//! `sl_name_id_list`: the result of the auth provider lists.

use std::os::raw::{c_char, c_void};
use std::ptr;

use sessionlink_core::jellyfin::models::NameIdPair;

use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, try_ref, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// A list of name/id pairs (authentication providers).
///
/// Functions:
/// - `sl_name_id_list_len`: the number of pairs.
/// - `sl_name_id_list_name`, `sl_name_id_list_id`: the name and id of a pair.
/// - `sl_name_id_list_json`: the whole list as the server's JSON.
/// - `sl_name_id_list_free`.
pub struct sl_name_id_list {
    _private: [u8; 0],
}

/// Receives the result of the `*_providers_async` calls: on `SL_STATUS_OK` a new list the
/// callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
/// duration of the callback.
pub type sl_name_id_list_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_name_id_list,
        error: *const sl_error,
    ),
>;

impl Castable for sl_name_id_list {
    type Ownership = Owned;
    type RustType = NameIdList;
}

pub(crate) struct NameIdList {
    items: Vec<NameIdPair>,
    strings: Vec<StrCache<2>>,
}

impl From<Vec<NameIdPair>> for NameIdList {
    fn from(items: Vec<NameIdPair>) -> Self {
        let strings = items.iter().map(|_| StrCache::default()).collect();
        NameIdList { items, strings }
    }
}

/// The number of pairs; 0 when `list` is NULL.
///
/// Ownership: borrows `list`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_len(list: *const sl_name_id_list) -> usize {
    ffi_boundary!({ opt_ref(list).map_or(0, |l| l.items.len()) })
}

/// A string field of pair `index`, through its cache; NULL when absent or out of range.
fn pair_str(
    list: *const sl_name_id_list,
    index: usize,
    slot: usize,
    field: impl FnOnce(&NameIdPair) -> Option<&str>,
) -> *const c_char {
    match opt_ref(list).and_then(|l| Some((l.items.get(index)?, l.strings.get(index)?))) {
        Some((item, cache)) => cache.get(slot, || field(item)),
        None => ptr::null(),
    }
}

/// The name of pair `index`; NULL when absent or out of range.
///
/// Ownership: borrows `list`; the string is valid until `sl_name_id_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_name(list: *const sl_name_id_list, index: usize) -> *const c_char {
    ffi_boundary!({ pair_str(list, index, 0, |p| p.name.as_deref()) })
}

/// The id of pair `index` (for providers a .NET type name, not a GUID); NULL when absent or
/// out of range.
///
/// Ownership: borrows `list`; the string is valid until `sl_name_id_list_free(list)`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_id(list: *const sl_name_id_list, index: usize) -> *const c_char {
    ffi_boundary!({ pair_str(list, index, 1, |p| p.id.as_deref()) })
}

/// The whole list as the server's JSON array.
///
/// Ownership: borrows `list`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_name_id_list_json(
    list: *const sl_name_id_list,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { write_json(&try_ref(list, "list")?.items, Out::required(json_out, "json_out")?) })
}

/// Frees a name/id list and every string borrowed from it. NULL is a no-op.
///
/// Ownership: takes `list`.
#[no_mangle]
pub extern "C" fn sl_name_id_list_free(list: *mut sl_name_id_list) {
    ffi_boundary!({ free_box(list) })
}
