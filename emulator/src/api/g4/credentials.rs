//! Who is calling the G4 API: a bearer issued in the tenant, or one of its API keys.

use crate::state::g4::G4State;
use crate::wire::request::Req;

pub(crate) enum Credentials {
    ApiKey,
    Bearer(String),
}

/// `Authorization: bearer <token>` or `apikey <key>`, scheme in any case.
pub(crate) fn credentials(g4: &G4State, tenant: &str, req: &Req) -> Option<Credentials> {
    let t = g4.tenants.get(tenant)?;
    let (scheme, value) = req.header("authorization")?.trim().split_once(' ')?;
    let value = value.trim();
    if scheme.eq_ignore_ascii_case("bearer") && t.bearers.contains_key(value) {
        Some(Credentials::Bearer(value.to_owned()))
    } else if scheme.eq_ignore_ascii_case("apikey") && t.api_keys.iter().any(|k| k == value) {
        Some(Credentials::ApiKey)
    } else {
        None
    }
}
