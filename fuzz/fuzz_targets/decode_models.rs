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
    let bytes = serde_json::to_vec(&model).expect("a decoded model encodes");
    match serde_json::from_slice::<Value>(body) {
        Ok(sent) => {
            let encoded: Value = serde_json::from_slice(&bytes).expect("a re-encoded model is JSON");
            assert_eq!(encoded, sent, "the re-encoded model differs from the body it was decoded from");
        }
        // serde_json's Value cannot hold every JSON number (3e999 overflows f64); an unknown
        // field keeps its raw text, so the number must come back as the server wrote it.
        Err(_) => assert_raw_numbers_kept(body, &bytes),
    }
    let again = decode::<T>("fuzz", &bytes).expect("a re-encoded model decodes");
    assert_eq!(serde_json::to_vec(&again).expect("encodes"), bytes, "re-encoding is not stable");
}

/// Every number token of the body that overflows f64 appears verbatim in the re-encoding.
fn assert_raw_numbers_kept(body: &[u8], encoded: &[u8]) {
    let text = String::from_utf8_lossy(body);
    let out = String::from_utf8_lossy(encoded);
    for token in text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))) {
        let overflows = token.chars().next().is_some_and(|c| c == '-' || c.is_ascii_digit())
            && token.parse::<f64>().is_ok_and(|n| n.is_infinite());
        if overflows {
            assert!(out.contains(token), "the number {token} was not kept verbatim");
        }
    }
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
