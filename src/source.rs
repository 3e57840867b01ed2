//! Reading the files the program is given (scenarios, move scripts,
//! records, coach configs, kept settings, documents to lint): one way to
//! read a file and one way to walk a folder, both safe on hostile input.
//!
//! Only regular files are read. A FIFO, a device or a socket is refused
//! with a message before anything blocks on it (on unix the file is opened
//! with `O_NONBLOCK`, and its type is checked again on the open handle). A
//! symbolic link is followed (the system refuses a loop of them); a file is
//! read up to a limit from [`crate::limits`] and no further, so a link to
//! `/dev/zero` or a file that grows while read cannot exhaust memory. Errors
//! name the file and, for text, the line and column.

use std::collections::HashSet;
use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// A file that could not be read or parsed.
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
    /// A FIFO, a device, a socket or a folder where a file was expected.
    #[error("{file}: not a regular file ({kind}); only regular files are read")]
    NotRegular { file: String, kind: &'static str },
    #[error("{file}: too large: more than {limit} bytes ({what} are at most {limit} bytes)")]
    TooLarge {
        file: String,
        limit: u64,
        what: &'static str,
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

    fn io(path: &Path, source: io::Error) -> Self {
        let source = if is_loop(&source) {
            io::Error::other("a loop of symbolic links")
        } else {
            source
        };
        FileError::Io {
            file: name(path),
            source,
        }
    }
}

/// What kind of file is limited to what size, for messages.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub bytes: u64,
    /// "scenario files", "records", …
    pub what: &'static str,
}

impl Limit {
    pub const SCENARIO: Limit = Limit {
        bytes: crate::limits::SCENARIO_BYTES,
        what: "scenario files",
    };
    pub const SCRIPT: Limit = Limit {
        bytes: crate::limits::SCRIPT_BYTES,
        what: "move scripts",
    };
    pub const RECORD: Limit = Limit {
        bytes: crate::limits::RECORD_BYTES,
        what: "session records",
    };
    pub const KEPT: Limit = Limit {
        bytes: crate::limits::KEPT_BYTES,
        what: "settings and progress files",
    };
    pub const TEXT: Limit = Limit {
        bytes: crate::limits::TEXT_BYTES,
        what: "configs",
    };
    pub const LINT: Limit = Limit {
        bytes: crate::limits::LINT_BYTES,
        what: "documents to lint",
    };
}

/// A path as it may be shown in a terminal: control and escape characters
/// in a name someone else chose are shown escaped, not sent to the screen.
pub fn name(path: &Path) -> String {
    crate::escape::terminal(&path.display().to_string()).into_owned()
}

/// What a file that is not a regular one is, in words.
fn kind_of(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Opens a file for reading without ever waiting on it: a FIFO swapped in
/// after the type was checked opens at once (and is refused), it does not
/// block until someone writes.
fn open(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The type and size of what `path` names, following symbolic links:
/// refuses anything but a regular file of at most `limit` bytes.
pub fn check(path: &Path, limit: Limit) -> Result<Metadata, FileError> {
    let meta = fs::metadata(path).map_err(|e| FileError::io(path, e))?;
    if let Some(kind) = kind_of(&meta) {
        return Err(FileError::NotRegular {
            file: name(path),
            kind,
        });
    }
    if meta.len() > limit.bytes {
        return Err(too_large(path, limit));
    }
    Ok(meta)
}

fn too_large(path: &Path, limit: Limit) -> FileError {
    FileError::TooLarge {
        file: name(path),
        limit: limit.bytes,
        what: limit.what,
    }
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: Limit) -> Result<Vec<u8>, FileError> {
    check(path, limit)?;
    let file = open(path).map_err(|e| FileError::io(path, e))?;
    // The name may have been pointed elsewhere since the check: the open
    // handle is what will be read, so its type is what counts.
    let meta = file.metadata().map_err(|e| FileError::io(path, e))?;
    if let Some(kind) = kind_of(&meta) {
        return Err(FileError::NotRegular {
            file: name(path),
            kind,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit.bytes) as usize + 1);
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, e))?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

/// Reads a whole text file of at most `limit` bytes; text that is not
/// UTF-8 is an error at the line and column of the first bad byte.
pub fn read_text(path: &Path, limit: Limit) -> Result<String, FileError> {
    let bytes = read_bytes(path, limit)?;
    text(bytes, &name(path))
}

/// Reads a coach config or another small text file whole.
pub fn read(path: &Path) -> Result<String, FileError> {
    read_text(path, Limit::TEXT)
}

/// Reads standard input (or any stream) up to `limit` bytes, as text.
pub fn read_stream(stream: &mut dyn Read, file: &str, limit: Limit) -> Result<String, FileError> {
    let mut bytes = Vec::new();
    stream
        .take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| FileError::Io {
            file: file.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > limit.bytes {
        return Err(FileError::TooLarge {
            file: file.to_owned(),
            limit: limit.bytes,
            what: limit.what,
        });
    }
    text(bytes, file)
}

/// Bytes as UTF-8 text, or an error naming where the first bad byte is.
pub fn text(bytes: Vec<u8>, file: &str) -> Result<String, FileError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let good = &bytes[..at];
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        // The prefix is valid UTF-8 by construction; columns count
        // characters, from 1, as the RON parser's do.
        let column = std::str::from_utf8(&good[line_start..]).map_or(1, |s| s.chars().count() + 1);
        FileError::Syntax {
            file: file.to_owned(),
            line,
            column,
            message: format!(
                "not UTF-8 text: byte 0x{:02X} cannot start or continue a character here",
                bytes[at]
            ),
        }
    })
}

/// How to walk a folder.
#[derive(Clone, Copy, Debug)]
pub struct Walk<'a> {
    /// File name extensions to collect (without the dot).
    pub extensions: &'a [&'a str],
    /// Into sub-folders too.
    pub recurse: bool,
    /// Leave out sub-folders whose name starts with a dot.
    pub skip_hidden: bool,
}

/// What a folder walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Regular files with a wanted extension, each once, sorted.
    pub files: Vec<PathBuf>,
    /// Paths with a wanted extension that are not regular files, and
    /// anything else the walk could not go into, with why.
    pub refused: Vec<(PathBuf, String)>,
}

/// One way to find files under a folder, for every command and the game.
/// Symbolic links are followed, but a folder or file already seen (a loop
/// such as `loop -> .`, two links to one file, a hard link) is taken once.
/// A FIFO, socket or device never blocks the walk: it is listed in
/// `refused`. `root` may also be a single file, taken whatever its name.
pub fn walk(root: &Path, how: Walk) -> Result<Found, FileError> {
    let meta = fs::metadata(root).map_err(|e| FileError::io(root, e))?;
    let mut found = Found::default();
    if !meta.is_dir() {
        if let Some(kind) = kind_of(&meta) {
            return Err(FileError::NotRegular {
                file: name(root),
                kind,
            });
        }
        found.files.push(root.to_owned());
        return Ok(found);
    }
    let mut seen = Seen::default();
    seen.first(root, &meta);
    let mut entries = 0usize;
    // Depth first, each folder's entries in name order.
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_owned(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let listing = match fs::read_dir(&dir) {
            Ok(l) => l,
            Err(e) => {
                if depth == 0 {
                    return Err(FileError::io(&dir, e));
                }
                found
                    .refused
                    .push((dir, format!("cannot read the folder: {e}")));
                continue;
            }
        };
        let mut paths = Vec::new();
        for entry in listing {
            entries += 1;
            if entries > crate::limits::FOLDER_ENTRIES {
                found.refused.push((
                    root.to_owned(),
                    format!(
                        "more than {} entries; the rest were not looked at",
                        crate::limits::FOLDER_ENTRIES
                    ),
                ));
                stack.clear();
                break;
            }
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(e) => found
                    .refused
                    .push((dir.clone(), format!("cannot read the folder: {e}"))),
            }
        }
        paths.sort();
        let mut folders = Vec::new();
        for path in paths {
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| how.extensions.contains(&e));
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    if wanted {
                        let why = if is_loop(&e) {
                            "a loop of symbolic links".to_owned()
                        } else if e.kind() == io::ErrorKind::NotFound {
                            "a symbolic link to nothing".to_owned()
                        } else {
                            e.to_string()
                        };
                        found.refused.push((path, why));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if how.recurse && !(how.skip_hidden && hidden) && seen.first(&path, &meta) {
                    if depth + 1 > crate::limits::FOLDER_DEPTH {
                        found.refused.push((
                            path,
                            format!(
                                "more than {} folders deep; not looked into",
                                crate::limits::FOLDER_DEPTH
                            ),
                        ));
                    } else {
                        folders.push(path);
                    }
                }
            } else if wanted {
                match kind_of(&meta) {
                    Some(kind) => found.refused.push((
                        path,
                        format!("not a regular file ({kind}); only regular files are read"),
                    )),
                    None => {
                        if seen.first(&path, &meta) {
                            found.files.push(path);
                        }
                    }
                }
            }
        }
        // Reversed, so that the stack visits them in name order.
        stack.extend(folders.into_iter().rev().map(|f| (f, depth + 1)));
    }
    found.files.sort();
    Ok(found)
}

/// Files and folders already met, by identity (device and inode on unix,
/// the canonical path elsewhere).
#[derive(Default)]
struct Seen {
    #[cfg(unix)]
    ids: HashSet<(u64, u64)>,
    #[cfg(not(unix))]
    ids: HashSet<PathBuf>,
}

impl Seen {
    /// True the first time this file or folder is met.
    fn first(&mut self, path: &Path, meta: &Metadata) -> bool {
        #[cfg(unix)]
        {
            let _ = path;
            use std::os::unix::fs::MetadataExt;
            self.ids.insert((meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            match fs::canonicalize(path) {
                Ok(p) => self.ids.insert(p),
                Err(_) => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_is_located_at_its_line_and_column() {
        let err = text(b"ok\nab\xffc".to_vec(), "x.ron").unwrap_err();
        let FileError::Syntax { line, column, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!((*line, *column), (2, 3), "{err}");
        assert!(err.to_string().starts_with("x.ron:2:3: not UTF-8"), "{err}");
    }

    #[test]
    fn a_stream_longer_than_its_limit_is_refused_after_the_limit() {
        let limit = Limit {
            bytes: 10,
            what: "tests",
        };
        let mut endless = io::repeat(b'a');
        let err = read_stream(&mut endless, "-", limit).unwrap_err();
        assert!(
            matches!(err, FileError::TooLarge { limit: 10, .. }),
            "{err}"
        );
        let ok = read_stream(&mut io::repeat(b'a').take(10), "-", limit).unwrap();
        assert_eq!(ok.len(), 10);
    }
}
