//! The Python emitter: `bindings-python/src/<client>_ops.rs`, the operation methods of the
//! blocking and the asyncio class (a `#[pymethods]` block each; the classes' hand-written
//! methods are in `jellyfin.rs`/`g4.rs`), and the stubs of those methods, which
//! `bindings-python/gen_stubs.py` puts into `_native.pyi` (it asks for them with
//! `sessionlink-gen stubs`).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use crate::api::{Api, Client, Lang, Op};
use crate::args::{args, Arg, Args, Target};
use crate::emit::c::{bases, core_expr};
use crate::emit::{banner, doc_lines, generated_ops, op_doc, rustfmt, Output};
use crate::types::{result_shape, Ty};

pub fn emit(root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    let mut out =
        vec![Output { path: "bindings-python/src/wire_enums.rs".to_owned(), text: rustfmt(root, enum_list(api))? }];
    for client in Client::all() {
        let file = match client {
            Client::Jellyfin => "jellyfin_ops.rs",
            Client::G4 => "g4_ops.rs",
        };
        out.push(Output {
            path: format!("bindings-python/src/{file}"),
            text: rustfmt(root, client_file(api, client)?)?,
        });
    }
    Ok(out)
}

/// Every `wire_enum!` of core, as a macro that hands the list to another (the enum table of
/// `enums.rs`): a new enum reaches Python without an edit of the binding.
fn enum_list(api: &Api) -> String {
    let mut s = banner("//");
    s += "//! Every contract enum of core (its `wire_enum!`s), for the Python enum classes: `enums.rs`\n\
          //! passes its table macro to `for_each_wire_enum!`.\n\n\
          macro_rules! for_each_wire_enum {\n    ($m:ident) => {\n        $m!(";
    s += &api.enums.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ");
    s += ");\n    };\n}\n\npub(crate) use for_each_wire_enum;\n";
    s
}

fn client_file(api: &Api, client: Client) -> Result<String, String> {
    let class = client.python_class();
    let mut s = banner("//");
    let _ = write!(
        s,
        "//! The operation methods of `{class}` and `Async{class}`, generated from core's `{core}`: each\n\
         //! converts its arguments, builds the core call and hands it to the class's runner.\n\n\
         #![allow(clippy::too_many_arguments, unused_imports)]\n\n\
         use pyo3::prelude::*;\n\
         use sessionlink::{{{module} as api, Secret}};\n\
         use sessionlink::{models} as m;\n\n\
         use crate::args::{{enum_arg, enum_list, str_list, str_map, Int}};\n\
         use crate::models::{{json_object, json_opt, py_to_json}};\n\
         use crate::{{bridge, client, models}};\n\
         use crate::{module_name}::{{Async{class}, {class}}};\n\n",
        core = client.core_type(),
        module = client.client_path().replace("sessionlink::", ""),
        models = client.models_path().replace("sessionlink::", ""),
        module_name = client.client_path().replace("sessionlink::", ""),
    );
    for (class, runner) in [(class.to_owned(), "bridge::blocking"), (format!("Async{class}"), "bridge::awaitable")] {
        let _ = writeln!(s, "#[pymethods]\nimpl {class} {{");
        for op in generated_ops(api).filter(|op| op.client == client) {
            s += &method(api, op, runner)?;
        }
        s += "}\n\n";
    }
    Ok(s)
}

/// Python's argument order: required and positional ones first, then keyword-only ones.
fn ordered(a: &Args) -> Vec<&Arg> {
    let mut out: Vec<&Arg> = a.args.iter().filter(|x| !x.optional).collect();
    out.extend(a.args.iter().filter(|x| x.optional && x.positional));
    out.extend(a.args.iter().filter(|x| x.optional && !x.positional));
    out
}

fn rust_type(a: &Arg) -> String {
    let t = match &a.ty {
        Ty::Str { borrowed: true, .. } => "&str",
        Ty::Str { .. } => "String",
        Ty::Int(t) => return wrap(a.optional, &format!("Int<{t}>")),
        Ty::Bool => "bool",
        Ty::Enum(_) | Ty::EnumList(_) | Ty::StrList { .. } | Ty::Json { .. } | Ty::StrMap => "&Bound<'_, PyAny>",
        Ty::Model(m) => return format!("PyRef<'_, models::{m}>"),
        Ty::Bundle(_) => unreachable!("argument structs are flattened"),
    };
    wrap(a.optional, t)
}

fn wrap(optional: bool, t: &str) -> String {
    if optional {
        format!("Option<{t}>")
    } else {
        t.to_owned()
    }
}

/// The statement converting one argument into the value core takes (`Some` of it when the
/// argument is optional); none when the pyo3 argument already is that value.
fn convert(a: &Arg) -> Option<String> {
    let n = &a.name;
    let q = format!("\"{n}\"");
    let value = match (&a.ty, a.optional) {
        (Ty::Str { secret: true, .. }, false) => format!("Secret::new({n})"),
        (Ty::Str { secret: true, .. }, true) => format!("{n}.map(Secret::new)"),
        (Ty::Str { .. } | Ty::Bool, _) => return None,
        (Ty::Int(_), false) => format!("{n}.0"),
        (Ty::Int(_), true) => format!("Int::opt({n})"),
        (Ty::Enum(_), false) => format!("enum_arg({q}, {n})?"),
        (Ty::Enum(_), true) => format!("{n}.map(|v| enum_arg({q}, v)).transpose()?"),
        (Ty::EnumList(_), false) => format!("enum_list({q}, Some({n}))?.unwrap_or_default()"),
        (Ty::EnumList(_), true) => format!("enum_list({q}, {n})?"),
        (Ty::StrList { .. }, false) => format!("str_list({q}, {n})?"),
        (Ty::StrList { .. }, true) => format!("{n}.map(|v| str_list({q}, v)).transpose()?"),
        (Ty::Json { object: false }, false) => format!("py_to_json({q}, {n})?"),
        (Ty::Json { object: false }, true) => format!("json_opt({q}, {n})?"),
        (Ty::Json { object: true }, false) => format!("json_object({q}, Some({n}))?.unwrap_or_default()"),
        (Ty::Json { object: true }, true) => format!("json_object({q}, {n})?"),
        (Ty::StrMap, false) => format!("str_map({q}, Some({n}))?"),
        (Ty::StrMap, true) => format!("{n}.map(|v| str_map({q}, Some(v))).transpose()?"),
        (Ty::Model(_), _) => return None,
        (Ty::Bundle(_), _) => unreachable!("argument structs are flattened"),
    };
    Some(format!("let {n} = {value};"))
}

fn method(api: &Api, op: &Op, runner: &str) -> Result<String, String> {
    let a = args(api, op, Target::Python)?;
    let shape = result_shape(api, op)?;
    let order = ordered(&a);
    let mut s = doc_lines(&op_doc(op, Lang::Python), "    ");
    let mut signature = Vec::new();
    let mut star = false;
    for arg in &order {
        if arg.optional && !arg.positional && !star {
            signature.push("*".to_owned());
            star = true;
        }
        signature.push(if arg.optional { format!("{}=None", arg.name) } else { arg.name.clone() });
    }
    let _ = writeln!(s, "    #[pyo3(signature = ({}))]", signature.join(", "));
    let params: String = order.iter().map(|arg| format!("{}: {}, ", arg.name, rust_type(arg))).collect();
    let _ = writeln!(s, "    fn {}(&self, py: Python<'_>, {params}) -> PyResult<Py<PyAny>> {{", op.name);
    let mut body = String::new();
    for arg in &a.args {
        if let Some(line) = convert(arg) {
            let _ = writeln!(body, "        {line}");
        }
    }
    body += &bases(&a, "m");
    let call: Vec<String> = a
        .core
        .iter()
        .map(|c| match c {
            crate::args::CoreArg::Direct(i) if matches!(a.args[*i].ty, Ty::Model(_)) => {
                format!("&{}.0", a.args[*i].name)
            }
            _ => core_expr(&a, c, "api"),
        })
        .collect();
    let _ = writeln!(
        s,
        "        self.inner.run(py, {runner}, |c| {{\n{body}        Ok(c.{}({}))\n        }}, {})\n    }}\n",
        op.name,
        call.join(", "),
        shape.py_convert
    );
    Ok(s)
}

/// The stubs of the generated methods, per blocking class: Python source that
/// `gen_stubs.py` parses and places into `_native.pyi`.
pub fn stubs(api: &Api) -> Result<serde_json::Value, String> {
    let mut classes = serde_json::Map::new();
    for client in Client::all() {
        let mut source = String::new();
        let mut names = Vec::new();
        for op in generated_ops(api).filter(|op| op.client == client) {
            let a = args(api, op, Target::Python)?;
            let shape = result_shape(api, op)?;
            let mut params = vec!["self".to_owned()];
            let mut star = false;
            for arg in ordered(&a) {
                if arg.optional && !arg.positional && !star {
                    params.push("*".to_owned());
                    star = true;
                }
                let (ann, default) = stub_type(arg);
                params.push(format!("{}: {ann}{default}", arg.name));
            }
            let doc = op_doc(op, Lang::Python).join("\n").replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
            let _ = write!(
                source,
                "def {}({}) -> {}:\n    \"\"\"{doc}\"\"\"\n\n",
                op.name,
                params.join(", "),
                shape.py_stub
            );
            names.push(op.name.clone());
        }
        classes.insert(client.python_class().to_owned(), json!({ "methods": names, "source": source }));
    }
    Ok(serde_json::Value::Object(classes))
}

fn stub_type(a: &Arg) -> (String, &'static str) {
    let t = match &a.ty {
        Ty::Str { .. } => "str".to_owned(),
        Ty::Int(_) => "int".to_owned(),
        Ty::Bool => "bool".to_owned(),
        Ty::Enum(e) => e.clone(),
        Ty::EnumList(e) => format!("Iterable[{e}]"),
        Ty::StrList { .. } => "Iterable[str]".to_owned(),
        // `_Json` includes `None`.
        Ty::Json { object: false } => return ("_Json".to_owned(), if a.optional { " = None" } else { "" }),
        Ty::Json { object: true } => "Mapping[str, _Json]".to_owned(),
        Ty::StrMap => "Mapping[str, str | None]".to_owned(),
        Ty::Model(m) => m.clone(),
        Ty::Bundle(_) => unreachable!("argument structs are flattened"),
    };
    if a.optional {
        (format!("{t} | None"), " = None")
    } else {
        (t, "")
    }
}
