//! What a workshop and the replay viewer add to the screens: who is in the
//! hot seat, the room's vote shown large, the pause to discuss, the replay
//! controls, and the group's part of the report.

use super::palette;
use crate::engine::{Meeting, Verdict};
use crate::game::actions::{Action, options};
use crate::game::group::{Group, Replaying};
use crate::record::RecordedMove;
use crate::scenario::Target;
use crate::workshop::{self, Outcome, Pause};
use bevy::prelude::*;
use bevy_egui::egui;

/// Large type for a room reading from a distance.
const BIG: f32 = 24.0;

/// "In the seat: Ana · next: Ben, at each timeline entry and phase".
pub fn hot_seat_banner(ui: &mut egui::Ui, g: &Group) {
    let (Some(now), Some(next)) = (g.0.facilitator(), g.0.next_facilitator()) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("In the seat:").size(BIG * 0.75));
        ui.label(
            egui::RichText::new(now)
                .size(BIG)
                .strong()
                .color(palette::FACILITATOR),
        );
        ui.label(
            egui::RichText::new(format!("· next: {next}, {}", g.0.plan.turn))
                .size(BIG * 0.75)
                .color(palette::NOTE),
        );
    });
}

/// The choices to `target`, numbered and large, with the votes each has.
pub fn vote_panel(
    ui: &mut egui::Ui,
    m: &Meeting,
    g: &Group,
    target: &Target,
    actions: &mut MessageWriter<Action>,
) {
    let ballot = &g.0.ballot;
    ui.label(
        egui::RichText::new(
            "The room votes: press 1–9 (or click) for each vote, Backspace takes one back, Enter plays the room's choice.",
        )
        .color(palette::NOTE),
    );
    egui::ScrollArea::vertical()
        .id_salt("vote-list")
        .max_height(ui.available_height() * 0.6)
        .show(ui, |ui| {
            let offered = options(m, target);
            if offered.is_empty() {
                ui.label(
                    egui::RichText::new(
                        "Nothing to ask them here. Pick someone else above, or move on.",
                    )
                    .size(BIG * 0.75)
                    .color(palette::NOTE),
                );
            }
            for (i, o) in offered.iter().enumerate().take(9) {
                let votes = ballot.votes_for(&o.mv);
                let text = egui::RichText::new(format!("{}  {}", i + 1, o.label)).size(BIG);
                let button = egui::Button::new(text).wrap();
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{votes:>2}"))
                            .size(BIG)
                            .strong()
                            .color(if votes > 0 {
                                palette::WARN
                            } else {
                                palette::NOTE
                            }),
                    );
                    if ui
                        .add_sized([ui.available_width(), 0.0], button)
                        .on_hover_text("Add a vote")
                        .clicked()
                    {
                        actions.write(Action::Choose(i));
                    }
                });
            }
        });
    // Votes may be on choices to other people: show the whole tally.
    let outcome = ballot.outcome();
    ui.horizontal_wrapped(|ui| {
        let label = match &outcome {
            Outcome::NoVotes => "No votes yet.".to_owned(),
            Outcome::Majority(mv) => format!(
                "{} of {} votes: {}",
                ballot.votes_for(mv),
                ballot.total(),
                mv.label(m.scenario())
            ),
            Outcome::Tie(tied) => format!(
                "Tied at {} votes each between {} options: add a vote to break the tie.",
                ballot.votes_for(&tied[0]),
                tied.len()
            ),
        };
        ui.label(egui::RichText::new(label).size(BIG * 0.75));
    });
    ui.horizontal(|ui| {
        let play =
            egui::Button::new(egui::RichText::new("Play the room's choice (Enter)").size(BIG));
        if ui
            .add_enabled(matches!(outcome, Outcome::Majority(_)), play)
            .clicked()
        {
            actions.write(Action::PlayVote);
        }
        if ui
            .add_enabled(
                ballot.total() > 0,
                egui::Button::new("Take back a vote (Backspace)"),
            )
            .clicked()
        {
            actions.write(Action::UndoVote);
        }
    });
}

/// The pause at the front of the queue, over everything, until dismissed.
pub fn pause_window(ctx: &egui::Context, g: &Group, actions: &mut MessageWriter<Action>) {
    let Some(pause) = g.0.pending.front() else {
        return;
    };
    egui::Modal::new(egui::Id::new("workshop-pause")).show(ctx, |ui| {
        ui.set_max_width(ctx.content_rect().width() * 0.7);
        match pause {
            Pause::Handover { to } => {
                ui.label(egui::RichText::new("Change of facilitator").size(BIG));
                ui.label(
                    egui::RichText::new(format!("{to}, you have the seat."))
                        .size(BIG * 1.6)
                        .strong()
                        .color(palette::FACILITATOR),
                );
            }
            Pause::Discuss(d) => {
                ui.label(
                    egui::RichText::new(format!("Pause to discuss: {}", d.title))
                        .size(BIG)
                        .color(palette::WARN),
                );
                ui.add_space(8.0);
                ui.label(
                    egui::RichText::new(d.principle.explain())
                        .size(BIG)
                        .strong(),
                );
                ui.add_space(8.0);
                ui.label(egui::RichText::new(&d.question).size(BIG));
            }
        }
        ui.add_space(12.0);
        let more = g.0.pending.len() - 1;
        let go = if more > 0 {
            format!("Continue (Enter) · {more} more")
        } else {
            "Continue (Enter)".to_owned()
        };
        if ui.button(egui::RichText::new(go).size(BIG)).clicked() {
            actions.write(Action::Continue);
        }
    });
}

/// The replay viewer's controls and the list of moves, in place of the
/// choices.
pub fn replay_panel(
    ui: &mut egui::Ui,
    m: &Meeting,
    r: &Replaying,
    actions: &mut MessageWriter<Action>,
) {
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
        for (label, action, enabled) in [
            ("⏮ Start (Home)", Action::StepTo(0), r.step > 0),
            ("◀ Back (Left)", Action::Step(-1), r.step > 0),
            ("Next ▶ (Right)", Action::Step(1), r.step < n),
            ("End ⏭ (End)", Action::StepTo(n), r.step < n),
        ] {
            if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                actions.write(action);
            }
        }
    });
    ui.label(egui::RichText::new(format!("Move {} of {n}", r.step)).size(18.0));
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
        .show(ui, |ui| {
            for (i, rec) in r.record.moves.iter().enumerate() {
                let current = i + 1 == r.step;
                let text = egui::RichText::new(format!(
                    "{}. {}",
                    i + 1,
                    describe(m, rec, &r.record.players)
                ));
                if ui.selectable_label(current, text).clicked() {
                    actions.write(Action::StepTo(i + 1));
                }
            }
        });
    ui.separator();
    if ui.button("Stop watching (Esc)").clicked() {
        actions.write(Action::StopWatching);
    }
}

fn verdict_colour(v: Verdict) -> egui::Color32 {
    match v {
        Verdict::Good => palette::GOOD,
        Verdict::Neutral => palette::NOTE,
        Verdict::Poor => palette::POOR,
    }
}

/// "min 12 · Ana: Who approved this change? (room 5–4)".
fn describe(m: &Meeting, rec: &RecordedMove, players: &[String]) -> String {
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

/// The report's section on a group's play: credits for each facilitator
/// and how aligned the room's votes were.
pub fn group_report(ui: &mut egui::Ui, m: &Meeting, record: &crate::record::Record) {
    let seated = record.moves.iter().any(|r| r.player.is_some());
    let alignment = workshop::alignment(&record.moves);
    if !seated && alignment.is_none() {
        return;
    }
    ui.heading("The group");
    if seated {
        egui::Grid::new("credits").striped(true).show(ui, |ui| {
            for h in [
                "Facilitator",
                "Moves",
                "Good",
                "Poor",
                "Facts",
                "Room safety",
            ] {
                ui.label(egui::RichText::new(h).strong());
            }
            ui.end_row();
            for c in workshop::credits(&record.players, &record.moves, m) {
                ui.label(&c.name);
                ui.label(c.moves.to_string());
                ui.colored_label(palette::GOOD, c.good.to_string());
                ui.colored_label(palette::POOR, c.poor.to_string());
                ui.label(c.facts.to_string());
                ui.label(format!("{:+}", c.safety));
                ui.end_row();
            }
        });
    }
    if let Some(a) = alignment {
        ui.label(format!(
            "The room voted on {} moves; on average {:.0}% stood behind the move played.",
            a.votes,
            a.mean * 100.0
        ));
        for (i, share) in a.split.iter().take(5) {
            let rec = &record.moves[*i];
            ui.label(
                egui::RichText::new(format!(
                    "Split vote at move {}: {:.0}% for “{}”",
                    i + 1,
                    share * 100.0,
                    rec.mv.label(m.scenario())
                ))
                .color(palette::WARN),
            );
        }
    }
    ui.add_space(8.0);
}
