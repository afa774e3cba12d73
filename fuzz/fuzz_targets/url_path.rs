//! URL building: any base URL and any ids either give a URL or an argument error (never a
//! panic), and in a URL each id is exactly one path segment that percent-decodes back to the
//! id, each query value decodes back to the value, and neither hyper nor a URL parser changes
//! the path (no dot segment survives to be normalised away).
#![no_main]

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use sessionlink::fuzzing::path_and_query;
use sessionlink::ErrorKind;

/// The contracts' templates with placeholders, and one without.
const ROUTES: &[&str] = &[
    "POST /Sessions/{sessionId}/Playing/{command}",
    "DELETE /Sessions/{sessionId}/User/{userId}",
    "POST /Sessions/{sessionId}/Command/{command}",
    "POST /Sessions/{sessionId}/Message",
    "GET /session/{id}",
    "GET /static-session/{id}",
    "GET /Sessions",
];
const BASES: &[&str] = &["http://127.0.0.1:8096", "https://media.example:8920/jellyfin", "http://[::1]/a%20b/"];

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8().expect("an encoded value is UTF-8").into_owned()
}

fuzz_target!(|input: (u8, u8, String, Vec<String>, Vec<String>)| {
    let (route, base_choice, any_base, ids, query) = input;
    let template = ROUTES[usize::from(route) % ROUTES.len()];
    let base = BASES.get(usize::from(base_choice)).copied().unwrap_or(&any_base);
    let placeholders = template.matches('{').count();
    if ids.len() < placeholders {
        return;
    }
    let ids: Vec<&str> = ids.iter().take(placeholders).map(String::as_str).collect();
    // Query names are the contract's, written in the code; only values come from callers.
    let query: Vec<(&str, &str)> = query.iter().map(|v| ("q", v.as_str())).collect();
    let built = match path_and_query(base, template, &ids, &query) {
        Ok(built) => built,
        Err(e) => return assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}"),
    };
    let prefix =
        url::Url::parse(base.trim()).expect("the base URL was accepted").path().trim_end_matches('/').to_owned();
    let (path, query_text) = built.split_once('?').unwrap_or((&built, ""));
    let rest = path.strip_prefix(&prefix).expect("the path starts with the base URL's path");
    let template_path = template.split_once(' ').expect("method and path").1;
    let segments: Vec<&str> = rest.split('/').collect();
    let expected: Vec<&str> = template_path.split('/').collect();
    assert_eq!(segments.len(), expected.len(), "{built}: an id is not exactly one segment");
    let mut next = ids.iter();
    for (segment, want) in segments.iter().zip(&expected) {
        if want.starts_with('{') {
            assert_eq!(decode(segment), *next.next().expect("an id per placeholder"), "{built}");
        } else {
            assert_eq!(segment, want, "{built}");
        }
    }
    let values: Vec<String> =
        if query_text.is_empty() { vec![] } else { query_text.split('&').map(|kv| decode(&kv[2..])).collect() };
    let sent: Vec<&str> = query.iter().map(|(_, v)| *v).collect();
    assert_eq!(values, sent, "{built}");
    let uri: http::uri::PathAndQuery = built.parse().expect("hyper accepts the path and query");
    assert_eq!(uri.path(), path);
    let full = url::Url::parse(&format!("http://h{built}")).expect("a URL parser accepts it");
    assert_eq!(full.path(), path, "a URL parser would change the path");
});
