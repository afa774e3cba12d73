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
/// the Authorization header and URLs), with upper- or lower-case hex digits, and with `+` for
/// a space as forms encode it; and JSON-escaped as encoders write it: minimally, with every
/// non-ASCII character as `\uXXXX` (lower- or upper-case hex), and as .NET's default
/// encoder does (also `"&'+<>` and the backtick as `\u00XX`). Longest first, so a longer
/// secret that contains a shorter one is replaced whole.
pub(crate) fn scrub_forms(secrets: &[String]) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for secret in secrets.iter().filter(|s| s.chars().count() >= MIN_SCRUBBED_LEN) {
        let mut encoded = String::new();
        crate::encoding::push_encoded(&mut encoded, secret);
        let lower_hex = lower_percent_hex(&encoded);
        let form_encoded = encoded.replace("%20", "+");
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = json.trim_matches('"').to_owned();
        let ascii = |upper: bool, escape: fn(char) -> bool| -> String {
            let mut out = String::new();
            for c in json.chars() {
                if !c.is_ascii() || escape(c) {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&if upper { format!("\\u{unit:04X}") } else { format!("\\u{unit:04x}") });
                    }
                } else {
                    out.push(c);
                }
            }
            out
        };
        let candidates = [
            secret.clone(),
            encoded,
            lower_hex,
            form_encoded,
            ascii(false, |_| false),
            ascii(true, |_| false),
            // System.Text.Json's default: `"` comes out as \u0022 rather than \".
            ascii(true, |c| "&'+<>`".contains(c)).replace("\\\"", "\\u0022"),
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

/// `%2F` -> `%2f`: the same percent-encoding with lower-case hex digits.
fn lower_percent_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0;
    for c in encoded.chars() {
        if c == '%' {
            hex_left = 2;
            out.push(c);
        } else if hex_left > 0 {
            hex_left -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with every form replaced by `***`.
pub(crate) fn scrub(text: &str, forms: &[String]) -> String {
    let mut out = text.to_owned();
    for form in forms {
        if out.contains(form.as_str()) {
            out = out.replace(form.as_str(), "***");
        }
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
    }
}
