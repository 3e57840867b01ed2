//! The meeting screen while it is played: the choices by whom they address,
//! the facilitation moves, the big screen's controls and the own-words
//! box, in the right-hand panel of the meeting's frame (`view.rs`).

use super::input::{
    Addressee, FocusReplies, MeetingInput, options, response_to_open_moment, targets,
};
use super::own_words::{self, OwnWords};
use super::view::{self, RoomArea, TranscriptView};
use super::{Banner, ChoiceBadges, Propose, Session};
use crate::engine::{Meeting, Move};
use crate::game::kept::KeptSettings;
use crate::game::theme::{Projector, palette};
use crate::game::widgets::{root, target_name};
use crate::scenario::{SCREEN_PHASES, Target};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

#[allow(clippy::too_many_arguments)]
pub fn meeting_screen(
    mut contexts: EguiContexts,
    session: Res<Session>,
    (addressee, mut focus): (Res<Addressee>, ResMut<FocusReplies>),
    (kept, projector, banner, badges): (
        Res<KeptSettings>,
        Res<Projector>,
        Res<Banner>,
        Res<ChoiceBadges>,
    ),
    (mut area, mut view): (ResMut<RoomArea>, ResMut<TranscriptView>),
    time: Res<Time<Real>>,
    mut own: Local<OwnWords>,
    mut input: MessageWriter<MeetingInput>,
    mut propose: MessageWriter<Propose>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let m = &session.meeting;
    let frame = view::Frame {
        kept: &kept,
        projector: *projector,
        banner: &banner,
        now: time.elapsed_secs_f64(),
        interactive: true,
        focus_replies: std::mem::take(&mut focus.bypass_change_detection().0),
    };
    let mut wanted: Vec<Propose> = Vec::new();
    let picked = view::frame(&mut ui, &session, &frame, &mut area, &mut view, |ui| {
        let target = targets(m).get(addressee.0).cloned().unwrap_or(Target::Room);
        for i in choices(ui, m, addressee.0, &badges, projector.0) {
            input.write(i);
        }
        facilitate(ui, m, &target, &mut input, &mut wanted);
        if let Some(mv) = own_words::show(ui, m, &target, &mut own) {
            wanted.push(Propose(mv));
        }
    });
    for p in picked.into_iter().chain(wanted) {
        propose.write(p);
    }
    Ok(())
}

/// Whom to ask (`selected` among the targets) and what; returns what was
/// pressed.
pub fn choices(
    ui: &mut egui::Ui,
    m: &Meeting,
    selected: usize,
    badges: &ChoiceBadges,
    big: bool,
) -> Vec<MeetingInput> {
    let mut input = Vec::new();
    let all = targets(m);
    ui.label(
        egui::RichText::new("Ask… (arrow keys Left/Right change whom; 1–9 choose)")
            .color(palette::NOTE),
    );
    ui.horizontal_wrapped(|ui| {
        for (i, t) in all.iter().enumerate() {
            let n = options(m, t).len();
            let mut label = format!("{} ({n})", target_name(m.scenario(), t));
            if let Target::Person(p) = t
                && !m.is_present(p)
            {
                label = format!("{} (not here)", target_name(m.scenario(), t));
            }
            if ui.selectable_label(i == selected, label).clicked() {
                input.push(MeetingInput::NextTarget(i as i32 - selected as i32));
            }
        }
    });
    ui.separator();
    let target = all.get(selected).cloned().unwrap_or(Target::Room);
    egui::ScrollArea::vertical()
        .id_salt("choice-list")
        .max_height(ui.available_height() * 0.5)
        .show(ui, |ui| {
            let opts = options(m, &target);
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
                let badge = badges
                    .0
                    .get(&o.mv)
                    .map_or(String::new(), |b| format!("   [{b}]"));
                let mut text = egui::RichText::new(format!("{key}{}{badge}", o.label));
                if big {
                    text = text.size(crate::game::theme::pt(ui, 20.0));
                }
                let button = egui::Button::new(text).wrap();
                if ui.add_sized([ui.available_width(), 0.0], button).clicked() {
                    input.push(MeetingInput::Choose(i));
                }
            }
        });
    input
}

/// Moves that are not questions: responses, the big screen, the clock.
fn facilitate(
    ui: &mut egui::Ui,
    m: &Meeting,
    target: &Target,
    input: &mut MessageWriter<MeetingInput>,
    wanted: &mut Vec<Propose>,
) {
    ui.separator();
    ui.label(egui::RichText::new("Facilitate").color(palette::NOTE));
    ui.horizontal_wrapped(|ui| {
        if let Some(mv) = response_to_open_moment(m)
            && ui
                .button(
                    egui::RichText::new(format!("Respond: {} (R)", mv.label(m.scenario())))
                        .color(palette::WARN),
                )
                .clicked()
        {
            input.write(MeetingInput::Respond);
        }
        let mut offer = |ui: &mut egui::Ui, mv: Move| {
            if m.check(&mv).is_ok() && ui.button(mv.label(m.scenario())).clicked() {
                wanted.push(Propose(mv));
            }
        };
        for mv in [
            Move::Normalise,
            Move::Redirect,
            Move::NameHindsight,
            Move::Pin,
            Move::Park,
            Move::Clarify,
            Move::BothViews,
            Move::Breather,
        ] {
            offer(ui, mv);
        }
        if let Target::Person(p) = target
            && m.is_present(p)
        {
            for mv in [
                Move::Reassure(p.clone()),
                Move::Invite(p.clone()),
                Move::Curb(p.clone()),
            ] {
                offer(ui, mv);
            }
        }
    });
    if SCREEN_PHASES.contains(&m.phase()) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Big screen:");
            for a in &m.scenario().artifacts {
                let mv = Move::Show(a.id.clone());
                if m.check(&mv).is_ok() && ui.small_button(&a.title).clicked() {
                    wanted.push(Propose(mv));
                }
            }
            if m.check(&Move::Zoom).is_ok() && ui.button("Zoom (Z)").clicked() {
                wanted.push(Propose(Move::Zoom));
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
                wanted.push(Propose(mv));
            }
        }
    });
}
