//! How a command ends: an exit code for scripts, and a message for people
//! when it stopped early. `main.rs` is the one place that turns these into
//! the process's exit code and prints the message.

use std::fmt;
use std::io;

/// The exit codes, as scripts and CI see them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done, nothing found.
    Ok = 0,
    /// Done, and found what the command looks for: problems in a scenario,
    /// findings in a document (in a fail-on category), a record whose
    /// replay no longer matches.
    Found = 1,
    /// Bad input: an unreadable file, a bad move script, a bad value.
    Error = 2,
}

impl Exit {
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// Where a command's message is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// With the command's report. `validate`, `list`, `new`, `replay`,
    /// `report`, `cards`, `explore` and the loading part of `run` have
    /// always said there why they stopped, and scripts read it there.
    Out,
    /// Kept apart from the report: `lint` (whose standard output is
    /// findings a tool parses), `run --record`, and checks on flags.
    Err,
}

/// A command that stopped early: the exit code it means, and what to tell
/// the user. Commands return it with `?`; nothing below `main.rs` exits.
#[derive(Debug)]
pub enum CliError {
    /// The command refused or failed; the message is worded and escaped
    /// for a terminal already, and printed as it is.
    Stop {
        exit: Exit,
        message: String,
        to: Stream,
    },
    /// Writing the command's own output failed.
    Io(io::Error),
}

impl CliError {
    /// Bad input (exit 2), said on standard output.
    pub fn error(message: impl Into<String>) -> Self {
        CliError::Stop {
            exit: Exit::Error,
            message: message.into(),
            to: Stream::Out,
        }
    }

    /// Found what the command looks for (exit 1), said on standard output.
    pub fn found(message: impl Into<String>) -> Self {
        CliError::Stop {
            exit: Exit::Found,
            message: message.into(),
            to: Stream::Out,
        }
    }

    /// The same error, said on standard error instead.
    pub fn on_stderr(self) -> Self {
        match self {
            CliError::Stop { exit, message, .. } => CliError::Stop {
                exit,
                message,
                to: Stream::Err,
            },
            io => io,
        }
    }

    /// The exit code this error means. A closed pipe (`| head`) is how a
    /// reader says it has seen enough: not a failure.
    pub fn exit(&self) -> Exit {
        match self {
            CliError::Stop { exit, .. } => *exit,
            CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => Exit::Ok,
            CliError::Io(_) => Exit::Error,
        }
    }

    /// What to print and where; `None` when nothing is worth saying.
    pub fn message(&self) -> Option<(Stream, String)> {
        match self {
            CliError::Stop { message, to, .. } => Some((*to, message.clone())),
            CliError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
            CliError::Io(e) => Some((Stream::Err, format!("error: {e}"))),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        CliError::Io(e)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Stop { message, .. } => f.write_str(message),
            CliError::Io(e) => write!(f, "error: {e}"),
        }
    }
}

impl std::error::Error for CliError {}

/// What every command returns: how it ended when it ran to the end (it
/// may still be [`Exit::Found`], or [`Exit::Error`] for `lint` when some
/// files could not be read), or why it stopped.
pub type CliResult = Result<Exit, CliError>;
