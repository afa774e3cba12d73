//! `sessionlink-gen`: reads every operation of core's clients and writes the code each binding
//! needs for it, the way Diplomat and UniFFI derive every language from one declaration.
//!
//!     cargo run -p sessionlink-gen              # (re)writes the generated files
//!     cargo run -p sessionlink-gen -- --check   # fails, naming them, when one is stale
//!     cargo run -p sessionlink-gen -- stubs     # prints the Python stubs of the generated methods
//!     cargo run -p sessionlink-gen -- ops       # prints the operations as JSON (name, client, how bound)
//!
//! What it reads and writes, its type table and the operations it leaves to hand-written code
//! are described in CONTRIBUTING.md ("The generator").

use std::path::Path;

use sessionlink_gen::{api, emit, read, types};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sessionlink-gen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let root = sessionlink_gen::root();
    let api = read::read(&root)?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("stubs") => {
            println!("{}", serde_json::to_string_pretty(&emit::python::stubs(&api)?).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Some("ops") => {
            println!("{}", serde_json::to_string_pretty(&ops_json(&api)).map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Some("--check") => {
            let stale = outputs(&root, &api)?
                .into_iter()
                .filter(|o| std::fs::read_to_string(root.join(&o.path)).ok().as_deref() != Some(o.text.as_str()))
                .map(|o| o.path)
                .collect::<Vec<_>>();
            if stale.is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "sessionlink-gen: stale generated files (run `cargo run -p sessionlink-gen` and commit them):\n  {}",
                    stale.join("\n  ")
                );
                Ok(ExitCode::FAILURE)
            }
        }
        None => {
            for o in outputs(&root, &api)? {
                let path = root.join(&o.path);
                if std::fs::read_to_string(&path).ok().as_deref() != Some(o.text.as_str()) {
                    std::fs::write(&path, &o.text).map_err(|e| format!("{}: {e}", o.path))?;
                    eprintln!("sessionlink-gen: wrote {}", o.path);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown argument {other:?} (see the module doc of tools/gen/src/main.rs)")),
    }
}

fn outputs(root: &Path, api: &api::Api) -> Result<Vec<emit::Output>, String> {
    emit::all(root, api)
}

/// Every public operation of core's clients, and how each reaches the bindings.
fn ops_json(api: &api::Api) -> serde_json::Value {
    let ops: Vec<serde_json::Value> = api
        .ops
        .iter()
        .map(|op| {
            let hand = types::hand_written(&op.name);
            serde_json::json!({
                "client": op.client.core_type(),
                "name": op.name,
                "file": op.file,
                "generated": hand.is_none(),
                "hand_written_reason": hand.map(|h| h.why),
                "c": hand.map(|h| h.c.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                    .unwrap_or_else(|| vec![emit::c::c_name(op), format!("{}_async", emit::c::c_name(op))]),
                "cxx": if hand.is_some() {
                    vec![format!("{}::{}", op.client.core_type(), op.name)]
                } else {
                    vec![format!("{}::{}", op.client.core_type(), op.name), format!("{}::{}_async", op.client.core_type(), op.name)]
                },
            })
        })
        .collect();
    serde_json::Value::Array(ops)
}
