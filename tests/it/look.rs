//! The game's look as a player meets it: every state readable without
//! colour and by colour-blind eyes, text that meets WCAG AA contrast, names
//! that never overlap in the room, a focus ring that Tab moves, and the
//! text size and reduced-motion settings. Everything here runs egui
//! without a window, on the same code the game draws with.

use crate::support;
use bevy_egui::egui;
use second_story::game::kept::KeptSettings;
use second_story::game::meeting::view::{self, RoomArea, TranscriptView};
use second_story::game::meeting::{Banner, Session, room};
use second_story::game::textboxes;
use second_story::game::theme::{self, Look, Openness, Projector, contrast, palette};
use second_story::store::{Settings, TextSpeed};

/// Backgrounds text is drawn on, by name, for a look.
fn backgrounds(projector: bool) -> Vec<(&'static str, egui::Color32)> {
    let v = theme::visuals(projector);
    vec![
        ("panel", v.panel_fill),
        ("window", v.window_fill),
        ("text field", v.extreme_bg_color),
        ("room", palette::BACKGROUND_32),
        ("name plate", palette::PLATE),
    ]
}

#[test]
fn every_text_colour_meets_wcag_aa_on_every_background_it_is_drawn_on() {
    let mut failures = vec![];
    let mut worst = f32::MAX;
    for projector in [false, true] {
        let v = theme::visuals(projector);
        let mut texts = vec![
            ("facilitator", palette::FACILITATOR),
            ("note", palette::NOTE),
            ("good", palette::GOOD),
            ("poor", palette::POOR),
            ("warn", palette::WARN),
            ("label", v.text_color()),
            ("weak text", v.weak_text_color()),
            ("strong text", v.strong_text_color()),
        ];
        for i in 0..8 {
            texts.push(("person", palette::person(i)));
        }
        // The state word under a name is drawn in the mood colour.
        for safety in (0..=100).step_by(5) {
            texts.push(("mood word", palette::mood(safety)));
        }
        for (text, fg) in &texts {
            for (bg_name, bg) in backgrounds(projector) {
                let ratio = contrast(*fg, bg);
                worst = worst.min(ratio);
                if ratio < 4.5 {
                    failures.push(format!(
                        "{text} {fg:?} on {bg_name} {bg:?} (projector {projector}): {ratio:.2}"
                    ));
                }
            }
        }
        // Button text on each state of a button, and selected text.
        let w = &v.widgets;
        for (name, wv) in [
            ("button", w.inactive),
            ("hovered button", w.hovered),
            ("pressed or focused button", w.active),
        ] {
            for bg in [wv.bg_fill, wv.weak_bg_fill] {
                let ratio = contrast(wv.fg_stroke.color, bg);
                worst = worst.min(ratio);
                if ratio < 4.5 {
                    failures.push(format!("{name} text (projector {projector}): {ratio:.2}"));
                }
            }
        }
        let ratio = contrast(v.selection.stroke.color, v.selection.bg_fill);
        if ratio < 4.5 {
            failures.push(format!("selected text (projector {projector}): {ratio:.2}"));
        }
    }
    assert!(failures.is_empty(), "below 4.5:1:\n{}", failures.join("\n"));
    assert!(worst >= 4.5);
}

#[test]
fn marks_in_the_room_stand_out_at_three_to_one() {
    // Non-text: a figure's body against the table and the room, the
    // speaker's ring and the focus ring against what is behind them.
    for safety in 0..=100 {
        let mood = palette::mood(safety);
        for bg in [palette::TABLE, palette::BACKGROUND_32] {
            let ratio = contrast(mood, bg);
            assert!(ratio >= 3.0, "mood at {safety} on {bg:?}: {ratio:.2}");
        }
    }
    assert!(contrast(palette::SPEAKER, palette::TABLE) >= 3.0);
    assert!(contrast(palette::SPEAKER, palette::BACKGROUND_32) >= 3.0);
    for projector in [false, true] {
        let v = theme::visuals(projector);
        let ring = v.widgets.active.bg_stroke.color;
        for bg in [
            v.panel_fill,
            v.window_fill,
            v.widgets.active.weak_bg_fill,
            v.widgets.active.bg_fill,
        ] {
            let ratio = contrast(ring, bg);
            assert!(ratio >= 3.0, "focus ring on {bg:?}: {ratio:.2}");
        }
    }
}

/// Viénot, Brettel and Mollon's simulation of a dichromat's view, in
/// linear RGB, back to sRGB 0–255.
fn as_seen_by(c: egui::Color32, m: [[f32; 3]; 3]) -> [f32; 3] {
    let lin = second_story::game::theme::linear;
    let enc = |v: f32| {
        let v = v.clamp(0.0, 1.0);
        255.0
            * if v <= 0.003_130_8 {
                v * 12.92
            } else {
                1.055 * v.powf(1.0 / 2.4) - 0.055
            }
    };
    let rgb = [lin(c.r()), lin(c.g()), lin(c.b())];
    std::array::from_fn(|i| enc(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]))
}

#[test]
fn open_wary_and_shut_look_different_to_protanopes_and_deuteranopes() {
    const PROTAN: [[f32; 3]; 3] = [
        [0.112_38, 0.887_62, 0.0],
        [0.112_38, 0.887_62, 0.0],
        [0.004_01, -0.004_01, 1.0],
    ];
    const DEUTAN: [[f32; 3]; 3] = [
        [0.292_75, 0.707_25, 0.0],
        [0.292_75, 0.707_25, 0.0],
        [-0.022_34, 0.022_34, 1.0],
    ];
    let states = [(10, "shut"), (50, "wary"), (90, "open")];
    for (vision, m) in [("protanopia", PROTAN), ("deuteranopia", DEUTAN)] {
        for (a, an) in states {
            for (b, bn) in states {
                if a >= b {
                    continue;
                }
                let (x, y) = (
                    as_seen_by(palette::mood(a), m),
                    as_seen_by(palette::mood(b), m),
                );
                let d = (0..3).map(|i| (x[i] - y[i]).powi(2)).sum::<f32>().sqrt();
                assert!(d >= 70.0, "{an} and {bn} too alike with {vision}: {d:.0}");
            }
        }
        let (g, p) = (as_seen_by(palette::GOOD, m), as_seen_by(palette::POOR, m));
        let d = (0..3).map(|i| (g[i] - p[i]).powi(2)).sum::<f32>().sqrt();
        assert!(d >= 70.0, "good and poor too alike with {vision}: {d:.0}");
    }
}

#[test]
fn each_state_of_a_person_has_its_own_word_as_well_as_a_colour() {
    let shut = (theme::mood_word(10), Openness::of(10));
    let wary = (theme::mood_word(45), Openness::of(45));
    let open = (theme::mood_word(90), Openness::of(90));
    assert_eq!(shut.1, Openness::Shut);
    assert_eq!(wary.1, Openness::Wary);
    assert_eq!(open.1, Openness::Open);
    assert!(shut.0 != wary.0 && wary.0 != open.0 && shut.0 != open.0);
    // Every safety maps to a word (the label never shows colour alone).
    assert!((0..=100).all(|s| !theme::mood_word(s).is_empty()));
}

/// The room as the meeting screen lays it out in a window of `size`
/// pixels: runs egui on the real meeting frame and returns the room area
/// it gave, for each person whether their name line would be cut, and any
/// text the whole screen drew over other text.
fn room_in_window(
    id: &str,
    size: (f32, f32),
    projector: bool,
    text_size: f32,
) -> (room::Layout, Vec<bool>, Vec<String>) {
    let session = Session::new(support::scenario(id), 1).expect("a meeting");
    let zoom = if projector {
        theme::PROJECTOR_SCALE
    } else {
        1.0
    };
    let kept = KeptSettings {
        value: Settings {
            text_size,
            ..Settings::default()
        },
        ..Default::default()
    };
    // Two lines under the phase bar (a hand-over and a timeline entry's
    // worth), so the room is no larger than in play.
    let banner = Banner(vec![
        "In the seat: Ana · next: Ben, at each timeline entry and phase".into(),
        "Timeline: 10:04 — the run finishes".into(),
    ]);
    let frame = view::Frame {
        kept: &kept,
        projector: Projector(projector),
        banner: &banner,
        now: 0.0,
        interactive: true,
        focus_replies: false,
    };
    let ctx = egui::Context::default();
    let look = theme::style(Look {
        projector,
        text_size,
        reduce_motion: false,
    });
    ctx.all_styles_mut(|s| *s = look.clone());
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(size.0 / zoom, size.1 / zoom),
        )),
        ..Default::default()
    };
    let (mut area, mut transcript) = (RoomArea::default(), TranscriptView::default());
    let mut boxes = vec![];
    for _ in 0..3 {
        let _ = ctx.run_ui(input.clone(), |ui| {
            view::frame(ui, &session, &frame, &mut area, &mut transcript, |ui| {
                // The choices fill their panel, as the game's do.
                ui.set_min_width(ui.available_width());
                ui.label("choices");
            });
            boxes = textboxes::collect(ui.ctx());
        });
    }
    let rect = area.rect.expect("the meeting frame laid out a room");
    let people = session.meeting.scenario().participants.len();
    let layout = room::layout(rect, people, text_size);
    // Each name as its label draws it, at its worst: speaking, and (on a
    // compact label) followed by the longest state word.
    let cut = session
        .meeting
        .scenario()
        .participants
        .iter()
        .zip(&layout.labels)
        .map(|(p, label)| {
            [0u8, 25, 40, 55, 70, 90].iter().any(|&safety| {
                let job = room::name_line(
                    &p.name,
                    palette::person(0),
                    true,
                    layout.compact.then_some(safety),
                    room::text_width(*label),
                    text_size,
                );
                // The state leads the second line, so only the role is
                // ever cut there.
                let state = room::detail_line(safety, "", room::text_width(*label), text_size);
                ctx.fonts_mut(|f| f.layout_job(job).elided || f.layout_job(state).elided)
            })
        })
        .collect();
    (layout, cut, textboxes::overlaps(&boxes))
}

#[test]
fn names_and_roles_never_overlap_and_stay_in_the_room_for_every_incident() {
    let ids: Vec<String> = std::fs::read_dir(support::root().join("scenarios"))
        .expect("scenarios")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "ron").then(|| p.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    assert!(ids.len() >= 10, "the shipped incidents: {ids:?}");
    let mut checked = 0;
    let mut failures: Vec<String> = vec![];
    macro_rules! check {
        ($cond:expr, $($msg:tt)+) => {
            let ok: bool = $cond;
            if !ok {
                failures.push(format!($($msg)+));
            }
        };
    }
    for id in &ids {
        for size in [(1280.0, 720.0), (1920.0, 1080.0)] {
            for projector in [false, true] {
                for text_size in [1.0, Settings::MAX_TEXT] {
                    let (l, cut, over) = room_in_window(id, size, projector, text_size);
                    let at = format!("{id} at {size:?}, projector {projector}, text {text_size}");
                    check!(over.is_empty(), "{at}: text over text: {over:?}");
                    let n = l.labels.len();
                    check!(n == l.seats.len(), "{at}: a seat per label");
                    check!(n >= 2, "{at}: a cast");
                    check!(l.figure_scale >= 0.3, "{at}: figures drawn too small");
                    let figure = |i: usize| {
                        egui::Rect::from_center_size(
                            l.seats[i],
                            egui::Vec2::splat(room::FIGURE * l.figure_scale),
                        )
                    };
                    for (i, &label) in l.labels.iter().enumerate() {
                        check!(
                            l.area.contains_rect(label),
                            "{at}: {i}'s label {label:?} leaves the room {:?} (under a panel)",
                            l.area
                        );
                        check!(
                            l.area.contains_rect(figure(i)),
                            "{at}: figure {i} leaves the room"
                        );
                        check!(
                            !label.intersects(l.screen),
                            "{at}: {i}'s label covers the big screen"
                        );
                        check!(!cut[i], "{at}: {i}'s name or state is cut");
                        for j in 0..n {
                            if i == j {
                                continue;
                            }
                            check!(
                                !label.intersects(l.labels[j]),
                                "{at}: labels {i} {label:?} and {j} {:?} overlap",
                                l.labels[j]
                            );
                            check!(
                                !label.intersects(figure(j)),
                                "{at}: {i}'s label covers figure {j}"
                            );
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(checked, ids.len() * 8);
}

/// Tab pressed over two buttons; returns the strokes drawn each frame.
fn strokes_after_tab(look: Look) -> (Vec<egui::Stroke>, Vec<egui::Stroke>, bool) {
    let ctx = egui::Context::default();
    let style = theme::style(look);
    ctx.all_styles_mut(|s| *s = style.clone());
    let input = |events: Vec<egui::Event>| egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(800.0, 600.0),
        )),
        events,
        ..Default::default()
    };
    let strokes = |out: egui::FullOutput| -> Vec<egui::Stroke> {
        out.shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Rect(r) => Some(r.stroke),
                _ => None,
            })
            .collect()
    };
    let ui = |ui: &mut egui::Ui| {
        let _ = ui.button("Start");
        let _ = ui.button("Settings");
    };
    let before = strokes(ctx.run_ui(input(vec![]), ui));
    let tab = egui::Event::Key {
        key: egui::Key::Tab,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    let _ = ctx.run_ui(input(vec![tab]), ui);
    let after = strokes(ctx.run_ui(input(vec![]), ui));
    let focused = ctx.memory(|m| m.focused().is_some());
    (before, after, focused)
}

#[test]
fn tab_puts_a_thick_high_contrast_ring_on_a_button() {
    for projector in [false, true] {
        let look = Look {
            projector,
            ..Look::default()
        };
        let (before, after, focused) = strokes_after_tab(look);
        assert!(focused, "Tab focused a button");
        let ring = |s: &egui::Stroke| s.color == palette::FOCUS && s.width >= 2.0;
        assert!(!before.iter().any(ring), "no ring before Tab");
        assert!(
            after.iter().any(ring),
            "a focus ring after Tab (projector {projector}): {after:?}"
        );
        let v = theme::visuals(projector);
        assert!(contrast(palette::FOCUS, v.panel_fill) >= 3.0);
    }
}

#[test]
fn old_settings_files_load_with_normal_text_and_motion() {
    let old = "(ui_scale: 1.5, fullscreen: false, coach: true, text_speed: Slow, name: \"Ana\")";
    let s: Settings = ron::from_str(old).expect("an old settings file still loads");
    assert_eq!(s.ui_scale, 1.5);
    assert_eq!(s.text_size, 1.0);
    assert!(!s.reduce_motion);
    assert_eq!(s.reveal_rate(), Some(40.0));
}

#[test]
fn text_size_is_kept_in_range_and_enlarges_the_type() {
    let wild = Settings {
        text_size: 40.0,
        ..Settings::default()
    }
    .sanitised();
    assert_eq!(wild.text_size, Settings::MAX_TEXT);
    let nan = Settings {
        text_size: f32::NAN,
        ..Settings::default()
    }
    .sanitised();
    assert_eq!(nan.text_size, 1.0);
    let body = |text_size: f32| {
        theme::style(Look {
            text_size,
            ..Look::default()
        })
        .text_styles[&egui::TextStyle::Body]
            .size
    };
    assert!((body(1.5) / body(1.0) - 1.5).abs() < 1e-4);
    // The labels in the room grow with it.
    assert!(room::label_fonts(1.5).0 > room::label_fonts(1.0).0);
}

#[test]
fn reduced_motion_shows_lines_whole_and_stops_egui_animating() {
    let s = Settings {
        reduce_motion: true,
        text_speed: TextSpeed::Slow,
        ..Settings::default()
    };
    assert_eq!(s.reveal_rate(), None, "lines appear at once");
    let still = theme::style(Look {
        reduce_motion: true,
        ..Look::default()
    });
    assert_eq!(still.animation_time, 0.0);
    let moving = theme::style(Look::default());
    assert!(moving.animation_time > 0.0);
}

/// Whether egui's fonts draw `c` itself rather than the box it draws for
/// a character it lacks.
fn drawn(ctx: &egui::Context, font: &egui::FontId, c: char) -> bool {
    let uv = |c: char| {
        let galley =
            ctx.fonts_mut(|f| f.layout_no_wrap(c.to_string(), font.clone(), egui::Color32::WHITE));
        galley.rows[0].glyphs[0].uv_rect
    };
    uv(c) != uv('\u{E000}')
}

#[test]
fn every_mark_that_stands_in_for_colour_is_drawn_not_a_box() {
    let ctx = egui::Context::default();
    let _ = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label("x");
    });
    let (good, _) = theme::verdict(second_story::engine::Verdict::Good);
    let (neutral, _) = theme::verdict(second_story::engine::Verdict::Neutral);
    let (poor, _) = theme::verdict(second_story::engine::Verdict::Poor);
    // The verdicts, the report's and the phase bar's marks, the speaker's,
    // the clock's, and the big screen's (a graph's legend, a diff's count).
    let marks = format!("{good}{neutral}{poor}⚠▶◀💬💭📌…·⏱—−");
    let mut missing = vec![];
    for font in [
        egui::FontId::proportional(12.0),
        egui::FontId::monospace(12.0),
    ] {
        for c in marks.chars() {
            if !drawn(&ctx, &font, c) {
                missing.push(format!("{c} in {:?}", font.family));
            }
        }
    }
    assert!(missing.is_empty(), "drawn as a box: {missing:?}");
}

/// The AccessKit tree egui hands a screen reader for one frame of `draw`
/// (after a first frame to settle the layout): each control's role and
/// name.
fn accessible(draw: impl FnMut(&mut egui::Ui)) -> Vec<(egui::accesskit::Role, String)> {
    let mut draw = draw;
    let ctx = egui::Context::default();
    ctx.all_styles_mut(|s| *s = theme::style(Look::default()));
    ctx.enable_accesskit();
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        )),
        ..Default::default()
    };
    let _ = ctx.run_ui(input(), &mut draw);
    let out = ctx.run_ui(input(), &mut draw);
    let update = out
        .platform_output
        .accesskit_update
        .expect("egui sends an AccessKit tree");
    // A control's name: its own label or value, else that of the node it
    // is labelled by.
    let own = |n: &egui::accesskit::Node| {
        n.label()
            .or(n.value())
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let by_id: std::collections::HashMap<_, _> = update.nodes.iter().cloned().collect();
    update
        .nodes
        .iter()
        .map(|(_, n)| {
            let mut name = own(n);
            if name.is_empty() {
                name = n
                    .labelled_by()
                    .iter()
                    .filter_map(|id| by_id.get(id).map(own))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            (n.role(), name)
        })
        .collect()
}

fn controls(tree: &[(egui::accesskit::Role, String)]) -> Vec<&(egui::accesskit::Role, String)> {
    use egui::accesskit::Role;
    tree.iter()
        .filter(|(r, _)| {
            matches!(
                r,
                Role::Button | Role::CheckBox | Role::RadioButton | Role::Link | Role::Tab
            )
        })
        .collect()
}

#[test]
fn a_screen_reader_hears_a_name_for_every_button_on_the_title_screen() {
    use second_story::game::kept::KeptProgress;
    use second_story::game::menus::title::title_ui;
    use second_story::game::records::{Keeping, SavedRecords};
    use second_story::game::screens::Notice;
    let kept = KeptSettings::default();
    let (progress, keeping, notice, saved) = (
        KeptProgress::default(),
        Keeping::default(),
        Notice::default(),
        SavedRecords::default(),
    );
    let mut name = String::new();
    let tree = accessible(|ui| {
        let _ = title_ui(
            ui,
            &kept,
            &mut name,
            &progress,
            (&keeping, &notice, None),
            &saved,
        );
    });
    let buttons = controls(&tree);
    let names: Vec<&str> = buttons.iter().map(|(_, n)| n.as_str()).collect();
    assert!(
        names.contains(&"Choose an incident")
            && names.contains(&"Settings")
            && names.contains(&"Quit"),
        "the title's buttons by name: {names:?}"
    );
    assert!(
        buttons.iter().all(|(_, n)| !n.trim().is_empty()),
        "a button without a name: {buttons:?}"
    );
    // The name field is named by its label.
    assert!(
        tree.iter()
            .any(|(r, n)| *r == egui::accesskit::Role::TextInput && n.contains("Your name")),
        "the name field has a name: {tree:?}"
    );
}

#[test]
fn a_screen_reader_hears_every_choice_in_a_meeting_by_its_words() {
    use second_story::game::meeting::{ChoiceBadges, choices, options, targets};
    let session = Session::new(support::scenario("zero-that-was-eight"), 1).expect("a meeting");
    let m = &session.meeting;
    let badges = ChoiceBadges::default();
    // Before the meeting the talks are with one person at a time: the
    // first person with something to ask.
    let all = targets(m);
    let whom = all
        .iter()
        .position(|t| !options(m, t).is_empty())
        .expect("someone to ask at the start");
    let offered = options(m, &all[whom]);
    let tree = accessible(|ui| {
        let _ = choices(ui, m, whom, &badges, false);
    });
    let buttons = controls(&tree);
    assert!(
        buttons.len() >= targets(m).len() + offered.len(),
        "a control for each person and each choice: {buttons:?}"
    );
    assert!(
        buttons.iter().all(|(_, n)| !n.trim().is_empty()),
        "a control without a name: {buttons:?}"
    );
    for o in &offered {
        assert!(
            buttons.iter().any(|(_, n)| n.contains(&o.label)),
            "the choice “{}” is heard by its words: {buttons:?}",
            o.label
        );
    }
}

#[test]
fn a_screen_reader_hears_the_transcript_the_room_the_big_screen_and_the_report() {
    use second_story::engine::Move;
    use second_story::game::kept::KeptProgress;
    use second_story::game::meeting::report::report_ui;
    use second_story::game::meeting::{ReportBar, ReportSections};
    let script =
        second_story::script::load_script(&support::fixture("zero-that-was-eight.expert.ron"))
            .expect("the expert script");
    let mut session = Session::new(support::scenario("zero-that-was-eight"), 1).expect("a meeting");
    // Up to the results page on the big screen.
    let shown = script
        .moves
        .iter()
        .position(|m| matches!(m, Move::Show(id) if id.as_str() == "results-page"))
        .expect("the script shows the results page");
    for mv in &script.moves[..=shown] {
        assert!(session.play(mv), "{mv:?} plays");
    }
    // Lines appear whole with reduced motion, as a screen reader wants.
    let kept = KeptSettings {
        value: Settings {
            reduce_motion: true,
            ..Settings::default()
        },
        ..Default::default()
    };
    let banner = Banner::default();
    let frame = view::Frame {
        kept: &kept,
        projector: Projector(false),
        banner: &banner,
        now: 0.0,
        interactive: true,
        focus_replies: false,
    };
    let (mut area, mut transcript) = (RoomArea::default(), TranscriptView::default());
    let tree = accessible(|ui| {
        view::frame(ui, &session, &frame, &mut area, &mut transcript, |ui| {
            ui.label("choices");
        });
    });
    let heard = |text: &str| tree.iter().any(|(_, n)| n.contains(text.trim()));
    let lines = session.meeting.transcript();
    for line in lines.iter().rev().take(12) {
        assert!(
            heard(&line.text),
            "the transcript line “{}” is heard",
            line.text
        );
    }
    // The big screen in words: the page's title and its figures.
    let screen = tree
        .iter()
        .find(|(_, n)| n.starts_with("Big screen: Test results page"))
        .unwrap_or_else(|| panic!("the big screen is described: {tree:?}"));
    assert!(screen.1.contains("Failed"), "{screen:?}");
    // Everyone at the table, with how they are, in words.
    for p in &session.meeting.scenario().participants {
        let safety = session.meeting.safety_of(&p.id).expect("at the table");
        let said = format!("{}, {}: {}", p.name, p.role, theme::mood_word(safety));
        let speaking = format!("{} (speaking), {}", p.name, p.role);
        assert!(
            tree.iter()
                .any(|(_, n)| n == &said || n.starts_with(&speaking)),
            "the room says “{said}”"
        );
    }

    // The report, once the meeting is over.
    for mv in &script.moves[shown + 1..] {
        session.play(mv);
    }
    if !session.meeting.is_over() {
        session.play(&Move::End);
    }
    let (progress, bar, sections) = (
        KeptProgress::default(),
        ReportBar::default(),
        ReportSections::default(),
    );
    let tree = accessible(|ui| {
        let _ = report_ui(ui, &session, &progress, &bar, &sections);
    });
    let heard = |text: &str| tree.iter().any(|(_, n)| n.contains(text));
    let report = session.meeting.report();
    assert!(heard(&format!("{} / 100", report.score.total)), "the score");
    assert!(heard("Would at least half the room come back?"));
    for (name, _) in report.score.dimensions() {
        assert!(heard(name), "the dimension “{name}” is named");
    }
    for f in &session.meeting.scenario().facts {
        if report.facts_surfaced.contains(&f.id) {
            assert!(heard(&f.summary), "the fact “{}” is heard", f.summary);
        }
    }
    let buttons = controls(&tree);
    assert!(
        buttons.iter().all(|(_, n)| !n.trim().is_empty()),
        "a button without a name: {buttons:?}"
    );
    let again = buttons
        .iter()
        .filter(|(_, n)| n == "try again from here")
        .count();
    assert_eq!(
        again,
        report.moves.len(),
        "a named “try again” for each move"
    );
}

#[test]
fn the_big_screens_tools_meet_wcag_aa_on_their_own_pages() {
    use egui::Color32;
    use second_story::game::meeting::bigscreen::ink;
    let mut pairs: Vec<(&str, Color32, &str, Color32)> = vec![
        ("text", ink::TEXT, "page", ink::PAGE),
        ("muted", ink::MUTED, "page", ink::PAGE),
        ("muted", ink::MUTED, "card", Color32::WHITE),
        ("muted", ink::MUTED, "title strip", ink::CHROME),
        ("passed", ink::PASSED, "card", Color32::WHITE),
        ("failed", ink::FAILED, "card", Color32::WHITE),
        ("white", Color32::WHITE, "passed banner", ink::PASSED),
        ("white", Color32::WHITE, "failed banner", ink::FAILED),
        ("code", ink::TEXT, "added line", ink::ADDED_BG),
        ("code", ink::TEXT, "removed line", ink::REMOVED_BG),
        ("line number", ink::MUTED, "added line", ink::ADDED_BG),
        ("line number", ink::MUTED, "removed line", ink::REMOVED_BG),
        ("graph text", ink::GRAPH_TEXT, "graph", ink::GRAPH_BG),
        ("agenda", ink::GRAPH_TEXT, "blank screen", ink::BEZEL),
        ("marker", ink::MARKER, "whiteboard", ink::BOARD),
    ];
    for note in ink::NOTES {
        pairs.push(("marker", ink::MARKER, "sticky note", note));
    }
    for avatar in ink::AVATARS {
        pairs.push(("initial", Color32::WHITE, "avatar", avatar));
    }
    let failures: Vec<String> = pairs
        .iter()
        .filter(|(_, fg, _, bg)| contrast(*fg, *bg) < 4.5)
        .map(|(f, fg, b, bg)| format!("{f} on {b}: {:.2}", contrast(*fg, *bg)))
        .collect();
    assert!(failures.is_empty(), "below 4.5:1: {failures:?}");
}

/// The meeting screen with `id`'s artifact on the big screen (zoomed or
/// not) in a window of `size` points: the rows of text it drew that lie on
/// other text.
fn big_screen_overlaps(
    scenario: std::sync::Arc<second_story::scenario::Scenario>,
    artifact: &second_story::scenario::ArtifactId,
    zoom: bool,
    size: (f32, f32),
    projector: bool,
) -> Vec<String> {
    use second_story::engine::Move;
    let mut session = Session::new(scenario, 1).expect("a meeting");
    // The screen is used from the timeline on.
    while !second_story::scenario::SCREEN_PHASES.contains(&session.meeting.phase()) {
        assert!(session.play(&Move::NextPhase));
    }
    assert!(
        session.play(&Move::Show(artifact.clone())),
        "{artifact} shows"
    );
    if zoom {
        assert!(session.play(&Move::Zoom));
    }
    let kept = KeptSettings::default();
    let banner = Banner::default();
    let frame = view::Frame {
        kept: &kept,
        projector: Projector(projector),
        banner: &banner,
        now: 0.0,
        interactive: true,
        focus_replies: false,
    };
    let ctx = egui::Context::default();
    ctx.all_styles_mut(|s| {
        *s = theme::style(Look {
            projector,
            ..Look::default()
        })
    });
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(size.0, size.1),
        )),
        ..Default::default()
    };
    let (mut area, mut transcript) = (RoomArea::default(), TranscriptView::default());
    let mut boxes = vec![];
    for _ in 0..3 {
        let _ = ctx.run_ui(input.clone(), |ui| {
            view::frame(ui, &session, &frame, &mut area, &mut transcript, |ui| {
                ui.label("choices");
            });
            boxes = textboxes::collect(ui.ctx());
        });
    }
    textboxes::overlaps(&boxes)
}

#[test]
fn every_artifact_of_every_incident_stays_on_the_big_screen_without_text_over_text() {
    let mut failures = vec![];
    let mut drawn = 0;
    for entry in std::fs::read_dir(support::root().join("scenarios")).expect("scenarios") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let scenario = support::scenario(&id);
        for a in &scenario.artifacts {
            for (size, projector) in [((1280.0, 720.0), false), ((1024.0, 576.0), true)] {
                for zoom in [false, true] {
                    let over = big_screen_overlaps(scenario.clone(), &a.id, zoom, size, projector);
                    if !over.is_empty() {
                        failures.push(format!(
                            "{id}/{} (zoom {zoom}, projector {projector}): {over:?}",
                            a.id
                        ));
                    }
                    drawn += 1;
                }
            }
        }
    }
    assert!(drawn >= 40, "only {drawn} artifacts drawn");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn artifacts_at_the_limits_of_a_scenario_are_drawn_inside_the_screen() {
    use second_story::limits::{ITEMS_IN_A_LIST, TEXT_IN_A_SCENARIO};
    use second_story::scenario::{
        Artifact, ArtifactBody, ArtifactId, ChatLine, DiffLine, Tile, TileStyle,
    };
    let mut s = (*support::scenario("zero-that-was-eight")).clone();
    let word = "x".repeat(TEXT_IN_A_SCENARIO - 1);
    let many = |f: &dyn Fn(usize) -> String| (0..ITEMS_IN_A_LIST).map(f).collect::<Vec<_>>();
    let bodies = vec![
        ArtifactBody::Dashboard {
            tiles: (0..ITEMS_IN_A_LIST)
                .map(|i| Tile {
                    label: format!("tile {i}"),
                    value: if i == 0 { word.clone() } else { "0000".into() },
                    reads_as: Some("0".into()),
                    style: TileStyle::SmallItalicSlashedZero,
                })
                .collect(),
        },
        ArtifactBody::Chat {
            lines: (0..ITEMS_IN_A_LIST)
                .map(|i| ChatLine {
                    time: "10:00".into(),
                    who: if i % 2 == 0 {
                        "bot".into()
                    } else {
                        String::new()
                    },
                    text: if i == 0 {
                        word.clone()
                    } else {
                        "<b>not bold</b>".into()
                    },
                })
                .collect(),
        },
        ArtifactBody::Diff {
            file: word.clone(),
            lines: many(&|i| format!("line {i} {}", "\u{202e}"))
                .into_iter()
                .map(DiffLine::Added)
                .collect(),
        },
        ArtifactBody::Whiteboard {
            owner: "phil".into(),
            boxes: many(&|i| {
                if i == 0 {
                    word.clone()
                } else {
                    format!("box {i}")
                }
            }),
            arrows: (1..ITEMS_IN_A_LIST)
                .map(|i| (format!("box {i}"), "box 1".to_owned()))
                .collect(),
        },
        ArtifactBody::Document { text: word.clone() },
    ];
    for (i, body) in bodies.into_iter().enumerate() {
        s.artifacts.push(Artifact {
            id: ArtifactId(format!("hostile-{i}")),
            title: word.clone(),
            body,
        });
    }
    let s = std::sync::Arc::new(s);
    for a in s
        .artifacts
        .iter()
        .filter(|a| a.id.as_str().starts_with("hostile"))
    {
        for zoom in [false, true] {
            let over = big_screen_overlaps(s.clone(), &a.id, zoom, (1280.0, 720.0), false);
            assert!(over.is_empty(), "{} (zoom {zoom}): {over:?}", a.id);
        }
    }
}
