//! module-cycles: fails when the modules of a crate name each other in a circle.
//!
//! `module-cycles [--graph] SRC_DIR...` reads every `.rs` file below each directory (a
//! crate's `src/`; `src/bin/` holds other crates and is skipped), builds the graph of which
//! sibling module names which (at every level: the crate's top-level modules, the modules
//! inside `transport/`, ...), prints each cycle with the line that makes each of its edges,
//! and exits 1 if there is one. `--graph` also prints every level's edges.
//!
//! The test command runs `cargo test -p sessionlink-tools --bin module-cycles`, whose last
//! test applies this to `core/src`, `bindings-c/src`, `bindings-python/src` and `emulator/src`.

mod graph;
mod lexer;

use std::path::Path;
use std::process::ExitCode;

use graph::Graph;

/// Every `.rs` file below `src`, as `(path below src with '/', text)`, sorted.
fn read_crate(src: &Path) -> std::io::Result<Vec<(String, String)>> {
    fn walk(dir: &Path, src: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let relative = path.strip_prefix(src).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if path.is_dir() && relative != "bin" {
                walk(&path, src, out)?;
            } else if relative.ends_with(".rs") {
                out.push((relative, std::fs::read_to_string(&path)?));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(src, src, &mut files)?;
    files.sort();
    Ok(files)
}

/// The cycles of one crate, each as printable lines; empty when there are none.
fn report(label: &str, graph: &Graph) -> Vec<String> {
    let mut lines = Vec::new();
    for (parent, cycle) in graph.cycles() {
        let under = if parent.is_empty() { "crate root".to_owned() } else { parent.join("::") };
        lines.push(format!("{label}: cycle under {under}: {}", cycle.join(" -> ")));
        for pair in cycle.windows(2) {
            let e = &graph.levels[&parent][&pair[0]][&pair[1]];
            lines.push(format!("    {} -> {}: {label}/{}:{} names {}", pair[0], pair[1], e.file, e.line, e.written));
        }
    }
    lines
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show_graph = args.first().is_some_and(|a| a == "--graph");
    if show_graph {
        args.remove(0);
    }
    if args.is_empty() {
        eprintln!("usage: module-cycles [--graph] SRC_DIR...");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for dir in &args {
        let files = match read_crate(Path::new(dir)) {
            Ok(files) if !files.is_empty() => files,
            Ok(_) => {
                eprintln!("{dir}: no .rs files");
                return ExitCode::from(2);
            }
            Err(e) => {
                eprintln!("{dir}: {e}");
                return ExitCode::from(2);
            }
        };
        let graph = Graph::new(&files);
        if show_graph {
            for (parent, level) in &graph.levels {
                println!("{dir} {}:", if parent.is_empty() { "(crate root)".to_owned() } else { parent.join("::") });
                for (from, tos) in level {
                    println!("    {from} -> {}", tos.keys().cloned().collect::<Vec<_>>().join(", "));
                }
            }
        }
        for line in report(dir, &graph) {
            failed = true;
            println!("{line}");
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        println!("no module cycles in {}", args.join(", "));
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(files: &[(&str, &str)]) -> Graph {
        Graph::new(&files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect::<Vec<_>>())
    }

    fn cycles(files: &[(&str, &str)]) -> Vec<String> {
        graph(files)
            .cycles()
            .into_iter()
            .map(|(parent, c)| format!("{}: {}", parent.join("::"), c.join(" -> ")))
            .collect()
    }

    #[test]
    fn a_use_loop_between_top_level_modules_is_a_cycle() {
        let files = [
            ("lib.rs", "mod a; mod b; mod c;"),
            ("a.rs", "use crate::b::{self, Thing};"),
            ("b.rs", "pub fn f() { crate::c::g() }"),
            ("c.rs", "use crate::a::X as Y;"),
        ];
        assert_eq!(cycles(&files), [": a -> b -> c -> a"]);
        let lines = report("src", &graph(&files));
        assert_eq!(lines[1], "    a -> b: src/a.rs:1 names crate::b");
    }

    #[test]
    fn a_loop_through_a_re_export_and_super_inside_a_directory_is_a_cycle() {
        let files = [
            ("lib.rs", "pub mod t;\npub use t::Request;"),
            ("t/mod.rs", "mod url;\nmod request;\npub use request::Request;\npub(crate) use url::push;"),
            ("t/url.rs", "fn f(r: &super::Request) {}"),
            ("t/request.rs", "use crate::t::push;"),
        ];
        assert_eq!(cycles(&files), ["t: request -> url -> request"]);
        // Through the root's re-export too.
        let files = [files[0], files[1], ("t/url.rs", "fn f(r: &crate::Request) {}"), files[3]];
        assert_eq!(cycles(&files), ["t: request -> url -> request"]);
    }

    #[test]
    fn comments_literals_tests_macro_expansions_and_parent_child_links_are_not_edges() {
        let files = [
            ("lib.rs", "mod a; mod b;\nuse a::A;"),
            (
                "a.rs",
                "/// See [`crate::b::B`].\n// crate::b\n/* crate::b /* nested */ crate::b */\n\
                 const S: &str = \"crate::b::B\"; const R: &str = r#\"crate::b \"x\" \"#;\n\
                 const C: char = '\"'; fn f<'a>(x: &'a str) {}\n\
                 #[cfg(test)]\nmod tests { use crate::b::B; }\npub struct A;\n\
                 macro_rules! m { () => { $crate::b::B }; }",
            ),
            ("b.rs", "use crate::a::A; use super::a;"),
        ];
        assert_eq!(cycles(&files), Vec::<String>::new());
        let g = graph(&files);
        assert_eq!(g.levels[&Vec::<String>::new()].keys().collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn other_crates_paths_are_not_edges() {
        let files = [("lib.rs", "mod a; mod b;"), ("a.rs", "use b::X; use sessionlink::b;"), ("b.rs", "use crate::a;")];
        assert_eq!(cycles(&files), Vec::<String>::new());
    }

    /// The repository's own crates: core, the C and Python bindings, the emulator.
    #[test]
    fn the_repositorys_crates_have_no_module_cycles() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        for dir in ["core/src", "bindings-c/src", "bindings-python/src", "emulator/src"] {
            let files = read_crate(&root.join(dir)).expect("the crate's sources are readable");
            assert!(files.len() > 5, "{dir}");
            found.extend(report(dir, &Graph::new(&files)));
        }
        assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
    }
}
