//! What a workshop draws over the meeting: the room's vote tally with the
//! button that plays it, and the pause to discuss or to change seats, in
//! large type for a room reading from a distance.

use super::{Group, GroupAction};
use crate::game::meeting::Session;
use crate::game::theme::palette;
use crate::workshop::{BallotOutcome, Pause};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

/// Large type for a room reading from a distance.
const BIG: f32 = 24.0;

/// The room's vote: how it stands, and playing it.
pub fn tally(
    mut contexts: EguiContexts,
    group: Res<Group>,
    session: Option<Res<Session>>,
    mut actions: MessageWriter<GroupAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(s) = session else { return Ok(()) };
    let ballot = &group.0.ballot;
    egui::Window::new("The room votes")
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -250.0))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(
                egui::RichText::new(
                    "Press 1–9 (or click a choice) once per raised hand; Backspace takes one back; Enter plays the room's choice.",
                )
                .color(palette::NOTE),
            );
            let outcome = ballot.outcome();
            let label = match &outcome {
                BallotOutcome::NoVotes => "No votes yet.".to_owned(),
                BallotOutcome::Majority(mv) => format!(
                    "{} of {} votes: {}",
                    ballot.votes_for(mv),
                    ballot.total(),
                    mv.label(s.meeting.scenario())
                ),
                BallotOutcome::Tie(tied) => format!(
                    "Tied at {} votes each between {} options: add a vote to break the tie.",
                    ballot.votes_for(&tied[0]),
                    tied.len()
                ),
            };
            ui.label(egui::RichText::new(label).size(BIG * 0.75));
            ui.horizontal(|ui| {
                let play = egui::Button::new(
                    egui::RichText::new("Play the room's choice (Enter)").size(BIG),
                );
                if ui
                    .add_enabled(matches!(outcome, BallotOutcome::Majority(_)), play)
                    .clicked()
                {
                    actions.write(GroupAction::PlayVote);
                }
                if ui
                    .add_enabled(
                        ballot.total() > 0,
                        egui::Button::new("Take back a vote (Backspace)"),
                    )
                    .clicked()
                {
                    actions.write(GroupAction::UndoVote);
                }
            });
        });
    Ok(())
}

/// The pause at the front of the queue, over everything, until dismissed.
pub fn pause_window(
    mut contexts: EguiContexts,
    group: Res<Group>,
    mut actions: MessageWriter<GroupAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(pause) = group.0.pending.front() else {
        return Ok(());
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
        let more = group.0.pending.len() - 1;
        let go = if more > 0 {
            format!("Continue (Enter) · {more} more")
        } else {
            "Continue (Enter)".to_owned()
        };
        if ui.button(egui::RichText::new(go).size(BIG)).clicked() {
            actions.write(GroupAction::Continue);
        }
    });
    Ok(())
}
