//! Percent-encoding of one URL component (a path segment, a query value, an `Authorization`
//! header value). A leaf: it names nothing of the crate, so the transport that builds URLs
//! and the scrubbing of errors, which must recognise a credential as a URL carries it, both
//! use it without depending on each other.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986 "unreserved" is encoded, in path segments and query values alike:
/// a space becomes `%20` (never `+`), `/` becomes `%2F`, so a value can never leave its slot.
pub(crate) const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Appends `value` percent-encoded as one path segment or query value.
pub(crate) fn push_encoded(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, COMPONENT));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_stay_as_they_are() {
        let mut out = String::new();
        push_encoded(&mut out, "aZ09-._~ /?#%+,ü");
        assert_eq!(out, "aZ09-._~%20%2F%3F%23%25%2B%2C%C3%BC");
    }
}
