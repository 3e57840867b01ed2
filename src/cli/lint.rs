//! `second-story lint`: the language coach over real postmortem documents,
//! fit for a postmortem repository's CI.

use super::{Format, exit};
use crate::language::{Coach, Config, Finding};
use serde::Serialize;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The config found without `--config`: this file in the working directory.
pub const DEFAULT_CONFIG: &str = ".second-story.ron";

#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_column: usize,
    category: &'static str,
    matched: &'a str,
    message: &'a str,
    suggestion: &'a str,
}

/// Lints files, folders (their `.md`, `.markdown` and `.txt` files) or
/// standard input (`-`, or no paths).
pub fn lint(
    paths: &[PathBuf],
    format: Format,
    config: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    let coach = match load_coach(config) {
        Ok(c) => c,
        Err(message) => {
            writeln!(err, "error: {message}")?;
            return Ok(exit::ERROR);
        }
    };
    let mut inputs = Vec::new();
    let mut failed = false;
    if paths.is_empty() {
        inputs.push(PathBuf::from("-"));
    }
    for p in paths {
        if p.is_dir() {
            match documents_in(p) {
                Ok(found) => inputs.extend(found),
                Err(e) => {
                    writeln!(err, "error: {}: {e}", p.display())?;
                    failed = true;
                }
            }
        } else {
            inputs.push(p.clone());
        }
    }
    let mut all: Vec<(String, Vec<Finding>)> = Vec::new();
    for path in &inputs {
        let name = if path.as_os_str() == "-" {
            "-".to_owned()
        } else {
            path.display().to_string()
        };
        match read_text(path) {
            Ok(text) => all.push((name, coach.analyze(&text))),
            Err(e) => {
                writeln!(err, "error: {name}: {e}")?;
                failed = true;
            }
        }
    }
    let count: usize = all.iter().map(|(_, f)| f.len()).sum();
    match format {
        Format::Text => {
            for (file, findings) in &all {
                for f in findings {
                    writeln!(
                        out,
                        "{file}:{}:{}: {}: {} ({})",
                        f.line, f.column, f.category, f.message, f.suggestion
                    )?;
                }
            }
        }
        Format::Json => {
            let rows: Vec<Row> = all
                .iter()
                .flat_map(|(file, findings)| {
                    findings.iter().map(move |f| Row {
                        file,
                        line: f.line,
                        column: f.column,
                        end_column: f.end_column,
                        category: f.category.label(),
                        matched: &f.matched,
                        message: &f.message,
                        suggestion: &f.suggestion,
                    })
                })
                .collect();
            super::write_json(out, &rows)?;
        }
    }
    Ok(if failed {
        exit::ERROR
    } else if count > 0 {
        exit::FOUND
    } else {
        exit::OK
    })
}

fn load_coach(config: Option<&Path>) -> Result<Coach, String> {
    let path = match config {
        Some(p) => p.to_owned(),
        None if Path::new(DEFAULT_CONFIG).is_file() => PathBuf::from(DEFAULT_CONFIG),
        None => return Ok(Coach::shipped().clone()),
    };
    let file = path.display().to_string();
    let config = Config::load(&path).map_err(|e| e.to_string())?;
    Coach::with_config(&config, &file).map_err(|e| e.to_string())
}

fn read_text(path: &Path) -> io::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path)?;
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not UTF-8 text (line {line}, byte {at})"),
        )
    })
}

/// Markdown and text files under a folder, sorted, hidden folders skipped.
fn documents_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if path.is_dir() && !hidden {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "md" || e == "markdown" || e == "txt")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
