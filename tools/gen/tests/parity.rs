//! Every public operation of core's clients exists in Python (the blocking and the asyncio
//! class) and in C (the blocking function and its `_async` twin), or is one of the
//! hand-written operations of the type table, whose C functions are named there. The stubs
//! stand for the Python classes: `mypy.stubtest` (in the Python suite) holds them to the
//! built module.

use sessionlink_gen::{read, root, types};

/// The methods a class of the stub file declares.
fn stub_methods(stub: &str, class: &str) -> Vec<String> {
    let header = format!("class {class}(");
    let Some(start) = stub.find(&header) else { return Vec::new() };
    let body = &stub[start + header.len()..];
    let end = body.find("\nclass ").unwrap_or(body.len());
    body[..end]
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("def ").or_else(|| l.trim_start().strip_prefix("async def ")))
        .filter_map(|l| l.split('(').next())
        .map(str::to_owned)
        .collect()
}

/// The functions the C header declares.
fn c_functions(header: &str) -> Vec<String> {
    header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("typedef") && l.ends_with(");"))
        .filter_map(|l| l.split('(').next()?.rsplit([' ', '*']).next().map(str::to_owned))
        .collect()
}

#[test]
fn every_operation_exists_in_every_language() {
    let root = root();
    let api = read::read(&root).unwrap();
    let stub = std::fs::read_to_string(root.join("bindings-python/python/sessionlink/_native.pyi")).unwrap();
    let header = std::fs::read_to_string(root.join("include/sessionlink.h")).unwrap();
    let c = c_functions(&header);
    assert!(api.ops.len() >= 30, "only {} operations read from core", api.ops.len());
    let mut missing = Vec::new();
    for op in &api.ops {
        let class = op.client.python_class();
        for cls in [class.to_owned(), format!("Async{class}")] {
            // A stub-only base class (`_JellyfinBase`) may declare what both classes share.
            let base = format!("_{}Base", class.trim_end_matches("Client"));
            if !stub_methods(&stub, &cls).contains(&op.name) && !stub_methods(&stub, &base).contains(&op.name) {
                missing.push(format!("Python {cls}.{}", op.name));
            }
        }
        let names: Vec<String> = match types::hand_written(&op.name) {
            Some(h) => h.c.iter().map(|s| s.to_string()).collect(),
            None => {
                let name = format!("{}{}", op.client.c_prefix(), op.name);
                vec![name.clone(), format!("{name}_async")]
            }
        };
        for name in names {
            if !c.contains(&name) {
                missing.push(format!("C {name} ({})", op.name));
            }
        }
    }
    assert!(missing.is_empty(), "operations missing from a binding: {missing:#?}");
}

/// The check above can fail: an operation the bindings lack is reported.
#[test]
fn a_missing_operation_is_reported() {
    let header = "enum sl_status sl_jellyfin_play(const struct sl_jellyfin_client *client);\n";
    assert_eq!(c_functions(header), vec!["sl_jellyfin_play".to_owned()]);
    let stub =
        "class JellyfinClient(_JellyfinBase):\n    def play(self) -> None: ...\nclass Other:\n    def x(self): ...\n";
    assert_eq!(stub_methods(stub, "JellyfinClient"), vec!["play".to_owned()]);
    assert!(!stub_methods(stub, "JellyfinClient").contains(&"x".to_owned()));
}

/// Each hand-written operation says why it is not generated.
#[test]
fn hand_written_operations_give_their_reason() {
    for h in types::HAND_WRITTEN {
        assert!(h.why.len() > 20 && !h.c.is_empty(), "{h:?}");
    }
}
