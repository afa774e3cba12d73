//! The two decoders the server applies: `WebUtility.UrlDecode` to query strings and
//! `Authorization` header values, plain percent-decoding to path segments.

/// `WebUtility.UrlDecode`: `+` is a space, `%XX` a byte; a malformed escape stays as it is.
/// Also right for query strings (ASP.NET decodes them the same way).
pub(crate) fn url_decode(s: &str) -> String {
    decode(s, true)
}

/// Path-segment decoding: `%XX` only, `+` stays a plus.
pub(crate) fn percent_decode(s: &str) -> String {
    decode(s, false)
}

fn decode(s: &str, plus_is_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_escapes_survive() {
        assert_eq!(url_decode("100%"), "100%");
        assert_eq!(url_decode("%zz%4"), "%zz%4");
        assert_eq!(url_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("a+b%2Fc"), "a+b/c");
    }
}
