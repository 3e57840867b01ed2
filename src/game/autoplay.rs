//! `--autoplay FILE --screenshot DIR`: plays a move script through the real
//! UI, one move every few frames, saves PNGs of the title, the picker, the
//! brief, the meeting before and after the big screen is zoomed, each
//! artifact as it is first shown, a workshop's vote and pause, and the
//! report, each with the text boxes its frame drew (`NAME.json`, see
//! `textboxes`), and writes frame times measured with Bevy's frame-time
//! diagnostics to `DIR/perf.json`.
//! Also opens a scenario directly (`--scenario ID [--meeting]`) and logs
//! the time from start to the first interactive frame. In a browser the
//! page takes the pictures (see `shoot`).

use super::Options;
use super::library::Scenarios;
use super::meeting::{MeetingInput, PlayMove, Session};
use super::menus::Pick;
use super::screens::{MeetingMode, Navigate, Screen};
use super::workshop::{Group, GroupAction};
use crate::engine::Move;
use crate::scenario::ScenarioId;
use crate::script::{self, Script};
use bevy::diagnostic::{DiagnosticsStore, FrameTimeDiagnosticsPlugin};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
#[cfg(not(target_arch = "wasm32"))]
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use std::path::PathBuf;

/// Frames to let the UI settle before a screenshot.
const SETTLE: u32 = 20;
/// Frames a move is given before the next.
const PER_MOVE: u32 = 3;
/// Frames measured on the meeting screen for the frame-time figure.
pub const MEASURED_FRAMES: usize = 150;

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Stage {
    WaitForScenarios,
    Title,
    Picker,
    Brief,
    Playing,
    Hold,
    Report,
    Done,
}

#[derive(Resource)]
struct Autoplay {
    script: Script,
    next: usize,
    stage: Stage,
    wait: u32,
    dir: Option<PathBuf>,
    zoom_shot_taken: bool,
    /// The meeting before the zoom has its picture.
    unzoomed_shot_taken: bool,
    /// A picture to take once the move just played has settled.
    after_move: Option<String>,
    meeting_frames: Vec<f64>,
    /// Workshop pictures: the first pause, and the vote panel with votes.
    pause_shot: PauseShot,
    vote_shot: VoteShot,
}

/// The pause is shown once it has faded in.
#[derive(Default, PartialEq)]
enum PauseShot {
    #[default]
    NotYet,
    Showing,
    Taken,
}

#[derive(Default, PartialEq)]
enum VoteShot {
    #[default]
    NotYet,
    VotesCast,
    Taken,
}

/// The text boxes of the last frame drawn, kept while autoplay takes
/// pictures, and saved beside each one.
#[derive(Resource, Default)]
struct LastText(Vec<super::textboxes::TextBox>);

/// Time from process start to the first interactive frame, once known.
#[derive(Resource, Default)]
pub struct FirstFrame(pub Option<f64>);

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<FirstFrame>()
        .init_resource::<LastText>()
        .add_systems(Startup, setup)
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            keep_text
                .in_set(super::UiSystems::Last)
                .run_if(|auto: Option<Res<Autoplay>>| auto.is_some_and(|a| a.dir.is_some())),
        )
        .add_systems(
            Update,
            (
                first_frame,
                launch,
                drive.run_if(resource_exists::<Autoplay>),
                park_pointer.run_if(resource_exists::<Autoplay>),
            ),
        );
}

fn setup(mut commands: Commands, options: Res<Options>, mut exit: MessageWriter<AppExit>) {
    let loaded = match (&options.autoplay, &options.autoplay_text) {
        (Some(path), _) => script::load_script(path),
        (None, Some(text)) => script::parse_script(text, "the page's autoplay script"),
        (None, None) => return,
    };
    match loaded {
        Ok(script) => {
            commands.insert_resource(Autoplay {
                script,
                next: 0,
                stage: Stage::WaitForScenarios,
                wait: 0,
                dir: options.screenshots.clone(),
                zoom_shot_taken: false,
                unzoomed_shot_taken: false,
                after_move: None,
                meeting_frames: Vec::new(),
                pause_shot: PauseShot::NotYet,
                vote_shot: VoteShot::NotYet,
            });
        }
        Err(e) => {
            error!("{e}");
            exit.write(AppExit::error());
        }
    }
}

/// Moves the pointer to the window's bottom right corner, where no screen
/// has anything to hover, so no tooltip or hover lies over the pictures.
fn park_pointer(mut windows: Query<&mut Window>, mut done: Local<bool>) {
    if *done || cfg!(target_arch = "wasm32") {
        return;
    }
    for mut window in &mut windows {
        let corner = Vec2::new(window.width() - 2.0, window.height() - 2.0);
        window.set_cursor_position(Some(corner));
        *done = true;
    }
}

/// Reads the frame's text boxes once every screen and overlay has drawn.
fn keep_text(mut contexts: bevy_egui::EguiContexts, mut last: ResMut<LastText>) {
    if let Ok(ctx) = contexts.ctx_mut() {
        last.0 = super::textboxes::collect(ctx);
    }
}

fn first_frame(
    mut first: ResMut<FirstFrame>,
    options: Res<Options>,
    frames: Res<bevy::diagnostic::FrameCount>,
) {
    // Frame 2: the first frame after the title has been laid out and drawn.
    if first.0.is_none() && frames.0 >= 2 {
        #[cfg(not(target_arch = "wasm32"))]
        let seconds = options.started.map_or(0.0, |s| s.elapsed().as_secs_f64());
        // In a browser: since the page started loading.
        #[cfg(target_arch = "wasm32")]
        let seconds = {
            let _ = &options;
            let s = super::web::page_seconds();
            super::web::mark("firstFrame", &format!("{s:.3}"));
            s
        };
        first.0 = Some(seconds);
        info!("first interactive frame after {seconds:.2} s");
    }
}

/// The scenario named on the command line (or by the autoplay script's
/// file name, `ID.expert.ron`).
fn wanted_scenario(options: &Options) -> Option<ScenarioId> {
    options.scenario.clone().map(ScenarioId).or_else(|| {
        let name = options
            .autoplay
            .as_ref()?
            .file_name()?
            .to_string_lossy()
            .into_owned();
        Some(ScenarioId(name.split('.').next()?.to_owned()))
    })
}

/// `--scenario ID [--meeting]` without autoplay: open it once loaded.
fn launch(
    options: Res<Options>,
    scenarios: Res<Scenarios>,
    session: Option<Res<Session>>,
    mut done: Local<bool>,
    mut nav: MessageWriter<Navigate>,
    mut pick: MessageWriter<Pick>,
) {
    if *done || options.autoplay.is_some() || options.autoplay_text.is_some() {
        return;
    }
    let Some(id) = options.scenario.clone().map(ScenarioId) else {
        *done = true;
        return;
    };
    if session.is_some() {
        if options.meeting {
            nav.write(Navigate::Open(Screen::Meeting));
        }
        *done = true;
    } else if scenarios.find(&id).is_some() {
        pick.write(Pick(id));
    } else if !scenarios.0.is_empty() {
        error!("no playable scenario \"{id}\"");
        *done = true;
    }
}

/// Everything autoplay sends, as the player's hands would.
#[derive(SystemParam)]
struct Writers<'w> {
    nav: MessageWriter<'w, Navigate>,
    pick: MessageWriter<'w, Pick>,
    play: MessageWriter<'w, PlayMove>,
    input: MessageWriter<'w, MeetingInput>,
    /// Registered only when a workshop runs.
    group_actions: Option<MessageWriter<'w, GroupAction>>,
}

/// What autoplay watches besides the meeting: the group, notices, the mode.
#[derive(SystemParam)]
struct Room<'w> {
    group: Option<Res<'w, Group>>,
    notice: Res<'w, super::screens::Notice>,
    mode: Option<Res<'w, State<MeetingMode>>>,
}

#[allow(clippy::too_many_arguments)]
fn drive(
    mut auto: ResMut<Autoplay>,
    options: Res<Options>,
    scenarios: Res<Scenarios>,
    screen: Res<State<Screen>>,
    session: Option<Res<Session>>,
    diagnostics: Res<DiagnosticsStore>,
    first: Res<FirstFrame>,
    writers: Writers,
    mut commands: Commands,
    mut exit: MessageWriter<AppExit>,
    room: Room,
    text: Res<LastText>,
) {
    let Writers {
        mut nav,
        mut pick,
        mut play,
        mut input,
        mut group_actions,
    } = writers;
    let Room {
        group,
        notice,
        mode,
    } = room;
    if auto.wait > 0 {
        auto.wait -= 1;
        return;
    }
    // In a browser the page takes the picture: wait until it has.
    #[cfg(target_arch = "wasm32")]
    if super::web::marked("shot") {
        return;
    }
    match auto.stage {
        Stage::WaitForScenarios => {
            let Some(id) = wanted_scenario(&options) else {
                error!("autoplay: no scenario given");
                exit.write(AppExit::error());
                return;
            };
            if scenarios.find(&id).is_some() {
                // The title first, then the picker, as a player finds them.
                nav.write(Navigate::Open(Screen::Title));
                auto.stage = Stage::Title;
                auto.wait = SETTLE;
            } else if scenarios.settled() {
                error!("autoplay: scenario \"{id}\" is not playable");
                exit.write(AppExit::error());
            }
        }
        Stage::Title => {
            if *screen.get() != Screen::Title {
                return;
            }
            shoot(&mut commands, &auto.dir, "title.png", &text);
            nav.write(Navigate::Open(Screen::Picker));
            auto.stage = Stage::Picker;
            auto.wait = SETTLE;
        }
        Stage::Picker => {
            if *screen.get() != Screen::Picker {
                return;
            }
            shoot(&mut commands, &auto.dir, "picker.png", &text);
            if let Some(id) = wanted_scenario(&options) {
                pick.write(Pick(id));
            }
            auto.stage = Stage::Brief;
            auto.wait = SETTLE;
        }
        Stage::Brief => {
            if let Some(why) = &notice.0 {
                error!("autoplay: the meeting did not start: {why}");
                exit.write(AppExit::error());
                return;
            }
            if *screen.get() != Screen::Brief {
                return;
            }
            shoot(&mut commands, &auto.dir, "brief.png", &text);
            nav.write(Navigate::Open(Screen::Meeting));
            auto.stage = Stage::Playing;
            auto.wait = SETTLE;
        }
        Stage::Playing => {
            let Some(session) = session else { return };
            if let Some(name) = auto.after_move.take() {
                shoot(&mut commands, &auto.dir, &name, &text);
                auto.wait = SETTLE;
                return;
            }
            let over = session.meeting.is_over();
            if over || auto.next >= auto.script.moves.len() {
                if !over {
                    play.write(PlayMove(Move::End));
                }
                auto.stage = Stage::Report;
                auto.wait = SETTLE;
                return;
            }
            if let Some(g) = &group {
                let pausing = mode.as_ref().is_some_and(|m| {
                    matches!(m.get(), MeetingMode::Discussing | MeetingMode::HandingOver)
                });
                if pausing || !g.0.pending.is_empty() {
                    match auto.pause_shot {
                        PauseShot::NotYet => {
                            auto.pause_shot = PauseShot::Showing;
                            auto.wait = SETTLE;
                            return;
                        }
                        PauseShot::Showing => {
                            shoot(&mut commands, &auto.dir, "pause.png", &text);
                            auto.pause_shot = PauseShot::Taken;
                            auto.wait = SETTLE;
                            return;
                        }
                        PauseShot::Taken => {}
                    }
                    if let Some(actions) = group_actions.as_mut() {
                        actions.write(GroupAction::Continue);
                    }
                    auto.wait = PER_MOVE;
                    return;
                }
                // The opening's questions are all to the room, the list shown.
                let asking = matches!(auto.script.moves[auto.next], Move::Ask(_))
                    && session.meeting.phase() == crate::scenario::Phase::Opening;
                if g.0.plan.vote && asking {
                    match auto.vote_shot {
                        VoteShot::NotYet => {
                            for i in [0, 1, 0] {
                                input.write(MeetingInput::Choose(i));
                            }
                            auto.vote_shot = VoteShot::VotesCast;
                            auto.wait = SETTLE;
                            return;
                        }
                        VoteShot::VotesCast => {
                            shoot(&mut commands, &auto.dir, "vote.png", &text);
                            auto.vote_shot = VoteShot::Taken;
                            auto.wait = SETTLE;
                            return;
                        }
                        VoteShot::Taken => {}
                    }
                }
            }
            let mv = auto.script.moves[auto.next].clone();
            let zoom = mv == Move::Zoom;
            // The big screen as the room first sees it, before the zoom.
            if zoom && !auto.unzoomed_shot_taken {
                shoot(&mut commands, &auto.dir, "meeting.png", &text);
                auto.unzoomed_shot_taken = true;
                auto.wait = SETTLE;
                return;
            }
            auto.next += 1;
            if let Move::Show(id) = &mv {
                auto.after_move = Some(format!("shown-{id}.png"));
            }
            play.write(PlayMove(mv));
            auto.wait = if auto.after_move.is_some() {
                SETTLE
            } else {
                PER_MOVE
            };
            if zoom && !auto.zoom_shot_taken {
                auto.stage = Stage::Hold;
                auto.wait = SETTLE;
            }
        }
        Stage::Hold => {
            // The meeting screen with the dashboard zoomed: a picture, then
            // frames measured while nothing else happens.
            if !auto.zoom_shot_taken {
                shoot(&mut commands, &auto.dir, "meeting-zoomed.png", &text);
                auto.zoom_shot_taken = true;
                auto.wait = SETTLE;
                return;
            }
            if let Some(d) = diagnostics.get(&FrameTimeDiagnosticsPlugin::FRAME_TIME)
                && let Some(v) = d.value()
            {
                auto.meeting_frames.push(v);
            }
            if auto.meeting_frames.len() >= MEASURED_FRAMES {
                auto.stage = Stage::Playing;
            }
        }
        Stage::Report => {
            if *screen.get() != Screen::Report {
                return;
            }
            shoot(&mut commands, &auto.dir, "report.png", &text);
            if auto.dir.is_some() {
                let perf = Perf::from_frames(&auto.meeting_frames, first.0);
                info!(
                    "meeting screen: median frame {:.1} ms over {} frames",
                    perf.median_ms, perf.frames
                );
                let json = serde_json::to_string_pretty(&perf).unwrap_or_default();
                #[cfg(target_arch = "wasm32")]
                super::web::mark("perf", &json);
                #[cfg(not(target_arch = "wasm32"))]
                if let Some(dir) = &auto.dir
                    && let Err(e) = crate::save::replace(&dir.join("perf.json"), json.as_bytes())
                {
                    error!("cannot write perf.json: {e}");
                }
            }
            auto.stage = Stage::Done;
            auto.wait = SETTLE;
        }
        Stage::Done => {
            // A page stays open (its record may still be on its way).
            #[cfg(target_arch = "wasm32")]
            super::web::mark("autoplayDone", "1");
            #[cfg(not(target_arch = "wasm32"))]
            exit.write(AppExit::Success);
        }
    }
}

/// A picture of the window, into `dir`. In a browser the page is told
/// instead (`data-shot` on its body names the picture) and autoplay waits
/// until the page clears it.
#[cfg(target_arch = "wasm32")]
fn shoot(_: &mut Commands, dir: &Option<PathBuf>, name: &str, _: &LastText) {
    if dir.is_some() {
        super::web::mark("shot", name);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn shoot(commands: &mut Commands, dir: &Option<PathBuf>, name: &str, text: &LastText) {
    let Some(dir) = dir else { return };
    if let Err(e) = std::fs::create_dir_all(dir) {
        error!("cannot create {}: {e}", dir.display());
        return;
    }
    let boxes = serde_json::to_string_pretty(&text.0).unwrap_or_default();
    let path = dir.join(name).with_extension("json");
    if let Err(e) = crate::save::replace(&path, boxes.as_bytes()) {
        error!("cannot write {}: {e}", path.display());
    }
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(dir.join(name)));
}

/// Frame-time figures written by autoplay and by `examples/floor.rs`.
#[derive(serde::Serialize, Debug)]
pub struct Perf {
    pub frames: usize,
    pub median_ms: f64,
    pub p90_ms: f64,
    pub first_frame_s: Option<f64>,
}

impl Perf {
    pub fn from_frames(ms: &[f64], first_frame_s: Option<f64>) -> Perf {
        let mut v: Vec<f64> = ms.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_by(f64::total_cmp);
        let at = |q: f64| {
            v.get(((v.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        Perf {
            frames: v.len(),
            median_ms: at(0.5),
            p90_ms: at(0.9),
            first_frame_s,
        }
    }
}
