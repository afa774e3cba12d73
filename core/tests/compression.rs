//! Compressed responses: the client asks for `br, gzip`, the emulator answers as Jellyfin
//! does (Brotli, or gzip from a server that only has gzip), and the user gets the same
//! sessions as without compression; the response limit holds for the decoded body (a
//! compression bomb ends in `ResponseTooLarge`, and the client works on); a corrupt body or a
//! coding not asked for is a `Decode` error.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use sessionlink_emulator::{ContentCoding, DeviceSession, Emulator, Fault};

fn client(emulator: &Emulator, options: TransportOptions) -> JellyfinClient {
    let mut config = JellyfinConfig::new(emulator.url(), "Test Runner", "compression").with_token(API_KEY);
    config.transport = options;
    JellyfinClient::new(config).unwrap()
}

fn response_header<'a>(exchange: &'a sessionlink_emulator::Exchange, name: &str) -> Option<&'a str> {
    exchange.response_headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// What a user compares: each session's id, device and user.
fn summary(sessions: &[SessionInfoDto]) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let mut out: Vec<_> = sessions.iter().map(|s| (s.id.clone(), s.device_name.clone(), s.user_name.clone())).collect();
    out.sort();
    out
}

/// Enough players that the list is over a megabyte: it arrives, and is decoded, in pieces.
fn add_players(emulator: &Emulator, count: usize) {
    for i in 0..count {
        emulator.add_device_session(DeviceSession {
            client: "Jellyfin Media Player".into(),
            device_name: format!("Living room TV number {i} with a rather long device name"),
            device_id: format!("device-{i:05}-0123456789abcdef0123456789abcdef"),
            app_version: "1.11.1".into(),
            user_id: None,
            supports_media_control: true,
            now_playing_item_id: None,
        });
    }
}

#[tokio::test]
async fn sessions_arrive_compressed_in_either_coding_and_read_as_without() {
    let emulator = Emulator::start().await.unwrap();
    add_players(&emulator, 3);
    let plain = client(&emulator, TransportOptions { compression: false, ..TransportOptions::default() });
    let expected = summary(&plain.get_sessions(&GetSessionsQuery::default()).await.unwrap());
    let exchange = last_exchange(&emulator, "/Sessions");
    assert_eq!(header(&exchange, "accept-encoding"), None, "compression off asks for nothing");
    assert_eq!(response_header(&exchange, "content-encoding"), None);

    let compressed = client(&emulator, TransportOptions::default());
    for (providers, coding) in
        [(vec![ContentCoding::Brotli, ContentCoding::Gzip], "br"), (vec![ContentCoding::Gzip], "gzip")]
    {
        emulator.set_response_compression(&providers);
        let got = summary(&compressed.get_sessions(&GetSessionsQuery::default()).await.unwrap());
        assert_eq!(got, expected, "{coding}");
        let exchange = last_exchange(&emulator, "/Sessions");
        assert_eq!(header(&exchange, "accept-encoding"), Some("br, gzip"));
        assert_eq!(response_header(&exchange, "content-encoding"), Some(coding));
    }
    // A server that does not compress is read as before.
    emulator.set_response_compression(&[]);
    assert_eq!(summary(&compressed.get_sessions(&GetSessionsQuery::default()).await.unwrap()), expected);
    assert_eq!(response_header(&last_exchange(&emulator, "/Sessions"), "content-encoding"), None);
}

#[tokio::test]
async fn a_large_compressed_list_decodes_in_pieces_and_the_limit_holds_for_its_decoded_size() {
    let emulator = Emulator::start().await.unwrap();
    add_players(&emulator, 2500);
    let plain = client(&emulator, TransportOptions { compression: false, ..TransportOptions::default() });
    let expected = summary(&plain.get_sessions(&GetSessionsQuery::default()).await.unwrap());
    let decoded_size = last_exchange(&emulator, "/Sessions").response_body.len();
    assert!(decoded_size > 1 << 20, "the list must be large enough to stay in pieces: {decoded_size}");

    for coding in [ContentCoding::Brotli, ContentCoding::Gzip] {
        emulator.set_response_compression(&[coding]);
        let whole = client(&emulator, TransportOptions { max_response_bytes: decoded_size, ..Default::default() });
        let got = summary(&whole.get_sessions(&GetSessionsQuery::default()).await.unwrap());
        assert_eq!(got.len(), expected.len(), "{coding:?}");
        assert_eq!(got, expected, "{coding:?}");

        // The compressed body is far below this limit; the decoded one is one byte over it.
        let limited =
            client(&emulator, TransportOptions { max_response_bytes: decoded_size - 1, ..Default::default() });
        let err =
            assert_kind(limited.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::ResponseTooLarge, None);
        assert!(err.message().contains("once decompressed"), "{err}");
        assert!(err.request_sent());
    }
}

#[tokio::test]
async fn a_compression_bomb_ends_in_response_too_large_and_the_client_works_on() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator, TransportOptions::default());
    let limit = TransportOptions::default().max_response_bytes as u64;
    for coding in [ContentCoding::Gzip, ContentCoding::Brotli] {
        // 64 MiB of JSON in a few kilobytes, twice the default limit.
        emulator.inject_compression_bomb(coding, 2 * limit);
        let err =
            assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::ResponseTooLarge, None);
        assert!(err.message().contains(&format!("limit of {limit} bytes")), "{err}");
        assert!(err.message().contains("once decompressed"), "{err}");
        // Within the limit, the same kind of body is an ordinary (empty) list.
        emulator.inject_compression_bomb(coding, 2 << 20);
        assert!(client.get_sessions(&GetSessionsQuery::default()).await.unwrap().is_empty(), "{coding:?}");
        assert!(!client.get_sessions(&GetSessionsQuery::default()).await.unwrap().is_empty(), "the next call works");
    }
}

#[tokio::test]
async fn a_corrupt_body_or_a_coding_not_asked_for_is_a_decode_error() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator, TransportOptions::default());
    for (coding, body, says) in [
        ("gzip", "this is not gzip", "not valid gzip"),
        ("br", "neither is this brotli", "not valid Brotli"),
        ("zstd", "[]", "\"zstd\" is not one that was asked for"),
    ] {
        emulator.inject(Fault::Status {
            status: 200,
            content_type: Some("application/json".into()),
            body: body.into(),
            headers: vec![("Content-Encoding".into(), coding.into())],
        });
        let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Decode, None);
        assert!(err.message().contains(says), "{coding}: {err}");
        assert!(err.request_sent(), "the request was applied");
    }
    assert!(!client.get_sessions(&GetSessionsQuery::default()).await.unwrap().is_empty(), "the next call works");
}
