//! `second-story lint`: the language coach over real postmortem documents,
//! fit for a postmortem repository's CI and code review.

use super::lint_output::{self, Document};
use super::{CliError, CliResult, Exit};
use crate::language::{Category, Coach, Config};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The config found without `--config`: this file in the working directory.
pub const DEFAULT_CONFIG: &str = ".second-story.ron";

/// How `lint` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LintFormat {
    /// `file:line:column: category: message (suggestion)`, repeats of one
    /// rule in one file grouped on one line.
    #[default]
    Text,
    /// One JSON object per finding.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions annotations (`::warning file=...`).
    Github,
}

/// What `lint` is asked to do besides reading the paths.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub format: LintFormat,
    /// Rule adjustments; `./.second-story.ron` when absent and present.
    pub config: Option<PathBuf>,
    /// The categories whose findings make the exit code 1; `None` for all.
    pub fail_on: Option<Vec<Category>>,
}

/// Reads `--fail-on` values: category labels, `all` or `none`.
pub fn parse_fail_on(value: &str) -> Result<Vec<Category>, String> {
    match value {
        "all" => Ok(Category::ALL.to_vec()),
        "none" => Ok(Vec::new()),
        label => Category::from_label(label).map(|c| vec![c]).ok_or_else(|| {
            let known: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
            format!(
                "\"{label}\" is not a category (one of: {}, all, none)",
                known.join(", ")
            )
        }),
    }
}

/// Lints files, folders (their `.md`, `.markdown` and `.txt` files) or
/// standard input (`-`, or no paths). Exit 0 when no finding is in a
/// fail-on category, 1 when one is, 2 on an error.
pub fn lint(
    paths: &[PathBuf],
    options: &LintOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> CliResult {
    let coach = load_coach(options.config.as_deref())
        .map_err(|message| CliError::error(format!("error: {message}")).on_stderr())?;
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
    let mut documents: Vec<Document> = Vec::new();
    for path in &inputs {
        let name = if path.as_os_str() == "-" {
            "-".to_owned()
        } else {
            crate::source::name(path)
        };
        match read_text(path) {
            Ok(text) => documents.push(Document {
                findings: coach.analyze(&text),
                file: name,
            }),
            Err(e) => {
                writeln!(err, "error: {e}")?;
                failed = true;
            }
        }
    }
    let fails = |c: Category| options.fail_on.as_ref().is_none_or(|f| f.contains(&c));
    match options.format {
        LintFormat::Text => lint_output::text(&documents, out)?,
        LintFormat::Json => lint_output::json(&documents, out)?,
        LintFormat::Sarif => lint_output::sarif(&documents, &fails, out)?,
        LintFormat::Github => lint_output::github(&documents, &fails, out)?,
    }
    let found = documents
        .iter()
        .flat_map(|d| &d.findings)
        .any(|f| fails(f.category));
    Ok(if failed {
        Exit::Error
    } else if found {
        Exit::Found
    } else {
        Exit::Ok
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
