//! The `second-story` command: parses arguments and hands off to the library.

use clap::{Parser, Subcommand};
use second_story::cli::{self, Format, LintFormat, LintOptions};
use std::io::Write;
use std::path::PathBuf;
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
    turn: second_story::workshop::Turn,
    /// Workshop group vote: the room votes on each question and the
    /// majority is played.
    #[arg(long)]
    vote: bool,
    /// Workshop mode without the pauses to discuss.
    #[arg(long)]
    no_discuss: bool,
    /// Open a session record in the replay viewer.
    #[arg(long, value_name = "RECORD")]
    replay: Option<PathBuf>,
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
        turn: second_story::workshop::Turn,
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
    Serve(cli::ServeArgs),
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

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = Args::parse();
    // Whatever a command prints, control and escape characters in it are
    // shown, not obeyed: names and texts come from files others wrote.
    let mut out = second_story::escape::Terminal::new(std::io::stdout().lock());
    let mut err = second_story::escape::Terminal::new(std::io::stderr());
    let result = match args.command {
        None => {
            let names = cli::check_names(&args.facilitators, "--facilitator")
                .and_then(|()| cli::check_names(args.name.as_slice(), "--name"));
            if let Err(e) = names {
                let _ = writeln!(err, "error: {e}");
                return ExitCode::from(cli::exit::ERROR);
            }
            return open_game(args, started);
        }
        Some(Command::Validate { paths, quick }) => cli::validate(&paths, !quick, &mut out),
        Some(Command::New { id }) => {
            cli::new_scenario(&id, std::path::Path::new("scenarios"), &mut out)
        }
        Some(Command::List) => cli::list(&mut out),
        Some(Command::Explore {
            scenario,
            depth,
            samples,
            seed,
            format,
        }) => {
            let settings = second_story::explore::Settings {
                depth,
                samples,
                seed,
                ..Default::default()
            };
            cli::explore(&scenario, settings, format, &mut out)
        }
        Some(Command::Lint {
            paths,
            format,
            config,
            fail_on,
        }) => {
            let options = LintOptions {
                format,
                config,
                fail_on: (!fail_on.is_empty()).then(|| fail_on.concat()),
            };
            cli::lint(&paths, &options, &mut out, &mut err)
        }
        Some(Command::Run {
            scenario,
            moves,
            seed,
            format,
            record,
            players,
            turn,
        }) => cli::run(
            &scenario,
            &moves,
            seed,
            format,
            record.map(|path| cli::Recording {
                path,
                players,
                turn,
            }),
            &mut out,
            &mut err,
        ),
        Some(Command::Report {
            dir,
            data,
            class,
            out: html,
            csv,
            xapi,
            scenarios,
        }) => cli::class_report(
            &cli::ReportFrom::new(dir, data),
            class.as_deref(),
            &cli::ReportFiles { html, csv, xapi },
            scenarios.as_deref(),
            &mut out,
        ),
        Some(Command::Serve(args)) => cli::serve(args, &mut out),
        Some(Command::Cards { scenario, out: dir }) => cli::cards(&scenario, &dir, &mut out),
        Some(Command::Replay {
            record,
            scenario,
            format,
        }) => cli::replay(&record, scenario.as_deref(), format, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`| head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(cli::exit::ERROR)
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
        workshop: (args.workshop || args.vote || args.facilitators.len() > 1).then_some(
            second_story::workshop::Plan {
                facilitators: args.facilitators,
                turn: args.turn,
                vote: args.vote,
                discuss: !args.no_discuss,
            },
        ),
        replay: args.replay,
        started: Some(started),
    })
}

#[cfg(not(feature = "game"))]
fn open_game(_: Args, _: std::time::Instant) -> ExitCode {
    eprintln!(
        "this build has no game (built without the `game` feature); see `second-story --help`"
    );
    ExitCode::from(cli::exit::ERROR)
}
