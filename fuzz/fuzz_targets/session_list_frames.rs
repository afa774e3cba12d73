//! The frame scanner of large list bodies (core/src/transport/json_array.rs) agrees with
//! serde_json on the whole body, however the body is cut into frames: the same items when
//! both accept it, an error from both otherwise, and never a panic.
//!
//! Input: one byte N (cuts, mod 8), N little-endian u16 cut offsets, then the body.
#![no_main]

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::transport::{decode_list, Body};

fn frames(body: &[u8], cuts: &[usize]) -> Body {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
    at.sort_unstable();
    let mut frames = Vec::with_capacity(at.len() + 1);
    let mut from = 0;
    for to in at {
        frames.push(Bytes::copy_from_slice(&body[from..to]));
        from = to;
    }
    frames.push(Bytes::copy_from_slice(&body[from..]));
    Body::from_frames(frames)
}

fn agree<T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug>(body: &[u8], cuts: &[usize]) {
    let whole = serde_json::from_slice::<Vec<T>>(body);
    let scanned = decode_list::<T>("fuzz", frames(body, cuts), 64);
    match (whole, scanned) {
        (Ok(whole), Ok(scanned)) => assert_eq!(
            serde_json::to_value(&whole).expect("encodes"),
            serde_json::to_value(&scanned).expect("encodes"),
            "the scanner split the items differently"
        ),
        (Err(_), Err(_)) => {}
        (whole, scanned) => panic!("serde_json: {whole:?}, the scanner: {scanned:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&n, rest)) = data.split_first() else { return };
    let n = usize::from(n % 8).max(1);
    if rest.len() < 2 * n {
        return;
    }
    let (offsets, body) = rest.split_at(2 * n);
    let cuts: Vec<usize> = offsets.chunks(2).map(|c| usize::from(u16::from_le_bytes([c[0], c[1]]))).collect();
    agree::<Value>(body, &cuts);
    agree::<SessionInfoDto>(body, &cuts);
});
