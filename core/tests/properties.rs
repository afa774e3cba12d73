//! Property-based tests (bounded case counts, so they run in the test command): the decoder
//! of every response type never panics on arbitrary input and loses nothing it accepts; the
//! Authorization header reads back, as the server parses it, to exactly the identity given;
//! socket messages are kept whatever their shape.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::{Map, Value};
use sessionlink::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};
use sessionlink::jellyfin::models::{
    AuthenticationResult, BaseItemDto, ClientCapabilitiesDto, GeneralCommand, NameIdPair, PlayRequest,
    PlaybackStartInfo, PlaybackStopInfo, PlayerStateInfo, PlaystateRequest, PublicSystemInfo, QueueItem,
    QuickConnectResult, SessionInfoDto, SessionUserInfo, SystemInfo, TranscodingInfo, UserDataChangeInfo, UserDto,
    UserItemDataDto, UserPolicy,
};
use sessionlink::jellyfin::socket::{MessageData, SocketMessage, KNOWN_KINDS};
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

/// Decoding `input` as `T` never panics; when it succeeds (the result), the re-encoding
/// decodes again to the same value and re-encodes to the same JSON (nothing is lost or
/// invented).
fn stable<T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug>(input: &Value) -> bool {
    let text = input.to_string();
    let Ok(first) = serde_json::from_str::<T>(&text) else { return false };
    let encoded = serde_json::to_value(&first).expect("a decoded model encodes");
    let second: T = serde_json::from_value(encoded.clone()).expect("a re-encoded model decodes");
    assert_eq!(first, second);
    assert_eq!(serde_json::to_value(&second).unwrap(), encoded);
    true
}

/// Runs `stable::<T>` over 256 inputs, half arbitrary JSON and half shaped like `T` (the
/// fields of `T` with values it accepts, see [`Shapes`]), and requires that at least a
/// quarter decoded: a property whose inputs all fail to decode would check nothing.
fn stable_with_a_floor<T>(shapes: &Shapes)
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let name = std::any::type_name::<T>();
    let shaped = shapes.of(name);
    let input = prop_oneof![json(), shaped];
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let (mut decoded, mut cases) = (0, 0);
    for _ in 0..config().cases {
        let value = input.new_tree(&mut runner).unwrap().current();
        cases += 1;
        decoded += usize::from(stable::<T>(&value));
    }
    assert!(decoded * 4 >= cases, "only {decoded} of {cases} inputs decoded as {name}");
}

#[test]
fn response_decoders_never_panic_and_are_stable_on_inputs_that_decode() {
    let shapes = Shapes::new();
    stable_with_a_floor::<Vec<SessionInfoDto>>(&shapes);
    stable_with_a_floor::<SessionInfoDto>(&shapes);
    stable_with_a_floor::<AuthenticationResult>(&shapes);
    stable_with_a_floor::<Vec<NameIdPair>>(&shapes);
    stable_with_a_floor::<AuthenticatedSessionResponse>(&shapes);
    stable_with_a_floor::<GetSessionResponse>(&shapes);
    stable_with_a_floor::<PlaybackStartInfo>(&shapes);
    stable_with_a_floor::<PlaybackStopInfo>(&shapes);
    stable_with_a_floor::<QuickConnectResult>(&shapes);
    stable_with_a_floor::<PublicSystemInfo>(&shapes);
    stable_with_a_floor::<SystemInfo>(&shapes);
    stable_with_a_floor::<UserDto>(&shapes);
}

proptest! {
    #![proptest_config(config())]

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
    fn socket_messages_keep_their_envelope(
        (kind, data) in socket_kind_and_data(),
        id in prop::option::of("[0-9a-f]{32}"),
    ) {
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
        // Data shaped like the kind's model is typed, and re-encodes to exactly what came.
        if let Some(data) = &data {
            let typed = !matches!(message.data(), MessageData::Raw(_) | MessageData::None);
            if TYPED_KINDS.contains(&kind.as_str()) && Shapes::shared().accepts(&kind, data) {
                prop_assert!(typed, "{kind} {data} was kept raw");
            }
            if typed {
                prop_assert_eq!(&message.to_json()["Data"], data);
            }
        }
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

// ---- Inputs shaped like each model, and losslessness for every field of every model --------

/// The kinds of socket message whose data this version types, and the model of each.
const TYPED_KINDS: &[&str] = &["ForceKeepAlive", "GeneralCommand", "Play", "Playstate", "Sessions", "UserDataChanged"];

/// A real server's session list: its values (at every depth) are candidates for the fields
/// of every model, beside the generic ones of [`Shapes::candidates`].
const SESSIONS: &str = include_str!("data/sessions-8.json");

/// For each model, each of its wire fields and the values (from a pool of candidates) that
/// the model accepts there. Found by decoding, so a new field or model needs no entry here;
/// every field must accept some non-null value, or the test says which one does not.
struct Shapes {
    models: std::collections::BTreeMap<&'static str, Vec<(&'static str, Vec<Value>)>>,
}

/// The models whose every field is checked: every response model, what they contain, and
/// the typed data of socket messages.
macro_rules! each_model {
    ($m:ident) => {
        $m!(
            SessionInfoDto,
            PlayerStateInfo,
            SessionUserInfo,
            QueueItem,
            TranscodingInfo,
            ClientCapabilitiesDto,
            BaseItemDto,
            AuthenticationResult,
            UserDto,
            UserPolicy,
            NameIdPair,
            PublicSystemInfo,
            PlaybackStartInfo,
            PlaybackStopInfo,
            AuthenticatedSessionResponse,
            GetSessionResponse,
            PlayRequest,
            PlaystateRequest,
            GeneralCommand,
            UserDataChangeInfo,
            UserItemDataDto,
            QuickConnectResult,
            SystemInfo
        )
    };
}

impl Shapes {
    fn shared() -> &'static Shapes {
        static SHAPES: std::sync::OnceLock<Shapes> = std::sync::OnceLock::new();
        SHAPES.get_or_init(Shapes::new)
    }

    fn new() -> Shapes {
        let candidates = Shapes::candidates();
        let mut models = std::collections::BTreeMap::new();
        macro_rules! learn {
            ($($t:ident),*) => {$(
                models.insert(std::any::type_name::<$t>(), accepted::<$t>($t::WIRE_FIELDS, &candidates));
            )*};
        }
        each_model!(learn);
        Shapes { models }
    }

    /// Generic values of every JSON type, then every value in the real session list.
    fn candidates() -> Vec<Value> {
        use serde_json::json;
        let mut all = vec![
            json!(true),
            json!(0),
            json!(7),
            json!(-1),
            json!(2_147_483_647),
            json!(9_007_199_254_740_993_i64),
            json!(1.5),
            json!(""),
            json!("x y/é"),
            json!("Pause"),
            json!("0123456789abcdef0123456789abcdef"),
            json!("2024-01-02T03:04:05.1234567Z"),
            json!([]),
            json!(["a", "b"]),
            json!([1, 2]),
            json!({}),
            json!([{}]),
            json!({"k": "v", "n": null}),
        ];
        fn walk(value: &Value, out: &mut Vec<Value>) {
            if !out.contains(value) {
                out.push(value.clone());
            }
            match value {
                Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                Value::Object(fields) => fields.values().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        for session in serde_json::from_str::<Vec<Value>>(SESSIONS).unwrap() {
            for value in session.as_object().unwrap().values() {
                walk(value, &mut all);
            }
        }
        all
    }

    /// Objects with any subset of `T`'s fields, each with a value `T` accepts there (or null
    /// where it accepts null), and unknown fields with any JSON.
    fn of(&self, type_name: &str) -> BoxedStrategy<Value> {
        let element = type_name.strip_prefix("alloc::vec::Vec<").and_then(|t| t.strip_suffix('>'));
        if let Some(element) = element {
            return prop::collection::vec(self.of(element), 0..3).prop_map(Value::Array).boxed();
        }
        let fields = self.models.get(type_name).unwrap_or_else(|| panic!("{type_name} is not in each_model!")).clone();
        let known = fields.iter().map(|(_, values)| values.len()).collect::<Vec<_>>();
        let picks = known.iter().map(|n| prop::option::of(0..*n)).collect::<Vec<_>>();
        let names: Vec<&'static str> = fields.iter().map(|(name, _)| *name).collect();
        let unknown = prop::collection::btree_map("Zz[A-Za-z]{1,6}", json(), 0..3);
        (picks, unknown)
            .prop_map(move |(picks, unknown)| {
                let mut object = Map::new();
                for ((name, values), pick) in fields.iter().zip(picks) {
                    if let Some(i) = pick {
                        object.insert((*name).to_owned(), values[i].clone());
                    }
                }
                for (k, v) in unknown {
                    if !names.contains(&k.as_str()) {
                        object.insert(k, v);
                    }
                }
                Value::Object(object)
            })
            .boxed()
    }

    /// Whether `data` is shaped like the model of socket message `kind` (every field one it
    /// accepts): such data must be typed.
    fn accepts(&self, kind: &str, data: &Value) -> bool {
        let model = match kind {
            "GeneralCommand" => std::any::type_name::<GeneralCommand>(),
            "Play" => std::any::type_name::<PlayRequest>(),
            "Playstate" => std::any::type_name::<PlaystateRequest>(),
            "UserDataChanged" => std::any::type_name::<UserDataChangeInfo>(),
            // The period in seconds, an `int` on the server.
            "ForceKeepAlive" => return data.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => return false,
        };
        let (Some(fields), Some(object)) = (self.models.get(model), data.as_object()) else { return false };
        object.iter().all(|(k, v)| match fields.iter().find(|(name, _)| name == k) {
            Some((_, values)) => values.contains(v),
            None => true,
        })
    }
}

/// Each wire field of `T` with the candidates `T` decodes there (alone in an object). A field
/// that accepts no non-null candidate fails the test: the pool needs a value of its type.
///
/// A number counts as accepted only where it comes back as the same number: a `double`
/// field (as on the server) cannot hold 2^53 + 1, which only an integer field is sent.
fn accepted<T: serde::de::DeserializeOwned + serde::Serialize>(
    fields: &'static [&'static str],
    candidates: &[Value],
) -> Vec<(&'static str, Vec<Value>)> {
    let mut out = Vec::new();
    for field in fields {
        let takes = |v: &Value| {
            let object = serde_json::json!({ *field: v });
            match serde_json::from_value::<T>(object.clone()) {
                Ok(decoded) if v.is_number() => {
                    same_numbers(serde_json::to_value(decoded).unwrap()) == same_numbers(object)
                }
                Ok(_) => true,
                Err(_) => false,
            }
        };
        let mut values: Vec<Value> = candidates.iter().filter(|v| takes(v)).cloned().collect();
        assert!(!values.is_empty(), "{}: no candidate value decodes as its field {field}", std::any::type_name::<T>());
        if serde_json::from_value::<T>(serde_json::json!({ *field: null })).is_ok() {
            values.push(Value::Null);
        }
        out.push((*field, values));
    }
    out
}

/// Socket message kinds: the typed ones with data shaped like their model (or anything),
/// the other known ones, and unknown ones.
fn socket_kind_and_data() -> impl Strategy<Value = (String, Option<Value>)> {
    let shapes = Shapes::shared();
    let typed = |kind: &'static str, model: BoxedStrategy<Value>| {
        (Just(kind.to_owned()), prop::option::of(prop_oneof![3 => model, 1 => json()]))
    };
    prop_oneof![
        3 => typed("Play", shapes.of(std::any::type_name::<PlayRequest>())),
        3 => typed("Playstate", shapes.of(std::any::type_name::<PlaystateRequest>())),
        3 => typed("GeneralCommand", shapes.of(std::any::type_name::<GeneralCommand>())),
        3 => typed("UserDataChanged", shapes.of(std::any::type_name::<UserDataChangeInfo>())),
        3 => typed("Sessions", shapes.of(std::any::type_name::<Vec<SessionInfoDto>>())),
        3 => typed("ForceKeepAlive", any::<i32>().prop_map(Value::from).boxed()),
        1 => (prop::sample::select(KNOWN_KINDS).prop_map(str::to_owned), prop::option::of(json())),
        1 => ("[A-Z][A-Za-z]{0,20}", prop::option::of(json())),
    ]
}

/// Every field of every model: an object with any subset of the model's fields (each with a
/// value the model accepts, nested objects from a real server's session list) and unknown
/// fields decodes and re-encodes to exactly the input.
fn lossless<T: serde::de::DeserializeOwned + serde::Serialize>(shapes: &Shapes) {
    let name = std::any::type_name::<T>();
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let seen = std::cell::RefCell::new(std::collections::BTreeSet::new());
    runner
        .run(&shapes.of(name), |input| {
            let decoded: T =
                serde_json::from_value(input.clone()).map_err(|e| TestCaseError::fail(format!("{e}: {input}")))?;
            prop_assert_eq!(
                same_numbers(serde_json::to_value(&decoded).unwrap()),
                same_numbers(input.clone()),
                "{}",
                name
            );
            seen.borrow_mut().extend(input.as_object().unwrap().keys().cloned());
            Ok(())
        })
        .unwrap();
    let fields = shapes.models[name].iter().map(|(f, _)| (*f).to_owned());
    let missed: Vec<String> = fields.filter(|f| !seen.borrow().contains(f)).collect();
    assert!(missed.is_empty(), "{name}: fields no input had: {missed:?}");
}

/// `value` with every integral float written as an integer. A typed `f64` field re-encodes
/// the server's `0` as `0.0` (serde_json writes floats with a fraction): the same number,
/// spelt differently, and the only difference this property allows.
fn same_numbers(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(same_numbers).collect()),
        Value::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, same_numbers(v))).collect()),
        other => other,
    }
}

#[test]
fn every_field_of_every_model_roundtrips_exactly() {
    let shapes = Shapes::new();
    macro_rules! check {
        ($($t:ident),*) => {$( lossless::<$t>(&shapes); )*};
    }
    each_model!(check);
}

#[test]
fn typed_socket_messages_are_generated() {
    // The generator reaches every typed kind with data its model accepts, most of the time.
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let strategy = socket_kind_and_data();
    let mut typed = std::collections::BTreeMap::new();
    for _ in 0..config().cases {
        let (kind, data) = strategy.new_tree(&mut runner).unwrap().current();
        let text = serde_json::json!({ "MessageType": kind, "Data": data }).to_string();
        let message = SocketMessage::parse(&text).unwrap();
        if !matches!(message.data(), MessageData::Raw(_) | MessageData::None) {
            *typed.entry(kind).or_insert(0) += 1;
        }
    }
    println!("typed socket messages per kind, of {} generated: {typed:?}", config().cases);
    for kind in TYPED_KINDS {
        assert!(typed.get(*kind).copied().unwrap_or(0) >= 3, "{kind}: {typed:?}");
    }
}
