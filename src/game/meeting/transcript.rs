//! The transcript: speakers coloured and named, the newest move's lines
//! appearing at the text speed, the coach's note under each move.

use super::Session;
use crate::engine::{LineKind, Meeting};
use crate::game::theme::{palette, verdict};
use bevy_egui::egui;

/// The transcript, speakers coloured; the newest move's lines appear at the
/// text speed (`shown` characters), with the coach's notes between moves.
/// Lines shown before "show earlier lines": laying out a long transcript
/// every frame is most of the screen's cost on a software renderer.
const RECENT_LINES: usize = 60;

pub fn show(
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
        let (mark, color) = verdict(note.feedback.verdict);
        if !note.feedback.text.is_empty() {
            ui.label(
                egui::RichText::new(format!("   {mark} Coach: {}", note.feedback.text))
                    .small()
                    .color(color),
            );
        }
    }
}
