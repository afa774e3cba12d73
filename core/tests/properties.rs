//! Property-based tests (bounded case counts, so they run in the test command): the decoder
//! of every response type never panics on arbitrary input and loses nothing it accepts; the
//! Authorization header reads back, as the server parses it, to exactly the identity given;
//! socket messages are kept whatever their shape.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use serde_json::{Map, Value};
use sessionlink::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};
use sessionlink::jellyfin::models::{
    AuthenticationResult, NameIdPair, PlaybackStartInfo, PlaybackStopInfo, PublicSystemInfo, QuickConnectResult,
    SessionInfoDto, SystemInfo, UserDto,
};
use sessionlink::jellyfin::socket::SocketMessage;
use sessionlink::jellyfin::{render_authorization, ClientIdentity};
use sessionlink::Secret;

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// Any JSON value, a few levels deep, with the field names of the contract's models mixed in
/// so that typed fields receive values of every type.
fn json() -> impl Strategy<Value = Value> {
    let names = prop::sample::select(vec![
        "Id",
        "Name",
        "UserId",
        "PlayState",
        "NowPlayingItem",
        "PositionTicks",
        "IsPaused",
        "Capabilities",
        "PlayableMediaTypes",
        "SupportedCommands",
        "LastActivityDate",
        "Type",
        "MediaType",
        "RepeatMode",
        "User",
        "AccessToken",
        "SessionInfo",
        "validCredentials",
        "accessAllowed",
        "sessionId",
        "bearer",
        "userId",
        "data",
        "version",
        "Extra",
        "MessageType",
        "Data",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((names.clone().prop_map(str::to_owned), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Decoding `input` as `T` never panics; when it succeeds, the re-encoding decodes again to
/// the same value and re-encodes to the same JSON (nothing is lost or invented).
fn stable<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(input: &Value) {
    let text = input.to_string();
    let Ok(first) = serde_json::from_str::<T>(&text) else { return };
    let encoded = serde_json::to_value(&first).expect("a decoded model encodes");
    let second: T = serde_json::from_value(encoded.clone()).expect("a re-encoded model decodes");
    assert_eq!(first, second);
    assert_eq!(serde_json::to_value(&second).unwrap(), encoded);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn response_decoders_never_panic_and_are_stable(value in json()) {
        stable::<Vec<SessionInfoDto>>(&value);
        stable::<SessionInfoDto>(&value);
        stable::<AuthenticationResult>(&value);
        stable::<Vec<NameIdPair>>(&value);
        stable::<AuthenticatedSessionResponse>(&value);
        stable::<GetSessionResponse>(&value);
        stable::<PlaybackStartInfo>(&value);
        stable::<PlaybackStopInfo>(&value);
        stable::<QuickConnectResult>(&value);
        stable::<PublicSystemInfo>(&value);
        stable::<SystemInfo>(&value);
        stable::<UserDto>(&value);
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = serde_json::from_slice::<Vec<SessionInfoDto>>(&bytes);
        let _ = serde_json::from_slice::<AuthenticationResult>(&bytes);
        let _ = serde_json::from_slice::<AuthenticatedSessionResponse>(&bytes);
        let _ = serde_json::from_slice::<GetSessionResponse>(&bytes);
        let _ = serde_json::from_slice::<QuickConnectResult>(&bytes);
        let _ = serde_json::from_slice::<SystemInfo>(&bytes);
        let _ = SocketMessage::parse(&String::from_utf8_lossy(&bytes));
    }

    /// An object the server could send (any subset of a session's fields, plus unknown ones)
    /// re-encodes to exactly the input.
    #[test]
    fn session_objects_roundtrip_exactly(
        known in prop::collection::btree_map(
            prop::sample::select(vec!["Id", "UserName", "DeviceName", "Client", "RemoteEndPoint", "DeviceId"]),
            prop::option::of(".{0,16}"),
            0..6,
        ),
        unknown in prop::collection::btree_map("[A-Z][a-zA-Z]{2,8}", json(), 0..4),
        active in prop::option::of(any::<bool>()),
    ) {
        let mut object = Map::new();
        for (k, v) in known {
            object.insert(k.to_owned(), v.map_or(Value::Null, Value::String));
        }
        for (k, v) in unknown {
            if !SessionInfoDto::WIRE_FIELDS.contains(&k.as_str()) {
                object.insert(k, v);
            }
        }
        if let Some(active) = active {
            object.insert("IsActive".into(), Value::Bool(active));
        }
        let input = Value::Object(object);
        let decoded: SessionInfoDto = serde_json::from_value(input.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&decoded).unwrap(), input);
    }

    #[test]
    fn socket_messages_keep_their_envelope(kind in "[A-Z][A-Za-z]{0,20}", data in prop::option::of(json()), id in prop::option::of("[0-9a-f]{32}")) {
        let mut envelope = Map::new();
        envelope.insert("MessageType".into(), Value::String(kind.clone()));
        if let Some(id) = &id {
            envelope.insert("MessageId".into(), Value::String(id.clone()));
        }
        if let Some(data) = &data {
            envelope.insert("Data".into(), data.clone());
        }
        let input = Value::Object(envelope);
        let message = SocketMessage::parse(&input.to_string()).unwrap();
        prop_assert_eq!(message.message_type(), kind.as_str());
        prop_assert_eq!(message.message_id(), id.as_deref());
        prop_assert_eq!(message.to_json(), input);
    }

    /// Whatever the identity, the server's parser (§4.2: split on commas outside quotes, trim
    /// quotes, URL-decode with `+` as a space) reads back exactly what was configured.
    #[test]
    fn authorization_reads_back_as_configured(
        client in "[^\\p{Cc}]{1,24}",
        device in "[^\\p{Cc}]{1,24}",
        device_id in "[^\\p{Cc}]{1,24}",
        version in "[^\\p{Cc}]{1,12}",
        token in prop::option::of("[^\\p{Cc}]{1,40}"),
    ) {
        let identity = ClientIdentity { client, device, device_id, version };
        prop_assume!(identity.validate().is_ok());
        let token = token.filter(|t| !t.trim().is_empty()).map(Secret::new);
        let header = render_authorization(&identity, token.as_ref()).unwrap();
        let text = header.to_str().unwrap();
        prop_assert!(text.is_ascii());
        let (scheme, params) = server_parse(text);
        prop_assert_eq!(scheme, "MediaBrowser");
        prop_assert_eq!(params.get("Client"), Some(&identity.client));
        prop_assert_eq!(params.get("Device"), Some(&identity.device));
        prop_assert_eq!(params.get("DeviceId"), Some(&identity.device_id));
        prop_assert_eq!(params.get("Version"), Some(&identity.version));
        let expected_token = token.as_ref().map(|t| t.expose().to_owned());
        prop_assert_eq!(params.get("Token"), expected_token.as_ref());
    }
}

/// The server's reading of the header (jellyfin-notes.md §4.2, `GetParts`).
fn server_parse(header: &str) -> (&str, std::collections::HashMap<String, String>) {
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    let mut parts = Vec::new();
    let (mut current, mut quoted) = (String::new(), false);
    for c in rest.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c == ',' && !quoted {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    parts.push(current);
    let params = parts
        .iter()
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_owned(), url_decode(v.trim_matches('"'))))
        .collect();
    (scheme, params)
}

/// `WebUtility.UrlDecode`: `+` is a space, `%XX` a byte, the bytes UTF-8.
fn url_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && u8::from_str_radix(&value[i + 1..i + 3], 16).is_ok() => {
                out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

proptest! {
    #![proptest_config(config())]

    /// Seconds from callers: what is accepted is kept to the nanosecond-ish, and every refusal
    /// names the argument (a NaN, an infinity or a negative never becomes a silent default).
    #[test]
    fn seconds_accept_exactly_the_finite_non_negative(value in prop_oneof![
        any::<f64>(),
        Just(0.0), Just(-0.0), Just(f64::NAN), Just(f64::INFINITY), Just(f64::NEG_INFINITY),
        Just(f64::MIN_POSITIVE), Just(1e20),
    ]) {
        use sessionlink::transport::{seconds, seconds_or_zero};
        let representable = value.is_finite() && value < u64::MAX as f64;
        match seconds("interval", value) {
            Ok(d) => {
                prop_assert!(value > 0.0 && representable);
                prop_assert!((d.as_secs_f64() - value).abs() <= value * 1e-9 + 1e-9);
            }
            Err(e) => {
                prop_assert!(!(value > 0.0 && representable), "{value} refused: {e}");
                prop_assert!(e.to_string().contains("interval"), "{e}");
            }
        }
        match seconds_or_zero("interval", value) {
            Ok(d) => {
                prop_assert!(value >= 0.0 && representable);
                prop_assert!((d.as_secs_f64() - value).abs() <= value * 1e-9 + 1e-9);
            }
            Err(e) => {
                prop_assert!(!(value >= 0.0 && representable), "{value} refused: {e}");
                prop_assert!(e.to_string().contains("interval"), "{e}");
            }
        }
    }
}

/// Sizes and counts from callers (Python ints, C integers): the bounds are exact.
#[test]
fn byte_sizes_and_counts_have_exact_bounds() {
    use sessionlink::transport::{bytes, count};
    for (value, ok) in
        [(i64::MIN, None), (-1, None), (0, None), (1, Some(1)), (2, Some(2)), (1 << 40, Some(1usize << 40))]
    {
        let got = bytes("max_response_bytes", value);
        assert_eq!(got.as_ref().ok().copied(), ok, "{value}");
        if let Err(e) = got {
            assert!(e.to_string().contains("max_response_bytes must be a positive number of bytes"), "{e}");
        }
    }
    for (value, ok) in
        [(-1, None), (0, Some(0)), (7, Some(7)), (i64::from(u32::MAX), Some(u32::MAX)), (i64::from(u32::MAX) + 1, None)]
    {
        assert_eq!(count("retry_unavailable", value).ok(), ok, "{value}");
    }
}

/// The documented defaults (docs/errors.md, the Python and C docs) are the values.
#[test]
fn transport_defaults_are_the_documented_ones() {
    use sessionlink::transport::DEFAULT_MAX_RESPONSE_BYTES;
    let defaults = sessionlink::TransportOptions::default();
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 32 * 1024 * 1024);
    assert_eq!(defaults.max_response_bytes, 32 * 1024 * 1024);
    assert_eq!(defaults.pool_idle_timeout, std::time::Duration::from_secs(30));
}
