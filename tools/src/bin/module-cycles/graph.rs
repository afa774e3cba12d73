//! The module graph of one crate: which sibling module names which, at every level of the
//! module tree, with re-exports followed to the module that defines the name. A child naming
//! its parent, or a parent naming its child, is not an edge: a parent declares its children.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::lexer::{blank, references, Reference};

/// A module path below the crate root (`[]` is the root, `["transport", "url"]` ...).
pub type ModPath = Vec<String>;

/// Where an edge was seen first: file, line, and the path as written.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub file: String,
    pub line: usize,
    pub written: String,
}

/// The edges among the children of one parent module: from → to → first evidence.
pub type Level = BTreeMap<String, BTreeMap<String, Evidence>>;

#[derive(Debug, Default)]
pub struct Graph {
    modules: BTreeSet<ModPath>,
    /// Per module, the names its `use` items bring into scope, as absolute paths.
    scope: BTreeMap<ModPath, BTreeMap<String, ModPath>>,
    /// Parent module → the edges among its children.
    pub levels: BTreeMap<ModPath, Level>,
}

/// The module a source file is, from its path below `src/` (`lib.rs` is the root).
pub fn module_of(relative: &str) -> ModPath {
    let mut parts: Vec<String> = relative.trim_end_matches(".rs").split('/').map(str::to_owned).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

impl Graph {
    /// Builds the graph from `(path below src/, source text)` pairs.
    pub fn new(files: &[(String, String)]) -> Graph {
        let mut graph = Graph::default();
        let parsed: Vec<(String, ModPath, Vec<Reference>)> =
            files.iter().map(|(name, text)| (name.clone(), module_of(name), references(&blank(text)))).collect();
        graph.modules = parsed.iter().map(|(_, m, _)| m.clone()).collect();
        for (_, module, refs) in &parsed {
            for r in refs {
                if let (Some(name), Some(target)) = (&r.binds, graph.absolute(module, &r.segments)) {
                    graph.scope.entry(module.clone()).or_default().insert(name.clone(), target);
                }
            }
        }
        for (file, module, refs) in &parsed {
            for r in refs {
                let Some(target) = graph.absolute(module, &r.segments) else { continue };
                let to = graph.resolve(target);
                let common = module.iter().zip(&to).take_while(|(a, b)| a == b).count();
                if common < module.len() && common < to.len() {
                    let evidence = Evidence { file: file.clone(), line: r.line, written: r.segments.join("::") };
                    graph
                        .levels
                        .entry(module[..common].to_vec())
                        .or_default()
                        .entry(module[common].clone())
                        .or_default()
                        .entry(to[common].clone())
                        .or_insert(evidence);
                }
            }
        }
        graph
    }

    /// The path from the crate root, or `None` for another crate's path.
    fn absolute(&self, module: &ModPath, segments: &[String]) -> Option<ModPath> {
        let first = segments.first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            // A macro's `$crate::` paths are what its expansion names: dependencies of the
            // modules that invoke it, not of the module that defines it.
            "$crate" => return None,
            "self" => module.clone(),
            "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                let base = module[..module.len().checked_sub(supers)?].to_vec();
                return Some(base.into_iter().chain(segments[supers..].iter().cloned()).collect());
            }
            _ => {
                // Edition 2018 paths: a child module's name is a relative path.
                let mut child = module.clone();
                child.push(first.clone());
                if !self.modules.contains(&child) {
                    return None;
                }
                return Some(module.iter().chain(segments).cloned().collect());
            }
        };
        base.extend(segments[1..].iter().cloned());
        Some(base)
    }

    /// The module that defines what `path` names: modules are walked down, and a name a
    /// module re-exports is followed to where it comes from.
    fn resolve(&self, mut path: ModPath) -> ModPath {
        for _ in 0..32 {
            let mut module = Vec::new();
            let mut redirected = None;
            for (i, segment) in path.iter().enumerate() {
                let mut child = module.clone();
                child.push(segment.clone());
                if self.modules.contains(&child) {
                    module = child;
                    continue;
                }
                if let Some(target) = self.scope.get(&module).and_then(|names| names.get(segment)) {
                    if target[..] != path[..=i] {
                        redirected = Some(target.iter().chain(&path[i + 1..]).cloned().collect());
                    }
                }
                break;
            }
            match redirected {
                Some(next) => path = next,
                None => return module,
            }
        }
        Vec::new()
    }

    /// The cycles among siblings, with the parent they are under: the shortest one through
    /// each module that no cycle reported so far passes through, its first module repeated
    /// at the end.
    pub fn cycles(&self) -> Vec<(ModPath, Vec<String>)> {
        let mut found = Vec::new();
        for (parent, level) in &self.levels {
            let mut reported: BTreeSet<String> = BTreeSet::new();
            for start in level.keys() {
                if reported.contains(start) {
                    continue;
                }
                if let Some(cycle) = shortest_cycle(level, start) {
                    reported.extend(cycle.iter().cloned());
                    found.push((parent.clone(), cycle));
                }
            }
        }
        found
    }
}

/// The shortest path from `start` back to itself, by breadth-first search.
fn shortest_cycle(level: &Level, start: &str) -> Option<Vec<String>> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in level.get(node).into_iter().flat_map(BTreeMap::keys) {
            if next == start {
                let mut cycle = vec![node.to_owned()];
                let mut at = node;
                while at != start {
                    at = previous[at];
                    cycle.push(at.to_owned());
                }
                cycle.reverse();
                cycle.push(start.to_owned());
                return Some(cycle);
            }
            if !previous.contains_key(next.as_str()) && next != start {
                previous.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}
