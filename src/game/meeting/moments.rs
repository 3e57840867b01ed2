//! The banner of an open moment: who did what, how many moves are left to
//! respond, and the ways to respond. A moment with authored replies offers
//! them all, good and tempting alike, in an order that does not give the
//! good one away; one without offers its one-button move.

use super::Propose;
use crate::engine::{Meeting, Move};
use crate::game::theme::palette;
use crate::game::widgets::target_name;
use crate::scenario::{Moment, Target};
use bevy_egui::egui;

/// Draws a banner per open moment under the big screen; returns the move
/// the player picked in one, if any.
pub fn banners(
    ui: &mut egui::Ui,
    screen: egui::Rect,
    m: &Meeting,
    interactive: bool,
    mut focus: bool,
) -> Vec<Propose> {
    let now = m.played().len();
    let mut picked = Vec::new();
    let mut y = screen.bottom() + 6.0;
    for (i, (moment, by)) in m.open_moments().enumerate() {
        let left = (by + 1).saturating_sub(now);
        let who = target_name(m.scenario(), &Target::Person(moment.who.clone()));
        let area = egui::Area::new(egui::Id::new(("moment", i)))
            .fixed_pos(egui::pos2(screen.left(), y))
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .fill(egui::Color32::from_rgb(70, 50, 20))
                    .show(ui, |ui| {
                        ui.set_max_width(screen.width());
                        ui.label(
                            egui::RichText::new(format!(
                                "⚠ {who}: {} — respond within {left} move(s)",
                                moment.kind.label()
                            ))
                            .color(palette::WARN)
                            .strong(),
                        );
                        if !interactive {
                            return;
                        }
                        if moment.replies.is_empty() {
                            let mv = moment.kind.shortcut(&moment.who);
                            if ui
                                .button(format!("Respond: {} (R)", mv.label(m.scenario())))
                                .clicked()
                            {
                                picked.push(Propose(mv));
                            }
                        } else {
                            ui.label(
                                egui::RichText::new("Say (R, then Tab and Enter):")
                                    .small()
                                    .color(palette::NOTE),
                            );
                            for r in shuffled(moment) {
                                let button = egui::Button::new(format!("“{}”", r.text)).wrap();
                                let button = ui.add(button);
                                if std::mem::take(&mut focus) {
                                    button.request_focus();
                                }
                                if button.clicked() {
                                    picked.push(Propose(Move::Respond(r.id.clone())));
                                }
                            }
                        }
                    });
            });
        y = area.response.rect.bottom() + 4.0;
    }
    picked
}

/// The replies in an order fixed for the moment but unrelated to how they
/// were authored, so the good one is not always first.
fn shuffled(moment: &Moment) -> Vec<&crate::scenario::Reply> {
    let mut replies: Vec<_> = moment.replies.iter().collect();
    replies.sort_by_key(|r| fnv(&format!("{}/{}", moment.id, r.id)));
    replies
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
