//! `GetPingSystem` and `GetPublicSystemInfo`: what a client asks a server before logging in.

use crate::call::Call;
use crate::jellyfin::client::JellyfinClient;
use crate::jellyfin::models::PublicSystemInfo;
use crate::transport::Route;

const PING_SYSTEM: Route = Route::new("GET /System/Ping");
const GET_PUBLIC_SYSTEM_INFO: Route = Route::new("GET /System/Info/Public");

impl JellyfinClient {
    /// `GET /System/Ping`: whether a server answers at the base URL, and its product name
    /// (`"Jellyfin Server"`). Needs no login.
    pub fn ping_system(&self) -> Call<String> {
        self.call(PING_SYSTEM, |_| Ok(())).json()
    }

    /// `GET /System/Info/Public`: the server's name, version and id, which a client checks
    /// before it logs in. Needs no login.
    pub fn get_public_system_info(&self) -> Call<PublicSystemInfo> {
        self.call(GET_PUBLIC_SYSTEM_INFO, |_| Ok(())).json()
    }
}
