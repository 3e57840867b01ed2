//! `second-story serve`: starts the class server (src/serve/) and prints
//! where students and the instructor go; logs go to standard error.

use super::exit;
use crate::serve::{self, Options};
use std::io::{self, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// `serve`'s options.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// The class's name, kept with each meeting; the live page shows this
    /// class (default: the database file's name without its extension).
    #[arg(long, value_name = "NAME")]
    pub class: Option<String>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on. Only this machine can connect unless it
    /// is another (0.0.0.0: every network of this machine).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// The class database (SQLite; created if need be).
    #[arg(long, default_value = "class.sqlite", value_name = "FILE")]
    pub data: PathBuf,
    /// The web build of the game (scripts/build-web.sh writes web/dist).
    #[arg(long, default_value = "web/dist", value_name = "DIR")]
    pub web: PathBuf,
    /// A folder of scenario files to serve, before the shipped ones.
    #[arg(long, value_name = "DIR")]
    pub scenarios: Option<PathBuf>,
    /// Also send each accepted meeting as xAPI statements to this learning
    /// record store (its xAPI endpoint, e.g. https://lrs.example/xAPI/).
    #[arg(long, value_name = "URL")]
    pub lrs: Option<String>,
    /// The LRS's credentials: a file whose first line is USER:PASSWORD
    /// (default: SECOND_STORY_LRS_USER and SECOND_STORY_LRS_PASSWORD).
    #[arg(long, value_name = "FILE", requires = "lrs")]
    pub lrs_credentials: Option<PathBuf>,
}

/// Serves until interrupted. Exit 2 when the server cannot start.
pub fn serve(args: ServeArgs, out: &mut dyn Write) -> io::Result<u8> {
    match options(&args) {
        Ok(options) => run(options, out),
        Err(e) => {
            writeln!(out, "error: {e}")?;
            Ok(exit::ERROR)
        }
    }
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

fn run(options: Options, out: &mut dyn Write) -> io::Result<u8> {
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
    let running = match serve::start(options, log) {
        Ok(r) => r,
        Err(e) => {
            writeln!(out, "error: {e}")?;
            return Ok(exit::ERROR);
        }
    };
    let (library, meetings) = running.served();
    writeln!(
        out,
        "Serving the class \"{class}\" ({} stored meeting(s), in {})",
        meetings,
        crate::source::name(&data)
    )?;
    writeln!(out, "  students:   {}", running.url())?;
    writeln!(out, "  instructor: {}", running.class_url())?;
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
    Ok(exit::OK)
}
