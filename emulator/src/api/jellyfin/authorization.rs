//! The Jellyfin `Authorization: MediaBrowser ...` header, parsed exactly as the server's
//! `AuthorizationContext.GetParts` does (jellyfin-notes.md §4.2).
//!
//! The grammar is deliberately naive (a quote toggles "inside a value", there are no
//! escapes): a client that quotes and percent-encodes every value survives it, a client that
//! does not is supposed to fail here the way it would fail against a real server.

use std::collections::HashMap;

use crate::text::decode::url_decode;

/// Parses a full header value (`<scheme> <params>`). `None` when there is no space or the
/// scheme is not `MediaBrowser` (any case) or, with legacy authorization on (the 10.11
/// default), `Emby`.
pub(crate) fn parse_authorization(header: &str, legacy: bool) -> Option<HashMap<String, String>> {
    let space = header.find(' ')?;
    let scheme = &header[..space];
    let valid = scheme.eq_ignore_ascii_case("MediaBrowser") || (legacy && scheme.eq_ignore_ascii_case("Emby"));
    valid.then(|| parse_parts(&header[space + 1..]))
}

/// `GetParts`: split on commas outside double quotes, key = text before `=` trimmed, value =
/// raw text with quotes trimmed from both ends, then URL-decoded. Keys stay case-sensitive and
/// a later duplicate wins. The quirks are kept on purpose: an empty value leaves the key
/// pending, an unquoted `=` starts a new key, and a part without `=` lands under the
/// previous pending key (or `""`).
pub(crate) fn parse_parts(params: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut quoted = false;
    let mut start = 0;
    let mut key = String::new();
    for (i, byte) in params.bytes().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if start < i {
                    out.insert(std::mem::take(&mut key), url_decode(params[start..i].trim_matches('"')));
                }
                start = i + 1;
            }
            b'=' if !quoted => {
                key = params[start..i].trim().to_owned();
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < params.len() {
        out.insert(key, url_decode(params[start..].trim_matches('"')));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<(String, String)> {
        let mut v: Vec<_> = parse_parts(s).into_iter().collect();
        v.sort();
        v
    }

    fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut v: Vec<_> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        v.sort();
        v
    }

    #[test]
    fn canonical_header() {
        let h =
            r#"MediaBrowser Client="My%20App", Device="Living+Room", DeviceId="abc", Version="1.2.3", Token="0123""#;
        let map = parse_authorization(h, false).expect("valid scheme");
        assert_eq!(map["Client"], "My App");
        assert_eq!(map["Device"], "Living Room");
        assert_eq!(map["DeviceId"], "abc");
        assert_eq!(map["Version"], "1.2.3");
        assert_eq!(map["Token"], "0123");
    }

    #[test]
    fn scheme_is_case_insensitive_and_checked() {
        assert!(parse_authorization(r#"mediabrowser Token="x""#, false).is_some());
        assert!(parse_authorization(r#"Emby Token="x""#, false).is_none());
        assert!(parse_authorization(r#"Emby Token="x""#, true).is_some());
        assert!(parse_authorization(r#"Bearer x"#, true).is_none());
        assert!(parse_authorization("MediaBrowser", true).is_none());
    }

    #[test]
    fn keys_are_case_sensitive_and_trimmed_and_last_wins() {
        assert_eq!(parts(r#"  token="a",Token="b" ,  Token="c""#), kv(&[("token", "a"), ("Token", "c")]));
    }

    #[test]
    fn commas_inside_quotes_stay_and_plus_is_space() {
        assert_eq!(parts(r#"Device="a, b+c%2Bd""#), kv(&[("Device", "a, b c+d")]));
    }

    #[test]
    fn no_backslash_escapes() {
        // A backslash does not protect the quote after it: that quote closes the value.
        assert_eq!(parts(r#"Device="a\", Client="c""#), kv(&[("Device", "a\\"), ("Client", "c")]));
        // A stray quote re-opens the value and swallows the following comma.
        assert_eq!(parts(r#"Device="a"b", Client="c""#), kv(&[("Device", r#"a"b", Client="c"#)]));
    }

    #[test]
    fn unquoted_values_keep_spaces_and_empty_values_are_skipped() {
        assert_eq!(parts("Client= x ,Version=1"), kv(&[("Client", " x "), ("Version", "1")]));
        assert_eq!(parts(r#"Token=,Client="c""#), kv(&[("Client", "c")]));
        assert_eq!(parts(r#"Token="",Client="c""#), kv(&[("Token", ""), ("Client", "c")]));
    }
}
