//! The `second-story` command on a desktop (a module of the binary,
//! src/main.rs, not of the library): parses arguments, hands off to the
//! library (`second_story::cli` for the commands, `second_story::game` for
//! the window), and turns how a command ended into the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use second_story::cli::{self, CliError, CliResult, LintOptions, Stream};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Second Story: practise facilitating blameless postmortems.
///
/// With no command, opens the game.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Open this scenario's brief at start (an id from `list`).
    #[arg(long)]
    scenario: Option<String>,
    /// With --scenario: go straight into the meeting.
    #[arg(long, requires = "scenario")]
    meeting: bool,
    /// Seed for the game's meetings.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Play a move script through the real window (for tests and demos).
    #[arg(long, value_name = "FILE")]
    autoplay: Option<PathBuf>,
    /// With --autoplay: save screenshots and frame times in this folder.
    #[arg(long, value_name = "DIR", requires = "autoplay")]
    screenshot: Option<PathBuf>,
    /// Class mode: save every finished meeting as a record in this folder
    /// (sum them up with `second-story report DIR`).
    #[arg(long, value_name = "DIR")]
    class: Option<PathBuf>,
    /// Your name, for the records (kept for next time).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Workshop mode: projector layout (large type, high contrast) and
    /// pauses to discuss the principle at stake.
    #[arg(long)]
    workshop: bool,
    /// Workshop hot seat: a facilitator's name (repeat; they take turns).
    #[arg(long = "facilitator", value_name = "NAME")]
    facilitators: Vec<String>,
    /// When the hot seat passes on: `entry` (each timeline entry and
    /// phase) or a number of moves.
    #[arg(long, default_value = "entry", value_name = "entry|N")]
    turn: second_story::workshop::SeatTurn,
    /// Workshop group vote: the room votes on each question and the
    /// majority is played.
    #[arg(long)]
    vote: bool,
    /// Workshop mode without the pauses to discuss.
    #[arg(long)]
    no_discuss: bool,
    /// Workshop with phones: host a room on this class server
    /// (`second-story serve`, e.g. http://127.0.0.1:8080); everyone joins
    /// from a phone with the code on the projector, votes and writes.
    #[arg(long, value_name = "URL")]
    room: Option<String>,
    /// Open a session record in the replay viewer.
    #[arg(long, value_name = "RECORD")]
    replay: Option<PathBuf>,
    /// The window's size, e.g. 1920x1080 (default 1280x720).
    #[arg(long, value_name = "WxH", value_parser = window_size)]
    size: Option<(u32, u32)>,
}

/// `WIDTH x HEIGHT` in pixels, each between 320 and 8192.
fn window_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("\"{text}\" is not WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let side = |s: &str| -> Result<u32, String> {
        let n: u32 = s
            .trim()
            .parse()
            .map_err(|_| format!("\"{s}\" is not a whole number of pixels"))?;
        if (320..=8192).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{n} pixels is outside 320 to 8192"))
        }
    };
    Ok((side(w)?, side(h)?))
}

#[derive(Subcommand)]
enum Command {
    /// Check scenario files and list every problem (default: scenarios/).
    Validate {
        /// Files or folders of .ron scenarios.
        paths: Vec<PathBuf>,
        /// Skip the search for the best score and unreachable facts.
        #[arg(long)]
        quick: bool,
    },
    /// Write a valid starting scenario to fill in, scenarios/ID.ron.
    New {
        /// The new scenario's id: lower-case letters, digits and '-'.
        id: String,
    },
    /// List the scenarios with their size.
    List,
    /// Search a scenario's move space: best score and a script that
    /// reaches it, unreachable facts and choices, dead ends, random play.
    Explore {
        scenario: String,
        /// Moves searched exhaustively from the start.
        #[arg(long, default_value_t = second_story::explore::Settings::default().depth)]
        depth: usize,
        /// Random playouts.
        #[arg(long, default_value_t = second_story::explore::Settings::default().samples)]
        samples: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Find blame, counterfactuals, root cause and other phrasing that shuts
    /// a room down, in Markdown or text (files, folders, or - for stdin).
    /// Exit 0 when clean, 1 with findings, 2 on an error.
    Lint {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        /// Rule adjustments (default: ./.second-story.ron when present).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only findings in these categories make the exit code 1
        /// (comma-separated or repeated; `all` or `none`). Default: all.
        #[arg(long, value_name = "CATEGORY", value_delimiter = ',', value_parser = cli::parse_fail_on)]
        fail_on: Vec<Vec<second_story::language::Category>>,
    },
    /// Play a move script headless and print the transcript and the report.
    Run {
        /// A scenario id (from `list`) or a path to a .ron file.
        scenario: String,
        /// A RON list of moves (see docs/move-scripts.md).
        #[arg(long)]
        moves: PathBuf,
        /// Seed for the participants' variation; the same seed replays exactly.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Save a session record of the meeting (JSON, docs/records.md).
        #[arg(long, value_name = "FILE")]
        record: Option<PathBuf>,
        /// The facilitator's name for the record (repeat for several).
        #[arg(long = "player", value_name = "NAME")]
        players: Vec<String>,
        /// With several players: when the hot seat passes on, `entry` (each
        /// timeline entry and phase) or a number of moves.
        #[arg(long, default_value = "entry", value_name = "entry|N")]
        turn: second_story::workshop::SeatTurn,
    },
    /// Sum up a folder of session records for an instructor: scores per
    /// student and dimension, the class's spread, facts most often missed,
    /// traps most often taken, moves before safety drops. Unusable files
    /// are listed as skipped.
    Report {
        /// A folder of records (.json, sub-folders included), or a class
        /// database made by `serve`.
        #[arg(required_unless_present = "data")]
        dir: Option<PathBuf>,
        /// The class database `serve --data FILE` keeps (the same as giving
        /// it in place of a folder, but refused when FILE is not one).
        #[arg(long, value_name = "FILE", conflicts_with = "dir")]
        data: Option<PathBuf>,
        /// With a database: only this class's meetings (default: all).
        #[arg(long, value_name = "NAME")]
        class: Option<String>,
        /// The HTML report (default: class-report.html when no other
        /// output is asked for).
        #[arg(long, value_name = "FILE.html")]
        out: Option<PathBuf>,
        /// A CSV table, one row per meeting.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// xAPI statements (JSON) for a learning record store.
        #[arg(long, value_name = "FILE")]
        xapi: Option<PathBuf>,
        /// A folder of scenario files to replay records on, before the
        /// shipped ones.
        #[arg(long, value_name = "DIR")]
        scenarios: Option<PathBuf>,
    },
    /// Write printable role cards (HTML) for live role-play: one per
    /// participant, and a facilitator sheet.
    Cards {
        scenario: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Serve a class: the web game and the scenarios, every finished
    /// meeting checked and kept in a database, and the instructor's live
    /// page (docs/serve.md).
    Serve(ServeArgs),
    /// Re-run a session record and check that its report still matches.
    Replay {
        record: PathBuf,
        /// The scenario file, when not the shipped one named in the record.
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

pub fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let mut args = Args::parse();
    // Whatever a command prints, control and escape characters in it are
    // shown, not obeyed: names and texts come from files others wrote.
    let mut err = second_story::escape::Terminal::new(std::io::stderr());
    let Some(command) = args.command.take() else {
        // Not under the stdout lock below: the game prints from other
        // threads (logs, panic messages), which would wait for it forever.
        return match check_game_names(&args) {
            Ok(()) => open_game(args, started),
            Err(e) => exit_code(Err(e), &mut std::io::stdout(), &mut err),
        };
    };
    let mut out = second_story::escape::Terminal::new(std::io::stdout().lock());
    let result = command.run(&mut out, &mut err);
    exit_code(result, &mut out, &mut err)
}

/// The one place a command's result becomes the process's exit code, and
/// the reason it stopped is printed where the command said.
fn exit_code(result: CliResult, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let exit = match result {
        Ok(exit) => exit,
        Err(e) => {
            match e.message() {
                Some((Stream::Out, message)) => {
                    let _ = writeln!(out, "{message}");
                }
                Some((Stream::Err, message)) => {
                    let _ = out.flush();
                    let _ = writeln!(err, "{message}");
                }
                None => {}
            }
            e.exit()
        }
    };
    let _ = out.flush();
    ExitCode::from(exit.code())
}

/// The game's names are checked before a window opens.
fn check_game_names(args: &Args) -> Result<(), CliError> {
    cli::check_names(&args.facilitators, "--facilitator")?;
    cli::check_names(args.name.as_slice(), "--name")
}

impl Command {
    fn run(self, out: &mut dyn Write, err: &mut dyn Write) -> CliResult {
        match self {
            Command::Validate { paths, quick } => cli::validate(&paths, !quick, out),
            Command::New { id } => cli::new_scenario(&id, Path::new("scenarios"), out),
            Command::List => cli::list(out),
            Command::Explore {
                scenario,
                depth,
                samples,
                seed,
                format,
            } => {
                let settings = second_story::explore::Settings {
                    depth,
                    samples,
                    seed,
                    ..Default::default()
                };
                cli::explore(&scenario, settings, format.into(), out)
            }
            Command::Lint {
                paths,
                format,
                config,
                fail_on,
            } => {
                let options = LintOptions {
                    format: format.into(),
                    config,
                    fail_on: (!fail_on.is_empty()).then(|| fail_on.concat()),
                };
                cli::lint(&paths, &options, out, err)
            }
            Command::Run {
                scenario,
                moves,
                seed,
                format,
                record,
                players,
                turn,
            } => cli::run(
                &scenario,
                &moves,
                seed,
                format.into(),
                record.map(|path| cli::Recording {
                    path,
                    players,
                    turn,
                }),
                out,
                err,
            ),
            Command::Report {
                dir,
                data,
                class,
                out: html,
                csv,
                xapi,
                scenarios,
            } => cli::class_report(
                &cli::ReportFrom::new(dir, data),
                class.as_deref(),
                &cli::ReportFiles { html, csv, xapi },
                scenarios.as_deref(),
                out,
            ),
            Command::Serve(args) => cli::serve(args.into(), out),
            Command::Cards { scenario, out: dir } => cli::cards(&scenario, &dir, out),
            Command::Replay {
                record,
                scenario,
                format,
            } => cli::replay(&record, scenario.as_deref(), format.into(), out),
        }
    }
}

/// `--format` for `run`, `replay` and `explore`.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

impl From<Format> for cli::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Text => cli::Format::Text,
            Format::Json => cli::Format::Json,
        }
    }
}

/// `serve`'s options.
#[derive(clap::Args)]
struct ServeArgs {
    /// The class's name, kept with each meeting; the live page shows this
    /// class (default: the database file's name without its extension).
    #[arg(long, value_name = "NAME")]
    class: Option<String>,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on. Only this machine can connect unless it
    /// is another (0.0.0.0: every network of this machine).
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    /// The class database (SQLite; created if need be).
    #[arg(long, default_value = "class.sqlite", value_name = "FILE")]
    data: PathBuf,
    /// The web build of the game (scripts/build-web.sh writes web/dist).
    #[arg(long, default_value = "web/dist", value_name = "DIR")]
    web: PathBuf,
    /// A folder of scenario files to serve, before the shipped ones.
    #[arg(long, value_name = "DIR")]
    scenarios: Option<PathBuf>,
    /// Also send each accepted meeting as xAPI statements to this learning
    /// record store (its xAPI endpoint, e.g. https://lrs.example/xAPI/).
    #[arg(long, value_name = "URL")]
    lrs: Option<String>,
    /// The LRS's credentials: a file whose first line is USER:PASSWORD
    /// (default: SECOND_STORY_LRS_USER and SECOND_STORY_LRS_PASSWORD).
    #[arg(long, value_name = "FILE", requires = "lrs")]
    lrs_credentials: Option<PathBuf>,
}

impl From<ServeArgs> for cli::ServeArgs {
    fn from(a: ServeArgs) -> Self {
        cli::ServeArgs {
            class: a.class,
            port: a.port,
            bind: a.bind,
            data: a.data,
            web: a.web,
            scenarios: a.scenarios,
            lrs: a.lrs,
            lrs_credentials: a.lrs_credentials,
        }
    }
}

/// `lint --format`; the variants' comments are the help's.
#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    /// `file:line:column: category: message (suggestion)`, repeats of one
    /// rule in one file grouped on one line.
    Text,
    /// One JSON object per finding.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions annotations (`::warning file=...`).
    Github,
}

impl From<LintFormat> for cli::LintFormat {
    fn from(f: LintFormat) -> Self {
        match f {
            LintFormat::Text => cli::LintFormat::Text,
            LintFormat::Json => cli::LintFormat::Json,
            LintFormat::Sarif => cli::LintFormat::Sarif,
            LintFormat::Github => cli::LintFormat::Github,
        }
    }
}

#[cfg(feature = "game")]
fn open_game(args: Args, started: std::time::Instant) -> ExitCode {
    second_story::game::run(second_story::game::Options {
        autoplay: args.autoplay,
        screenshots: args.screenshot,
        scenario: args.scenario,
        meeting: args.meeting,
        seed: args.seed,
        class: args.class,
        name: args.name,
        room: args.room.clone(),
        workshop: (args.workshop
            || args.vote
            || args.room.is_some()
            || args.facilitators.len() > 1)
            .then_some(second_story::workshop::Plan {
                facilitators: args.facilitators,
                turn: args.turn,
                vote: args.vote,
                discuss: !args.no_discuss,
            }),
        replay: args.replay,
        size: args.size,
        started: Some(started),
        ..Default::default()
    })
}

#[cfg(not(feature = "game"))]
fn open_game(_: Args, _: std::time::Instant) -> ExitCode {
    eprintln!(
        "this build has no game (built without the `game` feature); see `second-story --help`"
    );
    ExitCode::from(cli::Exit::Error.code())
}
