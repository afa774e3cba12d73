//! The C++ emitter: `include/sessionlink.hpp`, the C++17 API's operations over the C ABI.
//! For each operation a blocking method (throws the error's exception class) and an `_async`
//! method returning `sessionlink::Pending<R>` (a `std::future` and the handle that cancels
//! it), on `JellyfinClient` and `G4Client`; and a result class for each model an operation
//! returns through a generated C result type (`emit::c_models`). The hand-written core they
//! stand on (errors, handles, argument conversion, futures, the hand-written result types,
//! options, the socket) is in `include/sessionlink/*.hpp`.
//!
//! | argument (C) | C++ parameter |
//! |---|---|
//! | string, JSON text | `std::string_view` (`std::optional<std::string_view>` when optional) |
//! | a `wire_enum!` `E` | `Wire<E>`: an `E` value (an enum class generated here) or its wire name |
//! | number, flag | the value (`std::optional<T>` when optional) |
//! | list of strings or wire names | `const StrList&` (default-constructed: left out) |
//! | names and values | `const StrMap&` (default-constructed: left out) |
//!
//! Optional arguments after the last required one default to "left out".

use std::fmt::Write as _;
use std::path::Path;

use crate::api::{Api, Client, Lang, Op};
use crate::args::{args, Arg, Target};
use crate::emit::c::c_name;
use crate::emit::c_models::{accessors, Accessor};
use crate::emit::{generated_ops, op_doc, Output};
use crate::types::{c_model_type, render, resolve_aliases, result_shape, Ty};

pub const PATH: &str = "include/sessionlink.hpp";

pub fn emit(_root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    Ok(vec![Output { path: PATH.to_owned(), text: header(api)? }])
}

/// The C++ results of core's result types whose C objects are written by hand: the C++ type
/// and the `detail::` function converting (and taking) the C object.
const RESULTS: &[(&str, &str, &str)] = &[
    ("Vec<SessionInfoDto>", "SessionList", "convert_session_list"),
    ("Option<SessionInfoDto>", "std::optional<Session>", "convert_optional_session"),
    ("SessionInfoDto", "Session", "convert_session"),
    ("AuthenticationResult", "AuthResult", "convert_auth_result"),
    ("Vec<NameIdPair>", "std::vector<NameIdPair>", "convert_name_id_pairs"),
    ("AuthenticatedSessionResponse", "G4Login", "convert_g4_login"),
    ("GetSessionResponse", "G4Session", "convert_g4_session"),
];

/// How an operation's result crosses into C++.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CxxResult {
    Void,
    Bool,
    /// A C object (`*mut` of `c_type`, or a `char *`), converted by `detail::{convert}`.
    Object {
        cxx: String,
        c_type: String,
        convert: String,
    },
}

impl CxxResult {
    pub fn cxx_type(&self) -> String {
        match self {
            CxxResult::Void => "void".to_owned(),
            CxxResult::Bool => "bool".to_owned(),
            CxxResult::Object { cxx, .. } => cxx.clone(),
        }
    }
}

/// The C++ class of a model with a generated C result type (`UserDto` -> `User`).
pub fn model_class(model: &str) -> String {
    model.strip_suffix("Dto").unwrap_or(model).to_owned()
}

pub fn cxx_result(api: &Api, op: &Op) -> Result<CxxResult, String> {
    let shape = result_shape(api, op)?;
    let Some(c) = shape.c else { return Ok(CxxResult::Void) };
    if c.out_type == "bool" {
        return Ok(CxxResult::Bool);
    }
    let c_type = c.out_type.trim_start_matches("*mut ").to_owned();
    if c_type == "c_char" {
        return Ok(CxxResult::Object {
            cxx: "std::string".to_owned(),
            c_type: "char".to_owned(),
            convert: "convert_string".to_owned(),
        });
    }
    if let Some(model) = &c.model {
        return Ok(CxxResult::Object {
            cxx: model_class(model),
            convert: format!("convert_{}", c_type.trim_start_matches("sl_")),
            c_type,
        });
    }
    let rust = resolve_aliases(api, &render(&op.result));
    match RESULTS.iter().find(|(r, _, _)| *r == rust) {
        Some((_, cxx, convert)) => {
            Ok(CxxResult::Object { cxx: (*cxx).to_owned(), c_type, convert: (*convert).to_owned() })
        }
        None => Err(format!(
            "{}: {} returns `{rust}`, which the C++ emitter does not know: add it to RESULTS in tools/gen/src/emit/cxx.rs \
             (with its conversion in include/sessionlink/models.hpp)",
            op.file, op.name
        )),
    }
}

fn header(api: &Api) -> Result<String, String> {
    let mut s = String::new();
    s += &crate::emit::banner("//");
    s += "// sessionlink C++17 API: header-only over the C library (link libsessionlink as for C,\n\
          // or the CMake target sessionlink::sessionlink_cxx). The guide is docs/cpp.md.\n\
          //\n\
          // This file holds what is generated from core's declarations: the operations of\n\
          // JellyfinClient and G4Client, each blocking (it throws the error's class, see\n\
          // sessionlink/core.hpp) and `_async` (a `Pending<R>`: a std::future and a cancel handle),\n\
          // and the result classes of the models those return. The rest is hand-written in\n\
          // sessionlink/*.hpp.\n\
          #ifndef SESSIONLINK_HPP\n#define SESSIONLINK_HPP\n\n\
          #include \"sessionlink/clients.hpp\"\n\nnamespace sessionlink {\n\n";
    let mut models = std::collections::BTreeSet::new();
    for op in generated_ops(api) {
        if let Some(model) = result_shape(api, op)?.c.and_then(|c| c.model) {
            models.insert(model);
        }
    }
    for e in &api.enums {
        s += &enum_type(e);
    }
    for model in &models {
        s += &model_type(api, model)?;
    }
    for client in Client::all() {
        s += &client_class(api, client)?;
    }
    s += "}  // namespace sessionlink\n\n#endif\n";
    Ok(s)
}

fn comment(lines: &[String], indent: &str) -> String {
    lines.iter().map(|l| if l.is_empty() { format!("{indent}//\n") } else { format!("{indent}// {l}\n") }).collect()
}

/// A `wire_enum!` as an enum class and its `wire_name`: arguments of the type take a value
/// or its wire name (`Wire<E>`), so a value newer than the header can still be sent.
fn enum_type(e: &crate::api::Enum) -> String {
    let mut s = comment(&e.doc.text_for(Lang::Cxx), "");
    let variants: Vec<&str> = e.variants.iter().map(|(v, _)| v.as_str()).collect();
    let _ = writeln!(s, "enum class {} {{\n  {},\n}};", e.name, variants.join(",\n  "));
    let _ = writeln!(
        s,
        "// The wire name of a `{}` (`\"{}\"`).",
        e.name,
        e.variants.first().map_or("", |(_, w)| w.as_str())
    );
    let _ = writeln!(s, "inline std::string_view wire_name({} value) noexcept {{\n  switch (value) {{", e.name);
    for (v, w) in &e.variants {
        let _ = writeln!(s, "    case {}::{v}: return \"{w}\";", e.name);
    }
    s += "  }\n  return \"\";\n}\n\n";
    s
}

fn model_type(api: &Api, model: &str) -> Result<String, String> {
    let st = api.struct_named(model).ok_or_else(|| format!("no model {model}"))?;
    let c = c_model_type(&st.name);
    let class = model_class(&st.name);
    let mut s = String::new();
    let mut doc = st.doc.text_for(Lang::Cxx);
    doc.push(String::new());
    doc.push(format!("A result over the C `{c}` (move-only); `json()` gives all of it, unknown fields included."));
    s += &comment(&doc, "");
    let _ = writeln!(s, "class {class} {{\n public:\n  explicit {class}({c}* p) noexcept : p_(p) {{}}");
    for (function, kind) in accessors(api, &st.name) {
        let field = function.trim_start_matches(&format!("{c}_")).to_owned();
        let about = st.fields.iter().find(|f| f.name == field).map(|f| f.doc.summary()).unwrap_or_default();
        if !about.is_empty() {
            s += &comment(&[about], "  ");
        }
        match kind {
            Accessor::Str => {
                let _ = writeln!(
                    s,
                    "  std::optional<std::string> {field}() const {{ return detail::opt({function}(p_.get())); }}"
                );
            }
            Accessor::Bool => {
                let _ = writeln!(s, "  bool {field}() const noexcept {{ return {function}(p_.get()); }}");
            }
            Accessor::Value(t) => {
                let t = match t {
                    "i32" => "std::int32_t",
                    "i64" => "std::int64_t",
                    "f64" => "double",
                    "bool" => "bool",
                    other => return Err(format!("{model}.{field}: no C++ type for `{other}`")),
                };
                let _ = writeln!(
                    s,
                    "  std::optional<{t}> {field}() const {{\n    {t} v{{}};\n    return {function}(p_.get(), &v) ? std::optional<{t}>(v) : std::nullopt;\n  }}"
                );
            }
        }
    }
    let _ = writeln!(
        s,
        "  std::string json() const {{ return detail::string_of({c}_json, p_.get()); }}\n\n private:\n  detail::Handle<{c}, {c}_free> p_;\n}};\n"
    );
    let _ = writeln!(
        s,
        "namespace detail {{\ninline {class} convert_{short}({c}* p) {{ return {class}(p); }}\n}}  // namespace detail\n",
        short = c.trim_start_matches("sl_")
    );
    Ok(s)
}

fn client_class(api: &Api, client: Client) -> Result<String, String> {
    let class = client.core_type();
    let base = format!("detail::{class}Base");
    let mut s = String::new();
    let mut doc = api.client_docs.get(class).map(|d| d.text_for(Lang::Cxx)).unwrap_or_default();
    doc.push(String::new());
    doc.push("Move-only: share one by reference, or in a std::shared_ptr.".to_owned());
    s += &comment(&doc, "");
    let _ = writeln!(s, "class {class} : public {base} {{\n public:\n  using {base}::{class}Base;\n");
    for op in generated_ops(api).filter(|op| op.client == client) {
        s += &operation(api, op)?;
    }
    s += "};\n\n";
    Ok(s)
}

/// One C++ parameter of an argument: its declaration (with a default when `default`), the
/// statement converting it (if any) and the C arguments it becomes.
struct Param {
    decl: String,
    convert: Option<String>,
    c_args: Vec<String>,
}

fn param(a: &Arg, default: bool) -> Param {
    let n = &a.name;
    let opt = a.optional;
    let def = |d: &str| if default { format!(" = {d}") } else { String::new() };
    let string = |name: String| {
        let ty = if opt { "std::optional<std::string_view>" } else { "std::string_view" };
        Param {
            decl: format!("{ty} {name}{}", if opt { def("std::nullopt") } else { String::new() }),
            convert: Some(format!("detail::CStr {name}_c({name}, \"{name}\");")),
            c_args: vec![format!("{name}_c.get()")],
        }
    };
    match &a.ty {
        Ty::Str { .. } => string(n.clone()),
        Ty::Enum(e) => {
            let ty = format!("Wire<{e}>");
            Param {
                decl: if opt { format!("std::optional<{ty}> {n}{}", def("std::nullopt")) } else { format!("{ty} {n}") },
                convert: Some(format!("detail::CStr {n}_c(detail::wire({n}), \"{n}\");")),
                c_args: vec![format!("{n}_c.get()")],
            }
        }
        Ty::Json { .. } | Ty::Model(_) => string(format!("{n}_json")),
        Ty::Int(_) | Ty::Bool => {
            let t = match &a.ty {
                Ty::Int(t) if t == "i32" => "std::int32_t",
                Ty::Int(_) => "std::int64_t",
                _ => "bool",
            };
            if opt {
                Param {
                    decl: format!("std::optional<{t}> {n}{}", def("std::nullopt")),
                    convert: Some(format!("detail::COpt<{t}> {n}_c({n});")),
                    c_args: vec![format!("{n}_c.get()")],
                }
            } else {
                Param { decl: format!("{t} {n}"), convert: None, c_args: vec![n.clone()] }
            }
        }
        Ty::EnumList(_) | Ty::StrList { .. } => Param {
            decl: format!("const StrList& {n}{}", if opt { def("{}") } else { String::new() }),
            convert: Some(format!("detail::CList {n}_c({n}, \"{n}\");")),
            c_args: vec![format!("{n}_c.data()"), format!("{n}_c.size()")],
        },
        Ty::StrMap => Param {
            decl: format!("const StrMap& {n}{}", if opt { def("{}") } else { String::new() }),
            convert: Some(format!("detail::CMap {n}_c({n}, \"{n}\");")),
            c_args: vec![format!("{n}_c.names()"), format!("{n}_c.values()"), format!("{n}_c.size()")],
        },
        Ty::Bundle(_) => unreachable!("argument structs are flattened"),
    }
}

fn operation(api: &Api, op: &Op) -> Result<String, String> {
    let a = args(api, op, Target::C)?;
    let result = cxx_result(api, op)?;
    let name = c_name(op);
    // Optional arguments after the last required one default to "left out".
    let first_default = a.args.iter().rposition(|x| !x.optional).map_or(0, |i| i + 1);
    let params: Vec<Param> = a.args.iter().enumerate().map(|(i, x)| param(x, i >= first_default)).collect();
    // Long parameter lists one per line, as clang-format would break them.
    let decls = params.iter().map(|p| p.decl.clone()).collect::<Vec<_>>();
    let decls = if decls.iter().map(|d| d.len() + 2).sum::<usize>() > 80 {
        format!("\n      {}", decls.join(",\n      "))
    } else {
        decls.join(", ")
    };
    let converts: String = params.iter().filter_map(|p| p.convert.as_ref()).map(|c| format!("    {c}\n")).collect();
    let c_args: Vec<String> = params.iter().flat_map(|p| p.c_args.clone()).collect();
    let c_args = c_args.iter().map(|c| format!(", {c}")).collect::<String>();
    let ty = result.cxx_type();

    let mut s = String::new();
    let mut doc = op_doc(op, Lang::Cxx);
    doc.push(String::new());
    doc.push(format!(
        "Blocks until the response is in; throws the failure's Error class. `{}_async` returns a Pending<{ty}>.",
        op.name
    ));
    s += &comment(&doc, "  ");

    // The blocking method.
    let _ = writeln!(s, "  {ty} {}({decls}) const {{", op.name);
    s += &converts;
    s += "    detail::ErrorSlot err;\n";
    match &result {
        CxxResult::Void => {
            let _ = writeln!(s, "    err.check({name}(handle(){c_args}, err.out()));");
        }
        CxxResult::Bool => {
            let _ = writeln!(
                s,
                "    bool out = false;\n    err.check({name}(handle(){c_args}, &out, err.out()));\n    return out;"
            );
        }
        CxxResult::Object { c_type, convert, .. } => {
            let _ = writeln!(
                s,
                "    {c_type}* out = nullptr;\n    err.check({name}(handle(){c_args}, &out, err.out()));\n    return detail::{convert}(out);"
            );
        }
    }
    s += "  }\n";

    // The async method.
    let callback = match &result {
        CxxResult::Void => "&detail::done_callback".to_owned(),
        CxxResult::Bool => "&detail::bool_callback".to_owned(),
        CxxResult::Object { cxx, c_type, convert } => {
            format!("&detail::object_callback<{cxx}, {c_type}, &detail::{convert}>")
        }
    };
    let _ = writeln!(s, "  // Async `{}`: argument errors are thrown here, before anything is sent.", op.name);
    let _ = writeln!(s, "  Pending<{ty}> {}_async({decls}) const {{", op.name);
    s += &converts;
    let _ = writeln!(
        s,
        "    return detail::submit<{ty}>([&](void* user_data, sl_op** op, sl_error** err) {{\n      return {name}_async(handle(){c_args}, {callback}, user_data, op, err);\n    }});\n  }}\n"
    );
    Ok(s)
}
