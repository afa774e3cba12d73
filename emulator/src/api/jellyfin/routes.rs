//! The Jellyfin routes this emulator serves, matched the way ASP.NET Core matches them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Login,
    PublicInfo,
    Ping,
    Me,
    GetSessions,
    AddUser,
    RemoveUser,
    DisplayContent,
    Play,
    Playstate,
    SystemCommand,
    GeneralCommand,
    FullGeneralCommand,
    Message,
    Capabilities,
    FullCapabilities,
    Viewing,
    Logout,
    AuthProviders,
    PasswordResetProviders,
    PlaybackStart,
    PlaybackProgress,
    PlaybackStopped,
    PlaybackPing,
}

/// `{}` is a route parameter. Literal segments match case-insensitively.
const ROUTES: &[(&str, &[&str], Op)] = &[
    ("POST", &["users", "authenticatebyname"], Op::Login),
    ("GET", &["system", "info", "public"], Op::PublicInfo),
    ("GET", &["system", "ping"], Op::Ping),
    ("POST", &["system", "ping"], Op::Ping),
    ("GET", &["users", "me"], Op::Me),
    ("GET", &["sessions"], Op::GetSessions),
    ("POST", &["sessions", "{}", "user", "{}"], Op::AddUser),
    ("DELETE", &["sessions", "{}", "user", "{}"], Op::RemoveUser),
    ("POST", &["sessions", "{}", "viewing"], Op::DisplayContent),
    ("POST", &["sessions", "{}", "playing"], Op::Play),
    ("POST", &["sessions", "{}", "playing", "{}"], Op::Playstate),
    ("POST", &["sessions", "{}", "system", "{}"], Op::SystemCommand),
    ("POST", &["sessions", "{}", "command", "{}"], Op::GeneralCommand),
    ("POST", &["sessions", "{}", "command"], Op::FullGeneralCommand),
    ("POST", &["sessions", "{}", "message"], Op::Message),
    ("POST", &["sessions", "capabilities"], Op::Capabilities),
    ("POST", &["sessions", "capabilities", "full"], Op::FullCapabilities),
    ("POST", &["sessions", "viewing"], Op::Viewing),
    ("POST", &["sessions", "logout"], Op::Logout),
    ("GET", &["auth", "providers"], Op::AuthProviders),
    ("GET", &["auth", "passwordresetproviders"], Op::PasswordResetProviders),
    ("POST", &["sessions", "playing"], Op::PlaybackStart),
    ("POST", &["sessions", "playing", "progress"], Op::PlaybackProgress),
    ("POST", &["sessions", "playing", "stopped"], Op::PlaybackStopped),
    ("POST", &["sessions", "playing", "ping"], Op::PlaybackPing),
];

/// Finds the operation. Among templates that fit the path, the one with more literal
/// segments wins (ASP.NET's precedence); a path that fits only under another method is 405.
pub(crate) fn route(method: &str, segs: &[String]) -> Result<(Op, Vec<String>), u16> {
    let mut fits: Vec<(usize, &str, Op, Vec<String>)> = Vec::new();
    for (m, template, op) in ROUTES {
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
            fits.push((literals, m, *op, params));
        }
    }
    fits.sort_by_key(|f| std::cmp::Reverse(f.0));
    let best = fits.first().map(|f| f.0);
    let mut candidates = fits.into_iter().filter(|f| Some(f.0) == best).peekable();
    if candidates.peek().is_none() {
        return Err(404);
    }
    candidates.find(|f| f.1.eq_ignore_ascii_case(method)).map(|f| (f.2, f.3)).ok_or(405)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::request::segments;

    fn segs(path: &str) -> Vec<String> {
        segments(path)
    }

    #[test]
    fn routes_are_case_insensitive_and_prefer_literals() {
        assert_eq!(route("POST", &segs("/sessions/capabilities/FULL")).map(|r| r.0), Ok(Op::FullCapabilities));
        assert_eq!(route("POST", &segs("/Sessions/abc/Command")), Ok((Op::FullGeneralCommand, vec!["abc".into()])));
        assert_eq!(route("POST", &segs("/Sessions/Viewing")).map(|r| r.0), Ok(Op::Viewing));
        assert_eq!(route("POST", &segs("/Sessions/x/Viewing")).map(|r| r.0), Ok(Op::DisplayContent));
        assert_eq!(route("GET", &segs("/Sessions/Logout")), Err(405));
        assert_eq!(route("GET", &segs("/Nope")), Err(404));
        assert_eq!(route("POST", &segs("/Sessions//Playing")), Err(404));
        assert_eq!(route("POST", &segs("/Sessions/Playing")).map(|r| r.0), Ok(Op::PlaybackStart));
        assert_eq!(route("POST", &segs("/sessions/playing/PROGRESS")).map(|r| r.0), Ok(Op::PlaybackProgress));
        assert_eq!(route("POST", &segs("/Sessions/Playing/Stopped")).map(|r| r.0), Ok(Op::PlaybackStopped));
        assert_eq!(route("POST", &segs("/Sessions/Playing/Ping")).map(|r| r.0), Ok(Op::PlaybackPing));
        assert_eq!(route("POST", &segs("/Sessions/Playing/Playing")), Ok((Op::Play, vec!["Playing".into()])));
        assert_eq!(route("GET", &segs("/Sessions/Playing")), Err(405));
        assert_eq!(
            route("POST", &segs("/Sessions/..%2Fx/Playing/Pause")),
            Ok((Op::Playstate, vec!["../x".into(), "Pause".into()]))
        );
    }
}
