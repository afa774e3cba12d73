//! An operation's arguments as one language takes them: core's parameters, with argument
//! structs and flattened models spread into their fields, each with its type, whether it may
//! be left out, and its doc. Emitters turn these into code; the call of the core method is
//! rebuilt from [`CoreArg`]s.

use crate::api::{Api, Doc, Op};
use crate::types::{classify, flattened, Classified, Need, Ty};

/// The language an argument list is for (flattening differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    C,
    Python,
}

/// One argument of a binding function.
#[derive(Debug, Clone)]
pub struct Arg {
    pub name: String,
    pub ty: Ty,
    /// May be left out (`None` in Python, NULL in C).
    pub optional: bool,
    /// Python: taken by position too (required arguments always are).
    pub positional: bool,
    /// The field's doc, when the argument is a struct field.
    pub doc: Doc,
    /// The type the core call needs for this value (a field's type or the parameter's), once
    /// the argument is converted: `Some` wraps it when `optional`.
    pub core_optional: bool,
    /// Core takes the value by reference (`&Vec`, `&Model`), other than `&str`.
    pub by_ref: bool,
}

/// How one parameter of the core method is rebuilt from the arguments.
#[derive(Debug, Clone)]
pub enum CoreArg {
    /// The argument itself.
    Direct(usize),
    /// A struct literal of these fields (by argument index), completed from `base`.
    Struct { path: String, fields: Vec<(String, usize)>, base: Option<Base>, by_ref: bool },
}

/// What a struct literal's other fields come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// `M::new()`: the model's request defaults.
    New,
    /// `M::default()`.
    Default,
}

#[derive(Debug, Clone)]
pub struct Args {
    pub args: Vec<Arg>,
    pub core: Vec<CoreArg>,
}

pub fn args(api: &Api, op: &Op, target: Target) -> Result<Args, String> {
    let fail = |e: String| format!("{}: {}: {e}", op.file, op.name);
    let mut args: Vec<Arg> = Vec::new();
    let mut core = Vec::new();
    for param in &op.params {
        let c = classify(api, &param.ty).map_err(fail)?;
        match &c.ty {
            Ty::Bundle(name) => {
                let s = api.struct_named(name).ok_or_else(|| fail(format!("no struct {name}")))?;
                let mut fields = Vec::new();
                for f in &s.fields {
                    let fc = classify(api, &f.ty).map_err(|e| fail(format!("{name}.{}: {e}", f.name)))?;
                    fields.push((f.name.clone(), args.len()));
                    args.push(Arg {
                        name: f.name.clone(),
                        ty: fc.ty.clone(),
                        optional: fc.optional,
                        positional: !fc.optional,
                        doc: f.doc.clone(),
                        core_optional: fc.optional,
                        by_ref: false,
                    });
                }
                core.push(CoreArg::Struct { path: name.clone(), fields, base: None, by_ref: c.by_ref });
            }
            Ty::Model(name) => {
                let policy = flattened(name).and_then(|f| match target {
                    Target::C => f.c,
                    Target::Python => f.python,
                });
                match policy {
                    Some(fields) => core.push(flatten(api, op, name, fields, c.by_ref, &mut args)?),
                    None => {
                        core.push(CoreArg::Direct(args.len()));
                        args.push(plain(&param.name, &c));
                    }
                }
            }
            _ => {
                core.push(CoreArg::Direct(args.len()));
                args.push(plain(&param.name, &c));
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for a in &args {
        if !seen.insert(&a.name) {
            return Err(fail(format!("two arguments are named {}", a.name)));
        }
    }
    Ok(Args { args, core })
}

fn plain(name: &str, c: &Classified) -> Arg {
    Arg {
        name: name.to_owned(),
        ty: c.ty.clone(),
        optional: c.optional,
        positional: !c.optional,
        doc: Doc::default(),
        core_optional: c.optional,
        by_ref: c.by_ref,
    }
}

fn flatten(
    api: &Api,
    op: &Op,
    model: &str,
    fields: &[(&str, Need)],
    by_ref: bool,
    args: &mut Vec<Arg>,
) -> Result<CoreArg, String> {
    let s = api.struct_named(model).ok_or_else(|| format!("{}: no model {model}", op.name))?;
    let mut out = Vec::new();
    for (field, need) in fields {
        let f = s
            .fields
            .iter()
            .find(|f| f.name == *field)
            .ok_or_else(|| format!("tools/gen/src/types.rs names {model}.{field}, which core does not have"))?;
        let fc = classify(api, &f.ty).map_err(|e| format!("{model}.{field}: {e}"))?;
        out.push((f.name.clone(), args.len()));
        args.push(Arg {
            name: f.name.clone(),
            ty: fc.ty.clone(),
            optional: *need != Need::Required,
            positional: *need != Need::Optional,
            doc: f.doc.clone(),
            core_optional: fc.optional,
            by_ref: false,
        });
    }
    let base = if s.has_new { Base::New } else { Base::Default };
    Ok(CoreArg::Struct { path: s.name.clone(), fields: out, base: Some(base), by_ref })
}
