//! The response and request models decode losslessly: whatever JSON a model accepts, it
//! re-encodes to the same JSON value (unknown fields, unknown enum values, nulls and absent
//! fields kept), and re-encoding is stable. The first byte picks the model; the rest is the
//! body, decoded as the clients decode it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sessionlink::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};
use sessionlink::jellyfin::models::{
    AuthenticationResult, ClientCapabilitiesDto, GeneralCommand, PlaybackProgressInfo, PlaybackStartInfo,
    PlaybackStopInfo, SessionInfoDto, UserDto,
};
use sessionlink::transport::decode;

fn lossless<T: DeserializeOwned + Serialize>(body: &[u8]) {
    let Ok(model) = decode::<T>("fuzz", body) else { return };
    let sent: Value = serde_json::from_slice(body).expect("a body a model accepts is JSON");
    let encoded = serde_json::to_value(&model).expect("a decoded model encodes");
    assert_eq!(encoded, sent, "the re-encoded model differs from the body it was decoded from");
    let bytes = serde_json::to_vec(&model).expect("a decoded model encodes");
    let again = decode::<T>("fuzz", &bytes).expect("a re-encoded model decodes");
    assert_eq!(serde_json::to_vec(&again).expect("encodes"), bytes, "re-encoding is not stable");
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    match which % 10 {
        0 => lossless::<Vec<SessionInfoDto>>(body),
        1 => lossless::<AuthenticationResult>(body),
        2 => lossless::<AuthenticatedSessionResponse>(body),
        3 => lossless::<GetSessionResponse>(body),
        4 => lossless::<ClientCapabilitiesDto>(body),
        5 => lossless::<PlaybackStartInfo>(body),
        6 => lossless::<PlaybackProgressInfo>(body),
        7 => lossless::<PlaybackStopInfo>(body),
        8 => lossless::<UserDto>(body),
        _ => lossless::<GeneralCommand>(body),
    }
});
