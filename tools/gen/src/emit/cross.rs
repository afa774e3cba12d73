//! The cross-language check's generated steps (`tests/cross/`): one call of every generated
//! operation from Rust, Python, C and C++, with the same values ([`crate::examples`]), so that a new
//! operation joins the byte-for-byte comparison of the requests by itself. Each language's
//! file has one entry point, `run`, which the hand-written script calls with a Jellyfin client,
//! a G4 client, the emulator's fixtures and a live G4 session id. Operations that keep the
//! client's credentials run first, then those that replace them, then those that need a
//! user's login ([`crate::examples::AFTER_LOGIN`]), then those that forget them.
//! Outcomes are not checked here: `compare.py` compares the requests and their statuses.

use std::fmt::Write as _;
use std::path::Path;

use crate::api::{Api, Client, Credentials, Op};
use crate::args::{args, Arg, Target};
use crate::emit::c::c_name;
use crate::emit::{banner, generated_ops, rustfmt, Output};
use crate::examples::{example, Ex, AFTER_LOGIN};
use crate::types::{classify, result_shape, Classified, Ty};

pub fn emit(root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    let mut ops: Vec<&Op> = generated_ops(api).collect();
    // Kept, then replaced, then those that need the user's login (AFTER_LOGIN), then forgotten.
    ops.sort_by_key(|op| match op.credentials {
        Credentials::Kept if AFTER_LOGIN.contains(&op.name.as_str()) => 2,
        Credentials::Kept => 0,
        Credentials::Replaced => 1,
        Credentials::Forgotten => 3,
    });
    Ok(vec![
        Output { path: "tools/src/same_calls/operations.rs".to_owned(), text: rustfmt(root, rust(api, &ops)?)? },
        Output { path: "tests/cross/operations.py".to_owned(), text: python(api, &ops)? },
        Output { path: "tests/cross/operations.inc".to_owned(), text: c(api, &ops)? },
        Output { path: "tests/cross/operations_cpp.inc".to_owned(), text: cxx(api, &ops)? },
    ])
}

fn group(client: Client) -> &'static str {
    match client {
        Client::Jellyfin => "jellyfin",
        Client::G4 => "g4",
    }
}

fn handle(client: Client) -> &'static str {
    match client {
        Client::Jellyfin => "jf",
        Client::G4 => "g4",
    }
}

// ---- Rust ---------------------------------------------------------------------------------

fn rust(api: &Api, ops: &[&Op]) -> Result<String, String> {
    let mut s = banner("//");
    s += "//! Every generated operation called once with the example values of tools/gen (see\n\
          //! `tests/cross/run.sh`); outcomes are compared by `tests/cross/compare.py`.\n\n\
          #![allow(unused_imports)]\n\n\
          use std::collections::BTreeMap;\n\n\
          use serde_json::{json, Value};\n\
          use sessionlink::g4::{models as g4m, G4Client};\n\
          use sessionlink::jellyfin::{models as jfm, JellyfinClient};\n\
          use sessionlink::Secret;\n\n\
          /// A fixture of the emulator.\n\
          fn fx<'a>(f: &'a Value, api: &str, key: &str) -> &'a str {\n    f[api][key].as_str().unwrap_or_default()\n}\n\n\
          /// The calls, in the order of the other languages.\n\
          pub async fn run(jf: &JellyfinClient, g4: &G4Client, f: &Value, sid: &str) {\n";
    for op in ops {
        let mut values = Vec::new();
        for p in &op.params {
            let c = classify(api, &p.ty)?;
            values.push(rust_param(api, op, &p.name, &c)?);
        }
        let _ = writeln!(s, "    let _ = {}.{}({}).await;", handle(op.client), op.name, values.join(", "));
    }
    s += "}\n";
    Ok(s)
}

fn models(client: Client) -> &'static str {
    match client {
        Client::Jellyfin => "jfm",
        Client::G4 => "g4m",
    }
}

fn rust_param(api: &Api, op: &Op, name: &str, c: &Classified) -> Result<String, String> {
    let m = models(op.client);
    let value = match &c.ty {
        Ty::Bundle(b) => {
            let s = api.struct_named(b).ok_or_else(|| format!("no struct {b}"))?;
            let module = match op.client {
                Client::Jellyfin => "sessionlink::jellyfin",
                Client::G4 => "sessionlink::g4",
            };
            let mut fields = Vec::new();
            for f in &s.fields {
                let fc = classify(api, &f.ty)?;
                fields.push(format!("{}: {}", f.name, rust_value(api, op, &f.name, &fc)?));
            }
            return Ok(format!("&{module}::{b} {{ {} }}", fields.join(", ")));
        }
        Ty::Model(model) => {
            let json = model_json(api, op, model)?;
            format!("serde_json::from_value::<{m}::{model}>(json!({})).unwrap_or_default()", rust_json(op, &json))
        }
        _ => return rust_value(api, op, name, c),
    };
    Ok(if c.by_ref { format!("&{value}") } else { value })
}

/// A model's example, by wire name: its fields that have example values, and the fields a
/// flattened form of the model requires (so that every language sends the same fields).
fn model_json(api: &Api, op: &Op, model: &str) -> Result<Ex, String> {
    let s = api.struct_named(model).ok_or_else(|| format!("no model {model}"))?;
    let flat = crate::types::flattened(model);
    let required_when_flat = |field: &str| {
        flat.is_some_and(|f| {
            [f.c, f.python]
                .into_iter()
                .flatten()
                .flatten()
                .any(|(n, need)| *n == field && *need == crate::types::Need::Required)
        })
    };
    let mut fields = Vec::new();
    for f in &s.fields {
        // Fields of types outside the type table (nested lists of models) have no examples.
        let (ty, option) =
            classify(api, &f.ty).map(|c| (c.ty, c.optional)).unwrap_or((Ty::Json { object: false }, true));
        let value = crate::examples::field_entry(op.client, &f.name, option).or_else(|| {
            if required_when_flat(&f.name) {
                example(api, op.client, &f.name, &ty, false)
            } else {
                None
            }
        });
        if let Some(e) = value {
            fields.push((f.wire_name.clone().unwrap_or_else(|| f.name.clone()), e));
        }
    }
    let fields: &'static [(&'static str, Ex)] = Box::leak(
        fields.into_iter().map(|(k, v)| (&*Box::leak(k.into_boxed_str()), v)).collect::<Vec<_>>().into_boxed_slice(),
    );
    Ok(Ex::Obj(fields))
}

fn rust_value(api: &Api, op: &Op, name: &str, c: &Classified) -> Result<String, String> {
    let Some(e) = example(api, op.client, name, &c.ty, c.optional) else { return Ok("None".to_owned()) };
    let m = models(op.client);
    let g = group(op.client);
    let text = |e: &Ex| match e {
        Ex::Fx(key) => format!("fx(f, \"{g}\", \"{key}\")"),
        Ex::Session => "sid".to_owned(),
        Ex::Str(s) => format!("{s:?}"),
        other => format!("{other:?}"),
    };
    let value = match &c.ty {
        Ty::Str { borrowed: true, .. } => text(&e),
        Ty::Str { secret: true, .. } => format!("Secret::new({})", text(&e)),
        Ty::Str { .. } => format!("{}.to_owned()", text(&e)),
        Ty::Int(_) | Ty::Bool => rust_json(op, &e),
        Ty::Enum(en) => format!("{m}::{en}::from_wire({})", text(&e)),
        Ty::EnumList(en) => match &e {
            Ex::List(items) => {
                format!(
                    "vec![{}]",
                    items.iter().map(|i| format!("{m}::{en}::from_wire({})", text(i))).collect::<Vec<_>>().join(", ")
                )
            }
            _ => return Err(format!("{}: the example of {name} is not a list", op.name)),
        },
        Ty::StrList { slice } => match &e {
            Ex::List(items) => {
                let list = items.iter().map(|i| format!("{}.to_owned()", text(i))).collect::<Vec<_>>().join(", ");
                if *slice {
                    format!("[{list}]")
                } else {
                    format!("vec![{list}]")
                }
            }
            _ => return Err(format!("{}: the example of {name} is not a list", op.name)),
        },
        Ty::Json { object: false } => format!("json!({})", rust_json(op, &e)),
        Ty::Json { object: true } => format!("json!({}).as_object().cloned().unwrap_or_default()", rust_json(op, &e)),
        Ty::StrMap => match &e {
            Ex::Obj(pairs) => format!(
                "BTreeMap::from([{}])",
                pairs
                    .iter()
                    .map(|(k, v)| format!("({k:?}.to_owned(), Some({}.to_owned()))", text(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => return Err(format!("{}: the example of {name} is not an object", op.name)),
        },
        Ty::Model(_) | Ty::Bundle(_) => return Err(format!("{}: {name}: a nested model", op.name)),
    };
    let value = if c.by_ref { format!("&{value}") } else { value };
    Ok(if c.optional { format!("Some({value})") } else { value })
}

/// An example as the argument of `json!`.
fn rust_json(op: &Op, e: &Ex) -> String {
    let g = group(op.client);
    match e {
        Ex::Fx(key) => format!("fx(f, \"{g}\", \"{key}\")"),
        Ex::Session => "sid".to_owned(),
        Ex::Str(s) => format!("{s:?}"),
        Ex::Int(n) => n.to_string(),
        Ex::Bool(b) => b.to_string(),
        Ex::List(items) => format!("[{}]", items.iter().map(|i| rust_json(op, i)).collect::<Vec<_>>().join(", ")),
        Ex::Obj(pairs) => {
            format!(
                "{{{}}}",
                pairs.iter().map(|(k, v)| format!("{k:?}: {}", rust_json(op, v))).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

// ---- Python -------------------------------------------------------------------------------

fn python(api: &Api, ops: &[&Op]) -> Result<String, String> {
    let mut s = banner("#");
    s += "\"\"\"Every generated operation called once with the example values of tools/gen (see\n\
          run.sh); outcomes are compared by compare.py.\"\"\"\n\n\
          from __future__ import annotations\n\n\
          from typing import Any\n\n\
          import sessionlink\n\n\n\
          def run(jf: sessionlink.JellyfinClient, g4: sessionlink.G4Client, fx: Any, sid: str) -> None:\n    \
          \"\"\"The calls, in the order of the other languages.\"\"\"\n";
    for op in ops {
        let a = args(api, op, Target::Python)?;
        let mut values = Vec::new();
        let mut positional = true;
        let mut ordered: Vec<&Arg> = a.args.iter().filter(|x| !x.optional).collect();
        ordered.extend(a.args.iter().filter(|x| x.optional));
        for arg in ordered {
            let value = match &arg.ty {
                Ty::Model(model) => {
                    Some(format!("sessionlink.{model}.from_dict({})", py_value(op, &model_json(api, op, model)?)))
                }
                ty => example(api, op.client, &arg.name, ty, arg.optional).map(|e| py_value(op, &e)),
            };
            match value {
                Some(v) if positional && !arg.optional => values.push(v),
                Some(v) => {
                    positional = false;
                    values.push(format!("{}={v}", arg.name));
                }
                None => positional = false,
            }
        }
        let _ = writeln!(
            s,
            "    try:\n        {}.{}({})\n    except sessionlink.Error:\n        pass",
            handle(op.client),
            op.name,
            values.join(", ")
        );
    }
    Ok(s)
}

fn py_value(op: &Op, e: &Ex) -> String {
    let g = group(op.client);
    match e {
        Ex::Fx(key) => format!("fx[\"{g}\"][\"{key}\"]"),
        Ex::Session => "sid".to_owned(),
        Ex::Str(s) => format!("{s:?}"),
        Ex::Int(n) => n.to_string(),
        Ex::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
        Ex::List(items) => format!("[{}]", items.iter().map(|i| py_value(op, i)).collect::<Vec<_>>().join(", ")),
        Ex::Obj(pairs) => {
            format!(
                "{{{}}}",
                pairs.iter().map(|(k, v)| format!("{k:?}: {}", py_value(op, v))).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

// ---- C ------------------------------------------------------------------------------------

fn c(api: &Api, ops: &[&Op]) -> Result<String, String> {
    let mut s = banner("/*").trim_end().to_owned() + " */\n";
    s += "/* Every generated operation called once with the example values of tools/gen (see run.sh);\n \
          * outcomes are compared by compare.py. Included by same_calls.c, which defines fx() and text(). */\n\n\
          static void run_operations(sl_jellyfin_client *jf, sl_g4_client *g4, const char *sid) {\n";
    for (i, op) in ops.iter().enumerate() {
        let a = args(api, op, Target::C)?;
        let shape = result_shape(api, op)?;
        let mut decls = String::new();
        let mut values = Vec::new();
        for (j, arg) in a.args.iter().enumerate() {
            let local = format!("a{i}_{j}");
            let e = match &arg.ty {
                Ty::Model(model) => Some(model_json(api, op, model)?),
                ty => example(api, op.client, &arg.name, ty, arg.optional),
            };
            c_values(op, arg, e.as_ref(), &local, &mut decls, &mut values);
        }
        let mut call = format!("{}({}, {}", c_name(op), handle(op.client), values.join(", "));
        if values.is_empty() {
            call = format!("{}({}", c_name(op), handle(op.client));
        }
        let _ = write!(s, "  {{\n{decls}    sl_error *err = NULL;\n");
        match &shape.c {
            None => {
                let _ = writeln!(s, "    {call}, &err);");
            }
            Some(r) if r.out_type == "bool" => {
                let _ = writeln!(s, "    bool result = false;\n    {call}, &result, &err);");
            }
            Some(r) => {
                let c_type = r.out_type.trim_start_matches("*mut ").replace("c_char", "char");
                let free = r.free.as_ref().map(|f| format!("\n    {f}(result);")).unwrap_or_default();
                let _ = writeln!(s, "    {c_type} *result = NULL;\n    {call}, &result, &err);{free}");
            }
        }
        s += "    sl_error_free(err);\n  }\n";
    }
    s += "}\n";
    Ok(s)
}

fn c_values(op: &Op, arg: &Arg, e: Option<&Ex>, local: &str, decls: &mut String, values: &mut Vec<String>) {
    let g = group(op.client);
    let text = |e: &Ex| -> String {
        match e {
            Ex::Fx(key) => format!("fx(\"{g}\", \"{key}\")"),
            Ex::Session => "sid".to_owned(),
            Ex::Str(s) => format!("{s:?}"),
            other => c_json(op, other),
        }
    };
    let Some(e) = e else {
        match &arg.ty {
            Ty::EnumList(_) | Ty::StrList { .. } => values.extend(["NULL".to_owned(), "0".to_owned()]),
            Ty::StrMap => values.extend(["NULL".to_owned(), "NULL".to_owned(), "0".to_owned()]),
            _ => values.push("NULL".to_owned()),
        }
        return;
    };
    match &arg.ty {
        Ty::Str { .. } | Ty::Enum(_) => values.push(text(e)),
        Ty::Int(_) | Ty::Bool if arg.optional => {
            let ctype = match &arg.ty {
                Ty::Int(t) => format!("{}_t", t.replace('i', "int")),
                _ => "bool".to_owned(),
            };
            let _ = writeln!(decls, "    {ctype} {local} = {};", c_json(op, e));
            values.push(format!("&{local}"));
        }
        Ty::Int(_) | Ty::Bool => values.push(c_json(op, e)),
        Ty::EnumList(_) | Ty::StrList { .. } => {
            let items: Vec<String> = match e {
                Ex::List(items) => items.iter().map(&text).collect(),
                other => vec![text(other)],
            };
            let _ = writeln!(decls, "    const char *{local}[] = {{{}}};", items.join(", "));
            values.extend([local.to_owned(), items.len().to_string()]);
        }
        Ty::StrMap => {
            let pairs: &[(&str, Ex)] = match e {
                Ex::Obj(p) => p,
                _ => &[],
            };
            let names: Vec<String> = pairs.iter().map(|(k, _)| format!("{k:?}")).collect();
            let vals: Vec<String> = pairs.iter().map(|(_, v)| text(v)).collect();
            let _ = writeln!(decls, "    const char *{local}_names[] = {{{}}};", names.join(", "));
            let _ = writeln!(decls, "    const char *{local}_values[] = {{{}}};", vals.join(", "));
            values.extend([format!("{local}_names"), format!("{local}_values"), pairs.len().to_string()]);
        }
        Ty::Json { .. } | Ty::Model(_) => values.push(c_json(op, e)),
        Ty::Bundle(_) => {}
    }
}

/// An example as C: a literal, or `text(format, fixtures...)` for JSON with fixtures in it.
fn c_json(op: &Op, e: &Ex) -> String {
    let mut format = String::new();
    let mut args = Vec::new();
    json_format(op, e, &mut format, &mut args);
    match e {
        Ex::Int(_) | Ex::Bool(_) => format,
        _ if args.is_empty() => format!("{format:?}"),
        _ => format!("text({format:?}, {})", args.join(", ")),
    }
}

fn json_format(op: &Op, e: &Ex, out: &mut String, args: &mut Vec<String>) {
    let g = group(op.client);
    match e {
        Ex::Fx(key) => {
            out.push_str("\"%s\"");
            args.push(format!("fx(\"{g}\", \"{key}\")"));
        }
        Ex::Session => {
            out.push_str("\"%s\"");
            args.push("sid".to_owned());
        }
        Ex::Str(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default().replace('%', "%%")),
        Ex::Int(n) => out.push_str(&n.to_string()),
        Ex::Bool(b) => out.push_str(&b.to_string()),
        Ex::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_format(op, item, out, args);
            }
            out.push(']');
        }
        Ex::Obj(pairs) => {
            out.push('{');
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                json_format(op, v, out, args);
            }
            out.push('}');
        }
    }
}

// ---- C++ ----------------------------------------------------------------------------------

fn cxx(api: &Api, ops: &[&Op]) -> Result<String, String> {
    let mut s = banner("//");
    s += "// Every generated operation called once through the C++ API with the example values of\n\
          // tools/gen (see run.sh); outcomes are compared by compare.py. Included by same_calls.cpp,\n\
          // which defines fx() and text().\n\n\
          static void run_operations(const sessionlink::JellyfinClient& jf, const sessionlink::G4Client& g4, const char* sid) {\n";
    for op in ops {
        let a = args(api, op, Target::C)?;
        let mut values = Vec::new();
        for arg in &a.args {
            let e = match &arg.ty {
                Ty::Model(model) => Some(model_json(api, op, model)?),
                ty => example(api, op.client, &arg.name, ty, arg.optional),
            };
            values.push(cxx_value(op, arg, e.as_ref()));
        }
        let _ = writeln!(
            s,
            "  try {{\n    (void){}.{}({});\n  }} catch (const sessionlink::Error&) {{\n  }}",
            handle(op.client),
            op.name,
            values.join(", ")
        );
    }
    s += "}\n";
    Ok(s)
}

/// One argument's example as C++ (the C API's value, in the C++ parameter's type).
fn cxx_value(op: &Op, arg: &Arg, e: Option<&Ex>) -> String {
    let g = group(op.client);
    let text = |e: &Ex| -> String {
        match e {
            Ex::Fx(key) => format!("fx(\"{g}\", \"{key}\")"),
            Ex::Session => "sid".to_owned(),
            Ex::Str(s) => format!("{s:?}"),
            other => c_json(op, other),
        }
    };
    let Some(e) = e else {
        return match &arg.ty {
            Ty::EnumList(_) | Ty::StrList { .. } => "sessionlink::StrList()".to_owned(),
            Ty::StrMap => "sessionlink::StrMap()".to_owned(),
            _ => "std::nullopt".to_owned(),
        };
    };
    match &arg.ty {
        Ty::Str { .. } | Ty::Enum(_) => text(e),
        Ty::Int(_) | Ty::Bool | Ty::Json { .. } | Ty::Model(_) => c_json(op, e),
        Ty::EnumList(_) | Ty::StrList { .. } => {
            let items: Vec<String> = match e {
                Ex::List(items) => items.iter().map(&text).collect(),
                other => vec![text(other)],
            };
            format!("sessionlink::StrList{{{}}}", items.join(", "))
        }
        Ty::StrMap => {
            let pairs: &[(&str, Ex)] = match e {
                Ex::Obj(p) => p,
                _ => &[],
            };
            let items: Vec<String> = pairs.iter().map(|(k, v)| format!("{{{k:?}, {}}}", text(v))).collect();
            format!("sessionlink::StrMap{{{}}}", items.join(", "))
        }
        Ty::Bundle(_) => String::new(),
    }
}
