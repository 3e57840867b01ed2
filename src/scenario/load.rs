//! Reading scenario files: RON text in, a `Scenario` or a located error out.

use super::Scenario;
use crate::source::FileError;
use std::fmt;
use std::path::{Path, PathBuf};

/// A scenario together with where it came from, so that problems found
/// later can still point at a line.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub path: PathBuf,
    pub source: String,
}

impl Loaded {
    /// All semantic problems, each with the line of the item it is about
    /// where that item can be found in the source.
    pub fn problems(&self) -> Vec<super::Problem> {
        let mut problems = super::validate(&self.scenario);
        // One pass over the source finds every declaration, however many
        // problems there are.
        let index = IdLines::of(&self.source);
        for p in &mut problems {
            if p.line.is_none() {
                p.line = p.anchor.as_ref().and_then(|(id, nth)| index.line(id, *nth));
            }
        }
        problems
    }
}

/// Why a scenario file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("no scenario \"{0}\": not a file, and not an id in scenarios/")]
    NotFound(String),
    /// Parsed, but larger than a scenario may be ([`crate::limits`]).
    #[error("{file}: {what}")]
    TooBig { file: String, what: String },
}

/// Parses scenario text. `file` only names the origin in errors.
pub fn parse_str(source: &str, file: &str) -> Result<Scenario, LoadError> {
    // `implicit_some` lets authors write `entry: "deploy"` for
    // `entry: Some("deploy")`; both spellings work.
    let scenario = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Scenario>(source)
        .map_err(|e| {
            let unknown_field = matches!(
                e.code,
                ron::Error::NoSuchStructField { .. } | ron::Error::MissingStructField { .. }
            );
            let mut err = FileError::ron(file, e);
            if let (true, FileError::Syntax { message, .. }) = (unknown_field, &mut err) {
                message.push_str(" (field names are listed in docs/scenario-format.md)");
            }
            LoadError::File(err)
        })?;
    super::size::check(&scenario).map_err(|what| LoadError::TooBig {
        file: file.to_owned(),
        what,
    })?;
    Ok(scenario)
}

/// Reads and parses one scenario file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let source = crate::source::read_text(path, crate::source::Limit::SCENARIO)?;
    let scenario = parse_str(&source, &crate::source::name(path))?;
    Ok(Loaded {
        scenario,
        path: path.to_owned(),
        source,
    })
}

/// Why a scenario cannot be played.
#[derive(Debug, thiserror::Error)]
pub enum Unplayable {
    /// Not found ([`LoadError::NotFound`]), not readable, or not a
    /// scenario.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Read, but with errors: what `validate` would list.
    #[error("{file} has errors; run `second-story validate {file}`")]
    Invalid {
        file: String,
        /// Each error, with its line where it is known.
        errors: Vec<super::Problem>,
    },
}

/// Loads a scenario by id or path ([`resolve`]) and refuses it if it has
/// errors: what `run`, `replay`, `cards` and `explore` play.
pub fn load_valid(name: &str) -> Result<Loaded, Unplayable> {
    load_valid_file(&resolve(name)?)
}

/// Loads a scenario file and refuses it if it has errors.
pub fn load_valid_file(path: &Path) -> Result<Loaded, Unplayable> {
    let loaded = load_file(path)?;
    let errors: Vec<super::Problem> = loaded
        .problems()
        .into_iter()
        .filter(|p| p.severity == super::Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(Unplayable::Invalid {
            file: crate::source::name(path),
            errors,
        })
    }
}

/// The `.ron` files in a folder, sorted by name, or the path itself if it
/// is a file. Anything named `.ron` that cannot be read safely (a FIFO, a
/// device, a link to nothing) is an error, as is a folder that cannot be
/// listed.
pub fn find_scenarios(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let found = list_scenarios(path)?;
    match found.refused.into_iter().next() {
        Some((file, why)) => Err(LoadError::File(FileError::Io {
            file: crate::source::name(&file),
            source: std::io::Error::other(why),
        })),
        None => Ok(found.files),
    }
}

/// The `.ron` files in a folder (not its sub-folders), each once, and the
/// entries that were refused with why: for a scenario picker that lists
/// what it can and says what it cannot, without ever blocking on a FIFO.
pub fn list_scenarios(path: &Path) -> Result<crate::source::Found, LoadError> {
    Ok(crate::source::walk(
        path,
        crate::source::Walk {
            extensions: &["ron"],
            recurse: false,
            skip_hidden: true,
        },
    )?)
}

/// Where shipped scenarios live: `scenarios/` under the working directory,
/// else under the source tree this binary was built from.
pub fn scenario_dir() -> PathBuf {
    let local = PathBuf::from("scenarios");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
    }
}

/// Finds a scenario by path or by id. Anything that exists at the path is
/// taken as meant (and refused when read, if it is not a regular file).
pub fn resolve(name: &str) -> Result<PathBuf, LoadError> {
    let as_path = Path::new(name);
    if std::fs::symlink_metadata(as_path).is_ok_and(|m| !m.is_dir()) {
        return Ok(as_path.to_owned());
    }
    by_id(name).ok_or_else(|| LoadError::NotFound(name.to_owned()))
}

/// Whether `id` can be a scenario id: lower-case letters, digits and '-',
/// at most [`crate::limits::ID_BYTES`]; never a path.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= crate::limits::ID_BYTES
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The shipped scenario file with this id, if there is one. Only an id is
/// looked up: a path or `../` never leaves the scenarios folder.
pub fn by_id(id: &str) -> Option<PathBuf> {
    in_folder(&scenario_dir(), id)
}

/// The file `<id>.ron` in `dir`, if `id` is an id and the file is there.
pub fn in_folder(dir: &Path, id: &str) -> Option<PathBuf> {
    if !is_id(id) {
        return None;
    }
    let path = dir.join(format!("{id}.ron"));
    std::fs::symlink_metadata(&path).is_ok().then_some(path)
}

/// Where each id is declared (`id: "<id>"`), found in one pass.
struct IdLines<'a> {
    lines: std::collections::HashMap<&'a str, Vec<usize>>,
}

impl<'a> IdLines<'a> {
    fn of(source: &'a str) -> Self {
        let mut lines: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, line) in source.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("id") {
                let after = &rest[at + 2..];
                let preceded = rest[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                rest = after;
                let Some(value) = after.trim_start().strip_prefix(':') else {
                    continue;
                };
                let Some(value) = value.trim_start().strip_prefix('"') else {
                    continue;
                };
                if let (true, Some(end)) = (preceded, value.find('"')) {
                    lines.entry(&value[..end]).or_default().push(i + 1);
                }
            }
        }
        IdLines { lines }
    }

    fn line(&self, id: &str, nth: usize) -> Option<usize> {
        self.lines.get(id)?.get(nth).copied()
    }
}

/// The line (from 1) of the `nth` (from 0) declaration `id: "<id>"`.
#[cfg(test)]
fn line_of_id(source: &str, id: &str, nth: usize) -> Option<usize> {
    IdLines::of(source).line(id, nth)
}

impl fmt::Display for Loaded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.scenario.id, self.path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_an_id_declaration_not_a_reference() {
        let src = "facts: [\n  Fact(holder: \"phil\",\n    id: \"font\"),\n]\nafter: [\"font\"]";
        assert_eq!(line_of_id(src, "font", 0), Some(3));
        assert_eq!(line_of_id(src, "font", 1), None);
        assert_eq!(line_of_id(src, "phil", 0), None);
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = parse_str("Scenario(\n  id: \"x\",\n  title: 42,\n)", "x.ron").unwrap_err();
        let LoadError::File(FileError::Syntax { line, file, .. }) = &err else {
            panic!("expected a syntax error, got {err}");
        };
        assert_eq!((file.as_str(), *line), ("x.ron", 3));
    }
}
