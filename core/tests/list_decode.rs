//! `transport::decode_list` (the session list's decoder, which reserves from the body's size)
//! decodes exactly what serde's own `Vec` decoding does, large or small, and refuses what it
//! refuses.

use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::transport::decode_list;
use sessionlink::ErrorKind;

const FIXTURE: &str = include_str!("data/sessions-8.json");

/// The fixture's sessions repeated until the body is at least `bytes` long.
fn big_list(bytes: usize) -> String {
    let inner = FIXTURE.trim().trim_start_matches('[').trim_end_matches(']');
    let mut body = String::from("[");
    while body.len() < bytes {
        if body.len() > 1 {
            body.push(',');
        }
        body.push_str(inner);
    }
    body.push(']');
    body
}

#[test]
fn small_and_large_lists_decode_as_serde_does() {
    for body in [FIXTURE.to_owned(), big_list(3 << 20), "[]".to_owned()] {
        let plain: Vec<SessionInfoDto> = serde_json::from_str(&body).unwrap();
        let listed: Vec<SessionInfoDto> = decode_list("GET /Sessions", body.as_bytes(), 256).unwrap();
        assert_eq!(listed.len(), plain.len());
        assert!(listed == plain, "{} sessions differ", plain.len());
        assert_eq!(serde_json::to_string(&listed).unwrap(), serde_json::to_string(&plain).unwrap());
        // No reserve is left over: the list is as large as a plain one would be at most.
        assert!(listed.capacity() <= plain.capacity().max(listed.len()));
    }
}

#[test]
fn what_serde_refuses_is_a_decode_error_naming_the_route() {
    let big = big_list(2 << 20);
    let truncated = &big[..big.len() - 10];
    let trailing = format!("{big} x");
    for bad in ["{}", "[1]", "[{}] [", "", "null", truncated, &trailing] {
        let e = decode_list::<SessionInfoDto>("GET /Sessions", bad.as_bytes(), 256).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{bad:.20}");
        assert!(e.to_string().contains("GET /Sessions: response is not the contract's shape"), "{e}");
    }
    // A typical size of 0 is not a division by zero.
    assert_eq!(decode_list::<SessionInfoDto>("r", big.as_bytes(), 0).unwrap().len() % 8, 0);
}
