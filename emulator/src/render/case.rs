//! Property-level shaping of wire JSON: null properties left out (`WhenWritingNull`), and
//! the camelCase profile a client can ask for.

use serde_json::{Map, Value};

/// Drops null-valued properties at every depth (`WhenWritingNull`). Not for dictionaries
/// whose null values are data (`GeneralCommand.Arguments`); those are never passed here.
pub(crate) fn compact(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, compact(v))).collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(compact).collect()),
        other => other,
    }
}

/// The response for `Accept: application/json; profile="CamelCase"`: property names through
/// `JsonNamingPolicy.CamelCase`. Dictionary keys (image tags, command arguments) keep their
/// case, as the server has no dictionary key policy.
pub(crate) fn camel_case(value: Value) -> Value {
    const DICTIONARIES: &[&str] = &["ImageTags", "ProviderIds", "Arguments", "ImageBlurHashes"];
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = if DICTIONARIES.contains(&k.as_str()) { v } else { camel_case(v) };
                    (camel_name(&k), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_case).collect()),
        other => other,
    }
}

/// .NET's camel-casing: lower the leading run of capitals, except the last one of a run that
/// starts a new word (`IsHD` → `isHD`, `ID` → `id`, `URLValue` → `urlValue`).
fn camel_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = chars.clone();
    for i in 0..chars.len() {
        if i == 1 && !chars[i].is_uppercase() {
            break;
        }
        let next_is_lower = chars.get(i + 1).is_some_and(|c| !c.is_uppercase());
        if i > 0 && next_is_lower {
            if chars.get(i + 1) == Some(&' ') {
                out[i] = chars[i].to_lowercase().next().unwrap_or(chars[i]);
            }
            break;
        }
        out[i] = chars[i].to_lowercase().next().unwrap_or(chars[i]);
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_case_like_dotnet() {
        for (from, to) in [
            ("ServerId", "serverId"),
            ("IsHD", "isHD"),
            ("ID", "id"),
            ("URLValue", "urlValue"),
            ("Id", "id"),
            ("a", "a"),
            ("", ""),
        ] {
            assert_eq!(camel_name(from), to);
        }
        let v = camel_case(json!({"PlayState": {"IsPaused": true}, "ImageTags": {"Primary": "x"}}));
        assert_eq!(v, json!({"playState": {"isPaused": true}, "imageTags": {"Primary": "x"}}));
    }

    #[test]
    fn compact_drops_nulls_deeply() {
        let v = compact(json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]}));
        assert_eq!(v, json!({"b": {"d": 1}, "e": [{}]}));
    }
}
