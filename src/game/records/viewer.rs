//! The replay viewer (`Screen::Replay`): a record stepped through move by
//! move (→/←, Home/End, a click on a move, Esc to leave), showing the room,
//! the big screen, the transcript and the feedback as they were. Watching
//! never counts toward progress and never saves a record.

use crate::engine::Verdict;
use crate::game::input::keys_free;
use crate::game::kept::KeptSettings;
use crate::game::library::Scenarios;
use crate::game::meeting::view::{self, RoomArea, TranscriptView};
use crate::game::meeting::{Banner, Session};
use crate::game::screens::{Notice, Screen};
use crate::game::theme::{Projector, palette};
use crate::game::widgets::root;
use crate::game::{AppSystems, UiSystems};
use crate::record::{Record, RecordedMove};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Watch this record in the viewer.
#[derive(Message, Clone, Debug)]
pub struct WatchRecord(pub Box<Record>);

/// A record being watched, and how many of its moves are shown.
#[derive(Resource, Debug)]
pub struct Replaying {
    pub record: Record,
    pub step: usize,
}

/// Steps in the viewer.
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    By(i32),
    To(usize),
}

pub(super) fn plugin(app: &mut App) {
    app.add_message::<WatchRecord>()
        .add_message::<Step>()
        .add_systems(
            Update,
            (
                keys.in_set(AppSystems::Input)
                    .run_if(in_state(Screen::Replay).and_then(keys_free)),
                (watch, step).in_set(AppSystems::Act),
            ),
        )
        .add_systems(OnExit(Screen::Replay), |mut commands: Commands| {
            commands.remove_resource::<Replaying>();
            commands.remove_resource::<Session>();
        })
        .add_systems(
            EguiPrimaryContextPass,
            screen
                .run_if(in_state(Screen::Replay).and_then(resource_exists::<Session>))
                .in_set(UiSystems::Screens),
        );
}

fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut step: MessageWriter<Step>,
    mut next: ResMut<NextState<Screen>>,
) {
    for (key, s) in [
        (KeyCode::ArrowRight, Step::By(1)),
        (KeyCode::ArrowLeft, Step::By(-1)),
        (KeyCode::Home, Step::To(0)),
        (KeyCode::End, Step::To(usize::MAX)),
    ] {
        if keys.just_pressed(key) {
            step.write(s);
        }
    }
    if keys.just_pressed(KeyCode::Escape) {
        next.set(Screen::Title);
    }
}

fn watch(
    mut requests: MessageReader<WatchRecord>,
    scenarios: Res<Scenarios>,
    mut commands: Commands,
    mut notice: ResMut<Notice>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(WatchRecord(record)) = requests.read().last() else {
        return;
    };
    match replay_session(&scenarios, record, 0) {
        Ok(s) => {
            commands.insert_resource(s);
            commands.insert_resource(Replaying {
                record: (**record).clone(),
                step: 0,
            });
            notice.0 = None;
            next.set(Screen::Replay);
        }
        Err(e) => notice.0 = Some(format!("Cannot replay this record: {e}.")),
    }
}

fn step(
    mut steps: MessageReader<Step>,
    scenarios: Res<Scenarios>,
    replaying: Option<ResMut<Replaying>>,
    mut commands: Commands,
    mut notice: ResMut<Notice>,
) {
    let Some(mut r) = replaying else {
        steps.clear();
        return;
    };
    for s in steps.read() {
        let n = r.record.moves.len();
        let to = match *s {
            Step::By(d) => (r.step as i64 + i64::from(d)).clamp(0, n as i64) as usize,
            Step::To(k) => k.min(n),
        };
        if to == r.step {
            continue;
        }
        match replay_session(&scenarios, &r.record, to) {
            Ok(session) => {
                commands.insert_resource(session);
                r.step = to;
            }
            Err(e) => notice.0 = Some(e),
        }
    }
}

/// The session showing the first `step` moves of a record, or why the
/// record cannot be shown.
pub fn replay_session(
    scenarios: &Scenarios,
    record: &Record,
    step: usize,
) -> Result<Session, String> {
    let id = crate::scenario::ScenarioId(record.scenario.clone());
    let scenario = scenarios.find(&id).ok_or_else(|| {
        format!(
            "no playable scenario \"{}\" to replay this record on",
            record.scenario
        )
    })?;
    let now = crate::record::scenario_hash(&scenario);
    if now != record.scenario_hash {
        return Err(format!(
            "the scenario \"{}\" has changed since this record was made; its moves may no longer mean the same",
            record.scenario
        ));
    }
    let mut session = Session::new(scenario, record.seed)?;
    for (i, m) in record.moves.iter().take(step).enumerate() {
        if !session.play(&m.mv) {
            return Err(format!("move {} ({}) is refused now", i + 1, m.mv));
        }
    }
    Ok(session)
}

#[allow(clippy::too_many_arguments)]
fn screen(
    mut contexts: EguiContexts,
    session: Res<Session>,
    replaying: Res<Replaying>,
    (kept, projector): (Res<KeptSettings>, Res<Projector>),
    (mut area, mut view): (ResMut<RoomArea>, ResMut<TranscriptView>),
    time: Res<Time<Real>>,
    mut steps: MessageWriter<Step>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let banner = Banner::default();
    let frame = view::Frame {
        kept: &kept,
        projector: *projector,
        banner: &banner,
        now: time.elapsed_secs_f64(),
        interactive: false,
        focus_replies: false,
    };
    let m = &session.meeting;
    let r = &*replaying;
    view::frame(&mut ui, &session, &frame, &mut area, &mut view, |ui| {
        let n = r.record.moves.len();
        let who = if r.record.players.is_empty() {
            "unnamed".to_owned()
        } else {
            r.record.players.join(", ")
        };
        ui.heading(format!("Replay: {who}"));
        ui.label(
            egui::RichText::new(format!(
                "Recorded {} · seed {} · {} / 100",
                r.record.saved_at.as_deref().unwrap_or("at an unknown time"),
                r.record.seed,
                r.record.outcome.score.total
            ))
            .color(palette::NOTE),
        );
        ui.horizontal(|ui| {
            for (label, s, enabled) in [
                ("⏮ Start (Home)", Step::To(0), r.step > 0),
                ("◀ Back (Left)", Step::By(-1), r.step > 0),
                ("Next ▶ (Right)", Step::By(1), r.step < n),
                ("End ⏭ (End)", Step::To(n), r.step < n),
            ] {
                if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                    steps.write(s);
                }
            }
        });
        ui.label(
            egui::RichText::new(format!("Move {} of {n}", r.step))
                .size(crate::game::theme::pt(ui, 18.0)),
        );
        if let Some(p) = r.step.checked_sub(1).and_then(|i| m.played().get(i)) {
            let rec = &r.record.moves[p.index];
            ui.label(egui::RichText::new(describe(m, rec, &r.record.players)).strong());
            if !p.feedback.text.is_empty() {
                ui.label(
                    egui::RichText::new(&p.feedback.text).color(verdict_colour(p.feedback.verdict)),
                );
            }
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("replay-moves")
            .max_height(ui.available_height() - 40.0)
            .show(ui, |ui| {
                for (i, rec) in r.record.moves.iter().enumerate() {
                    let current = i + 1 == r.step;
                    let text = egui::RichText::new(format!(
                        "{}. {}",
                        i + 1,
                        describe(m, rec, &r.record.players)
                    ));
                    if ui.selectable_label(current, text).clicked() {
                        steps.write(Step::To(i + 1));
                    }
                }
            });
        ui.separator();
        if ui.button("Stop watching (Esc)").clicked() {
            next.set(Screen::Title);
        }
    });
    Ok(())
}

fn verdict_colour(v: Verdict) -> egui::Color32 {
    crate::game::theme::verdict(v).1
}

/// "min 12 · Ana: Who approved this change? (room vote: 55% behind it)".
fn describe(m: &crate::engine::Meeting, rec: &RecordedMove, players: &[String]) -> String {
    let mut text = format!("min {} · ", rec.minute);
    if let Some(name) = rec.player.and_then(|p| players.get(p)) {
        text.push_str(name);
        text.push_str(": ");
    }
    text.push_str(&rec.mv.label(m.scenario()));
    if let Some(v) = &rec.vote
        && let Some(a) = v.alignment(&rec.mv)
    {
        text.push_str(&format!(" (room vote: {:.0}% behind it)", a * 100.0));
    }
    text
}
