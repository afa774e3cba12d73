//! Decodes response bodies with the SDK's own models and prints them re-encoded, for the
//! decoding-robustness suite (tests/conformance/roundtrip.py). Not an example: a tool the
//! conformance suite builds with `cargo build -p sessionlink-tools --bin roundtrip`.
//!
//! Protocol, one request per stdin line: `<Schema>\t<json>`. One answer per stdout line:
//! `OK\t<re-encoded json>` or `ERR\t<decode error>`. The schemas are the response bodies the
//! SDK decodes, named after the contract.

use std::io::{self, BufRead, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;
use sessionlink::g4::models::{AuthenticatedSessionResponse, GetSessionResponse};
use sessionlink::jellyfin::models::{
    AuthenticationResult, NameIdPair, PublicSystemInfo, QuickConnectResult, SessionInfoDto, SystemInfo, UserDto,
};

fn roundtrip<T: DeserializeOwned + Serialize>(json: &str) -> Result<String, String> {
    // The same decoder the clients use for every response body.
    let value: T = sessionlink::transport::decode("roundtrip", json.as_bytes()).map_err(|e| e.to_string())?;
    serde_json::to_string(&value).map_err(|e| format!("re-encoding failed: {e}"))
}

fn main() {
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is UTF-8 lines");
        let (schema, json) = line.split_once('\t').unwrap_or((line.as_str(), ""));
        let result = match schema {
            "SessionInfoDto[]" => roundtrip::<Vec<SessionInfoDto>>(json),
            "NameIdPair[]" => roundtrip::<Vec<NameIdPair>>(json),
            "AuthenticationResult" => roundtrip::<AuthenticationResult>(json),
            "QuickConnectResult" => roundtrip::<QuickConnectResult>(json),
            "PublicSystemInfo" => roundtrip::<PublicSystemInfo>(json),
            "SystemInfo" => roundtrip::<SystemInfo>(json),
            "UserDto" => roundtrip::<UserDto>(json),
            "AuthenticatedSessionResponse" => roundtrip::<AuthenticatedSessionResponse>(json),
            "GetSessionResponse" => roundtrip::<GetSessionResponse>(json),
            other => Err(format!("unknown schema {other:?}")),
        };
        let reply = match result {
            Ok(json) => format!("OK\t{json}"),
            Err(e) => format!("ERR\t{}", e.replace(['\n', '\t'], " ")),
        };
        writeln!(out, "{reply}").and_then(|()| out.flush()).expect("stdout is open");
    }
}
