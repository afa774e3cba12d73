//! The `Authorization: MediaBrowser ...` header (jellyfin-notes.md §4.2).
//!
//! The server splits the parameters on commas outside double quotes, with no backslash
//! escapes, then URL-decodes each value (so `+` becomes a space). Every value is therefore
//! quoted and percent-encoded, everything but RFC 3986 unreserved characters included: a
//! quote, comma, plus sign or non-ASCII character in a device name survives the round trip.

use http::header::HeaderValue;

use crate::encoding::push_encoded;
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The identity fields of the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIdentity {
    /// The application name (`Client=`).
    pub client: String,
    /// The device name (`Device=`).
    pub device: String,
    /// The stable device id (`DeviceId=`).
    pub device_id: String,
    /// The application version (`Version=`).
    pub version: String,
}

impl ClientIdentity {
    /// Login needs all four fields non-empty (the server answers 400 otherwise), and a
    /// control character in any of them is almost certainly a bug in the caller.
    pub fn validate(&self) -> Result<()> {
        for (name, value) in [
            ("client_name", &self.client),
            ("device_name", &self.device),
            ("device_id", &self.device_id),
            ("client_version", &self.version),
        ] {
            if value.trim().is_empty() {
                return Err(Error::invalid_argument(format!("{name} must not be empty")));
            }
            check_no_control(name, value)?;
        }
        Ok(())
    }
}

pub(crate) fn check_no_control(name: &str, value: &str) -> Result<()> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::invalid_argument(format!("{name} contains a control character ({c:?})")));
    }
    Ok(())
}

/// Renders the header value. The token, when present, is the last parameter.
pub fn render(identity: &ClientIdentity, token: Option<&Secret>) -> Result<HeaderValue> {
    let mut out = String::with_capacity(160);
    out.push_str("MediaBrowser ");
    let mut param = |key: &str, value: &str, first: bool| {
        if !first {
            out.push_str(", ");
        }
        out.push_str(key);
        out.push_str("=\"");
        push_encoded(&mut out, value);
        out.push('"');
    };
    param("Client", &identity.client, true);
    param("Device", &identity.device, false);
    param("DeviceId", &identity.device_id, false);
    param("Version", &identity.version, false);
    if let Some(token) = token {
        if token.expose().trim().is_empty() {
            return Err(Error::invalid_argument("token must not be empty or blank"));
        }
        check_no_control("token", token.expose())?;
        param("Token", token.expose(), false);
    }
    let mut value = HeaderValue::from_str(&out).map_err(|_| Error::internal("Authorization header is not ASCII"))?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(device: &str) -> ClientIdentity {
        ClientIdentity {
            client: "My App".into(),
            device: device.into(),
            device_id: "id-1".into(),
            version: "1.2.3".into(),
        }
    }

    #[test]
    fn values_are_quoted_and_percent_encoded() {
        let v = render(&identity("Living \"Room\", 2+2 Ü"), Some(&Secret::new("abc"))).unwrap();
        assert_eq!(
            v.to_str().unwrap(),
            "MediaBrowser Client=\"My%20App\", Device=\"Living%20%22Room%22%2C%202%2B2%20%C3%9C\", \
             DeviceId=\"id-1\", Version=\"1.2.3\", Token=\"abc\""
        );
        assert!(v.is_sensitive());
    }

    #[test]
    fn no_token_means_no_token_parameter() {
        let v = render(&identity("d"), None).unwrap();
        assert!(!v.to_str().unwrap().contains("Token"));
    }

    #[test]
    fn empty_and_control_characters_are_refused() {
        assert!(identity("").validate().is_err());
        assert!(identity("a\r\nX-Evil: 1").validate().is_err());
        assert!(identity("ok").validate().is_ok());
    }
}
