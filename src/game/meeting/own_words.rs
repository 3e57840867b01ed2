//! The own-words box: the player types a line, checks what it will be
//! taken as (an authored question, a reply to the moment open now, a
//! facilitation move, or a question of its kind that nobody authored) and
//! what the coach says of the wording, then says it. A line the engine is
//! unsure of offers the closest questions first ("did you mean...").

use crate::engine::{Meeting, Move, Taken, Understanding};
use crate::game::theme::palette;
use crate::game::widgets::target_name;
use crate::scenario::{ChoiceId, Target};
use bevy_egui::egui;

/// What the player is typing, and what the game made of it when checked.
#[derive(Default)]
pub struct OwnWords {
    text: String,
    checked: Option<(String, Target, Understanding)>,
}

/// Draws the box; returns the move to propose when the player says it.
pub fn show(ui: &mut egui::Ui, m: &Meeting, target: &Target, own: &mut OwnWords) -> Option<Move> {
    ui.separator();
    ui.label(
        egui::RichText::new(format!(
            "Or in your own words, to {}:",
            target_name(m.scenario(), target).to_lowercase()
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
        if (ui.button("Check").clicked() || enter) && own.text.chars().any(char::is_alphanumeric) {
            own.checked = Some((
                own.text.clone(),
                target.clone(),
                m.understand(&own.text, target),
            ));
        }
    });
    let (text, to, u) = own.checked.clone()?;
    if &to != target || text != own.text {
        own.checked = None;
        return None;
    }
    let say = |intent: Option<ChoiceId>| Move::Say {
        text: text.clone(),
        to: to.clone(),
        intent,
    };
    ui.label(format!("Taken as: {}", describe(m, &u)));
    let mut chosen = None;
    if !u.confident && !u.alternatives.is_empty() {
        ui.label(egui::RichText::new("Did you mean:").color(palette::WARN));
        for (alt, _) in &u.alternatives {
            let label = Move::Ask(alt.clone()).label(m.scenario());
            if ui
                .add(egui::Button::new(format!("“{label}”")).wrap())
                .clicked()
            {
                chosen = Some(say(Some(alt.clone())));
            }
        }
        if ui.button("No: say it as I wrote it").clicked() {
            chosen = Some(say(None));
        }
    } else if ui.button("Say it").clicked() {
        chosen = Some(say(None));
    }
    if let Some(k) = u.kind.filter(|k| k.is_trap()) {
        ui.label(
            egui::RichText::new(format!("✖ The words make it a {}: “{}”.", k.label(), u.cue))
                .small()
                .color(palette::POOR),
        );
    }
    for f in &u.findings {
        ui.label(
            egui::RichText::new(format!(
                "✖ “{}”: {} Try: {}",
                f.matched, f.message, f.suggestion
            ))
            .small()
            .color(palette::POOR),
        );
    }
    if u.findings.is_empty() && !u.kind.is_some_and(|k| k.is_trap()) {
        ui.label(
            egui::RichText::new("✔ The coach finds nothing to change in the wording.")
                .small()
                .color(palette::GOOD),
        );
    }
    if chosen.is_some() {
        *own = OwnWords::default();
    }
    chosen
}

/// What the words will be played as, in a phrase.
fn describe(m: &Meeting, u: &Understanding) -> String {
    let s = m.scenario();
    match &u.taken {
        Taken::Choice(c) => format!(
            "the question “{}” ({:.0}% alike)",
            Move::Ask(c.clone()).label(s),
            u.similarity * 100.0
        ),
        Taken::Reply(r) => format!("your reply “{}”", Move::Respond(r.clone()).label(s)),
        Taken::Move(mv) => mv.label(s).to_lowercase(),
        Taken::Generic { kind, to } => format!(
            "a {} to {}, asked as you wrote it (nothing on offer is close; it may draw nothing new)",
            kind.label(),
            target_name(s, to).to_lowercase()
        ),
        Taken::FirstStory => format!("settling for the first story: “{}”", s.first_story),
        Taken::Endorse => "agreeing with what was just said".into(),
    }
}
