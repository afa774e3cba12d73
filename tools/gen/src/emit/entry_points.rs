//! The argument models of the C entry-point property test (`bindings-c/tests/entry_points.rs`):
//! for every generated export, its blocking and `_async` forms called with the arguments a
//! property case makes for each C parameter kind (required or optional strings, arrays,
//! numbers by pointer, out parameters), so that a new operation is tested without a line
//! written for it. Written to `bindings-c/tests/entry_points/operations.rs`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::api::{Api, Client, Op};
use crate::args::{args, Arg, Target};
use crate::emit::c::c_name;
use crate::emit::c_models::Accessor;
use crate::emit::{banner, generated_ops, rustfmt, Output};
use crate::types::{result_shape, Ty};

pub fn emit(root: &Path, api: &Api) -> Result<Vec<Output>, String> {
    let mut s = banner("//");
    s += "//! Every generated C operation, blocking and `_async`, fed the arguments of a property case\n\
          //! (see the module doc of `entry_points.rs`). Each runs on a new client: some change the\n\
          //! client's token.\n\n\
          use super::*;\n\n";
    // One callback per result type: frees the result and counts the call.
    let mut callbacks = BTreeSet::new();
    for op in generated_ops(api) {
        if let Some(c) = result_shape(api, op)?.c {
            if callbacks.insert(c.callback.clone()) {
                let free = c.free.as_ref().map(|f| format!("{f}(r);\n    ")).unwrap_or_default();
                let _ = writeln!(
                    s,
                    "unsafe extern \"C\" fn {cb}_done(user_data: *mut c_void, _: sl_status, r: {ty}, _: *const sl_error) {{\n    \
                     {free}let _ = r;\n    calls(user_data).bump();\n}}\n",
                    cb = c.callback,
                    ty = c.out_type,
                );
            }
        }
    }
    // For every generated result type: each accessor on a real object and on NULL.
    let mut models = BTreeSet::new();
    for op in generated_ops(api) {
        if let Some(model) = result_shape(api, op)?.c.and_then(|c| c.model) {
            models.insert(model);
        }
    }
    for model in &models {
        let obj = crate::types::c_model_type(model);
        let _ = writeln!(
            s,
            "/// Every accessor of `{obj}`, on `r` (a real result, or NULL).
fn read_{obj}(r: *const {obj}) -> Result<(), TestCaseError> {{"
        );
        for (name, kind) in crate::emit::c_models::accessors(api, model) {
            match kind {
                Accessor::Str => {
                    let _ = writeln!(s, "    utf8_or_null({name}(r))?;");
                }
                Accessor::Bool => {
                    let _ = writeln!(s, "    let _ = {name}(r);");
                }
                Accessor::Value(t) => {
                    let init = if t == "bool" { "false" } else { "0" };
                    let _ = writeln!(
                        s,
                        "    let mut value: {t} = {init};\n    let _ = ({name}(r, &mut value), {name}(r, ptr::null_mut()));"
                    );
                }
            }
        }
        let _ = writeln!(
            s,
            "    let (mut json, mut err) = (ptr::null_mut(), ptr::null_mut());\n    \
             let status = {obj}_json(r, &mut json, &mut err);\n    \
             prop_assert_eq!(status == sl_status::SL_STATUS_OK, !r.is_null(), \"{obj}_json\");\n    \
             utf8_or_null(json)?;\n    sl_string_free(json);\n    sl_error_free(err);\n    Ok(())\n}}\n"
        );
    }
    for client in Client::all() {
        let group = match client {
            Client::Jellyfin => "jellyfin",
            Client::G4 => "g4",
        };
        let ops: Vec<&Op> = generated_ops(api).filter(|op| op.client == client).collect();
        let _ = writeln!(s, "/// Every generated operation of `{}`.\npub(super) fn {group}(case: &Case) -> Result<(), TestCaseError> {{", client.c_handle());
        for op in &ops {
            let _ = writeln!(s, "    exercise_{}(case)?;", op.name);
        }
        s += "    Ok(())\n}\n\n";
        for op in ops {
            s += &operation(api, op, group)?;
        }
    }
    Ok(vec![Output { path: "bindings-c/tests/entry_points/operations.rs".to_owned(), text: rustfmt(root, s)? }])
}

/// The statements making one argument's C values, and the values' names.
fn arg_values(a: &Arg) -> (String, Vec<String>) {
    let n = &a.name;
    match (&a.ty, a.optional) {
        (Ty::Str { .. } | Ty::Enum(_) | Ty::Json { .. } | Ty::Model(_), false) => {
            (format!("let {n} = call.req();"), vec![n.clone()])
        }
        (Ty::Str { .. } | Ty::Enum(_) | Ty::Json { .. } | Ty::Model(_), true) => {
            (format!("let {n} = call.opt();"), vec![n.clone()])
        }
        (Ty::Int(t), true) => (format!("let {n} = call.number({t}_of);"), vec![n.clone()]),
        (Ty::Int(t), false) => (format!("let {n} = {t}_of(call.int());"), vec![n.clone()]),
        (Ty::Bool, true) => (format!("let {n} = call.number(bool_of);"), vec![n.clone()]),
        (Ty::Bool, false) => (format!("let {n} = bool_of(call.int());"), vec![n.clone()]),
        (Ty::EnumList(_) | Ty::StrList { .. }, optional) => {
            let f = if optional { "array" } else { "required_array" };
            (format!("let ({n}, {n}_len) = call.{f}();"), vec![n.clone(), format!("{n}_len")])
        }
        // Names and values share one length.
        (Ty::StrMap, _) => (
            format!(
                "let ({n}_names, {n}_len) = call.array();\n        \
                 let {n}_values = if {n}_names.is_null() {{ ptr::null() }} else {{ call.items({n}_len) }};"
            ),
            vec![format!("{n}_names"), format!("{n}_values"), format!("{n}_len")],
        ),
        (Ty::Bundle(_), _) => unreachable!("argument structs are flattened"),
    }
}

fn operation(api: &Api, op: &Op, group: &str) -> Result<String, String> {
    let a = args(api, op, Target::C)?;
    let shape = result_shape(api, op)?;
    let name = c_name(op);
    let mut make = String::new();
    let mut values = Vec::new();
    for arg in &a.args {
        let (statements, names) = arg_values(arg);
        let _ = writeln!(make, "        {statements}");
        values.extend(names);
    }
    let values = values.iter().map(|v| format!("{v}, ")).collect::<String>();
    let mut s = format!(
        "fn exercise_{op_name}(case: &Case) -> Result<(), TestCaseError> {{\n    let c = {group}_client();\n    {{\n        \
         let mut call = Call::new(case);\n        let client = call.handle(c);\n{make}",
        op_name = op.name
    );
    let callback = match &shape.c {
        None => {
            let _ = writeln!(
                s,
                "        let mut err = ptr::null_mut();\n        let status = {name}(client, {values}&mut err);\n        \
                 check(\"{name}\", &call, status, err)?;"
            );
            "DONE".to_owned()
        }
        Some(c) => {
            let out = if c.out_may_be_null { "opt_out_of" } else { "out_of" };
            let initial = if c.out_type == "bool" { "false" } else { "ptr::null_mut()" };
            let read = match &c.model {
                Some(m) => {
                    let obj = crate::types::c_model_type(m);
                    format!("\n        read_{obj}(result)?;\n        read_{obj}(ptr::null())?;")
                }
                None => String::new(),
            };
            let free = read + &c.free.as_ref().map(|f| format!("\n        {f}(result);")).unwrap_or_default();
            let _ = writeln!(
                s,
                "        let mut result = {initial};\n        let out = call.{out}(&mut result);\n        \
                 let mut err = ptr::null_mut();\n        let status = {name}(client, {values}out, &mut err);\n        \
                 check(\"{name}\", &call, status, err)?;{free}"
            );
            format!(
                "{}_done as unsafe extern \"C\" fn(*mut c_void, sl_status, {}, *const sl_error)",
                c.callback, c.out_type
            )
        }
    };
    let _ = writeln!(
        s,
        "    }}\n    check_async(\"{name}_async\", case, |call, ud, op, err| {{\n        let client = call.handle(c);\n{make}        \
         {name}_async(client, {values}callback(call, {callback}), ud, op, err)\n    }})?;\n    \
         sl_{group}_client_free(c);\n    Ok(())\n}}\n"
    );
    Ok(s)
}
