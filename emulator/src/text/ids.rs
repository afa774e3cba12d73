//! The server's identifiers: N-format GUIDs as `Guid.Parse` reads them, and MD5-derived ids.

use md5::{Digest, Md5};

/// The empty GUID, which the server writes for "no user".
pub(crate) const ZERO_GUID: &str = "00000000000000000000000000000000";

pub(crate) fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The server's session id: md5(Client + DeviceId).
pub(crate) fn session_id_for(client: &str, device_id: &str) -> String {
    md5_hex(&format!("{client}{device_id}"))
}

/// `Guid.Parse`: accepts 32 hex digits, optionally dashed 8-4-4-4-12 and optionally in
/// braces or parentheses; returns the N format (lowercase, no dashes).
pub(crate) fn parse_guid(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t);
    let hex: String = match t.len() {
        32 => t.to_owned(),
        36 => {
            let dashes_ok = t.char_indices().all(|(i, c)| matches!(i, 8 | 13 | 18 | 23) == (c == '-'));
            if !dashes_ok {
                return None;
            }
            t.chars().filter(|c| *c != '-').collect()
        }
        _ => return None,
    };
    hex.chars().all(|c| c.is_ascii_hexdigit()).then(|| hex.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_forms() {
        let n = "0123456789abcdef0123456789abcdef";
        assert_eq!(parse_guid(n).as_deref(), Some(n));
        assert_eq!(parse_guid("01234567-89AB-CDEF-0123-456789ABCDEF").as_deref(), Some(n));
        assert_eq!(parse_guid("{01234567-89ab-cdef-0123-456789abcdef}").as_deref(), Some(n));
        assert_eq!(parse_guid("0123456789abcdef0123456789abcdeg"), None);
        assert_eq!(parse_guid("0123456-789ab-cdef-0123-456789abcdef"), None);
        assert_eq!(parse_guid("../x"), None);
    }

    #[test]
    fn session_id_is_md5_of_client_and_device() {
        assert_eq!(session_id_for("", ""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(session_id_for("a", "bc"), md5_hex("abc"));
    }
}
