//! `second-story serve`: starts the class server (src/serve/) and prints
//! where students and the instructor go; logs go to standard error.

use super::{CliError, CliResult, Exit};
use crate::serve::{self, Options};
use std::io::{self, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// `serve`'s options; the defaults are `main.rs`'s flags'.
#[derive(Debug, Clone)]
pub struct ServeArgs {
    /// The class's name, kept with each meeting (default: the database
    /// file's name without its extension).
    pub class: Option<String>,
    /// The port to listen on (0: any free port).
    pub port: u16,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The class database (SQLite; created if need be).
    pub data: PathBuf,
    /// The web build of the game.
    pub web: PathBuf,
    /// A folder of scenario files to serve, before the shipped ones.
    pub scenarios: Option<PathBuf>,
    /// A learning record store's xAPI endpoint to forward meetings to.
    pub lrs: Option<String>,
    /// A file whose first line is the LRS's USER:PASSWORD.
    pub lrs_credentials: Option<PathBuf>,
}

/// Serves until interrupted. Exit 2 when the server cannot start.
pub fn serve(args: ServeArgs, out: &mut dyn Write) -> CliResult {
    let options = options(&args).map_err(|e| CliError::error(format!("error: {e}")))?;
    run(options, out)
}

fn options(args: &ServeArgs) -> Result<Options, String> {
    let class = args.class.clone().unwrap_or_else(|| {
        args.data
            .file_stem()
            .map_or_else(|| "class".into(), |s| s.to_string_lossy().into_owned())
    });
    let lrs = match &args.lrs {
        Some(url) => {
            let credentials = serve::credentials(args.lrs_credentials.as_deref())?;
            #[cfg(unix)]
            if let Some(file) = &args.lrs_credentials {
                use std::os::unix::fs::PermissionsExt;
                if std::fs::metadata(file).is_ok_and(|m| m.permissions().mode() & 0o077 != 0) {
                    eprintln!(
                        "warning: {} can be read by others; `chmod 600` it",
                        crate::source::name(file)
                    );
                }
            }
            Some(serve::Lrs::new(url, credentials)?)
        }
        None => None,
    };
    let mut scenarios: Vec<PathBuf> = args.scenarios.iter().cloned().collect();
    scenarios.push(crate::scenario::scenario_dir());
    Ok(Options {
        class,
        bind: args.bind,
        port: args.port,
        data: args.data.clone(),
        web: args.web.clone(),
        scenarios,
        lrs,
    })
}

fn run(options: Options, out: &mut dyn Write) -> CliResult {
    let log: serve::Log = Arc::new(|line: &str| {
        let now = crate::record::timestamp(std::time::SystemTime::now());
        let mut err = crate::escape::Terminal::new(io::stderr());
        let _ = writeln!(err, "{} {line}", &now[11..19]);
    });
    let (class, data, web, bind) = (
        options.class.clone(),
        options.data.clone(),
        options.web.clone(),
        options.bind,
    );
    let lrs = options.lrs.as_ref().map(|l| l.statements.clone());
    let running = serve::start(options, log).map_err(|e| CliError::error(format!("error: {e}")))?;
    let (library, meetings) = running.served();
    writeln!(
        out,
        "Serving the class \"{class}\" ({} stored meeting(s), in {})",
        meetings,
        crate::source::name(&data)
    )?;
    writeln!(out, "  students:   {}", running.url())?;
    writeln!(out, "  instructor: {}", running.class_url())?;
    writeln!(
        out,
        "  workshop:   {} (phones join a room with its code)",
        running.join_url()
    )?;
    let built = web.join("index.html").is_file();
    writeln!(
        out,
        "  web game:   {}{}",
        crate::source::name(&web),
        if built {
            ""
        } else {
            " (not built yet: run scripts/build-web.sh)"
        }
    )?;
    let ids: Vec<String> = library
        .served
        .iter()
        .map(|s| s.scenario.id.to_string())
        .collect();
    writeln!(out, "  scenarios:  {} ({})", ids.len(), ids.join(", "))?;
    for (file, why) in &library.refused {
        writeln!(
            out,
            "  not served: {}: {}",
            crate::source::name(file),
            crate::escape::terminal(why)
        )?;
    }
    if let Some(url) = lrs {
        writeln!(out, "  LRS:        {url}")?;
    }
    if !bind.is_loopback() {
        writeln!(
            out,
            "  Anyone who can reach this machine on port {} can play and upload records; the instructor's page needs its key.",
            running.addr().port()
        )?;
    }
    writeln!(
        out,
        "Ctrl-C stops the server; every record acknowledged is already on disk."
    )?;
    out.flush()?;
    running.until_signal()?;
    writeln!(out, "stopped")?;
    Ok(Exit::Ok)
}
