//! A server's answer to UDP discovery: `ServerDiscoveryInfo`.

use crate::wire_struct;

wire_struct! {
    /// A server's answer to UDP discovery: its address, id and name.
    ///
    /// What a Jellyfin server answers to the discovery datagram (`who is JellyfinServer?` on
    /// UDP port 7359): the server's `MediaBrowser.Model.ApiClient.ServerDiscoveryInfo`,
    /// serialised with .NET's default options (PascalCase, `EndpointAddress` written as
    /// `null` when unset).
    pub struct ServerDiscoveryInfo {
        /// The server's base URL as it would be reached from the asking host
        /// (`http://192.168.1.20:8096`, with its base path if it has one): what a client
        /// connects to.
        address: Option<String> = "Address",
        /// The server's id, stable across restarts (32 hex digits): the same server found
        /// twice (broadcast and a target) has the same id.
        id: Option<String> = "Id",
        /// The server's friendly name, as its administrator set it.
        name: Option<String> = "Name",
        /// An endpoint address the server may add; current servers send `null`.
        endpoint_address: Option<String> = "EndpointAddress",
    }
}
