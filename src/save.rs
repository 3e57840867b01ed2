//! Writing files so that nothing is lost: the one atomic write, used for
//! settings, progress, records, role cards and reports.
//!
//! The bytes go to a temporary file created new (never an existing one)
//! under a name of its own in the same folder; it is synced, then moved to
//! its name, and the folder is synced so the move itself survives a crash.
//! A crash leaves the old file or the new one, never half of either, and a
//! file the program did not create is never written over or removed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Makes temporary names unique within this process.
static NEXT: AtomicU64 = AtomicU64::new(0);

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new temporary file in `dir`, created with `create_new` so an existing
/// file (or a symbolic link planted under the name) is never opened.
fn temporary(dir: &Path) -> io::Result<(PathBuf, File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(
            ".second-story-{}-{n}-{nanos}.tmp",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: could not create a temporary file",
        dir.display()
    )))
}

/// Writes `bytes` to a fresh temporary file in `dir`, synced.
fn written(dir: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let (tmp, mut file) = temporary(dir)?;
    let done = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    match done {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Syncs a folder, so that a rename or a new name in it is on disk. Not
/// every system can; the data itself is synced already.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Replaces `path` with `bytes` atomically (settings, progress, a report
/// or a card the user asked for by name). The folder is created if need
/// be. A symbolic link to a file is followed once and the file it names is
/// replaced (the link stays); a link to nothing is not written through. A
/// device or a FIFO the user named (`--csv /dev/stdout`) is written to as a
/// stream, never replaced; a FIFO nobody reads is an error, not a wait.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match fs::metadata(path) {
        Ok(meta) if meta.is_file() => fs::canonicalize(path)?,
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::other("it is a folder"));
        }
        Ok(_) => return write_stream(path, bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(io::Error::other(
                    "a symbolic link to nothing; not written through",
                ));
            }
            path.to_owned()
        }
        Err(e) => return Err(e),
    };
    let dir = folder_of(&target);
    fs::create_dir_all(dir)?;
    let tmp = written(dir, bytes)?;
    if let Err(e) = fs::rename(&tmp, &target) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_folder(dir);
    Ok(())
}

/// Writes to a device or a FIFO in place. On unix it is first opened
/// without waiting, which fails at once for a FIFO nobody reads; then
/// opened again to be written normally (a full pipe is waited on).
fn write_stream(path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let probe = OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path);
        match probe {
            Err(e) if e.raw_os_error() == Some(libc::ENXIO) => {
                return Err(io::Error::other("a FIFO that nobody is reading"));
            }
            Err(e) => return Err(e),
            Ok(_) => {}
        }
    }
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// Writes a new file at `path` atomically, never over anything already
/// there (a file, a folder, or a symbolic link, even one to nothing): then
/// the error is `AlreadyExists`. The folder is created if need be.
pub fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    fs::create_dir_all(dir)?;
    let tmp = written(dir, bytes)?;
    // A hard link is made only if the name is free, at once: two programs
    // saving under one name cannot both succeed.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            sync_folder(dir);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        // A file system without hard links: create the file new in place.
        // Still never over another file; a crash may leave it short, and a
        // short record is listed as damaged, not taken for a whole one.
        Err(_) => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            sync_folder(dir);
            Ok(())
        }
    }
}

/// Writes a new file at `path`, or when that name is taken, at
/// `stem-2.ext`, `stem-3.ext`, … beside it; returns the path written.
pub fn create_free(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let dir = folder_of(path);
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    for n in 1..=10_000u32 {
        let candidate = if n == 1 {
            path.to_owned()
        } else {
            dir.join(format!("{stem}-{n}{ext}"))
        };
        match create(&candidate, bytes) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: 10000 files named {stem}-N{ext} already",
        dir.display()
    )))
}

/// The first `max` bytes of `s`, cut on a character boundary.
pub fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A name made safe for a file name on every system: lower-case letters
/// and digits (any script), words joined by '-', at most `max` bytes.
pub fn slug(s: &str, max: usize) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join("-");
    cut(&joined, max).trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("second-story-save-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn create_never_writes_over_a_file_or_through_a_link() {
        let d = dir("create");
        let path = d.join("a.json");
        fs::write(&path, "theirs").unwrap();
        let e = create(&path, b"ours").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        #[cfg(unix)]
        {
            let outside = d.join("outside.txt");
            let link = d.join("dangling.ron");
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            assert!(create(&link, b"ours").is_err());
            assert!(!outside.exists(), "nothing written through the link");
        }
        // Nothing left behind but the files themselves.
        let left: Vec<_> = fs::read_dir(&d).unwrap().collect();
        assert_eq!(left.len(), if cfg!(unix) { 2 } else { 1 });
    }

    #[test]
    fn unique_names_count_up_and_replace_leaves_no_temporary_file() {
        let d = dir("unique");
        let a = create_free(&d.join("ana.json"), b"1").unwrap();
        let b = create_free(&d.join("ana.json"), b"2").unwrap();
        assert_eq!(b.file_name().unwrap(), "ana-2.json");
        assert_eq!(fs::read_to_string(a).unwrap(), "1");
        let kept = d.join("settings.ron");
        replace(&kept, b"old").unwrap();
        replace(&kept, b"new").unwrap();
        assert_eq!(fs::read_to_string(&kept).unwrap(), "new");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn replace_follows_a_link_to_a_file_and_never_replaces_a_fifo() {
        let d = dir("links");
        let real = d.join("real.ron");
        fs::write(&real, "old").unwrap();
        let link = d.join("link.ron");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, b"new").unwrap();
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        // A FIFO with no reader: an error at once, and still a FIFO.
        let fifo = d.join("fifo.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(replace(&fifo, b"x").is_err());
            use std::os::unix::fs::FileTypeExt;
            assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        }
        // A link to nothing is not written through.
        let dangling = d.join("dangling.html");
        std::os::unix::fs::symlink(d.join("nowhere/x.html"), &dangling).unwrap();
        assert!(replace(&dangling, b"x").is_err());
        assert!(!d.join("nowhere").exists());
    }

    #[test]
    fn names_are_cut_by_bytes_on_a_character_boundary() {
        // 60 letters of 2 or 4 bytes: 60 characters, far more bytes.
        let wide = format!("a{}", "é".repeat(30));
        assert_eq!(slug(&wide, 60).len(), 59);
        assert_eq!(slug(&"𝒜".repeat(60), 60).len(), 60);
        assert_eq!(slug("Ana  López / ../x", 60), "ana-lópez-x");
        assert_eq!(cut("né", 2), "n");
    }
}
