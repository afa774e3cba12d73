//! How a Jellyfin client identifies itself and where it connects.

use std::fmt;

use crate::secret::Secret;
use crate::transport::TransportOptions;

/// Configuration of a [`crate::jellyfin::JellyfinClient`].
///
/// `device_id` should be stable per installation (and ideally per user): the server keys a
/// session on Client + DeviceId, and logging in again from the same DeviceId revokes the
/// previous token of that user.
#[derive(Clone)]
pub struct JellyfinConfig {
    /// Server URL, with or without a trailing slash, with the server's path prefix if it has
    /// one (for example `https://media.example.com/jellyfin`).
    pub base_url: String,
    /// Application name (`Client=` in the Authorization header).
    pub client_name: String,
    /// Human-readable device name (`Device=`).
    pub device_name: String,
    /// Stable device identifier (`DeviceId=`).
    pub device_id: String,
    /// Application version (`Version=`).
    pub client_version: String,
    /// A user access token or an API key (`Token=`). Set by `authenticate_by_name`.
    pub token: Option<Secret>,
    /// Timeouts, TLS, pool and limits.
    pub transport: TransportOptions,
}

impl JellyfinConfig {
    /// A configuration with sessionlink's own client name and version, and the given device.
    pub fn new(base_url: impl Into<String>, device_name: impl Into<String>, device_id: impl Into<String>) -> Self {
        JellyfinConfig {
            base_url: base_url.into(),
            client_name: "sessionlink".to_owned(),
            device_name: device_name.into(),
            device_id: device_id.into(),
            client_version: env!("CARGO_PKG_VERSION").to_owned(),
            token: None,
            transport: TransportOptions::default(),
        }
    }

    /// A configuration from the optional values the bindings take: a missing device name or
    /// id is [`default_device`]'s, a missing client name or version is sessionlink's own.
    pub fn from_options(
        base_url: impl Into<String>,
        device_name: Option<String>,
        device_id: Option<String>,
        client_name: Option<String>,
        client_version: Option<String>,
        token: Option<String>,
        transport: TransportOptions,
    ) -> Self {
        let (default_name, default_id) = default_device();
        let mut config =
            JellyfinConfig::new(base_url, device_name.unwrap_or(default_name), device_id.unwrap_or(default_id));
        if let Some(name) = client_name {
            config.client_name = name;
        }
        if let Some(version) = client_version {
            config.client_version = version;
        }
        config.token = token.map(Secret::new);
        config.transport = transport;
        config
    }

    /// Names the application (`Client=` and `Version=`) instead of sessionlink.
    pub fn with_client(mut self, name: impl Into<String>, version: impl Into<String>) -> Self {
        self.client_name = name.into();
        self.client_version = version.into();
        self
    }

    /// Starts with an access token or API key instead of logging in.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

/// A device name and id for this machine, for callers that do not name their device: the
/// host name, and `sessionlink-<host name>` as the id. Stable across runs (the server keys
/// sessions on Client + DeviceId), but shared by every program on the machine that uses it,
/// so applications that can should pass their own per-installation id.
pub fn default_device() -> (String, String) {
    let host = hostname().filter(|h| !h.is_empty()).unwrap_or_else(|| "localhost".to_owned());
    let id = format!("sessionlink-{host}");
    (host, id)
}

fn hostname() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname NUL-terminates on success
        // except on truncation, which the search for NUL below handles.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc != 0 {
            return None;
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        let name = String::from_utf8_lossy(&buf[..end]);
        Some(name.chars().filter(|c| !c.is_control()).collect())
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").ok()
    }
}

impl fmt::Debug for JellyfinConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JellyfinConfig")
            .field("base_url", &self.base_url)
            .field("client_name", &self.client_name)
            .field("device_name", &self.device_name)
            .field("device_id", &self.device_id)
            .field("client_version", &self.client_version)
            .field("token", &self.token)
            .field("transport", &self.transport)
            .finish()
    }
}
