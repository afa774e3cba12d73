//! `transport::header_value`: what may be sent in an HTTP header. A tab is allowed (RFC 9110
//! allows it inside a field value); any other control character would split or corrupt the
//! header and is refused by name before any I/O; so is anything beyond ASCII.
#![allow(clippy::unwrap_used)]

use sessionlink::transport::header_value;
use sessionlink::ErrorKind;

#[test]
fn a_tab_is_allowed_and_other_control_characters_are_named() {
    assert_eq!(header_value("device", "a\tb").unwrap().as_bytes(), b"a\tb");
    for bad in ["a\rb", "a\nb", "a\0b", "a\u{1b}b", "a\u{7f}b"] {
        let err = header_value("device", bad).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.message().starts_with("device contains a control character"), "{bad:?}: {err}");
    }
    let err = header_value("device", "Küche").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.message().contains("must be ASCII"), "{err}");
}
