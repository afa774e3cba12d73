//! The Jellyfin routes this emulator serves, each naming its handler, matched the way ASP.NET
//! Core matches them.

use super::handler::Access::{Authenticated, Public};
use super::handler::{Access, Handler};
use super::{account, capabilities, commands, guests, playback, quick_connect, sessions, viewing};

/// One route: method, path template (`{}` is a route parameter; literal segments match
/// case-insensitively), who may call it, and its handler. A new route is one row here and
/// its handler.
pub(crate) type Route = (&'static str, &'static [&'static str], Access, Handler);

const ROUTES: &[Route] = &[
    ("POST", &["users", "authenticatebyname"], Public, account::login),
    ("GET", &["system", "info", "public"], Public, account::public_info),
    ("GET", &["system", "ping"], Public, account::ping),
    ("POST", &["system", "ping"], Public, account::ping),
    ("GET", &["system", "info"], Authenticated, account::system_info),
    ("GET", &["users", "me"], Authenticated, account::me),
    ("GET", &["quickconnect", "enabled"], Public, quick_connect::enabled),
    ("POST", &["quickconnect", "initiate"], Public, quick_connect::initiate),
    // 10.11 still serves the old GET (hidden from the document), which older clients call.
    ("GET", &["quickconnect", "initiate"], Public, quick_connect::initiate),
    ("GET", &["quickconnect", "connect"], Public, quick_connect::connect),
    ("POST", &["quickconnect", "authorize"], Authenticated, quick_connect::authorize),
    ("POST", &["users", "authenticatewithquickconnect"], Public, quick_connect::authenticate),
    ("GET", &["sessions"], Authenticated, sessions::get_sessions),
    ("POST", &["sessions", "{}", "user", "{}"], Authenticated, guests::add_user),
    ("DELETE", &["sessions", "{}", "user", "{}"], Authenticated, guests::remove_user),
    ("POST", &["sessions", "{}", "viewing"], Authenticated, commands::display_content),
    ("POST", &["sessions", "{}", "playing"], Authenticated, commands::play),
    ("POST", &["sessions", "{}", "playing", "{}"], Authenticated, commands::playstate),
    ("POST", &["sessions", "{}", "system", "{}"], Authenticated, commands::general),
    ("POST", &["sessions", "{}", "command", "{}"], Authenticated, commands::general),
    ("POST", &["sessions", "{}", "command"], Authenticated, commands::full_general),
    ("POST", &["sessions", "{}", "message"], Authenticated, commands::message),
    ("POST", &["sessions", "capabilities"], Authenticated, capabilities::capabilities),
    ("POST", &["sessions", "capabilities", "full"], Authenticated, capabilities::full_capabilities),
    ("POST", &["sessions", "viewing"], Authenticated, viewing::viewing),
    ("POST", &["sessions", "logout"], Authenticated, account::logout),
    ("GET", &["auth", "providers"], Authenticated, account::auth_providers),
    ("GET", &["auth", "passwordresetproviders"], Authenticated, account::password_reset_providers),
    ("POST", &["sessions", "playing"], Authenticated, playback::start),
    ("POST", &["sessions", "playing", "progress"], Authenticated, playback::progress),
    ("POST", &["sessions", "playing", "stopped"], Authenticated, playback::stopped),
    ("POST", &["sessions", "playing", "ping"], Authenticated, playback::ping),
];

/// Finds the route. Among templates that fit the path, the one with more literal segments
/// wins (ASP.NET's precedence); a path that fits only under another method is 405.
pub(crate) fn route(method: &str, segs: &[String]) -> Result<(&'static Route, Vec<String>), u16> {
    let mut fits: Vec<(usize, &'static Route, Vec<String>)> = Vec::new();
    for row in ROUTES {
        let template = row.1;
        if template.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let all = template.iter().zip(segs).all(|(t, s)| {
            if *t == "{}" {
                params.push(s.clone());
                !s.is_empty()
            } else {
                literals += 1;
                t.eq_ignore_ascii_case(s)
            }
        });
        if all {
            fits.push((literals, row, params));
        }
    }
    fits.sort_by_key(|f| std::cmp::Reverse(f.0));
    let best = fits.first().map(|f| f.0);
    let mut candidates = fits.into_iter().filter(|f| Some(f.0) == best).peekable();
    if candidates.peek().is_none() {
        return Err(404);
    }
    candidates.find(|f| f.1 .0.eq_ignore_ascii_case(method)).map(|f| (f.1, f.2)).ok_or(405)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::request::segments;

    /// The matched row as `"METHOD a/{}/b"`, and the parameters.
    fn route_of(method: &str, path: &str) -> Result<(String, Vec<String>), u16> {
        route(method, &segments(path)).map(|(row, params)| (format!("{} {}", row.0, row.1.join("/")), params))
    }

    fn template(method: &str, path: &str) -> Result<String, u16> {
        route_of(method, path).map(|r| r.0)
    }

    #[test]
    fn routes_are_case_insensitive_and_prefer_literals() {
        assert_eq!(template("POST", "/sessions/capabilities/FULL").as_deref(), Ok("POST sessions/capabilities/full"));
        assert_eq!(
            route_of("POST", "/Sessions/abc/Command"),
            Ok(("POST sessions/{}/command".into(), vec!["abc".into()]))
        );
        assert_eq!(template("POST", "/Sessions/Viewing").as_deref(), Ok("POST sessions/viewing"));
        assert_eq!(template("POST", "/Sessions/x/Viewing").as_deref(), Ok("POST sessions/{}/viewing"));
        assert_eq!(route_of("GET", "/Sessions/Logout"), Err(405));
        assert_eq!(route_of("GET", "/Nope"), Err(404));
        assert_eq!(route_of("POST", "/Sessions//Playing"), Err(404));
        assert_eq!(template("POST", "/Sessions/Playing").as_deref(), Ok("POST sessions/playing"));
        assert_eq!(template("POST", "/sessions/playing/PROGRESS").as_deref(), Ok("POST sessions/playing/progress"));
        assert_eq!(template("POST", "/Sessions/Playing/Stopped").as_deref(), Ok("POST sessions/playing/stopped"));
        assert_eq!(template("POST", "/Sessions/Playing/Ping").as_deref(), Ok("POST sessions/playing/ping"));
        assert_eq!(
            route_of("POST", "/Sessions/Playing/Playing"),
            Ok(("POST sessions/{}/playing".into(), vec!["Playing".into()]))
        );
        assert_eq!(route_of("GET", "/Sessions/Playing"), Err(405));
        assert_eq!(
            route_of("POST", "/Sessions/..%2Fx/Playing/Pause"),
            Ok(("POST sessions/{}/playing/{}".into(), vec!["../x".into(), "Pause".into()]))
        );
    }

    /// Only logging in, the public system info, ping and Quick Connect's device side are
    /// reachable without a token.
    #[test]
    fn only_the_servers_anonymous_routes_are_public() {
        let public: Vec<String> =
            ROUTES.iter().filter(|r| r.2 == Access::Public).map(|r| format!("{} {}", r.0, r.1.join("/"))).collect();
        assert_eq!(
            public,
            [
                "POST users/authenticatebyname",
                "GET system/info/public",
                "GET system/ping",
                "POST system/ping",
                "GET quickconnect/enabled",
                "POST quickconnect/initiate",
                "GET quickconnect/initiate",
                "GET quickconnect/connect",
                "POST users/authenticatewithquickconnect",
            ]
        );
    }
}
