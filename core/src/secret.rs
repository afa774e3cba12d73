//! A string that must never be printed: tokens, API keys, passwords.

use std::fmt;

/// Holds a credential. `Debug` and `Display` print `***`; the value is reachable only through
/// [`Secret::expose`], which keeps every place that uses it easy to find.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, to send it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the credential is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// Credentials shorter than this are not scrubbed from server text: they cannot be told
/// apart from ordinary words, and replacing them would garble every message.
const MIN_SCRUBBED_LEN: usize = 4;

/// The spellings of each credential that a server may echo: as sent; percent-encoded (as in
/// the Authorization header and URLs), and with `+` for a space as forms encode it; and
/// JSON-escaped as encoders write it: minimally, with every non-ASCII character as `\uXXXX`,
/// and as .NET's default encoder does (also `"&'+<>` and the backtick as `\u00XX`). A GUID
/// (Jellyfin's tokens and ids) also in its other format, dashed or not, as .NET prints either.
/// Longest first, so a longer secret that contains a shorter one is replaced whole. Case is
/// ignored when scrubbing, so no form is listed in another case: `%2f` for `%2F`, `\u00E9`
/// for `\u00e9` and an upper-case token are the same form.
pub(crate) fn scrub_forms(secrets: &[String]) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for secret in secrets.iter().filter(|s| s.chars().count() >= MIN_SCRUBBED_LEN) {
        let mut encoded = String::new();
        crate::encoding::push_encoded(&mut encoded, secret);
        let form_encoded = encoded.replace("%20", "+");
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = json.trim_matches('"').to_owned();
        let ascii = |escape: fn(char) -> bool| -> String {
            let mut out = String::new();
            for c in json.chars() {
                if !c.is_ascii() || escape(c) {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        let other_guid = other_guid_format(secret);
        let candidates = [
            other_guid.unwrap_or_default(),
            secret.clone(),
            encoded,
            form_encoded,
            ascii(|_| false),
            // System.Text.Json's default: `"` comes out as \u0022 rather than \".
            ascii(|c| "&'+<>`".contains(c)).replace("\\\"", "\\u0022"),
            json,
        ];
        for form in candidates {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
}

/// A GUID in the other of .NET's two common formats: `N` (32 hex digits) <-> `D` (dashed).
fn other_guid_format(secret: &str) -> Option<String> {
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    match secret.len() {
        32 if hex(secret) => Some(format!(
            "{}-{}-{}-{}-{}",
            &secret[..8],
            &secret[8..12],
            &secret[12..16],
            &secret[16..20],
            &secret[20..]
        )),
        36 if [8, 13, 18, 23].iter().all(|&i| secret.as_bytes()[i] == b'-') && hex(&secret.replace('-', "")) => {
            let n = secret.replace('-', "");
            (n.len() == 32).then_some(n)
        }
        _ => None,
    }
}

/// `text` with every form replaced by `***`, ignoring ASCII case (a server may print a hex
/// token in upper case), after percent-encoded unreserved characters are decoded (`%61` is
/// `a` in a URL, RFC 3986 §6.2.2.2: a server may encode more than we do).
/// Text without a secret comes back unchanged.
pub(crate) fn scrub(text: &str, forms: &[String]) -> String {
    let decoded = decode_unreserved(text);
    let mut out = decoded.clone();
    for form in forms {
        out = replace_ignoring_case(&out, form);
    }
    if out == decoded {
        text.to_owned()
    } else {
        out
    }
}

/// Every occurrence of `form` in `text`, in any ASCII case, replaced by `***`.
fn replace_ignoring_case(text: &str, form: &str) -> String {
    // ASCII lower-casing keeps every byte offset, so offsets found in the lowered text are
    // offsets in `text`, on character boundaries.
    let lowered = text.to_ascii_lowercase();
    let form = form.to_ascii_lowercase();
    if form.is_empty() || !lowered.contains(&form) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, _) in lowered.match_indices(&form) {
        out.push_str(&text[from..at]);
        out.push_str("***");
        from = at + form.len();
    }
    out.push_str(&text[from..]);
    out
}

/// `%XX` that encodes an unreserved character (letters, digits, `-._~`) decoded.
fn decode_unreserved(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex.filter(|b| b.is_ascii_alphanumeric() || b"-._~".contains(b)) {
                out.push(char::from(b));
                i += 3;
                continue;
            }
        }
        // Copy one whole character.
        let c = text[i..].chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

/// Scrubs every string, and every object key, of a JSON value.
pub(crate) fn scrub_json(value: &mut serde_json::Value, forms: &[String]) {
    match value {
        serde_json::Value::String(s) => *s = scrub(s, forms),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| scrub_json(v, forms)),
        serde_json::Value::Object(map) => {
            let entries = std::mem::take(map);
            for (k, mut v) in entries {
                scrub_json(&mut v, forms);
                map.insert(scrub(&k, forms), v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error and log line is scrubbed with each form in turn: each spelling is listed
    /// once, none is empty, and the longest come first (a form inside a longer one must not
    /// break the longer one's match).
    #[test]
    fn the_forms_are_distinct_non_empty_and_longest_first() {
        // A plain key (most spellings equal), a GUID (two formats), one with escapes and spaces.
        let secrets = ["abcd1234".to_owned(), "0123456789abcdef0123456789abcdef".to_owned(), "a b+\"é".to_owned()];
        let forms = scrub_forms(&secrets);
        let mut distinct = forms.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), forms.len(), "{forms:?}");
        assert!(forms.iter().all(|f| !f.is_empty()), "{forms:?}");
        assert!(forms.windows(2).all(|w| w[0].len() >= w[1].len()), "{forms:?}");
        assert!(forms.contains(&"01234567-89ab-cdef-0123-456789abcdef".to_owned()), "{forms:?}");
    }

    #[test]
    fn every_spelling_of_a_secret_is_scrubbed() {
        let forms = scrub_forms(&["to+k/en\"1".to_owned(), "abc".to_owned()]);
        let text = "raw to+k/en\"1, encoded to%2Bk%2Fen%221, json to+k/en\\\"1, short abc";
        assert_eq!(scrub(text, &forms), "raw ***, encoded ***, json ***, short abc");
        let mut body = serde_json::json!({"echo": ["Token=\"to%2Bk%2Fen%221\""], "to+k/en\"1": 1});
        scrub_json(&mut body, &forms);
        assert_eq!(body, serde_json::json!({"echo": ["Token=\"***\""], "***": 1}));
    }

    #[test]
    fn what_other_encoders_write_is_scrubbed_too() {
        let forms = scrub_forms(&["pa ss\"w/é+1".to_owned()]);
        for echoed in [
            "pa%20ss%22w%2F%C3%A9%2B1",      // percent-encoded
            "pa%20ss%22w%2f%c3%a9%2b1",      // lower-case hex
            "pa+ss%22w%2F%C3%A9%2B1",        // a form's space
            r#"pa ss\"w/\u00e9+1"#,          // JSON, non-ASCII escaped
            r#"pa ss\"w/\u00E9+1"#,          // upper-case hex
            r#"pa ss\u0022w/\u00E9\u002B1"#, // .NET's default encoder
        ] {
            assert_eq!(scrub(&format!("<{echoed}>"), &forms), "<***>", "{echoed}");
        }
        // Any case of the hex digits and of the secret's own letters.
        let forms = scrub_forms(&["Pa/Ss".to_owned()]);
        for echoed in ["Pa%2FSs", "Pa%2fSs", "pa%2fss", "PA%2FSS"] {
            assert_eq!(scrub(&format!("<{echoed}>"), &forms), "<***>", "{echoed}");
        }
    }

    #[test]
    fn case_guid_formats_and_over_encoding_do_not_hide_a_secret() {
        let token = "0123456789abcdef0123456789abcdef";
        let forms = scrub_forms(&[token.to_owned()]);
        for echoed in [
            "0123456789ABCDEF0123456789ABCDEF",     // upper case
            "01234567-89ab-cdef-0123-456789abcdef", // .NET's D format
            "01234567-89AB-CDEF-0123-456789ABCDEF",
            "%30123456789abcdef0123456789abcde%66", // unreserved characters percent-encoded
        ] {
            assert_eq!(scrub(&format!("/session/{echoed}?x"), &forms), "/session/***?x", "{echoed}");
        }
        let dashed = scrub_forms(&["01234567-89ab-cdef-0123-456789abcdef".to_owned()]);
        assert_eq!(scrub(token, &dashed), "***");
        // Text without a secret is unchanged.
        for text in ["a%2Fb %zz %4 é%", "%41%42"] {
            assert_eq!(scrub(text, &forms), text);
        }
        assert_eq!(decode_unreserved("a%2Fb %zz %4 é% %41%7e"), "a%2Fb %zz %4 é% A~");
    }
}
