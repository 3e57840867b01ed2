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
        for p in &mut problems {
            if p.line.is_none() {
                p.line = p
                    .anchor
                    .as_ref()
                    .and_then(|(id, nth)| line_of_id(&self.source, id, *nth));
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
}

/// Parses scenario text. `file` only names the origin in errors.
pub fn parse_str(source: &str, file: &str) -> Result<Scenario, LoadError> {
    // `implicit_some` lets authors write `entry: "deploy"` for
    // `entry: Some("deploy")`; both spellings work.
    ron::Options::default()
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
        })
}

/// Reads and parses one scenario file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let source = crate::source::read(path)?;
    let scenario = parse_str(&source, &path.display().to_string())?;
    Ok(Loaded {
        scenario,
        path: path.to_owned(),
        source,
    })
}

/// The `.ron` files in a folder, sorted by name, or the path itself if it
/// is a file.
pub fn find_scenarios(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let io = |source| {
        LoadError::File(FileError::Io {
            file: path.display().to_string(),
            source,
        })
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    Ok(files)
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

/// Finds a scenario by path or by id.
pub fn resolve(name: &str) -> Result<PathBuf, LoadError> {
    let as_path = Path::new(name);
    if as_path.is_file() {
        return Ok(as_path.to_owned());
    }
    let by_id = scenario_dir().join(format!("{name}.ron"));
    if by_id.is_file() {
        Ok(by_id)
    } else {
        Err(LoadError::NotFound(name.to_owned()))
    }
}

/// The line (from 1) of the `nth` (from 0) declaration `id: "<id>"`.
pub(crate) fn line_of_id(source: &str, id: &str, nth: usize) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.find(&quoted).is_some_and(|at| {
                let before = line[..at].trim_end();
                before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with("id")
            })
        })
        .nth(nth)
        .map(|(i, _)| i + 1)
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
