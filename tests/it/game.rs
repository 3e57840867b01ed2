//! The game: headless Bevy apps for the screens and the input that becomes
//! engine moves, and one real window under Xvfb with software Vulkan.

use super::support::*;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use second_story::engine::Move;
use second_story::game::{Action, Paused, ScenarioEntry, Scenarios, Screen, Session, logic_plugin};

/// A headless game with the flagship loaded and faked keyboard input.
fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(ButtonInput::<KeyCode>::default())
        .add_plugins(logic_plugin)
        .insert_resource(Scenarios(vec![ScenarioEntry {
            file: "zero-that-was-eight.ron".into(),
            scenario: Ok(scenario("zero-that-was-eight")),
        }]));
    app.update();
    app
}

fn send(app: &mut App, action: Action) {
    app.world_mut().write_message(action);
    // One update carries the action out, the next applies a state change.
    app.update();
    app.update();
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn played(app: &App) -> usize {
    app.world().resource::<Session>().meeting.played().len()
}

fn start_meeting(app: &mut App) {
    send(app, Action::Open(Screen::Picker));
    send(
        app,
        Action::Start {
            scenario: "zero-that-was-eight".into(),
            seed: 1,
        },
    );
    assert_eq!(
        screen(app),
        Screen::Brief,
        "choosing an incident opens its brief"
    );
    send(app, Action::Open(Screen::Meeting));
    assert_eq!(screen(app), Screen::Meeting);
}

#[test]
fn the_screens_lead_from_title_to_meeting_and_back() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Title);
    start_meeting(&mut app);
    // Back from the meeting goes to the brief; Back again to the picker.
    send(&mut app, Action::Back);
    assert_eq!(screen(&app), Screen::Brief);
    press(&mut app, KeyCode::Backspace);
    assert_eq!(screen(&app), Screen::Picker);
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
}

#[test]
fn number_keys_ask_the_addressed_person_and_arrows_change_whom() {
    let mut app = app();
    start_meeting(&mut app);
    // The pre-meeting has no questions for the room: 1 does nothing.
    press(&mut app, KeyCode::Digit1);
    assert_eq!(played(&app), 0);
    // → moves from the room to the first person, whose first talk 1 picks.
    press(&mut app, KeyCode::ArrowRight);
    press(&mut app, KeyCode::Digit1);
    assert_eq!(played(&app), 1);
    let session = app.world().resource::<Session>();
    let first = &session.meeting.played()[0].mv;
    let s = session.meeting.scenario();
    let Move::Ask(id) = first else {
        panic!("expected a question, got {first}")
    };
    let choice = s.choices.iter().find(|c| &c.id == id).unwrap();
    assert_eq!(
        choice.target,
        second_story::scenario::Target::Person(s.participants[0].id.clone())
    );
    // P moves to the next phase.
    press(&mut app, KeyCode::KeyP);
    assert_eq!(
        app.world().resource::<Session>().meeting.phase(),
        second_story::scenario::Phase::Opening
    );
}

#[test]
fn escape_pauses_the_meeting_and_moves_wait() {
    let mut app = app();
    start_meeting(&mut app);
    press(&mut app, KeyCode::Escape);
    assert!(app.world().resource::<Paused>().0);
    press(&mut app, KeyCode::KeyP);
    assert_eq!(played(&app), 0, "no move while paused");
    press(&mut app, KeyCode::Escape);
    assert!(!app.world().resource::<Paused>().0);
    press(&mut app, KeyCode::KeyP);
    assert_eq!(played(&app), 1);
}

#[test]
fn r_meets_the_open_moment() {
    let mut app = app();
    start_meeting(&mut app);
    press(&mut app, KeyCode::KeyP); // to the opening
    press(&mut app, KeyCode::KeyP); // to the timeline: Phil falls on his sword
    let open = app
        .world()
        .resource::<Session>()
        .meeting
        .open_moments()
        .count();
    assert_eq!(open, 1, "the self-blame moment is open");
    press(&mut app, KeyCode::KeyR);
    let session = app.world().resource::<Session>();
    assert_eq!(session.meeting.open_moments().count(), 0);
    assert!(matches!(
        session.meeting.played().last().unwrap().mv,
        Move::Reassure(_)
    ));
}

#[test]
fn a_finished_meeting_opens_the_report_and_try_again_replays_to_that_move() {
    let mut app = app();
    start_meeting(&mut app);
    let expert = script("zero-that-was-eight.expert.ron");
    for mv in &expert.moves {
        app.world_mut().write_message(Action::Play(mv.clone()));
        app.update();
    }
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Report);
    let total = app.world().resource::<Session>().meeting.score().total;
    assert!(total >= 85, "{total}");
    let progress = &app
        .world()
        .resource::<second_story::game::KeptProgress>()
        .progress;
    assert_eq!(
        progress.scenarios["zero-that-was-eight"].runs, 1,
        "the run counts toward progress"
    );

    send(&mut app, Action::TryAgainFrom(5));
    assert_eq!(screen(&app), Screen::Meeting);
    let session = app.world().resource::<Session>();
    assert_eq!(session.meeting.played().len(), 5);
    let replayed: Vec<_> = session
        .meeting
        .played()
        .iter()
        .map(|p| p.mv.clone())
        .collect();
    assert_eq!(replayed, expert.moves[..5]);
}

#[test]
fn an_invalid_scenario_shows_its_problems_instead_of_stopping_the_game() {
    let source = std::fs::read_to_string(root().join("scenarios/zero-that-was-eight.ron")).unwrap();
    let broken = source.replacen("holder: \"sam\"", "holder: \"ghost\"", 1);
    let asset = second_story::game::parse_scenario("broken.ron", broken.as_bytes());
    let problems = asset.scenario.unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("broken.ron:") && p.contains("\"ghost\"")),
        "{problems:#?}"
    );
    let fine = second_story::game::parse_scenario("ok.ron", source.as_bytes());
    assert!(fine.scenario.is_ok());
}

/// The real window: autoplay the expert script under Xvfb and look at the
/// pictures it took.
#[test]
fn autoplay_in_a_real_window_takes_non_blank_screenshots() {
    let dir = std::env::temp_dir().join(format!("second-story-shots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let home = dir.join("home");
    let status = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x720x24"])
        .arg(env!("CARGO_BIN_EXE_second-story"))
        .arg("--autoplay")
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .arg("--screenshot")
        .arg(&dir)
        .env("SECOND_STORY_HOME", &home)
        .env("WAYLAND_DISPLAY", "")
        .current_dir(root())
        .status()
        .expect("xvfb-run is installed (scripts/setup.sh)");
    assert!(status.success(), "the game exited with {status}");
    for name in ["brief.png", "meeting-zoomed.png", "report.png"] {
        let path = dir.join(name);
        let (colours, size) = distinct_colours(&path);
        assert_eq!(size, (1280, 720), "{name}");
        assert!(colours > 50, "{name} looks blank: {colours} colours");
    }
    let perf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("perf.json")).unwrap()).unwrap();
    assert!(perf["frames"].as_u64().unwrap() > 100);
    assert!(
        home.join("progress.ron").exists(),
        "the finished meeting was saved to progress"
    );
}

fn distinct_colours(path: &std::path::Path) -> (usize, (u32, u32)) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let mut seen = std::collections::HashSet::new();
    for px in buf[..info.buffer_size()].chunks(step) {
        seen.insert(px[..3.min(step)].to_vec());
    }
    (seen.len(), (info.width, info.height))
}
