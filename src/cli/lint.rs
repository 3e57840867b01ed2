//! `second-story lint`: the language coach over real postmortem documents,
//! fit for a postmortem repository's CI.

use super::{Format, exit};
use crate::language::{Coach, Config, Finding};
use serde::Serialize;
use std::io::{self, Write};
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
                Ok(found) => {
                    inputs.extend(found.files);
                    for (path, why) in found.refused {
                        writeln!(err, "error: {}: {why}", crate::source::name(&path))?;
                        failed = true;
                    }
                }
                Err(e) => {
                    writeln!(err, "error: {e}")?;
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
            crate::source::name(path)
        };
        match read_text(path) {
            Ok(text) => all.push((name, coach.analyze(&text))),
            Err(e) => {
                writeln!(err, "error: {e}")?;
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

/// A document, or standard input for `-`: a regular file of at most
/// [`crate::limits::LINT_BYTES`], UTF-8 (an error names the line and
/// column of the first bad byte).
fn read_text(path: &Path) -> Result<String, crate::source::FileError> {
    use crate::source::{self, Limit};
    if path.as_os_str() == "-" {
        source::read_stream(&mut io::stdin().lock(), "-", Limit::LINT)
    } else {
        source::read_text(path, Limit::LINT)
    }
}

/// Markdown and text files under a folder, sorted, hidden folders skipped,
/// each file once however links lead to it; FIFOs and devices refused.
fn documents_in(dir: &Path) -> Result<crate::source::Found, crate::source::FileError> {
    crate::source::walk(
        dir,
        crate::source::Walk {
            extensions: &["md", "markdown", "txt"],
            recurse: true,
            skip_hidden: true,
        },
    )
}
