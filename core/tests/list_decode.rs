//! `transport::decode_list` (the session list's decoder): a body in one piece decodes as
//! serde does; a body in frames (large ones arrive so) is decoded item by item, and must give
//! exactly the same list wherever the frames are cut (inside strings, escapes, numbers,
//! between items), and refuse what serde refuses.
#![allow(clippy::unwrap_used)]

use bytes::Bytes;
use proptest::prelude::*;
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::transport::{decode_list, Body};
use sessionlink::ErrorKind;

const FIXTURE: &str = include_str!("data/sessions-8.json");

/// The fixture's sessions repeated `times` times, with escapes and nested arrays in strings.
fn list(times: usize) -> String {
    let inner = FIXTURE.trim().trim_start_matches('[').trim_end_matches(']');
    let tricky = r#"{"Id":"a\"]},[{\\","DeviceName":"x\u005d\n\"}","UserId":"00000000000000000000000000000000","Extra":[[1,{"a":"]"}],[]]}"#;
    let mut body = String::from("[ ");
    for i in 0..times {
        if i > 0 {
            body.push_str(" ,\n");
        }
        body.push_str(inner);
        body.push(',');
        body.push_str(tricky);
    }
    body.push_str(" ]\n");
    body
}

/// `body` cut at `cuts` (offsets, any order, duplicates allowed).
fn framed(body: &str, cuts: &[usize]) -> Body {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
    cuts.sort_unstable();
    let mut frames = Vec::new();
    let mut from = 0;
    for cut in cuts.into_iter().chain([body.len()]) {
        frames.push(Bytes::copy_from_slice(&body.as_bytes()[from..cut]));
        from = cut;
    }
    Body::from_frames(frames)
}

fn plain(body: &str) -> Result<Vec<SessionInfoDto>, serde_json::Error> {
    serde_json::from_str(body)
}

fn decoded(body: Body) -> sessionlink::Result<Vec<SessionInfoDto>> {
    decode_list("GET /Sessions", body, 256)
}

fn same(a: &[SessionInfoDto], b: &[SessionInfoDto]) -> bool {
    a == b && serde_json::to_string(a).unwrap() == serde_json::to_string(b).unwrap()
}

#[test]
fn one_piece_and_frames_decode_as_serde_does() {
    for body in [list(1), list(40), "[]".to_owned(), " [ ] ".to_owned()] {
        let expected = plain(&body).unwrap();
        let pieces = framed(&body, &[1, 2, 9]);
        assert_eq!((pieces.len(), pieces.is_empty()), (body.len(), false));
        assert_eq!(&*pieces.contiguous(), body.as_bytes());
        assert!(Body::default().is_empty() && Body::default().contiguous().is_empty());
        let one = decoded(Body::from(Bytes::from(body.clone()))).unwrap();
        assert!(same(&one, &expected));
        // Frames of 1, 7 and 16384 bytes.
        for size in [1, 7, 16384] {
            let cuts: Vec<usize> = (size..body.len()).step_by(size).collect();
            let framed = decoded(framed(&body, &cuts)).unwrap();
            assert!(same(&framed, &expected), "frames of {size}");
            assert!(framed.capacity() == framed.len(), "no reserve is left over");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_cuts_give_the_same_list(cuts in prop::collection::vec(any::<usize>(), 1..40)) {
        let body = list(2);
        let expected = plain(&body).unwrap();
        prop_assert!(same(&decoded(framed(&body, &cuts)).unwrap(), &expected));
    }

    /// A body serde refuses is refused in frames too, as a decode error naming the route;
    /// one serde accepts is accepted with the same list.
    #[test]
    fn damaged_bodies_are_refused_as_serde_refuses_them(
        at in any::<usize>(),
        with in prop::sample::select(vec!["", "]", "[", "}", "{", ",", "\"", "\\", "x", " ", "1", ",]", "[]"]),
        cuts in prop::collection::vec(any::<usize>(), 1..8),
    ) {
        let mut body = list(1);
        let at = at % (body.len() + 1);
        let at = (0..=at).rev().find(|i| body.is_char_boundary(*i)).unwrap_or(0);
        body.insert_str(at, with);
        let framed = decoded(framed(&body, &cuts));
        match plain(&body) {
            Ok(expected) => prop_assert!(same(&framed.unwrap(), &expected)),
            Err(_) => {
                let e = framed.unwrap_err();
                prop_assert_eq!(e.kind(), ErrorKind::Decode);
                prop_assert!(e.to_string().contains("GET /Sessions: response is not the contract's shape"), "{}", e);
            }
        }
    }
}

#[test]
fn what_serde_refuses_is_a_decode_error_naming_the_route() {
    let big = list(50);
    let truncated = &big[..big.len() - 10];
    let trailing = format!("{big} x");
    for bad in [
        "{}", "{]", "x]", "[1]", "[{}] [", "", "null", "[{},]", "[,{}]", "[{}{}]", "[{}}", "[\"a\"]", truncated,
        &trailing,
    ] {
        for body in [Body::from(Bytes::from(bad.to_owned())), framed(bad, &[1, 2, 3, 700, 5000])] {
            let e = decoded(body).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Decode, "{bad:.20}");
            assert!(e.to_string().contains("GET /Sessions: response is not the contract's shape"), "{e}");
        }
    }
    // The item that failed is named.
    let e = decoded(framed(r#"[{}, {"IsActive": 3}]"#, &[3])).unwrap_err();
    assert!(e.to_string().contains("item 1: "), "{e}");
    // A typical size of 0 is not a division by zero.
    assert_eq!(decode_list::<SessionInfoDto>("r", framed(&big, &[100]), 0).unwrap().len(), 450);
}

/// Items that are strings end at their closing quote, whatever brackets, commas or escaped
/// quotes they hold, and numbers and literals at the byte after them: as serde splits them.
#[test]
fn scalar_items_split_where_serde_splits_them() {
    use serde_json::Value;
    let body = r#"["a,b", "c]d\"}", 12, {"e": "[f"}, "", true, null, -0.5e3]"#;
    let whole: Vec<Value> = serde_json::from_str(body).unwrap();
    for cuts in [vec![1], vec![2, 3, 4, 9], vec![body.len() / 2], (1..body.len()).collect()] {
        assert_eq!(decode_list::<Value>("GET /x", framed(body, &cuts), 64).unwrap(), whole, "{cuts:?}");
    }
}

/// Found with fuzz/fuzz_targets/session_list_frames.rs (its comparison with serde_json, on a
/// deep input made by hand: ten minutes of fuzzing had not nested that far): an item nested
/// 127 levels deep was refused in a body of one piece (serde_json's limit counts the list's
/// level) and accepted from frames, where each item was decoded alone.
#[test]
fn nesting_is_limited_alike_in_one_piece_and_in_frames() {
    use serde_json::Value;
    for depth in [125, 126, 127, 128, 200] {
        let body = format!("[{}{}]", "[".repeat(depth), "]".repeat(depth));
        let whole = serde_json::from_str::<Vec<Value>>(&body);
        for cuts in [vec![1], vec![depth / 2, depth + 3]] {
            let frames = decode_list::<Value>("GET /Sessions", framed(&body, &cuts), 64);
            assert_eq!(frames.is_ok(), whole.is_ok(), "depth {depth}, cut at {cuts:?}: {frames:?}");
            if let Err(e) = frames {
                assert_eq!(e.kind(), ErrorKind::Decode);
                assert!(e.message().contains("recursion limit"), "{e}");
            }
        }
    }
}
