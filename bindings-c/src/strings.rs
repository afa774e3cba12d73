//! Strings and JSON on their way out to C: NUL-terminated copies, the lazily built string
//! fields of result objects, JSON text the caller owns, and `sl_string_free`. (Strings coming
//! in are read in `ffi.rs`.)

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

use crate::failure::Failure;
use crate::ffi::{free_c_string, req_str, Out};
use crate::status::sl_status;

/// A NUL-terminated copy of `s`. C strings cannot hold NUL, so a value with an embedded NUL
/// (legal in JSON) is cut there; the `*_json` accessors carry it in full.
pub(crate) fn to_cstring(s: &str) -> CString {
    let bytes = s.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// A string handed to the caller, who frees it with `sl_string_free`.
pub(crate) fn owned_c_string(s: &str) -> *mut c_char {
    to_cstring(s).into_raw()
}

/// Lazily built NUL-terminated copies of a result's string fields, so that reading one field
/// costs one small allocation the first time and nothing after, and the pointer stays valid
/// as long as the result object.
///
/// Each slot is an atomic pointer, NULL until first read, rather than a `OnceLock`: a
/// `OnceLock` keeps its value as `MaybeUninit`, and in the release build the inlined drop of
/// a result whose strings were never read branched on those uninitialised bytes (valgrind:
/// "Conditional jump depends on uninitialised value" in `sl_g4_session_free`, issue 9). Here
/// every byte is initialised, and a slot is freed only if it holds a string.
pub(crate) struct StrCache<const N: usize> {
    slots: [AtomicPtr<c_char>; N],
}

impl<const N: usize> Default for StrCache<N> {
    fn default() -> Self {
        StrCache { slots: std::array::from_fn(|_| AtomicPtr::new(ptr::null_mut())) }
    }
}

impl<const N: usize> StrCache<N> {
    /// The string of `slot`, made from `value` on first read; NULL when the value is absent
    /// (asked again next time, which costs nothing).
    pub(crate) fn get<'s>(&self, slot: usize, value: impl FnOnce() -> Option<&'s str>) -> *const c_char {
        self.get_or(slot, || value().map(owned_c_string))
    }

    /// As [`StrCache::get`], for a value made on demand (a JSON encoding).
    pub(crate) fn get_owned(&self, slot: usize, value: impl FnOnce() -> Option<String>) -> *const c_char {
        self.get_or(slot, || value().map(|v| owned_c_string(&v)))
    }

    fn get_or(&self, slot: usize, make: impl FnOnce() -> Option<*mut c_char>) -> *const c_char {
        let cached = self.slots[slot].load(Ordering::Acquire);
        if !cached.is_null() {
            return cached;
        }
        let Some(fresh) = make() else { return ptr::null() };
        // Two threads may race to fill a slot: the first one's string stays, the other's is
        // freed, and both return the one that stays.
        match self.slots[slot].compare_exchange(ptr::null_mut(), fresh, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => fresh,
            Err(winner) => {
                free_c_string(fresh);
                winner
            }
        }
    }
}

impl<const N: usize> Drop for StrCache<N> {
    fn drop(&mut self) {
        for slot in &mut self.slots {
            free_c_string(*slot.get_mut());
        }
    }
}

/// Serialises a wire model to a string the caller owns.
pub(crate) fn write_json<T: serde::Serialize>(value: &T, out: Out<*mut c_char>) -> Result<(), Failure> {
    let json = serde_json::to_string(value)
        .map_err(|e| Failure::new(sl_status::SL_STATUS_INTERNAL, format!("cannot encode JSON: {e}")))?;
    out.write(CString::new(json).unwrap_or_default().into_raw());
    Ok(())
}

/// Parses a caller-supplied JSON argument.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &str, name: &str) -> Result<T, Failure> {
    serde_json::from_str(json)
        .map_err(|e| Failure::invalid(format!("{name} is not valid JSON of the expected shape: {e}")))
}

/// A request body given as JSON text. Typed fields the JSON leaves out take their values
/// from `defaults` (through the model's `with_defaults_from`), so that a partial object means
/// what the same fields set on `defaults` mean to a Rust caller.
pub(crate) fn parse_body<M: serde::de::DeserializeOwned>(
    json: *const c_char,
    name: &str,
    with_defaults_from: fn(M, &M) -> M,
    defaults: &M,
) -> Result<M, Failure> {
    Ok(with_defaults_from(parse_json(req_str(json, name)?, name)?, defaults))
}

/// Frees a string returned through a `char **` out parameter (the `*_json` accessors,
/// `sl_jellyfin_client_user_id`). NULL is a no-op. Not for the `const char *` accessors'
/// strings: those belong to their result object.
///
/// Ownership: takes `s`.
#[no_mangle]
pub extern "C" fn sl_string_free(s: *mut c_char) {
    ffi_boundary!({ free_c_string(s) })
}

#[cfg(test)]
mod tests {
    use std::ffi::CString;

    use sessionlink_core::jellyfin::models::{ClientCapabilitiesDto, PlaybackStartInfo, PlaybackStopInfo};

    use super::parse_body;

    fn body<M: serde::de::DeserializeOwned>(json: &str, with_defaults_from: fn(M, &M) -> M, defaults: &M) -> M {
        let json = CString::new(json).unwrap();
        parse_body(json.as_ptr(), "body", with_defaults_from, defaults).unwrap()
    }

    /// A partial JSON body sends what a Rust caller sends for the same values set on the
    /// defaults: byte for byte, since the core serialises the model as given.
    #[test]
    fn partial_bodies_are_sent_as_rust_sends_them() {
        let defaults = ClientCapabilitiesDto::new();
        let c = body(r#"{"SupportsMediaControl":true}"#, ClientCapabilitiesDto::with_defaults_from, &defaults);
        let rust = ClientCapabilitiesDto { supports_media_control: true, ..ClientCapabilitiesDto::new() };
        assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&rust).unwrap());

        let item = "0123456789abcdef0123456789abcdef";
        let json = format!(r#"{{"ItemId":"{item}","PositionTicks":0}}"#);
        let c = body(&json, PlaybackStartInfo::with_defaults_from, &PlaybackStartInfo::default());
        let rust = PlaybackStartInfo { item_id: item.to_owned(), position_ticks: Some(0), ..Default::default() };
        assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&rust).unwrap());

        let json = format!(r#"{{"ItemId":"{item}","Failed":true}}"#);
        let c = body(&json, PlaybackStopInfo::with_defaults_from, &PlaybackStopInfo::default());
        let rust = PlaybackStopInfo { item_id: item.to_owned(), failed: true, ..Default::default() };
        assert_eq!(serde_json::to_string(&c).unwrap(), serde_json::to_string(&rust).unwrap());
    }

    /// What the caller wrote stays: unknown fields, and explicit values equal to a default.
    #[test]
    fn given_fields_are_kept() {
        let defaults = ClientCapabilitiesDto::new();
        let json = r#"{"SupportsPersistentIdentifier":false,"X-Custom":[1]}"#;
        let c = body(json, ClientCapabilitiesDto::with_defaults_from, &defaults);
        let sent = serde_json::to_string(&c).unwrap();
        assert!(sent.contains(r#""SupportsPersistentIdentifier":false"#), "{sent}");
        assert!(sent.contains(r#""X-Custom":[1]"#), "{sent}");
    }
}
