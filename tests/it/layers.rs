//! The one-way dependency rules of docs/architecture.md, checked by reading
//! the source: a rule broken is a failing test, not a review comment.
//!
//! The check is textual on purpose (no parsing crate): it finds the paths a
//! file names (`crate::x`, `crate::{x, y}`, `second_story::x`, `bevy::`,
//! `clap::`) outside comments. That is enough for this code base, which
//! imports by path and never renames a crate.

use super::support::root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if d.is_file() {
            out.push(d);
            continue;
        }
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() || p.extension().is_some_and(|e| e == "rs") {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The source without `//` comments (doc comments included), so that a
/// comment may mention any module.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal ("https://...") is rare in this
            // code; cutting there only ever hides text, never invents it.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segments of the paths a file names after `prefix` (`crate::`
/// or `second_story::`), including each item of a `prefix{a, b::c}` group.
fn modules_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // Up to the matching brace.
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(j, _)| j);
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let first = item.trim().split("::").next().unwrap_or("").trim();
                        if !first.is_empty() {
                            found.insert(first.to_owned());
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Whether the file names the external crate `name` (`name::` or `use name`).
fn names_crate(code: &str, name: &str) -> bool {
    let path = format!("{name}::");
    code.match_indices(&path).any(|(i, _)| {
        !code[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
    }) || code.contains(&format!("use {name};"))
}

/// The library's own modules a file under `src/<module>` imports.
fn imports(path: &Path) -> BTreeSet<String> {
    let code = code(path);
    let mut found = modules_after(&code, "crate::");
    found.extend(modules_after(&code, "second_story::"));
    found
}

/// Files under `src/<module>` (a folder or a single file) that import one of
/// `forbidden`, with what they import.
fn breaking(module: &str, forbidden: &[&str]) -> Vec<String> {
    let src = root().join("src");
    let folder = src.join(module);
    let files = if folder.is_dir() {
        rust_files(&folder)
    } else {
        vec![src.join(format!("{module}.rs"))]
    };
    assert!(files[0].exists(), "no module src/{module}");
    let mut out = Vec::new();
    for f in files {
        for m in imports(&f) {
            if forbidden.contains(&m.as_str()) {
                out.push(format!("{} imports crate::{m}", f.display()));
            }
        }
    }
    out
}

/// Every source file outside src/game and src/main.rs.
fn library_files() -> Vec<PathBuf> {
    let src = root().join("src");
    let files: Vec<PathBuf> = rust_files(&src)
        .into_iter()
        // The binary: src/main.rs and its module src/args.rs.
        .filter(|f| {
            !f.starts_with(src.join("game"))
                && *f != src.join("main.rs")
                && *f != src.join("args.rs")
        })
        .collect();
    assert!(files.len() > 50, "the library's files were not found");
    files
}

#[test]
fn the_rule_checker_sees_single_and_grouped_imports() {
    let code = "use crate::engine::Meeting;\nuse crate::{record::{Record, Vote}, scenario};\n\
                let x = second_story::cli::run();\nlet y = notcrate::html::x;";
    let found: Vec<String> = modules_after(code, "crate::")
        .into_iter()
        .chain(modules_after(code, "second_story::"))
        .collect();
    assert_eq!(found, ["engine", "record", "scenario", "cli"]);
    assert!(names_crate("use bevy::prelude::*;", "bevy"));
    assert!(names_crate("fn f(a: bevy::ecs::World) {}", "bevy"));
    assert!(!names_crate("use bevy_egui::egui;", "bevy"));
    assert!(!names_crate("use crate::game::bevy::x;", "bevy"));
}

#[test]
fn nothing_below_the_game_uses_bevy() {
    let mut broken = Vec::new();
    for f in library_files() {
        let code = code(&f);
        for krate in ["bevy", "bevy_egui", "egui_plot", "egui"] {
            if names_crate(&code, krate) {
                broken.push(format!("{} uses {krate}", f.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn only_the_binary_uses_clap() {
    let broken: Vec<String> = library_files()
        .into_iter()
        .filter(|f| names_crate(&code(f), "clap"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        broken.is_empty(),
        "clap outside the binary (src/main.rs, src/args.rs): {broken:#?}"
    );
}

#[test]
fn the_library_never_imports_the_game_or_the_commands() {
    let src = root().join("src");
    let mut broken = Vec::new();
    for f in library_files() {
        let inside_cli = f.starts_with(src.join("cli"));
        for m in imports(&f) {
            if m == "game" || (m == "cli" && !inside_cli) {
                broken.push(format!("{} imports crate::{m}", f.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_engine_and_the_scenario_know_only_what_is_below_them() {
    // Below the engine: the scenario model, the language coach, and the
    // small helpers. Nothing that stores, reports or presents a meeting.
    let above = [
        "cards", "class", "cli", "explore", "game", "html", "record", "room", "save", "script",
        "serve", "store", "workshop",
    ];
    let mut broken = breaking("engine", &above);
    let mut above_scenario = above.to_vec();
    above_scenario.push("engine");
    broken.extend(breaking("scenario", &above_scenario));
    broken.extend(breaking("language", &above_scenario));
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn records_do_not_import_the_workshop() {
    // A saved file's format must not change because the workshop did:
    // everything a record stores is defined in src/record.
    let broken = breaking("record", &["workshop", "class", "cli", "game"]);
    assert!(broken.is_empty(), "{broken:#?}");
}
