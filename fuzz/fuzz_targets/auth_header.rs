//! The `Authorization: MediaBrowser` header: any identity and token either render or are
//! refused as an invalid argument (never a panic), and what renders, parsed the way the
//! server parses it (contracts/jellyfin-notes.md §4.2: split on commas outside quotes, trim
//! the quotes, URL-decode), gives back exactly the five values.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use sessionlink::jellyfin::{render_authorization, ClientIdentity};
use sessionlink::{ErrorKind, Secret};

/// `AuthorizationContext.GetParts`, as the notes describe it.
fn server_parse(header: &str) -> HashMap<String, String> {
    let (scheme, params) = header.split_once(' ').expect("a scheme and parameters");
    assert_eq!(scheme, "MediaBrowser");
    let mut parts = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, b) in params.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                parts.push(&params[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&params[start..]);
    parts
        .into_iter()
        .map(|part| {
            let (key, value) = part.split_once('=').expect("key=value");
            let value = value.trim_matches('"').replace('+', " ");
            let decoded = percent_decode_str(&value).decode_utf8().expect("UTF-8").into_owned();
            (key.trim().to_owned(), decoded)
        })
        .collect()
}

fuzz_target!(|input: (String, String, String, String, Option<String>)| {
    let (client, device, device_id, version, token) = input;
    let identity = ClientIdentity { client, device, device_id, version };
    let token = token.map(Secret::new);
    let header = match render_authorization(&identity, token.as_ref()) {
        Ok(header) => header,
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
            let token = token.expect("only a token is refused");
            assert!(token.expose().trim().is_empty() || token.expose().chars().any(char::is_control));
            return;
        }
    };
    let parsed = server_parse(header.to_str().expect("the header is ASCII"));
    let mut expected = HashMap::from([
        ("Client".to_owned(), identity.client.clone()),
        ("Device".to_owned(), identity.device.clone()),
        ("DeviceId".to_owned(), identity.device_id.clone()),
        ("Version".to_owned(), identity.version.clone()),
    ]);
    if let Some(token) = &token {
        expected.insert("Token".to_owned(), token.expose().to_owned());
    }
    assert_eq!(parsed, expected);
});
