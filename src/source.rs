//! Reading the project's text files (scenarios, move scripts, coach
//! configs): one error type that names the file, and for RON, the line,
//! the column and what was expected.

use std::path::Path;

/// A text file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl FileError {
    /// A RON error, located in `file`.
    pub fn ron(file: &str, e: ron::error::SpannedError) -> Self {
        FileError::Syntax {
            file: file.to_owned(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        }
    }
}

/// Reads a whole text file; the error names it.
pub fn read(path: &Path) -> Result<String, FileError> {
    std::fs::read_to_string(path).map_err(|source| FileError::Io {
        file: path.display().to_string(),
        source,
    })
}
