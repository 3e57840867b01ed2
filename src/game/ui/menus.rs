//! Title, scenario picker, brief, settings and the pause menu.

use super::{nav_bar, palette, root};
use crate::engine::Move;
use crate::game::Options;
use crate::game::actions::Action;
use crate::game::group::{Group, Keeping, Notice, SavedRecords};
use crate::game::screens::Screen;
use crate::game::session::{KeptProgress, Scenarios, Session};
use crate::game::settings::KeptSettings;
use crate::scenario::{ChoiceKind, Phase, Target};
use crate::store::{Settings, TextSpeed};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

pub fn title(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    mut kept: ResMut<KeptSettings>,
    progress: Res<KeptProgress>,
    (keeping, notice, group): (Res<Keeping>, Res<Notice>, Option<Res<Group>>),
    saved: Res<SavedRecords>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.2);
            ui.label(egui::RichText::new("Second Story").size(56.0).strong());
            ui.label(
                egui::RichText::new("Practise facilitating blameless postmortems.").size(18.0),
            );
            ui.add_space(16.0);
            if let Some(dir) = &keeping.class {
                ui.label(
                    egui::RichText::new(format!(
                        "Class mode: every meeting you finish is saved in {}",
                        dir.display()
                    ))
                    .color(palette::WARN),
                );
            }
            if let Some(g) = &group {
                let mut how = vec!["projector layout".to_owned()];
                if g.0.plan.hot_seat() {
                    how.push(format!(
                        "hot seat for {} ({})",
                        g.0.plan.facilitators.join(", "),
                        g.0.plan.turn
                    ));
                }
                if g.0.plan.vote {
                    how.push("the room votes on each question".into());
                }
                if g.0.plan.discuss {
                    how.push("pauses to discuss".into());
                }
                ui.label(
                    egui::RichText::new(format!("Workshop: {}", how.join(" · ")))
                        .color(palette::WARN),
                );
            }
            if group.as_ref().is_none_or(|g| !g.0.plan.hot_seat()) {
                ui.horizontal(|ui| {
                    ui.add_space((ui.available_width() - 360.0).max(0.0) / 2.0);
                    ui.label("Your name:");
                    let mut name = kept.value.name.clone();
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut name)
                            .hint_text(if keeping.class.is_some() {
                                "needed in class mode"
                            } else {
                                "for your records"
                            })
                            .char_limit(Settings::MAX_NAME),
                    );
                    if field.changed() {
                        kept.value.name = name;
                    }
                });
            }
            if let Some(n) = &notice.0 {
                ui.colored_label(palette::POOR, n);
            }
            ui.add_space(16.0);
            let big = |text: &str| {
                egui::Button::new(egui::RichText::new(text).size(22.0))
                    .min_size(egui::vec2(260.0, 44.0))
            };
            let play = ui.add(big("Choose an incident"));
            if play.clicked() {
                actions.write(Action::Open(Screen::Picker));
            }
            if ui.memory(|m| m.focused().is_none()) {
                play.request_focus();
            }
            if ui.add(big("Settings")).clicked() {
                actions.write(Action::Open(Screen::Settings));
            }
            if ui.add(big("Quit")).clicked() {
                actions.write(Action::Quit);
            }
            if !saved.0.is_empty() {
                ui.add_space(16.0);
                ui.label(egui::RichText::new("Watch a saved meeting").size(18.0));
                for (path, record) in &saved.0 {
                    let file = path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    match record {
                        Ok(r) => {
                            let who = if r.players.is_empty() {
                                "unnamed".to_owned()
                            } else {
                                r.players.join(", ")
                            };
                            let label =
                                format!("{who} · {} · {} / 100", r.scenario, r.outcome.score.total);
                            if ui.button(label).on_hover_text(&file).clicked() {
                                actions.write(Action::Watch(Box::new(r.clone())));
                            }
                        }
                        Err(e) => {
                            ui.colored_label(palette::NOTE, format!("{file}: {e}"));
                        }
                    }
                }
            }
            ui.add_space(24.0);
            ui.label(
                egui::RichText::new("Mouse or keyboard: Tab moves between buttons, Enter presses.")
                    .color(palette::NOTE),
            );
            for w in kept.warning.iter().chain(progress.warning.iter()) {
                ui.colored_label(palette::WARN, w);
            }
        });
    });
    Ok(())
}

pub fn picker(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    scenarios: Res<Scenarios>,
    progress: Res<KeptProgress>,
    options: Res<Options>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    nav_bar(&mut ui, "Choose an incident", &mut actions);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        if scenarios.0.is_empty() {
            ui.label("Loading scenarios…");
            ui.spinner();
            return;
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut sorted: Vec<_> = scenarios.0.iter().collect();
            sorted.sort_by_key(|e| (e.scenario.as_ref().map_or(u8::MAX, |s| s.difficulty), e.file.clone()));
            ui.label(
                egui::RichText::new("The incidents in curriculum order, from a first meeting to the hardest; each teaches one thing.")
                    .color(palette::NOTE),
            );
            for (step, entry) in sorted.into_iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    match &entry.scenario {
                        Ok(s) => {
                            ui.horizontal(|ui| {
                                ui.label(egui::RichText::new(format!("{}. {}", step + 1, s.title)).size(22.0).strong());
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        let open = ui.add(egui::Button::new(
                                            egui::RichText::new("Open the brief »").size(18.0),
                                        ));
                                        if open.clicked() {
                                            actions.write(Action::Start {
                                                scenario: s.id.clone(),
                                                seed: options.seed,
                                            });
                                        }
                                    },
                                );
                            });
                            ui.label(&s.lesson);
                            let best = progress.progress.scenarios.get(&s.id);
                            let best = best.map_or("not played yet".to_owned(), |p| {
                                format!("best {} / 100 over {} run(s)", p.best, p.runs)
                            });
                            ui.label(
                                egui::RichText::new(format!(
                                    "difficulty {} · {} minutes · {} participants · {}",
                                    s.difficulty,
                                    s.brief.minutes,
                                    s.participants.len(),
                                    best
                                ))
                                .color(palette::NOTE),
                            );
                        }
                        Err(problems) => {
                            ui.colored_label(
                                palette::POOR,
                                format!("{} cannot be played:", entry.file),
                            );
                            for p in problems {
                                ui.monospace(p);
                            }
                        }
                    }
                });
                ui.add_space(8.0);
            }
        });
    });
    Ok(())
}

pub fn brief(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    session: Res<Session>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let m = &session.meeting;
    let s = m.scenario();
    nav_bar(&mut ui, &s.title, &mut actions);
    egui::Panel::bottom("brief-go").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            let go = ui.add(egui::Button::new(egui::RichText::new("Start the meeting »").size(22.0)));
            if go.clicked() {
                actions.write(Action::Open(Screen::Meeting));
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
                        Target::Person(p) => s
                            .participants
                            .iter()
                            .find(|x| &x.id == p)
                            .map_or(p.to_string(), |x| x.name.clone()),
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

pub fn settings(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    mut kept: ResMut<KeptSettings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    nav_bar(&mut ui, "Settings", &mut actions);
    egui::CentralPanel::default().show(&mut ui, |ui| settings_form(ui, &mut kept));
    Ok(())
}

/// The settings controls; changes are applied and saved at once.
fn settings_form(ui: &mut egui::Ui, kept: &mut ResMut<KeptSettings>) {
    let mut s: Settings = kept.value.clone();
    ui.heading("Display");
    ui.add(
        egui::Slider::new(&mut s.ui_scale, Settings::MIN_SCALE..=Settings::MAX_SCALE)
            .text("UI scale"),
    );
    ui.horizontal(|ui| {
        if ui.button("Laptop (1×)").clicked() {
            s.ui_scale = 1.0;
        }
        if ui
            .button("Projector (2×)")
            .on_hover_text("Readable from the back of a room")
            .clicked()
        {
            s.ui_scale = 2.0;
        }
    });
    ui.checkbox(&mut s.fullscreen, "Fullscreen");
    ui.add_space(8.0);
    ui.heading("You");
    ui.horizontal(|ui| {
        ui.label("Your name, for session records:");
        ui.add(egui::TextEdit::singleline(&mut s.name).char_limit(Settings::MAX_NAME));
    });
    ui.add_space(8.0);
    ui.heading("Play");
    ui.checkbox(
        &mut s.coach,
        "Coach mode: a note after every move, and what people feel but do not say",
    );
    ui.horizontal(|ui| {
        ui.label("Text speed:");
        ui.radio_value(&mut s.text_speed, TextSpeed::Slow, "slow");
        ui.radio_value(&mut s.text_speed, TextSpeed::Fast, "fast");
        ui.radio_value(&mut s.text_speed, TextSpeed::Instant, "instant");
    });
    if s != kept.value {
        kept.value = s.sanitised();
    }
}

pub fn pause(
    mut contexts: EguiContexts,
    mut actions: MessageWriter<Action>,
    mut kept: ResMut<KeptSettings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    egui::Modal::new(egui::Id::new("pause")).show(ctx, |ui| {
        ui.heading("Paused");
        let resume = ui.button("Resume (Esc)");
        if resume.clicked() {
            actions.write(Action::TogglePause);
        }
        if ui.button("End the meeting now").clicked() {
            actions.write(Action::TogglePause);
            actions.write(Action::Play(Move::End));
        }
        if ui.button("Back to the incidents").clicked() {
            actions.write(Action::TogglePause);
            actions.write(Action::Open(Screen::Picker));
        }
        if ui.button("Quit").clicked() {
            actions.write(Action::Quit);
        }
        ui.separator();
        settings_form(ui, &mut kept);
    });
    Ok(())
}
