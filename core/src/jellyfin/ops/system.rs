//! `GetPingSystem` and `GetPublicSystemInfo`: what a client asks a server before logging in;
//! `GetSystemInfo`: what it may ask once logged in.

use crate::call::Call;
use crate::jellyfin::client::JellyfinClient;
use crate::jellyfin::models::{PublicSystemInfo, SystemInfo};
use crate::transport::Route;

const PING_SYSTEM: Route = Route::new("GET /System/Ping");
const GET_PUBLIC_SYSTEM_INFO: Route = Route::new("GET /System/Info/Public");
const GET_SYSTEM_INFO: Route = Route::new("GET /System/Info");

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

    /// `GET /System/Info`: the public facts and the server's state (a pending restart,
    /// shutting down). Needs a login; a user who may not see it (outside the parental
    /// schedule) is a `Forbidden` error. Clients such as jellyfin-apiclient-python call it
    /// first after connecting.
    pub fn get_system_info(&self) -> Call<SystemInfo> {
        self.call(GET_SYSTEM_INFO, |_| Ok(())).json()
    }
}
