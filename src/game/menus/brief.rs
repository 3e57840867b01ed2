//! The brief: the incident, the objective timeline, the attendees, the
//! pre-meeting talks on offer and what can go on the big screen.

use crate::game::meeting::Session;
use crate::game::screens::{Navigate, Screen};
use crate::game::theme::palette;
use crate::game::widgets::{nav_bar, root};
use crate::scenario::{ChoiceKind, Phase, Target};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn brief(
    mut contexts: EguiContexts,
    mut nav: MessageWriter<Navigate>,
    session: Res<Session>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let m = &session.meeting;
    let s = m.scenario();
    nav_bar(&mut ui, &s.title, &mut nav);
    egui::Panel::bottom("brief-go").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            let go = ui.add(egui::Button::new(egui::RichText::new("Start the meeting »").size(22.0)));
            if go.clicked() {
                nav.write(Navigate::Open(Screen::Meeting));
            }
            if ui.memory(|mem| mem.focused().is_none()) {
                go.request_focus();
            }
            ui.label(egui::RichText::new("The pre-meeting talks come first, in the meeting screen; or skip them with “Next phase”.").color(palette::NOTE));
        });
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(egui::RichText::new(&s.brief.summary).size(18.0));
            ui.label(
                egui::RichText::new(format!(
                    "Meeting: {} minutes. The easy story in the room: “{}”",
                    s.brief.minutes, s.first_story
                ))
                .color(palette::NOTE),
            );
            ui.add_space(12.0);
            ui.columns(2, |cols| {
                cols[0].heading("Timeline");
                for e in &s.timeline {
                    let mark = if e.inflection { "»" } else { "·" };
                    cols[0].label(format!("{mark} {}  {}", e.time, e.observed));
                }
                cols[1].heading("Attendees");
                for (i, p) in s.participants.iter().enumerate() {
                    cols[1].label(
                        egui::RichText::new(format!("{} — {}", p.name, p.role))
                            .color(palette::person(i))
                            .strong(),
                    );
                    cols[1].label(&p.involvement);
                }
                cols[1].add_space(8.0);
                cols[1].heading("Pre-meeting talks you can have");
                for c in s
                    .choices
                    .iter()
                    .filter(|c| c.phase == Phase::PreMeeting && c.kind == ChoiceKind::Prepare)
                {
                    let to = match &c.target {
                        Target::Person(p) => s.name_of(p).to_owned(),
                        Target::Room => "everyone".into(),
                    };
                    cols[1].label(format!("• with {to}: {}", c.text));
                }
                if !s.artifacts.is_empty() {
                    cols[0].add_space(8.0);
                    cols[0].heading("For the big screen");
                    for a in &s.artifacts {
                        cols[0].label(format!("• {}", a.title));
                    }
                }
            });
        });
    });
    Ok(())
}
