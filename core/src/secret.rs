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

/// The spellings of each credential that a server may echo: as sent, percent-encoded (as in
/// the Authorization header and URLs) and JSON-escaped. Longest first, so a longer secret
/// that contains a shorter one is replaced whole.
pub(crate) fn scrub_forms(secrets: &[String]) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    for secret in secrets.iter().filter(|s| s.chars().count() >= MIN_SCRUBBED_LEN) {
        let mut encoded = String::new();
        crate::transport::push_encoded(&mut encoded, secret);
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = json.trim_matches('"').to_owned();
        for form in [secret.clone(), encoded, json] {
            if !form.is_empty() && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
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
}
