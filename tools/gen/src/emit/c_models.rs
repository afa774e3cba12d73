//! The C result types generated from core's models: an operation returning a `wire_struct!`
//! model without a hand-written C type (see `types::RESULTS`) returns an opaque object
//! `sl_<model>` with an accessor per plain field (strings borrowed from the object, numbers
//! and optional flags through an out parameter), `_json` for all of it, `_free`, and the
//! callback type of its `_async` operations. Written to `bindings-c/src/<client>/results.rs`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::api::{Api, Client, Lang, Struct};
use crate::emit::{banner, doc_lines, generated_ops, rustfmt, Output};
use crate::read::{generic_arg, last_ident};
use crate::types::result_shape;

pub fn emit(root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    let mut out = Vec::new();
    for client in Client::all() {
        let mut models = BTreeSet::new();
        for op in generated_ops(api).filter(|op| op.client == client) {
            if let Some(model) = result_shape(api, op)?.c.and_then(|c| c.model) {
                models.insert(model);
            }
        }
        let dir = match client {
            Client::Jellyfin => "jellyfin",
            Client::G4 => "g4",
        };
        let mut s = banner("//");
        let _ = write!(
            s,
            "//! The result objects of `{}` generated from core's models: an accessor per plain\n\
             //! field, the whole result as JSON, and freeing it.\n\n\
             #![allow(unused_imports)]\n\n\
             use std::os::raw::{{c_char, c_void}};\n\
             use std::ptr;\n\n\
             use sessionlink_core::{} as m;\n\n\
             use crate::error::sl_error;\n\
             use crate::ffi::{{free_box, opt_ref, try_ref, write_opt, Castable, Out, Owned}};\n\
             use crate::model::ModelObject;\n\
             use crate::status::sl_status;\n\
             use crate::strings::write_json;\n\n",
            client.c_handle(),
            client.models_path().replace("sessionlink::", "")
        );
        for model in &models {
            let st = api.struct_named(model).ok_or_else(|| format!("no model {model}"))?;
            s += &object(api, st)?;
        }
        out.push(Output { path: format!("bindings-c/src/{dir}/results.rs"), text: rustfmt(root, s)? });
    }
    Ok(out)
}

/// The accessors of a model's C result type: each function's name and what it returns.
pub fn accessors(api: &Api, model: &str) -> Vec<(String, Accessor)> {
    let Some(st) = api.struct_named(model) else { return Vec::new() };
    let c = crate::types::c_model_type(&st.name);
    st.fields
        .iter()
        .filter_map(|f| {
            let kind = match access(api, &f.name, &f.ty)? {
                Access::Str(_) => Accessor::Str,
                Access::Bool => Accessor::Bool,
                Access::Value(t, _) => Accessor::Value(t),
            };
            Some((format!("{c}_{}", f.name), kind))
        })
        .collect()
}

/// What an accessor returns (see [`accessors`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accessor {
    Str,
    Bool,
    /// `bool f(obj, T *out)`.
    Value(&'static str),
}

/// How a field is read from C.
enum Access {
    /// `const char *`, borrowed from the object; the expression gives `Option<&str>`.
    Str(String),
    /// A `bool` return, false when absent.
    Bool,
    /// `bool f(obj, T *out)`: true and `*out` written when present; the expression is the
    /// `Option` method that turns the object into the field's `Option<T>`.
    Value(&'static str, String),
}

fn access(api: &Api, field: &str, ty: &syn::Type) -> Option<Access> {
    let (inner, optional) = match generic_arg(ty, "Option") {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    let name = last_ident(inner)?;
    let v = format!("r.value.{field}");
    Some(match name.as_str() {
        "String" if optional => Access::Str(format!("{v}.as_deref()")),
        "String" => Access::Str(format!("Some({v}.as_str())")),
        "Secret" if optional => Access::Str(format!("{v}.as_ref().map(|s| s.expose())")),
        "Secret" => Access::Str(format!("Some({v}.expose())")),
        "DateTime" if optional => Access::Str(format!("{v}.as_ref().map(|d| d.as_str())")),
        "DateTime" => Access::Str(format!("Some({v}.as_str())")),
        _ if api.enum_named(&name).is_some() && optional => Access::Str(format!("{v}.as_ref().map(|e| e.as_str())")),
        _ if api.enum_named(&name).is_some() => Access::Str(format!("Some({v}.as_str())")),
        "bool" if !optional => Access::Bool,
        "bool" => Access::Value("bool", format!("and_then(|r| {v})")),
        // `and_then` for an `Option` field, `map` for a plain one.
        "i32" => Access::Value("i32", if optional { format!("and_then(|r| {v})") } else { format!("map(|r| {v})") }),
        "i64" => Access::Value("i64", if optional { format!("and_then(|r| {v})") } else { format!("map(|r| {v})") }),
        "f64" => Access::Value("f64", if optional { format!("and_then(|r| {v})") } else { format!("map(|r| {v})") }),
        _ => return None,
    })
}

fn object(api: &Api, st: &Struct) -> Result<String, String> {
    let c = crate::types::c_model_type(&st.name);
    let var = c.trim_start_matches("sl_").rsplit('_').next().unwrap_or("result").to_owned();
    let fields: Vec<(&crate::api::Field, Access)> =
        st.fields.iter().filter_map(|f| access(api, &f.name, &f.ty).map(|a| (f, a))).collect();
    let strings = fields.iter().filter(|(_, a)| matches!(a, Access::Str(_))).count();

    let mut doc = st.doc.text_for(Lang::C);
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.push("Functions:".to_owned());
    for (f, _) in &fields {
        let summary = f.doc.summary();
        let wire = f.wire_name.as_deref().unwrap_or(&f.name);
        let what = if summary.is_empty() { format!("`{wire}`.") } else { format!("{summary} (`{wire}`)") };
        doc.push(format!("- `{c}_{}`: {what}", f.name));
    }
    doc.push(format!("- `{c}_json`: the whole result as JSON, with nothing left out."));
    doc.push(format!("- `{c}_free`."));

    let mut s = doc_lines(&doc, "");
    let _ = write!(
        s,
        "pub struct {c} {{\n    _private: [u8; 0],\n}}\n\n\
         impl Castable for {c} {{\n    type Ownership = Owned;\n    type RustType = ModelObject<m::{model}, {strings}>;\n}}\n\n\
         /// Receives the result of an `_async` operation returning a `{c}`: on `SL_STATUS_OK` a new\n\
         /// object the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed\n\
         /// for the duration of the callback.\n\
         pub type {c}_callback = Option<\n    unsafe extern \"C\" fn(user_data: *mut c_void, status: sl_status, result: *mut {c}, error: *const sl_error),\n>;\n\n",
        model = st.name,
    );
    let mut slot = 0;
    for (f, a) in &fields {
        let wire = f.wire_name.as_deref().unwrap_or(&f.name);
        let summary = f.doc.summary();
        let about = if summary.is_empty() { format!("`{wire}`") } else { format!("{summary} (`{wire}`)") };
        let name = format!("{c}_{}", f.name);
        match a {
            Access::Str(expr) => {
                let _ = write!(
                    s,
                    "/// {about}; NULL when absent or `{var}` is NULL.\n///\n\
                     /// Ownership: borrows `{var}`; the string lives as long as `{var}`.\n\
                     #[no_mangle]\npub extern \"C\" fn {name}({var}: *const {c}) -> *const c_char {{\n    \
                     ffi_boundary!({{ opt_ref({var}).map_or(ptr::null(), |r| r.strings.get({slot}, || {expr})) }})\n}}\n\n"
                );
                slot += 1;
            }
            Access::Bool => {
                let _ = write!(
                    s,
                    "/// {about}; false when `{var}` is NULL.\n///\n/// Ownership: borrows `{var}`.\n\
                     #[no_mangle]\npub extern \"C\" fn {name}({var}: *const {c}) -> bool {{\n    \
                     ffi_boundary!({{ opt_ref({var}).is_some_and(|r| r.value.{}) }})\n}}\n\n",
                    f.name
                );
            }
            Access::Value(t, expr) => {
                let _ = write!(
                    s,
                    "/// {about}: writes it to `*out` and returns true, or returns false when it is absent\n\
                     /// (or `{var}` or `out` is NULL).\n///\n/// Ownership: borrows `{var}`.\n\
                     #[no_mangle]\npub extern \"C\" fn {name}({var}: *const {c}, out: *mut {t}) -> bool {{\n    \
                     ffi_boundary!({{ write_opt(opt_ref({var}).{expr}, out) }})\n}}\n\n"
                );
            }
        }
    }
    let _ = write!(
        s,
        "/// The whole result as JSON text, with the wire's field names and nothing left out.\n///\n\
         /// Ownership: borrows `{var}`; `*json_out` is owned by the caller (`sl_string_free`).\n\
         #[no_mangle]\npub extern \"C\" fn {c}_json({var}: *const {c}, json_out: *mut *mut c_char, err: *mut *mut sl_error) -> sl_status {{\n    \
         ffi_boundary!(err, {{ write_json(&try_ref({var}, \"{var}\")?.value, Out::required(json_out, \"json_out\")?) }})\n}}\n\n\
         /// Frees the object and the strings borrowed from it. NULL is a no-op.\n///\n/// Ownership: takes `{var}`.\n\
         #[no_mangle]\npub extern \"C\" fn {c}_free({var}: *mut {c}) {{\n    ffi_boundary!({{ free_box({var}) }})\n}}\n\n"
    );
    Ok(s)
}
