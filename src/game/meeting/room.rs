//! The meeting room in Bevy 2D: the big screen on top, the table below
//! with everyone around it. Each figure shows how open its person is by
//! posture and face as well as colour (head up and arms open; arms by the
//! sides; head bowed and arms crossed), and the one speaking is ringed,
//! leans in and has a speech mark by the name. Names, the state in a word
//! and roles are egui labels in boxes the layout places, so they never
//! overlap each other or leave the room.

use super::Session;
use super::view::RoomArea;
use crate::engine::Meeting;
use crate::game::kept::KeptSettings;
use crate::game::screens::ShowsMeeting;
use crate::game::theme::{Openness, mood_word, palette};
use crate::scenario::ParticipantId;
use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw};
use bevy_egui::egui;

/// A figure's box at scale 1, in points (the speaker ring fits in it).
pub const FIGURE: f32 = 92.0;

/// Where things go in the room area, in egui points.
pub struct Layout {
    pub area: egui::Rect,
    pub screen: egui::Rect,
    pub table: egui::Rect,
    /// The centre of each person's figure.
    pub seats: Vec<egui::Pos2>,
    /// The box of each person's name and state-and-role lines: the labels
    /// are drawn inside these and clipped to them.
    pub labels: Vec<egui::Rect>,
    /// Sits behind the table (the back row), drawn under it.
    pub behind: Vec<bool>,
    /// How large the figures are drawn, times [`FIGURE`].
    pub figure_scale: f32,
    /// Labels are one line (name and state), the role left to the hover.
    pub compact: bool,
}

/// The font sizes of a label's two lines: the name, then the state and
/// role.
pub fn label_fonts(text_size: f32) -> (f32, f32) {
    (14.0 * text_size, 12.0 * text_size)
}

/// A generous height for one line of type of this size.
fn line_height(size: f32) -> f32 {
    (size * 1.35).ceil()
}

/// The big screen on top; below it the people in one row, or in two (a
/// back row behind the table and a front row before it) when one row
/// would squeeze their labels; each figure scaled to leave room for its
/// label.
pub fn layout(area: egui::Rect, people: usize, text_size: f32) -> Layout {
    let n = people.max(1);
    let (name, detail) = label_fonts(text_size);
    let min_label_w = 110.0 * text_size.max(1.0);
    let rows = if n == 1 || (area.width() - 16.0) / n as f32 >= min_label_w {
        1
    } else {
        2
    };
    let per_row = n.div_ceil(rows);
    // The screen takes up to 55% (45% when that would squeeze the labels
    // onto one line), less when the people need the height; the figures
    // shrink to fit what is left.
    let fit = |label_h: f32, share: f32| {
        let need = rows as f32 * (label_h + FIGURE * 0.45 + 8.0);
        let split = area.top()
            + (area.height() * share)
                .min(area.height() - need)
                .max(area.height() * 0.25);
        let room = egui::Rect::from_min_max(
            egui::pos2(area.left() + 8.0, split),
            egui::pos2(area.right() - 8.0, area.bottom() - 4.0),
        );
        let row_h = room.height() / rows as f32;
        let cell_w = room.width() / per_row as f32;
        let scale = ((row_h - label_h - 6.0) / FIGURE).min((cell_w - 6.0) / FIGURE);
        (split, room, row_h, cell_w, scale)
    };
    // Two lines (name; state and role) when they leave the figures room,
    // else one (name and state; the role on hover), as with large type on
    // a small projector.
    let two = line_height(name) + line_height(detail) + 4.0;
    let one = line_height(name) + 4.0;
    let share = if fit(two, 0.55).4 < 0.3 { 0.45 } else { 0.55 };
    let compact = fit(two, share).4 < 0.3;
    let label_h = if compact { one } else { two };
    let (split, room, row_h, cell_w, scale) = fit(label_h, share);
    let figure_scale = scale.clamp(0.3, 1.2);
    let screen = egui::Rect::from_min_max(
        area.min + egui::vec2(24.0, 12.0),
        egui::pos2(area.right() - 24.0, split - 8.0),
    );
    let figure = FIGURE * figure_scale;
    let label_w = (cell_w - 8.0).clamp(0.0, 220.0 * text_size.max(1.0));
    // Each row's figure and label as one block, centred in the row.
    let block = figure + 2.0 + label_h;
    let inset = ((row_h - block) / 2.0).max(0.0);
    let (mut seats, mut labels, mut behind) = (vec![], vec![], vec![]);
    for i in 0..people {
        let row = i / per_row;
        let in_row = if row + 1 == rows {
            people - row * per_row
        } else {
            per_row
        };
        let j = (i % per_row) as f32;
        let x = room.center().x + (j - (in_row as f32 - 1.0) / 2.0) * cell_w;
        let y = room.top() + row_h * row as f32 + inset + figure / 2.0;
        seats.push(egui::pos2(x, y));
        labels.push(egui::Rect::from_min_size(
            egui::pos2(x - label_w / 2.0, y + figure / 2.0 + 2.0),
            egui::vec2(label_w, label_h),
        ));
        behind.push(rows == 2 && row == 0);
    }
    let first = seats.first().copied().unwrap_or(room.center());
    let last = seats.last().copied().unwrap_or(room.center());
    let table = if rows == 2 {
        egui::Rect::from_min_max(
            egui::pos2(room.left() + cell_w * 0.2, first.y + figure * 0.05),
            egui::pos2(room.right() - cell_w * 0.2, last.y - figure * 0.15),
        )
    } else {
        egui::Rect::from_min_max(
            egui::pos2(room.left() + cell_w * 0.25, first.y - figure * 0.45),
            egui::pos2(room.right() - cell_w * 0.25, first.y + figure * 0.2),
        )
    };
    Layout {
        area,
        screen,
        table,
        seats,
        labels,
        behind,
        figure_scale,
        compact,
    }
}

#[derive(Component)]
struct Figure {
    index: usize,
    id: ParticipantId,
    shown_safety: f32,
}

/// One piece of a figure; where it sits and how it turns depend on how
/// open the person is.
#[derive(Component, Clone, Copy, PartialEq, Eq)]
enum Part {
    Ring,
    Body,
    Head,
    ArmLeft,
    ArmRight,
    EyeLeft,
    EyeRight,
    Mouth,
}

#[derive(Component)]
struct Table;

/// A few small textures every shape in the room is cut from, so the whole
/// room draws in a handful of batched sprite draws (software renderers
/// pay per draw).
#[derive(Resource)]
struct Shapes {
    disc: Handle<Image>,
    ring: Handle<Image>,
    smile: Handle<Image>,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Startup, setup)
        .add_systems(OnEnter(ShowsMeeting), spawn_room)
        .add_systems(Update, animate.run_if(in_state(ShowsMeeting)));
}

fn setup(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    // No multisampling: the room's shapes carry their own soft edges, and
    // on a software renderer a 4x target costs more than the whole room.
    commands.spawn((Camera2d, Msaa::Off));
    commands.insert_resource(Shapes {
        disc: images.add(round_image(0.0, false)),
        ring: images.add(round_image(0.78, false)),
        smile: images.add(round_image(0.55, true)),
    });
}

/// A white disc (or a ring whose hole is `hole` of the radius, or the
/// lower half of that ring), with a soft edge.
fn round_image(hole: f32, lower_half: bool) -> Image {
    use bevy::asset::RenderAssetUsages;
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
    const N: u32 = 64;
    let mut data = Vec::with_capacity((N * N * 4) as usize);
    for y in 0..N {
        for x in 0..N {
            let (dx, dy) = (
                x as f32 + 0.5 - N as f32 / 2.0,
                y as f32 + 0.5 - N as f32 / 2.0,
            );
            let r = (dx * dx + dy * dy).sqrt() / (N as f32 / 2.0);
            let outer = ((1.0 - r) * N as f32 / 2.0).clamp(0.0, 1.0);
            let inner = if hole > 0.0 {
                ((r - hole) * N as f32 / 2.0).clamp(0.0, 1.0)
            } else {
                1.0
            };
            // The lower half of a ring is a smile; flipped, a frown.
            let half = if lower_half {
                (dy * 2.0).clamp(0.0, 1.0)
            } else {
                1.0
            };
            data.extend_from_slice(&[255, 255, 255, (outer * inner * half * 255.0) as u8]);
        }
    }
    Image::new(
        Extent3d {
            width: N,
            height: N,
            depth_or_array_layers: 1,
        },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD,
    )
}

fn sprite(image: &Handle<Image>, color: Color, size: Vec2) -> Sprite {
    Sprite {
        image: image.clone(),
        color,
        custom_size: Some(size),
        ..default()
    }
}

fn spawn_room(mut commands: Commands, session: Option<Res<Session>>, shapes: Res<Shapes>) {
    let Some(session) = session else { return };
    commands.spawn((
        Table,
        sprite(&shapes.disc, to_bevy(palette::TABLE), Vec2::splat(2.0)),
        Transform::default(),
        DespawnOnExit(ShowsMeeting),
    ));
    for (index, p) in session.meeting.scenario().participants.iter().enumerate() {
        let safety = session.meeting.safety_of(&p.id).unwrap_or(50);
        let dark = Color::srgb(0.08, 0.08, 0.10);
        commands
            .spawn((
                Figure {
                    index,
                    id: p.id.clone(),
                    shown_safety: f32::from(safety),
                },
                Transform::default(),
                Visibility::default(),
                DespawnOnExit(ShowsMeeting),
            ))
            .with_children(|f| {
                let mood = to_bevy(palette::mood(safety));
                let mut part = |part: Part, image: &Handle<Image>, color: Color| {
                    f.spawn((part, sprite(image, color, Vec2::ONE), Transform::default()));
                };
                part(Part::Ring, &shapes.ring, to_bevy(palette::SPEAKER));
                part(Part::ArmLeft, &shapes.disc, mood);
                part(Part::ArmRight, &shapes.disc, mood);
                part(Part::Body, &shapes.disc, mood);
                part(Part::Head, &shapes.disc, to_bevy(palette::person(index)));
                part(Part::EyeLeft, &shapes.disc, dark);
                part(Part::EyeRight, &shapes.disc, dark);
                part(Part::Mouth, &shapes.smile, dark);
            });
    }
}

/// Where a part sits (x, y, z), its size, its turn in radians, and whether
/// it is drawn upside down (a smile turned into a frown), for a posture.
/// In world units at figure scale 1, y up, the figure's centre at 0.
fn pose(part: Part, o: Openness) -> (Vec3, Vec2, f32, bool) {
    // The head: up when open, lower when wary, bowed when shut.
    let head = match o {
        Openness::Open => 22.0,
        Openness::Wary => 18.0,
        Openness::Shut => 10.0,
    };
    // Eyes look down when shut.
    let eyes = head + if o == Openness::Shut { -2.0 } else { 3.0 };
    let mouth = head - 7.0;
    let side = |sign: f32| match o {
        // Arms held open, out and up.
        Openness::Open => (Vec3::new(sign * 27.0, -6.0, 0.15), 0.65 * -sign),
        // Arms by the sides.
        Openness::Wary => (Vec3::new(sign * 24.0, -18.0, 0.15), 0.12 * -sign),
        // Arms crossed over the chest, in front of the body.
        Openness::Shut => (Vec3::new(sign * 2.0, -14.0, 0.25), 1.2 * sign),
    };
    match part {
        Part::Ring => (Vec3::new(0.0, 0.0, 0.1), Vec2::splat(88.0), 0.0, false),
        Part::Body => match o {
            Openness::Shut => (
                Vec3::new(0.0, -18.0, 0.2),
                Vec2::new(50.0, 52.0),
                0.0,
                false,
            ),
            _ => (
                Vec3::new(0.0, -14.0, 0.2),
                Vec2::new(46.0, 60.0),
                0.0,
                false,
            ),
        },
        Part::Head => (Vec3::new(0.0, head, 0.3), Vec2::splat(32.0), 0.0, false),
        Part::ArmLeft | Part::ArmRight => {
            let (at, turn) = side(if part == Part::ArmLeft { -1.0 } else { 1.0 });
            let size = if o == Openness::Shut {
                Vec2::new(11.0, 40.0)
            } else {
                Vec2::new(12.0, 34.0)
            };
            (at, size, turn, false)
        }
        Part::EyeLeft => (Vec3::new(-6.0, eyes, 0.4), Vec2::splat(5.0), 0.0, false),
        Part::EyeRight => (Vec3::new(6.0, eyes, 0.4), Vec2::splat(5.0), 0.0, false),
        Part::Mouth => match o {
            // A smile: the lower half of a ring.
            Openness::Open => (
                Vec3::new(0.0, mouth + 2.0, 0.4),
                Vec2::new(14.0, 12.0),
                0.0,
                false,
            ),
            // A flat line.
            Openness::Wary => (Vec3::new(0.0, mouth, 0.4), Vec2::new(11.0, 3.0), 0.0, false),
            // A frown: the smile turned over.
            Openness::Shut => (
                Vec3::new(0.0, mouth - 3.0, 0.4),
                Vec2::new(12.0, 10.0),
                0.0,
                true,
            ),
        },
    }
}

fn to_bevy(c: egui::Color32) -> Color {
    Color::srgb_u8(c.r(), c.g(), c.b())
}

/// egui points to world coordinates (the 2D camera is centred).
fn to_world(p: egui::Pos2, zoom: f32, window: Vec2) -> Vec2 {
    Vec2::new(p.x * zoom - window.x / 2.0, window.y / 2.0 - p.y * zoom)
}

#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn animate(
    session: Option<Res<Session>>,
    area: Res<RoomArea>,
    kept: Res<KeptSettings>,
    shapes: Res<Shapes>,
    window: Query<&Window, With<PrimaryWindow>>,
    time: Res<Time>,
    mut figures: Query<(&mut Figure, &mut Transform, &Children), Without<Table>>,
    mut table: Query<&mut Transform, (With<Table>, Without<Figure>, Without<Part>)>,
    mut parts: Query<
        (&Part, &mut Sprite, &mut Transform, &mut Visibility),
        (Without<Figure>, Without<Table>),
    >,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (Some(session), Some(rect), Ok(window)) = (session, area.rect, window.single()) else {
        return;
    };
    let m: &Meeting = &session.meeting;
    let size = Vec2::new(window.width(), window.height());
    let layout = layout(rect, m.scenario().participants.len(), area.text_size);
    if let Ok(mut t) = table.single_mut() {
        let c = to_world(layout.table.center(), area.zoom, size);
        let scale = Vec3::new(
            layout.table.width() * area.zoom / 2.0,
            layout.table.height() * area.zoom / 2.0,
            1.0,
        );
        let placed = Transform::from_xyz(c.x, c.y, 0.0).with_scale(scale);
        if *t != placed {
            *t = placed;
        }
    }
    let reduce_motion = kept.value.reduce_motion;
    let mut animating = false;
    let dt = time.delta_secs();
    for (mut fig, mut transform, children) in &mut figures {
        let Some(seat) = layout.seats.get(fig.index) else {
            continue;
        };
        let speaking = session.speaking.as_ref() == Some(&fig.id);
        let target = f32::from(m.safety_of(&fig.id).unwrap_or(50));
        let diff = target - fig.shown_safety;
        if diff.abs() > 0.5 && !reduce_motion {
            fig.shown_safety += diff * (dt * 4.0).min(1.0);
            animating = true;
        } else if diff != 0.0 {
            fig.shown_safety = target;
        }
        let p = to_world(*seat, area.zoom, size);
        // The back row sits behind the table.
        let z = if layout.behind.get(fig.index) == Some(&true) {
            -1.0
        } else {
            1.0
        };
        let lean = if speaking && !reduce_motion {
            1.12
        } else {
            1.0
        };
        let placed = Transform::from_xyz(p.x, p.y, z)
            .with_scale(Vec3::splat(area.zoom * layout.figure_scale * lean));
        if *transform != placed {
            *transform = placed;
        }
        let shown = fig.shown_safety.round().clamp(0.0, 100.0) as u8;
        let mood = to_bevy(palette::mood(shown));
        let arms = to_bevy(palette::mood(shown).gamma_multiply(0.8));
        let openness = Openness::of(shown);
        for child in children.iter() {
            let Ok((part, mut sprite, mut t, mut visibility)) = parts.get_mut(child) else {
                continue;
            };
            let (at, size, turn, flip) = pose(*part, openness);
            let posed = Transform::from_translation(at).with_rotation(Quat::from_rotation_z(turn));
            if *t != posed {
                *t = posed;
            }
            if sprite.custom_size != Some(size) {
                sprite.custom_size = Some(size);
            }
            if sprite.flip_y != flip {
                sprite.flip_y = flip;
            }
            let color = match part {
                Part::Body => Some(mood),
                Part::ArmLeft | Part::ArmRight => Some(if openness == Openness::Shut {
                    arms
                } else {
                    mood
                }),
                _ => None,
            };
            if let Some(color) = color
                && sprite.color != color
            {
                sprite.color = color;
            }
            if *part == Part::Mouth {
                let image = if openness == Openness::Wary {
                    &shapes.disc
                } else {
                    &shapes.smile
                };
                if sprite.image != *image {
                    sprite.image = image.clone();
                }
            }
            if *part == Part::Ring {
                visibility.set_if_neq(if speaking {
                    Visibility::Visible
                } else {
                    Visibility::Hidden
                });
            }
        }
    }
    if animating {
        redraw.write(RequestRedraw);
    }
}

/// One line cut to `width` with an ellipsis.
fn one_line(width: f32) -> egui::text::TextWrapping {
    egui::text::TextWrapping {
        max_width: width,
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    }
}

/// A label's first line: the name (with a speech mark and underline when
/// speaking) and, when the label is compact, how they feel in a word.
pub fn name_line(
    name: &str,
    colour: egui::Color32,
    speaks: bool,
    state: Option<u8>,
    width: f32,
    text_size: f32,
) -> egui::text::LayoutJob {
    let (name_size, detail_size) = label_fonts(text_size);
    let mut job = egui::text::LayoutJob {
        wrap: one_line(width),
        ..Default::default()
    };
    job.append(
        &if speaks {
            format!("💬 {name}")
        } else {
            name.to_owned()
        },
        0.0,
        egui::TextFormat {
            font_id: egui::FontId::proportional(name_size),
            color: colour,
            underline: if speaks {
                egui::Stroke::new(1.5, colour)
            } else {
                egui::Stroke::NONE
            },
            ..Default::default()
        },
    );
    if let Some(safety) = state {
        job.append(
            &format!(" · {}", mood_word(safety)),
            0.0,
            egui::TextFormat::simple(
                egui::FontId::proportional(detail_size),
                palette::mood(safety),
            ),
        );
    }
    job
}

/// A label's second line: how they feel in a word, then the role, cut.
pub fn detail_line(safety: u8, role: &str, width: f32, text_size: f32) -> egui::text::LayoutJob {
    let font = egui::FontId::proportional(label_fonts(text_size).1);
    let mut job = egui::text::LayoutJob {
        wrap: one_line(width),
        ..Default::default()
    };
    job.append(
        mood_word(safety),
        0.0,
        egui::TextFormat::simple(font.clone(), palette::mood(safety)),
    );
    job.append(
        &format!(" · {role}"),
        0.0,
        egui::TextFormat::simple(font, palette::NOTE),
    );
    job
}

/// The width inside a label's box that its lines may use.
pub fn text_width(label: egui::Rect) -> f32 {
    label.width() - 8.0
}

/// Each person's name (a speech mark and underline on the speaker's) and
/// how they feel in a word, then their role, cut to fit the box the layout
/// gave them; hovering shows it all.
pub fn labels(
    ui: &mut egui::Ui,
    layout: &Layout,
    m: &Meeting,
    speaking: Option<&ParticipantId>,
    text_size: f32,
) {
    let name_h = line_height(label_fonts(text_size).0);
    for (i, (p, rect)) in m
        .scenario()
        .participants
        .iter()
        .zip(&layout.labels)
        .enumerate()
    {
        let safety = m.safety_of(&p.id).unwrap_or(50);
        let speaks = speaking == Some(&p.id);
        let painter = ui.painter().with_clip_rect(rect.intersect(ui.clip_rect()));
        painter.rect_filled(*rect, 4.0, palette::PLATE);
        if speaks {
            painter.rect_stroke(
                *rect,
                4.0,
                egui::Stroke::new(2.0, palette::SPEAKER),
                egui::StrokeKind::Inside,
            );
        }
        let width = text_width(*rect);
        let top = rect.top() + 2.0;
        let centred = |w: f32| rect.center().x - w / 2.0;
        let colour = palette::person(i);
        let state = layout.compact.then_some(safety);
        let name = painter.layout_job(name_line(&p.name, colour, speaks, state, width, text_size));
        painter.galley(egui::pos2(centred(name.size().x), top), name, colour);
        if !layout.compact {
            let detail = painter.layout_job(detail_line(safety, &p.role, width, text_size));
            painter.galley(
                egui::pos2(centred(detail.size().x), top + name_h),
                detail,
                palette::NOTE,
            );
        }
        // What the hover says, a screen reader hears: who, and how they are.
        let said = format!(
            "{}{}, {}: {}",
            p.name,
            if speaks { " (speaking)" } else { "" },
            p.role,
            mood_word(safety)
        );
        let seat = ui.interact(*rect, egui::Id::new(("seat", i)), egui::Sense::hover());
        seat.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &said));
        seat.on_hover_text(said);
    }
}

/// The coach's thought bubbles, above the thinker: what someone feels but
/// does not say.
pub fn thoughts(
    ui: &mut egui::Ui,
    layout: &Layout,
    m: &Meeting,
    thoughts: &[(ParticipantId, String)],
) {
    for (who, text) in thoughts {
        let Some(i) = m.scenario().participants.iter().position(|p| &p.id == who) else {
            continue;
        };
        let Some(seat) = layout.seats.get(i) else {
            continue;
        };
        egui::Area::new(egui::Id::new(("thought", i)))
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(*seat - egui::vec2(0.0, FIGURE * layout.figure_scale / 2.0))
            .constrain_to(layout.area)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .corner_radius(12.0)
                    .show(ui, |ui| {
                        ui.set_max_width(190.0);
                        ui.label(egui::RichText::new(format!("💭 {text}")).small().italics());
                    });
            });
    }
}
