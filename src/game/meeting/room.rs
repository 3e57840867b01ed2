//! The meeting room in Bevy 2D: the table and the people around it, each
//! figure's colour following their safety (red when closed, green when open)
//! and the one speaking ringed and leaning in. Names, roles and thought
//! bubbles are egui labels at the same seats.

use super::Session;
use super::view::RoomArea;
use crate::engine::Meeting;
use crate::game::screens::ShowsMeeting;
use crate::game::theme::palette;
use crate::scenario::ParticipantId;
use bevy::prelude::*;
use bevy::window::{PrimaryWindow, RequestRedraw};
use bevy_egui::egui;

/// Where things go in the room area, in egui points.
pub struct Layout {
    pub area: egui::Rect,
    pub screen: egui::Rect,
    pub table: egui::Rect,
    pub seats: Vec<egui::Pos2>,
}

/// The big screen on top, the table below with everyone around it.
pub fn layout(area: egui::Rect, people: usize) -> Layout {
    let split = area.top() + area.height() * 0.45;
    let screen = egui::Rect::from_min_max(
        area.min + egui::vec2(24.0, 12.0),
        egui::pos2(area.right() - 24.0, split - 8.0),
    );
    let table_area = egui::Rect::from_min_max(egui::pos2(area.left(), split), area.max);
    let c = table_area.center();
    let (rx, ry) = (table_area.width() * 0.36, table_area.height() * 0.30);
    let table = egui::Rect::from_center_size(c, egui::vec2(rx * 1.3, ry * 1.1));
    // Evenly around an ellipse a little wider than the table.
    let seats = (0..people)
        .map(|i| {
            let t = std::f32::consts::TAU * (i as f32 + 0.5) / people.max(1) as f32
                + std::f32::consts::FRAC_PI_2;
            egui::pos2(c.x + rx * 1.25 * t.cos(), c.y + ry * 1.15 * t.sin())
        })
        .collect();
    Layout {
        area,
        screen,
        table,
        seats,
    }
}

#[derive(Component)]
struct Figure {
    index: usize,
    id: ParticipantId,
    shown_safety: f32,
}

#[derive(Component)]
struct Body;

#[derive(Component)]
struct SpeakerRing;

#[derive(Component)]
struct Table;

/// Two small textures every shape in the room is cut from, so the whole
/// room draws in a couple of batched sprite draws (software renderers pay
/// per draw).
#[derive(Resource)]
struct Shapes {
    disc: Handle<Image>,
    ring: Handle<Image>,
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
        disc: images.add(round_image(0.0)),
        ring: images.add(round_image(0.78)),
    });
}

/// A white disc (or a ring whose hole is `hole` of the radius), with a
/// soft edge.
fn round_image(hole: f32) -> Image {
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
            data.extend_from_slice(&[255, 255, 255, (outer * inner * 255.0) as u8]);
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
        sprite(
            &shapes.disc,
            Color::srgb(0.30, 0.22, 0.16),
            Vec2::splat(2.0),
        ),
        Transform::default(),
        DespawnOnExit(ShowsMeeting),
    ));
    for (index, p) in session.meeting.scenario().participants.iter().enumerate() {
        let safety = session.meeting.safety_of(&p.id).unwrap_or(50);
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
                f.spawn((
                    SpeakerRing,
                    sprite(
                        &shapes.ring,
                        Color::srgb(0.55, 0.75, 1.0),
                        Vec2::splat(84.0),
                    ),
                    Transform::from_xyz(0.0, 10.0, 0.1),
                    Visibility::Hidden,
                ));
                f.spawn((
                    Body,
                    sprite(
                        &shapes.disc,
                        to_bevy(palette::mood(safety)),
                        Vec2::new(46.0, 62.0),
                    ),
                    Transform::from_xyz(0.0, -8.0, 0.2),
                ));
                f.spawn((
                    sprite(
                        &shapes.disc,
                        to_bevy(palette::person(index)),
                        Vec2::splat(32.0),
                    ),
                    Transform::from_xyz(0.0, 26.0, 0.3),
                ));
            });
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
    window: Query<&Window, With<PrimaryWindow>>,
    time: Res<Time>,
    mut figures: Query<(&mut Figure, &mut Transform, &Children), Without<Table>>,
    mut table: Query<
        &mut Transform,
        (
            With<Table>,
            Without<Figure>,
            Without<Body>,
            Without<SpeakerRing>,
        ),
    >,
    mut parts: Query<
        (
            &mut Sprite,
            Option<&Body>,
            Option<&SpeakerRing>,
            &mut Visibility,
        ),
        (Without<Figure>, Without<Table>),
    >,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let (Some(session), Some(rect), Ok(window)) = (session, area.rect, window.single()) else {
        return;
    };
    let m: &Meeting = &session.meeting;
    let size = Vec2::new(window.width(), window.height());
    let layout = layout(rect, m.scenario().participants.len());
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
    let mut animating = false;
    let dt = time.delta_secs();
    for (mut fig, mut transform, children) in &mut figures {
        let Some(seat) = layout.seats.get(fig.index) else {
            continue;
        };
        let speaking = session.speaking.as_ref() == Some(&fig.id);
        let target = f32::from(m.safety_of(&fig.id).unwrap_or(50));
        let diff = target - fig.shown_safety;
        if diff.abs() > 0.5 {
            fig.shown_safety += diff * (dt * 4.0).min(1.0);
            animating = true;
        } else if diff != 0.0 {
            fig.shown_safety = target;
        }
        let p = to_world(*seat, area.zoom, size);
        let placed = Transform::from_xyz(p.x, p.y + 20.0 * area.zoom, 1.0)
            .with_scale(Vec3::splat(area.zoom * if speaking { 1.12 } else { 1.0 }));
        if *transform != placed {
            *transform = placed;
        }
        let mood = to_bevy(palette::mood(fig.shown_safety.round() as u8));
        for child in children.iter() {
            let Ok((mut sprite, body, ring, mut visibility)) = parts.get_mut(child) else {
                continue;
            };
            if body.is_some() && sprite.color != mood {
                sprite.color = mood;
            }
            if ring.is_some() {
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

/// Names and roles under each figure; the speaker's in bold.
pub fn labels(ui: &mut egui::Ui, layout: &Layout, m: &Meeting, speaking: Option<&ParticipantId>) {
    let painter = ui.painter();
    for (i, (p, seat)) in m
        .scenario()
        .participants
        .iter()
        .zip(&layout.seats)
        .enumerate()
    {
        let safety = m.safety_of(&p.id).unwrap_or(50);
        let mut name = egui::RichText::new(&p.name)
            .color(palette::person(i))
            .strong();
        if speaking == Some(&p.id) {
            name = name.underline();
        }
        let galley = egui::WidgetText::from(name).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        );
        let at = *seat + egui::vec2(-galley.size().x / 2.0, 30.0);
        painter.galley(at, galley, palette::person(i));
        let role = egui::WidgetText::from(
            egui::RichText::new(format!("{} · {}", p.role, mood_word(safety)))
                .size(11.0)
                .color(palette::NOTE),
        )
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Wrap),
            150.0,
            egui::TextStyle::Small,
        );
        let x = (seat.x - role.size().x / 2.0).clamp(
            layout.area.left() + 2.0,
            (layout.area.right() - role.size().x - 2.0).max(layout.area.left()),
        );
        painter.galley(egui::pos2(x, seat.y + 48.0), role, palette::NOTE);
    }
}

fn mood_word(safety: u8) -> &'static str {
    match safety {
        0..20 => "shut down",
        20..35 => "guarded",
        35..50 => "wary",
        50..65 => "settling",
        65..85 => "open",
        _ => "at ease",
    }
}

/// The coach's thought bubbles: what someone feels but does not say.
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
            .fixed_pos(*seat + egui::vec2(-90.0, -95.0))
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
