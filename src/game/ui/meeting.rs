//! The meeting screen's panels: phase bar and clock, the choices by whom
//! they address, facilitation moves, the transcript, the coach, the
//! notebook and the parking lot. The room itself is drawn by `room.rs`,
//! the big screen by `bigscreen.rs`, in the area left in the middle.

use super::{RoomArea, palette, root};
use crate::engine::{LineKind, Meeting, Move, Verdict};
use crate::game::actions::{Action, Addressee, options, response_to_open_moment, targets};
use crate::game::bigscreen;
use crate::game::group::{Group, Replaying};
use crate::game::room;
use crate::game::session::Session;
use crate::game::settings::KeptSettings;
use crate::scenario::{Phase, SCREEN_PHASES, Target};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

/// When the newest lines started appearing, for the typewriter effect.
#[derive(Default)]
pub struct Typewriter {
    version: u64,
    started: f64,
}

#[allow(clippy::too_many_arguments)]
pub fn meeting(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    session: Option<Res<Session>>,
    addressee: Res<Addressee>,
    kept: Res<KeptSettings>,
    mut area: ResMut<RoomArea>,
    time: Res<Time<Real>>,
    mut typewriter: Local<Typewriter>,
    mut whole_transcript: Local<bool>,
    mut own: Local<OwnWords>,
    (group, replaying): (Option<Res<Group>>, Option<Res<Replaying>>),
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(session) = session else {
        return Ok(());
    };
    let m = &session.meeting;
    let mut ui = root(ctx);
    let group = group.as_deref();

    egui::Panel::top("phases").show(&mut ui, |ui| {
        phase_bar(ui, m);
        if let Some(g) = group {
            super::group::hot_seat_banner(ui, g);
        }
    });
    egui::Panel::right("choices")
        .default_size(if group.is_some() { 520.0 } else { 430.0 })
        .resizable(true)
        .show(&mut ui, |ui| {
            if let Some(r) = replaying.as_deref() {
                super::group::replay_panel(ui, m, r, &mut actions);
                return;
            }
            let voting = group.filter(|g| g.0.plan.vote);
            choices(ui, m, addressee.0, voting, &mut actions);
            if voting.is_none() {
                let target = targets(m).get(addressee.0).cloned().unwrap_or(Target::Room);
                own_words(ui, m, &target, &mut own, &mut actions);
            }
        });
    // The projector layout leaves the notebook out, for a bigger room.
    if group.is_none() {
        egui::Panel::left("notebook")
            .default_size(280.0)
            .resizable(true)
            .show(&mut ui, |ui| notebook(ui, &session));
    }
    if let Some(g) = group {
        super::group::pause_window(ui.ctx(), g, &mut actions);
    }
    egui::Panel::bottom("transcript")
        .default_size(230.0)
        .resizable(true)
        .show(&mut ui, |ui| {
            if typewriter.version != session.version {
                typewriter.version = session.version;
                typewriter.started = time.elapsed_secs_f64();
            }
            let shown = kept.value.text_speed.chars_per_second().map(|cps| {
                ((time.elapsed_secs_f64() - typewriter.started) * f64::from(cps)) as usize
            });
            transcript(
                ui,
                m,
                shown,
                kept.value.coach.then_some(&*session),
                &mut whole_transcript,
            );
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(&mut ui, |ui| {
            let rect = ui.max_rect();
            area.rect = Some(rect);
            area.zoom = ui.ctx().zoom_factor();
            let layout = room::layout(rect, m.scenario().participants.len());
            bigscreen::draw(ui, layout.screen, m);
            moments_banner(ui, layout.screen, m, &mut actions);
            room::labels(ui, &layout, m, session.speaking.as_ref());
            if kept.value.coach {
                room::thoughts(ui, &layout, m, &session.thoughts);
            }
        });
    Ok(())
}

fn phase_bar(ui: &mut egui::Ui, m: &Meeting) {
    ui.horizontal(|ui| {
        for phase in Phase::ALL {
            let (used, budget) = m.phase_time(phase);
            let current = m.phase() == phase;
            let text = format!("{} {used}/{budget} min", phase.label());
            let color = if used > budget {
                palette::POOR
            } else if current {
                palette::FACILITATOR
            } else if phase < m.phase() {
                palette::NOTE
            } else {
                ui.visuals().weak_text_color()
            };
            let mut rich = egui::RichText::new(text).color(color);
            if current {
                rich = rich.strong();
            }
            ui.label(rich);
            ui.add(
                egui::ProgressBar::new(if budget == 0 {
                    0.0
                } else {
                    (f32::from(used) / f32::from(budget)).min(1.0)
                })
                .desired_width(60.0),
            );
            ui.separator();
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let minutes = m.scenario().brief.minutes;
            ui.label(
                egui::RichText::new(format!(
                    "⏱ {:02}:{:02} of {minutes} min",
                    m.clock() / 60,
                    m.clock() % 60
                ))
                .size(18.0)
                .strong(),
            );
        });
    });
    if let Some(e) = m.current_entry() {
        ui.label(
            egui::RichText::new(format!("Timeline: {} — {}", e.time, e.observed))
                .color(palette::WARN),
        );
    }
}

fn person_name(m: &Meeting, target: &Target) -> String {
    match target {
        Target::Room => "The room".into(),
        Target::Person(p) => m
            .scenario()
            .participants
            .iter()
            .find(|x| &x.id == p)
            .map_or(p.to_string(), |x| x.name.clone()),
    }
}

fn choices(
    ui: &mut egui::Ui,
    m: &Meeting,
    selected: usize,
    voting: Option<&Group>,
    actions: &mut MessageWriter<Action>,
) {
    let all = targets(m);
    ui.label(
        egui::RichText::new("Ask… (arrow keys Left/Right change whom; 1–9 choose)")
            .color(palette::NOTE),
    );
    ui.horizontal_wrapped(|ui| {
        for (i, t) in all.iter().enumerate() {
            let n = options(m, t).len();
            let label = format!("{} ({n})", person_name(m, t));
            if ui.selectable_label(i == selected, label).clicked() {
                actions.write(Action::NextTarget(i as i32 - selected as i32));
            }
        }
    });
    ui.separator();
    let target = all.get(selected).cloned().unwrap_or(Target::Room);
    if let Some(g) = voting {
        super::group::vote_panel(ui, m, g, &target, actions);
    } else {
        choice_list(ui, m, &target, actions);
    }
    facilitate(ui, m, &target, actions);
}

fn choice_list(
    ui: &mut egui::Ui,
    m: &Meeting,
    target: &Target,
    actions: &mut MessageWriter<Action>,
) {
    egui::ScrollArea::vertical()
        .id_salt("choice-list")
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            let opts = options(m, target);
            if opts.is_empty() {
                ui.label(
                    egui::RichText::new("Nothing to ask them here. Try someone else, or move on.")
                        .color(palette::NOTE),
                );
            }
            for (i, o) in opts.iter().enumerate() {
                let key = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    "   ".into()
                };
                let button =
                    egui::Button::new(egui::RichText::new(format!("{key}{}", o.label))).wrap();
                if ui.add_sized([ui.available_width(), 0.0], button).clicked() {
                    actions.write(Action::Choose(i));
                }
            }
        });
}

/// Moves that are not questions: responses, the big screen, the clock.
fn facilitate(
    ui: &mut egui::Ui,
    m: &Meeting,
    target: &Target,
    actions: &mut MessageWriter<Action>,
) {
    ui.separator();
    ui.label(egui::RichText::new("Facilitate").color(palette::NOTE));
    ui.horizontal_wrapped(|ui| {
        if let Some(mv) = response_to_open_moment(m)
            && ui
                .button(
                    egui::RichText::new(format!("Respond: {} (R)", move_label(m, &mv)))
                        .color(palette::WARN),
                )
                .clicked()
        {
            actions.write(Action::Respond);
        }
        let mut offer = |ui: &mut egui::Ui, mv: Move, label: String| {
            if m.check(&mv).is_ok() && ui.button(label).clicked() {
                actions.write(Action::Play(mv));
            }
        };
        offer(ui, Move::Normalise, "Normalise".into());
        for mv in [
            Move::Redirect,
            Move::NameHindsight,
            Move::Pin,
            Move::Park,
            Move::Clarify,
        ] {
            let label = move_label(m, &mv);
            offer(ui, mv, label);
        }
        if let Target::Person(p) = target {
            for mv in [
                Move::Reassure(p.clone()),
                Move::Invite(p.clone()),
                Move::Curb(p.clone()),
            ] {
                let label = move_label(m, &mv);
                offer(ui, mv, label);
            }
        }
    });
    if SCREEN_PHASES.contains(&m.phase()) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Big screen:");
            for a in &m.scenario().artifacts {
                let mv = Move::Show(a.id.clone());
                if m.check(&mv).is_ok() && ui.small_button(&a.title).clicked() {
                    actions.write(Action::Play(mv));
                }
            }
            if m.check(&Move::Zoom).is_ok() && ui.button("Zoom (Z)").clicked() {
                actions.write(Action::Play(Move::Zoom));
            }
        });
    }
    ui.separator();
    ui.horizontal(|ui| {
        for (mv, label) in [
            (Move::NextEntry, "Next entry (N)"),
            (Move::NextPhase, "Next phase (P)"),
            (Move::End, "End meeting"),
        ] {
            if ui
                .add_enabled(m.check(&mv).is_ok(), egui::Button::new(label))
                .clicked()
            {
                actions.write(Action::Play(mv));
            }
        }
    });
}

/// A question in the player's own words, and what the game made of it.
#[derive(Default)]
pub struct OwnWords {
    text: String,
    checked: Option<(String, Target, crate::engine::Understanding)>,
}

/// The free-text box: type, check what it is taken as and what the coach
/// says, correct it, then ask. While it has the keyboard, game keys are off
/// (see `keyboard_to_text`).
fn own_words(
    ui: &mut egui::Ui,
    m: &Meeting,
    target: &Target,
    own: &mut OwnWords,
    actions: &mut MessageWriter<Action>,
) {
    if m.phase() == Phase::PreMeeting {
        return;
    }
    ui.separator();
    ui.label(
        egui::RichText::new(format!(
            "Or in your own words, to {}:",
            person_name(m, target)
        ))
        .color(palette::NOTE),
    );
    ui.horizontal(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut own.text)
                .hint_text("What did the page show you?")
                .desired_width(ui.available_width() - 70.0),
        );
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Check").clicked() || enter) && !own.text.trim().is_empty() {
            own.checked = Some((
                own.text.clone(),
                target.clone(),
                m.understand(&own.text, target),
            ));
        }
    });
    let Some((text, to, u)) = own.checked.clone() else {
        return;
    };
    if &to != target || text != own.text {
        own.checked = None;
        return;
    }
    let say = |intent: Option<crate::scenario::ChoiceId>| Move::Say {
        text: text.clone(),
        to: to.clone(),
        intent,
    };
    let mut asked = false;
    match &u.intent {
        Some(intent) => {
            ui.label(format!(
                "Taken as: “{}” ({:.0}% alike)",
                move_label(m, &Move::Ask(intent.clone())),
                u.similarity * 100.0
            ));
            ui.horizontal_wrapped(|ui| {
                if ui.button("Ask it").clicked() {
                    actions.write(Action::Play(say(Some(intent.clone()))));
                    asked = true;
                }
                for (alt, _) in &u.alternatives {
                    let label = move_label(m, &Move::Ask(alt.clone()));
                    let short: String = label.chars().take(40).collect();
                    if ui
                        .small_button(format!("I meant: {short}…"))
                        .on_hover_text(label)
                        .clicked()
                    {
                        actions.write(Action::Play(say(Some(alt.clone()))));
                        asked = true;
                    }
                }
            });
        }
        None if !u.findings.is_empty() => {
            ui.label("Not close to a question on offer, but the room will hear it.");
            if ui.button("Say it anyway").clicked() {
                actions.write(Action::Play(say(None)));
                asked = true;
            }
        }
        None => {
            ui.colored_label(
                palette::WARN,
                "Not close to any question that can be asked now: rephrase, or pick one above.",
            );
        }
    }
    for f in &u.findings {
        ui.label(
            egui::RichText::new(format!(
                "✘ “{}”: {} Try: {}",
                f.matched, f.message, f.suggestion
            ))
            .small()
            .color(palette::POOR),
        );
    }
    if u.findings.is_empty() && u.intent.is_some() {
        ui.label(
            egui::RichText::new("✔ The coach finds nothing to change in the wording.")
                .small()
                .color(palette::GOOD),
        );
    }
    if asked {
        *own = OwnWords::default();
    }
}

/// Words for a facilitation move.
pub fn move_label(m: &Meeting, mv: &Move) -> String {
    mv.label(m.scenario())
}

fn moments_banner(
    ui: &mut egui::Ui,
    screen: egui::Rect,
    m: &Meeting,
    actions: &mut MessageWriter<Action>,
) {
    let now = m.played().len();
    for (i, (moment, by)) in m.open_moments().enumerate() {
        let left = (by + 1).saturating_sub(now);
        let who = person_name(m, &Target::Person(moment.who.clone()));
        let pos = screen.left_bottom() + egui::vec2(0.0, 6.0 + 34.0 * i as f32);
        egui::Area::new(egui::Id::new(("moment", i)))
            .fixed_pos(pos)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .fill(egui::Color32::from_rgb(70, 50, 20))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(
                                egui::RichText::new(format!(
                                    "⚠ {who}: {} — respond within {left} move(s)",
                                    moment.kind.label()
                                ))
                                .color(palette::WARN)
                                .strong(),
                            );
                            if ui.button("Respond (R)").clicked() {
                                actions.write(Action::Respond);
                            }
                        });
                    });
            });
    }
}

fn notebook(ui: &mut egui::Ui, session: &Session) {
    let m = &session.meeting;
    let s = m.scenario();
    ui.heading("Notebook");
    let found = m.facts_revealed().count();
    ui.label(
        egui::RichText::new(format!("{found} of {} details surfaced", s.facts.len()))
            .color(palette::NOTE),
    );
    egui::ScrollArea::vertical()
        .id_salt("notebook")
        .max_height(ui.available_height() * 0.7)
        .show(ui, |ui| {
            for e in &s.timeline {
                ui.label(
                    egui::RichText::new(format!("{} {}", e.time, e.observed))
                        .small()
                        .strong(),
                );
                for f in m
                    .facts_revealed()
                    .filter(|f| f.entry.as_ref() == Some(&e.id))
                {
                    ui.label(
                        egui::RichText::new(format!("  • {}", f.summary))
                            .small()
                            .color(palette::GOOD),
                    );
                }
            }
            let loose: Vec<_> = m.facts_revealed().filter(|f| f.entry.is_none()).collect();
            if !loose.is_empty() {
                ui.label(egui::RichText::new("Also").small().strong());
                for f in loose {
                    ui.label(
                        egui::RichText::new(format!("  • {}", f.summary))
                            .small()
                            .color(palette::GOOD),
                    );
                }
            }
        });
    ui.separator();
    ui.heading("Parking lot");
    if session.parking.is_empty() {
        ui.label(
            egui::RichText::new("Pinned tangents and parked fixes wait here.")
                .small()
                .color(palette::NOTE),
        );
    }
    for (kind, text) in &session.parking {
        ui.label(egui::RichText::new(format!("📌 {}: {text}", kind.label())).small());
    }
}

/// The transcript, speakers coloured; the newest move's lines appear at the
/// text speed (`shown` characters), with the coach's notes between moves.
/// Lines shown before "show earlier lines": laying out a long transcript
/// every frame is most of the screen's cost on a software renderer.
const RECENT_LINES: usize = 60;

fn transcript(
    ui: &mut egui::Ui,
    m: &Meeting,
    shown: Option<usize>,
    coach: Option<&Session>,
    whole: &mut bool,
) {
    let s = m.scenario();
    let last_move = m.played().len().saturating_sub(1);
    let mut budget = shown;
    let lines = m.transcript();
    let from = if *whole {
        0
    } else {
        lines.len().saturating_sub(RECENT_LINES)
    };
    egui::ScrollArea::vertical()
        .id_salt("transcript")
        .stick_to_bottom(true)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if from > 0
                && ui
                    .small_button(format!("Show the {from} earlier lines"))
                    .clicked()
            {
                *whole = true;
            }
            let mut current = usize::MAX;
            for line in &lines[from..] {
                if line.move_index != current {
                    if let Some(session) = coach
                        && current != usize::MAX
                    {
                        coach_note(ui, session, current);
                    }
                    current = line.move_index;
                }
                let mut text = line.text.clone();
                if line.move_index == last_move
                    && let Some(b) = budget.as_mut()
                {
                    if *b == 0 {
                        ui.ctx().request_repaint();
                        break;
                    }
                    let n = text.chars().count();
                    if n > *b {
                        text = text.chars().take(*b).collect::<String>() + "…";
                        *b = 0;
                    } else {
                        *b -= n;
                    }
                }
                let (who, color) = match line.kind {
                    LineKind::Facilitator => ("You".to_owned(), palette::FACILITATOR),
                    LineKind::Participant => {
                        let i = line
                            .speaker
                            .as_ref()
                            .and_then(|id| s.participants.iter().position(|p| &p.id == id))
                            .unwrap_or(0);
                        (
                            s.participants
                                .get(i)
                                .map_or(String::new(), |p| p.name.clone()),
                            palette::person(i),
                        )
                    }
                    LineKind::Screen | LineKind::Note => (String::new(), palette::NOTE),
                };
                ui.horizontal_wrapped(|ui| {
                    if who.is_empty() {
                        ui.label(egui::RichText::new(text).italics().color(color));
                    } else {
                        ui.label(egui::RichText::new(format!("{who}:")).strong().color(color));
                        ui.label(text);
                    }
                });
            }
            if let Some(session) = coach
                && current != usize::MAX
                && budget.is_none_or(|b| b > 0)
            {
                coach_note(ui, session, current);
            }
        });
}

fn coach_note(ui: &mut egui::Ui, session: &Session, move_index: usize) {
    for note in session.coach.iter().filter(|n| n.move_index == move_index) {
        let (mark, color) = match note.feedback.verdict {
            Verdict::Good => ("✔", palette::GOOD),
            Verdict::Neutral => ("•", palette::NOTE),
            Verdict::Poor => ("✘", palette::POOR),
        };
        if !note.feedback.text.is_empty() {
            ui.label(
                egui::RichText::new(format!("   {mark} Coach: {}", note.feedback.text))
                    .small()
                    .color(color),
            );
        }
    }
}
