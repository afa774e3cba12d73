//! The C emitter: `bindings-c/src/<client>/ops.rs`, one per client. For each operation, a
//! conversion from its C arguments to core's prepared call, the blocking export and the
//! `_async` export, each with its doc and ownership line (which cbindgen copies into the
//! header). The file also holds the client's opaque type, whose comment is the header's index
//! of the client's functions: the generated ones and the hand-written ones of the crate.

use std::fmt::Write as _;
use std::path::Path;

use crate::api::{Api, Client, Lang, Op};
use crate::args::{args, Arg, Args, Base, CoreArg, Target};
use crate::emit::{banner, doc_lines, generated_ops, op_doc, rustfmt, Output};
use crate::types::{result_shape, Ty};

pub fn emit(root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    let hand = hand_written_exports(root)?;
    let mut out = Vec::new();
    for client in Client::all() {
        let text = client_file(api, client, &hand)?;
        let dir = match client {
            Client::Jellyfin => "jellyfin",
            Client::G4 => "g4",
        };
        out.push(Output { path: format!("bindings-c/src/{dir}/ops.rs"), text: rustfmt(root, text)? });
    }
    Ok(out)
}

/// The C name of an operation.
pub fn c_name(op: &Op) -> String {
    format!("{}{}", op.client.c_prefix(), op.name)
}

fn client_file(api: &Api, client: Client, hand: &[Export]) -> Result<String, String> {
    let mut s = banner("//");
    let _ = write!(
        s,
        "//! The operations of `{handle}`, generated from core's `{core}`: for each, the conversion of its\n\
         //! C arguments into core's prepared call, and its blocking and `_async` exports.\n\n\
         #![allow(clippy::too_many_arguments, unused_imports)]\n\n\
         use std::os::raw::{{c_char, c_void}};\n\n\
         use sessionlink_core::{{{module} as api, Secret}};\n\
         use sessionlink_core::{models} as m;\n\n\
         use super::*;\n\
         use crate::args::{{parse_all, str_pairs}};\n\
         use crate::error::sl_error;\n\
         use crate::failure::Failure;\n\
         use crate::ffi::{{opt_str, opt_string, opt_value, req_str, str_array, try_ref, Castable, Out, Owned}};\n\
         use crate::runner::{{run, sl_bool_callback, sl_done_callback, sl_op, sl_string_callback, submit, Prep}};\n\
         use crate::status::sl_status;\n\
         use crate::strings::parse_json;\n\n",
        handle = client.c_handle(),
        core = client.core_type(),
        module = client.client_path().replace("sessionlink::", ""),
        models = client.models_path().replace("sessionlink::", ""),
    );
    s += &handle_type(api, client, hand)?;
    for op in generated_ops(api).filter(|op| op.client == client) {
        s += &operation(api, op)?;
    }
    Ok(s)
}

/// The client's opaque type, its comment listing every function of the client.
fn handle_type(api: &Api, client: Client, hand: &[Export]) -> Result<String, String> {
    let doc = api
        .client_docs
        .get(client.core_type())
        .ok_or_else(|| format!("core has no `pub struct {}`", client.core_type()))?;
    let mut lines = doc.text_for(Lang::C);
    lines.push(String::new());
    lines.push("Functions (each operation also has an `_async` form):".to_owned());
    let handle = client.c_handle();
    let options = handle.replace("_client", "_options");
    let mine = |e: &&Export| {
        e.name.starts_with(client.c_prefix()) && (e.first_param.contains(handle) || e.first_param.contains(&options))
    };
    for e in hand.iter().filter(mine).filter(|e| e.name.ends_with("_options_init") || e.name.ends_with("_client_new")) {
        lines.push(format!("- `{}`: {}", e.name, lower_first(&e.summary)));
    }
    for op in generated_ops(api).filter(|op| op.client == client) {
        lines.push(format!("- `{}`: {}", c_name(op), lower_first(&op.doc.summary())));
    }
    for e in
        hand.iter().filter(mine).filter(|e| !(e.name.ends_with("_options_init") || e.name.ends_with("_client_new")))
    {
        lines.push(format!("- `{}`: {}", e.name, lower_first(&e.summary)));
    }
    Ok(format!(
        "{}pub struct {handle} {{\n    _private: [u8; 0],\n}}\n\nimpl Castable for {handle} {{\n    type Ownership = Owned;\n    type RustType = api::{};\n}}\n\n",
        doc_lines(&lines, ""),
        client.core_type()
    ))
}

fn lower_first(s: &str) -> String {
    // A route (`` `GET /Sessions`: ... ``) stays as it is; a sentence reads as a list item.
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && !s.starts_with("GET") => c.to_lowercase().collect::<String>() + chars.as_str(),
        _ => s.to_owned(),
    }
}

/// One C parameter: its name and C type.
struct CParam {
    name: String,
    ty: String,
}

fn c_params(a: &Arg) -> Vec<CParam> {
    let p = |name: String, ty: &str| CParam { name, ty: ty.to_owned() };
    let n = &a.name;
    match &a.ty {
        Ty::Str { .. } | Ty::Enum(_) => vec![p(n.clone(), "*const c_char")],
        Ty::Int(t) if a.optional => vec![p(n.clone(), &format!("*const {t}"))],
        Ty::Int(t) => vec![p(n.clone(), t)],
        Ty::Bool if a.optional => vec![p(n.clone(), "*const bool")],
        Ty::Bool => vec![p(n.clone(), "bool")],
        Ty::EnumList(_) | Ty::StrList { .. } => {
            vec![p(n.clone(), "*const *const c_char"), p(format!("{n}_len"), "usize")]
        }
        Ty::Json { .. } | Ty::Model(_) => vec![p(format!("{n}_json"), "*const c_char")],
        Ty::StrMap => vec![
            p(format!("{n}_names"), "*const *const c_char"),
            p(format!("{n}_values"), "*const *const c_char"),
            p(format!("{n}_len"), "usize"),
        ],
        Ty::Bundle(_) => unreachable!("argument structs are flattened"),
    }
}

/// The statement converting one argument into the value core takes (`Some` of it when the
/// argument is optional).
fn convert(a: &Arg) -> String {
    let n = &a.name;
    let q = format!("\"{n}\"");
    let value = match (&a.ty, a.optional) {
        (Ty::Str { borrowed: true, .. }, false) => format!("req_str({n}, {q})?"),
        (Ty::Str { borrowed: true, .. }, true) => format!("opt_str({n}, {q})?"),
        (Ty::Str { secret: true, .. }, false) => format!("Secret::new(req_str({n}, {q})?)"),
        (Ty::Str { secret: true, .. }, true) => format!("opt_str({n}, {q})?.map(Secret::new)"),
        (Ty::Str { .. }, false) => format!("req_str({n}, {q})?.to_owned()"),
        (Ty::Str { .. }, true) => format!("opt_string({n}, {q})?"),
        (Ty::Int(_) | Ty::Bool, false) => n.clone(),
        (Ty::Int(_) | Ty::Bool, true) => format!("opt_value({n})"),
        (Ty::Enum(e), false) => format!("m::{e}::parse(req_str({n}, {q})?)?"),
        (Ty::Enum(e), true) => format!("opt_str({n}, {q})?.map(m::{e}::parse).transpose()?"),
        (Ty::EnumList(e), false) => {
            format!("parse_all(str_array({n}, {n}_len, {q})?, m::{e}::parse)?.ok_or_else(|| Failure::null({q}))?")
        }
        (Ty::EnumList(e), true) => format!("parse_all(str_array({n}, {n}_len, {q})?, m::{e}::parse)?"),
        (Ty::StrList { .. }, false) => format!("str_array({n}, {n}_len, {q})?.ok_or_else(|| Failure::null({q}))?"),
        (Ty::StrList { .. }, true) => format!("str_array({n}, {n}_len, {q})?"),
        (Ty::Json { object }, optional) => {
            let j = format!("\"{n}_json\"");
            let ty = if *object { "serde_json::Map<String, serde_json::Value>" } else { "serde_json::Value" };
            if optional {
                format!("opt_str({n}_json, {j})?.map(|j| parse_json::<{ty}>(j, {j})).transpose()?")
            } else {
                format!("parse_json::<{ty}>(req_str({n}_json, {j})?, {j})?")
            }
        }
        (Ty::Model(model), optional) => {
            let j = format!("\"{n}_json\"");
            if optional {
                format!("opt_str({n}_json, {j})?.map(|j| parse_json::<m::{model}>(j, {j})).transpose()?")
            } else {
                format!("parse_json::<m::{model}>(req_str({n}_json, {j})?, {j})?")
            }
        }
        (Ty::StrMap, optional) => {
            let v = format!("str_pairs({n}_names, {n}_values, {n}_len, {q})?");
            if optional {
                v
            } else {
                format!("{v}.ok_or_else(|| Failure::null({q}))?")
            }
        }
        (Ty::Bundle(_), _) => unreachable!("argument structs are flattened"),
    };
    format!("    let {n} = {value};\n")
}

/// The expression of one core parameter.
pub fn core_expr(a: &Args, c: &CoreArg, types: &str) -> String {
    match c {
        CoreArg::Direct(i) => {
            let arg = &a.args[*i];
            if arg.by_ref {
                format!("&{}", arg.name)
            } else {
                arg.name.clone()
            }
        }
        CoreArg::Struct { path, fields, base, by_ref } => {
            let mut s = String::new();
            if *by_ref {
                s.push('&');
            }
            let prefix = if base.is_some() { "m" } else { types };
            let _ = write!(s, "{prefix}::{path} {{ ");
            for (field, i) in fields {
                let arg = &a.args[*i];
                let value = match (arg.optional, arg.core_optional) {
                    (true, false) => format!("{}.unwrap_or(base.{field})", arg.name),
                    (false, true) => format!("Some({})", arg.name),
                    _ => arg.name.clone(),
                };
                if value == *field {
                    let _ = write!(s, "{field}, ");
                } else {
                    let _ = write!(s, "{field}: {value}, ");
                }
            }
            if base.is_some() {
                s.push_str("..base ");
            }
            s.push('}');
            s
        }
    }
}

/// The `let base = ...;` statements the struct literals of a call need.
pub fn bases(a: &Args, model_prefix: &str) -> String {
    let mut s = String::new();
    for c in &a.core {
        if let CoreArg::Struct { path, base: Some(base), .. } = c {
            let ctor = match base {
                Base::New => "new",
                Base::Default => "default",
            };
            let _ = writeln!(s, "    let base = {model_prefix}::{path}::{ctor}();");
        }
    }
    s
}

fn operation(api: &Api, op: &Op) -> Result<String, String> {
    let a = args(api, op, Target::C)?;
    let shape = result_shape(api, op)?;
    let name = c_name(op);
    let handle = op.client.c_handle();
    let params: Vec<CParam> = a.args.iter().flat_map(c_params).collect();
    let list = |with_types: bool| -> String {
        params
            .iter()
            .map(|p| if with_types { format!("{}: {}, ", p.name, p.ty) } else { format!("{}, ", p.name) })
            .collect()
    };
    let result = crate::types::qualified(api, &op.result);
    let mut s = String::new();

    // The conversion, shared by both exports.
    let _ = writeln!(s, "fn {}(client: *const {handle}, {}) -> Prep<{result}> {{", op.name, list(true));
    s += "    let client = try_ref(client, \"client\")?;\n";
    for arg in &a.args {
        s += &convert(arg);
    }
    s += &bases(&a, "m");
    let call: Vec<String> = a.core.iter().map(|c| core_expr(&a, c, "api")).collect();
    let _ = writeln!(s, "    Ok(client.{}({}).prepare()?)\n}}\n", op.name, call.join(", "));

    // The blocking export.
    let mut doc = op_doc(op, Lang::C);
    let arg_lines = argument_docs(api, &a, op);
    if !arg_lines.is_empty() {
        doc.push(String::new());
        doc.push("Arguments:".to_owned());
        doc.extend(arg_lines);
    }
    if let Some(note) = shape.c.as_ref().and_then(|c| c.note.clone()) {
        doc.push(String::new());
        doc.push(note);
    }
    doc.push(String::new());
    let (out_param, ownership, async_ownership, callback) = match &shape.c {
        None => (String::new(), String::new(), String::new(), "sl_done_callback".to_owned()),
        Some(c) => {
            let nullable = if c.out_may_be_null { format!(" (`{}` may be NULL)", c.out) } else { String::new() };
            let (ownership, async_ownership) = match &c.free {
                Some(free) => (
                    format!("; `*{}`{nullable} is owned by the caller (`{free}`)", c.out),
                    format!("; the callback owns {} (`{free}`)", c.what),
                ),
                None => (format!("; writes `*{}`", c.out), String::new()),
            };
            (format!("{}: *mut {}, ", c.out, c.out_type), ownership, async_ownership, c.callback.clone())
        }
    };
    doc.push(format!("Ownership: borrows all arguments{ownership}."));
    s += &doc_lines(&doc, "");
    let _ = writeln!(
        s,
        "#[no_mangle]\npub extern \"C\" fn {name}(client: *const {handle}, {}{out_param}err: *mut *mut sl_error) -> sl_status {{",
        list(true)
    );
    let prepared = format!("{}(client, {})", op.name, list(false));
    match &shape.c {
        None => {
            let _ = writeln!(s, "    ffi_boundary!(err, {{ run({prepared}, ()) }})\n}}\n");
        }
        Some(c) if c.out_may_be_null => {
            let _ = writeln!(s, "    ffi_boundary!(err, {{ run({prepared}, Out::optional({})) }})\n}}\n", c.out);
        }
        Some(c) => {
            let _ = writeln!(
                s,
                "    ffi_boundary!(err, {{\n        let out = Out::required({0}, \"{0}\")?;\n        run({prepared}, out)\n    }})\n}}\n",
                c.out
            );
        }
    }

    // The async export.
    s += &doc_lines(
        &[format!("Async `{name}`."), String::new(), format!("Ownership: borrows all arguments{async_ownership}.")],
        "",
    );
    let _ = writeln!(
        s,
        "#[no_mangle]\npub extern \"C\" fn {name}_async(client: *const {handle}, {}callback: {callback}, user_data: *mut c_void, \
         op_out: *mut *mut sl_op, err: *mut *mut sl_error) -> sl_status {{\n    \
         ffi_boundary!(err, {{ submit({prepared}, callback, user_data, op_out) }})\n}}\n",
        list(true)
    );
    Ok(s)
}

/// One line per argument: what C passes for it.
fn argument_docs(api: &Api, a: &Args, op: &Op) -> Vec<String> {
    let wire = match op.client {
        Client::Jellyfin => "PascalCase, as on the wire",
        Client::G4 => "camelCase, as on the wire",
    };
    a.args
        .iter()
        .map(|arg| {
            let n = &arg.name;
            let left_out = if arg.optional { "; NULL leaves it out" } else { "" };
            let (names, what) = match &arg.ty {
                Ty::Str { secret: true, .. } => {
                    (format!("`{n}`"), format!("a string (a credential: never logged){left_out}"))
                }
                Ty::Str { .. } => (format!("`{n}`"), format!("a string{left_out}")),
                Ty::Int(t) if arg.optional => (format!("`{n}`"), format!("a pointer to an `{t}`{left_out}")),
                Ty::Int(t) => (format!("`{n}`"), format!("an `{t}`")),
                Ty::Bool if arg.optional => (format!("`{n}`"), format!("a pointer to a `bool`{left_out}")),
                Ty::Bool => (format!("`{n}`"), "a `bool`".to_owned()),
                Ty::Enum(e) => (format!("`{n}`"), format!("a `{e}` wire name ({}){left_out}", examples(api, e))),
                Ty::EnumList(e) => (
                    format!("`{n}`, `{n}_len`"),
                    format!(
                        "an array of `{e}` wire names and its length{}",
                        if arg.optional { "; NULL with length 0 leaves it out" } else { "" }
                    ),
                ),
                Ty::StrList { .. } => (
                    format!("`{n}`, `{n}_len`"),
                    format!(
                        "an array of strings and its length{}",
                        if arg.optional { "; NULL with length 0 leaves it out" } else { "" }
                    ),
                ),
                Ty::Json { object } => (
                    format!("`{n}_json`"),
                    format!("JSON text{}{left_out}", if *object { " of an object" } else { " of any value" }),
                ),
                Ty::Model(m) => (
                    format!("`{n}_json`"),
                    format!("JSON text of a `{m}` ({wire}; typed fields left out take their defaults){left_out}"),
                ),
                Ty::StrMap => (
                    format!("`{n}_names`, `{n}_values`, `{n}_len`"),
                    "parallel arrays of names and values and their length (both may be NULL when it is 0)".to_owned(),
                ),
                Ty::Bundle(_) => unreachable!("argument structs are flattened"),
            };
            let field = arg.doc.summary();
            if field.is_empty() {
                format!("- {names}: {what}.")
            } else {
                format!("- {names}: {what}. {field}")
            }
        })
        .collect()
}

/// A few wire names of an enum, as C writes them.
fn examples(api: &Api, e: &str) -> String {
    let names: Vec<String> =
        api.enum_named(e).map(|e| e.variants.iter().map(|(_, w)| format!("`\"{w}\"`")).collect()).unwrap_or_default();
    if names.len() <= 9 {
        names.join(", ")
    } else {
        format!("{}, ...", names[..4].join(", "))
    }
}

/// A hand-written export of the C crate.
#[derive(Debug)]
pub struct Export {
    pub name: String,
    pub first_param: String,
    pub summary: String,
}

/// Every `extern "C"` function of `bindings-c/src` outside the generated files.
pub fn hand_written_exports(root: &Path) -> Result<Vec<Export>, String> {
    let mut files = Vec::new();
    crate::read::rust_files(&root.join("bindings-c/src"), &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        if text.contains("@generated by tools/gen") {
            continue;
        }
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for item in &file.items {
            let syn::Item::Fn(f) = item else { continue };
            if f.sig.abi.is_none() {
                continue;
            }
            let first_param = match f.sig.inputs.first() {
                Some(syn::FnArg::Typed(t)) => crate::types::render(&t.ty),
                _ => String::new(),
            };
            out.push(Export {
                name: f.sig.ident.to_string(),
                first_param,
                summary: crate::read::doc_of(&f.attrs).summary(),
            });
        }
    }
    Ok(out)
}
