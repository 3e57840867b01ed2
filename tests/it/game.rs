//! The game: headless Bevy apps for the screens and the input that becomes
//! engine moves, and one real window under Xvfb with software Vulkan.

use super::support::*;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use second_story::engine::Move;
use second_story::game::kept::{KeptProgress, KeptSettings};
use second_story::game::library::{ScenarioEntry, Scenarios};
use second_story::game::meeting::{
    FocusReplies, MeetingInput, PlayMove, Propose, ReportButtonPressed, Session, options,
};
use second_story::game::menus::Pick;
use second_story::game::records::{Keeping, Replaying, SavedRecords, WatchRecord};
use second_story::game::screens::{MeetingMode, Navigate, Notice, Screen};
use second_story::game::workshop::{Group, GroupAction};
use second_story::game::{Options, logic_plugin};

/// A headless game with the flagship loaded and faked keyboard input.
fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin))
        .insert_resource(ButtonInput::<KeyCode>::default())
        .insert_resource(Options {
            seed: 1,
            ..Default::default()
        })
        .add_plugins(logic_plugin)
        .insert_resource(Scenarios(
            vec![ScenarioEntry {
                file: "zero-that-was-eight.ron".into(),
                scenario: Ok(scenario("zero-that-was-eight")),
            }],
            Default::default(),
        ));
    app.update();
    app
}

/// Sends a message and lets the game act on it: one update carries it out,
/// the next applies a change of screen.
fn send<M: Message>(app: &mut App, message: M) {
    app.world_mut().write_message(message);
    app.update();
    app.update();
}

fn mode(app: &App) -> Option<MeetingMode> {
    app.world()
        .get_resource::<State<MeetingMode>>()
        .map(|m| *m.get())
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
    send(app, Navigate::Open(Screen::Picker));
    send(app, Pick("zero-that-was-eight".into()));
    assert_eq!(
        screen(app),
        Screen::Brief,
        "choosing an incident opens its brief"
    );
    send(app, Navigate::Open(Screen::Meeting));
    assert_eq!(screen(app), Screen::Meeting);
}

#[test]
fn the_screens_lead_from_title_to_meeting_and_back() {
    let mut app = app();
    assert_eq!(screen(&app), Screen::Title);
    start_meeting(&mut app);
    // Back from the meeting goes to the brief; Back again to the picker.
    send(&mut app, Navigate::Back);
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
    assert_eq!(mode(&app), Some(MeetingMode::Paused));
    press(&mut app, KeyCode::KeyP);
    assert_eq!(played(&app), 0, "no move while paused");
    app.world_mut().write_message(PlayMove(Move::NextPhase));
    app.update();
    assert_eq!(played(&app), 0, "not even one sent by another feature");
    press(&mut app, KeyCode::Escape);
    assert_eq!(mode(&app), Some(MeetingMode::Playing));
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
    let moment = app
        .world()
        .resource::<Session>()
        .meeting
        .open_moments()
        .next()
        .unwrap()
        .0
        .clone();
    press(&mut app, KeyCode::KeyR);
    if moment.replies.is_empty() {
        // R plays the moment's one-button move.
        let session = app.world().resource::<Session>();
        assert_eq!(session.meeting.open_moments().count(), 0);
        assert_eq!(
            session.meeting.played().last().unwrap().mv,
            moment.kind.shortcut(&moment.who)
        );
        return;
    }
    // With authored replies, R only brings the keyboard to them: choosing
    // is the player's job, and no reply is picked for them.
    assert_eq!(played(&app), 2, "R played nothing");
    assert!(app.world().resource::<FocusReplies>().0);
    let good = moment
        .replies
        .iter()
        .find(|r| r.quality == second_story::scenario::ReplyQuality::Good)
        .expect("a good reply");
    send(&mut app, Propose(Move::Respond(good.id.clone())));
    let session = app.world().resource::<Session>();
    assert_eq!(
        session.meeting.open_moments().count(),
        0,
        "the reply met it"
    );
}

#[test]
fn a_finished_meeting_opens_the_report_and_try_again_replays_to_that_move() {
    let mut app = app();
    start_meeting(&mut app);
    let expert = script("zero-that-was-eight.expert.ron");
    for mv in &expert.moves {
        app.world_mut().write_message(PlayMove(mv.clone()));
        app.update();
    }
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Report);
    let total = app.world().resource::<Session>().meeting.score().total;
    assert!(total >= 85, "{total}");
    let progress = &app.world().resource::<KeptProgress>().progress;
    assert_eq!(
        progress.scenarios["zero-that-was-eight"].runs, 1,
        "the run counts toward progress"
    );

    send(&mut app, MeetingInput::TryAgainFrom(5));
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
    let asset = second_story::game::library::parse("broken.ron", broken.into_bytes());
    let problems = asset.scenario.unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("broken.ron:") && p.contains("\"ghost\"")),
        "{problems:#?}"
    );
    let fine = second_story::game::library::parse("ok.ron", source.into_bytes());
    assert!(fine.scenario.is_ok());
}

/// The flagship game with a workshop under `plan`.
fn workshop_app(plan: second_story::workshop::Plan) -> App {
    let mut app = app();
    app.add_plugins(second_story::game::workshop::plugin(plan));
    app.update();
    app
}

fn group(app: &App) -> &second_story::workshop::Workshop {
    &app.world().resource::<Group>().0
}

fn play(app: &mut App, mv: Move) {
    app.world_mut().write_message(PlayMove(mv));
    app.update();
}

/// A class folder and a name, as `--class DIR --name NAME` set them.
fn class_mode(app: &mut App, dir: &std::path::Path, name: &str) {
    app.world_mut().resource_mut::<Keeping>().class = Some(dir.to_owned());
    app.world_mut().resource_mut::<KeptSettings>().value.name = name.into();
}

fn saved_records(dir: &std::path::Path) -> Vec<second_story::record::Record> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| second_story::record::Record::load(f).unwrap())
        .collect()
}

#[test]
fn hot_seat_hands_over_waits_for_the_group_and_credits_each_facilitator() {
    let mut app = workshop_app(second_story::workshop::Plan {
        facilitators: vec!["Ana".into(), "Ben".into()],
        turn: second_story::workshop::SeatTurn::Moves(2),
        vote: false,
        discuss: false,
    });
    let dir = temp_dir("game-hot-seat");
    class_mode(&mut app, &dir, "Workshop");
    start_meeting(&mut app);
    let expert = script("zero-that-was-eight.expert.ron");
    assert_eq!(group(&app).facilitator(), Some("Ana"));
    play(&mut app, expert.moves[0].clone());
    play(&mut app, expert.moves[1].clone());
    assert!(matches!(
        group(&app).pending.front(),
        Some(second_story::workshop::Pause::Handover { to }) if to == "Ben"
    ));
    // While the seat changes hands, no move is taken.
    play(&mut app, expert.moves[2].clone());
    assert_eq!(played(&app), 2);
    press(&mut app, KeyCode::Enter);
    assert!(group(&app).pending.is_empty());
    assert_eq!(group(&app).facilitator(), Some("Ben"));
    for mv in &expert.moves[2..] {
        if !group(&app).pending.is_empty() {
            send(&mut app, GroupAction::Continue);
        }
        play(&mut app, mv.clone());
    }
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Report);
    // Class mode saved the meeting, crediting the seats in turn.
    let records = saved_records(&dir);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.players, ["Ana", "Ben"]);
    assert_eq!(r.moves.len(), expert.moves.len());
    for (i, m) in r.moves.iter().enumerate() {
        assert_eq!(m.player, Some(i / 2 % 2), "move {i}");
    }
    let replayed = r.replay(scenario("zero-that-was-eight")).unwrap();
    assert!(r.matches(&replayed));
}

#[test]
fn the_room_votes_with_number_keys_and_enter_plays_the_majority() {
    let mut app = workshop_app(second_story::workshop::Plan {
        vote: true,
        ..Default::default()
    });
    start_meeting(&mut app);
    play(&mut app, Move::NextPhase); // the opening: questions to the room
    let offered = options(
        &app.world().resource::<Session>().meeting,
        &second_story::scenario::Target::Room,
    );
    for key in [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit2] {
        press(&mut app, key);
    }
    assert_eq!(played(&app), 1, "votes are not moves");
    assert_eq!(group(&app).ballot.votes_for(&offered[1].mv), 2);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(played(&app), 1, "a 1-1 tie plays nothing");
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Digit1);
    press(&mut app, KeyCode::Enter);
    assert_eq!(played(&app), 2);
    let session = app.world().resource::<Session>();
    assert_eq!(session.meeting.played()[1].mv, offered[0].mv);
    let record = group(&app).record(&session.meeting, vec!["Room".into()]);
    let vote = record.moves[1].vote.as_ref().expect("the vote is recorded");
    assert_eq!(vote.alignment(&offered[0].mv), Some(3.0 / 4.0));
    assert_eq!(
        group(&app).ballot.total(),
        0,
        "a fresh ballot for the next move"
    );
}

#[test]
fn a_pause_to_discuss_waits_until_the_group_goes_on() {
    let mut app = workshop_app(second_story::workshop::Plan {
        discuss: true,
        ..Default::default()
    });
    start_meeting(&mut app);
    play(&mut app, Move::NextPhase);
    let pause = group(&app).pending.front().cloned();
    let Some(second_story::workshop::Pause::Discuss(d)) = pause else {
        panic!("a new phase is a point to discuss: {pause:?}");
    };
    assert_eq!(
        d.principle,
        second_story::scenario::Principle::SetExpectations
    );
    play(&mut app, Move::NextPhase);
    assert_eq!(played(&app), 1, "the game waits");
    press(&mut app, KeyCode::Space);
    play(&mut app, Move::NextPhase);
    assert_eq!(played(&app), 2);
}

#[test]
fn class_mode_asks_for_a_name_then_saves_every_finished_meeting() {
    let mut app = app();
    let dir = temp_dir("game-class");
    class_mode(&mut app, &dir, "  ");
    send(&mut app, Navigate::Open(Screen::Picker));
    send(&mut app, Pick("zero-that-was-eight".into()));
    assert_eq!(screen(&app), Screen::Title, "no meeting without a name");
    let notice = &app.world().resource::<Notice>().0;
    assert!(notice.as_deref().unwrap().contains("name"));
    class_mode(&mut app, &dir, "Ana Lopez");
    start_meeting(&mut app);
    play(&mut app, Move::NextPhase);
    play(&mut app, Move::End);
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Report);
    let records = saved_records(&dir);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].players, ["Ana Lopez"]);
    let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap();
    assert!(
        file.file_name()
            .to_string_lossy()
            .starts_with("ana-lopez-zero-that-was-eight-"),
        "{:?}",
        file.file_name()
    );
    // Saving by hand as well does not overwrite the first.
    send(&mut app, ReportButtonPressed("save-record"));
    assert_eq!(saved_records(&dir).len(), 2);
    // Both are offered on the title screen, to watch again.
    send(&mut app, Navigate::Open(Screen::Title));
    let offered = &app.world().resource::<SavedRecords>().0;
    assert_eq!(offered.len(), 2);
    let first = offered[0].record.clone().unwrap();
    assert_eq!(first.players, ["Ana Lopez"]);
    send(&mut app, WatchRecord(Box::new(first)));
    assert_eq!(screen(&app), Screen::Replay);
    assert!(app.world().get_resource::<Replaying>().is_some());
}

#[test]
fn the_replay_viewer_steps_through_a_record_move_by_move() {
    let mut app = app();
    let meeting = play_script(
        "zero-that-was-eight",
        &script("zero-that-was-eight.blaming.ron"),
        1,
    );
    let record = second_story::record::Record::of(&meeting, vec!["Ben".into()]);
    send(&mut app, WatchRecord(Box::new(record.clone())));
    assert_eq!(screen(&app), Screen::Replay);
    assert_eq!(played(&app), 0);
    press(&mut app, KeyCode::ArrowRight);
    press(&mut app, KeyCode::ArrowRight);
    assert_eq!(played(&app), 2);
    assert_eq!(app.world().resource::<Replaying>().step, 2);
    press(&mut app, KeyCode::ArrowLeft);
    assert_eq!(played(&app), 1);
    // Keys that play moves do nothing while watching.
    press(&mut app, KeyCode::KeyP);
    assert_eq!(played(&app), 1);
    press(&mut app, KeyCode::End);
    app.update();
    assert_eq!(played(&app), record.moves.len());
    assert_eq!(
        screen(&app),
        Screen::Replay,
        "the end of a replay is not a new report"
    );
    let session = app.world().resource::<Session>();
    assert_eq!(session.meeting.score(), meeting.score());
    press(&mut app, KeyCode::Escape);
    assert_eq!(screen(&app), Screen::Title);
    assert!(app.world().get_resource::<Replaying>().is_none());
    let progress = &app.world().resource::<KeptProgress>().progress;
    assert!(progress.scenarios.is_empty(), "watching is not playing");

    // A record of an edited scenario is refused with a reason.
    let mut edited = record;
    edited.scenario_hash = "0000000000000000".into();
    send(&mut app, WatchRecord(Box::new(edited)));
    assert_eq!(screen(&app), Screen::Title);
    let notice = &app.world().resource::<Notice>().0;
    assert!(notice.as_deref().unwrap().contains("has changed"));
}

/// The real window: autoplay the expert script under Xvfb and look at the
/// pictures it took, and at where each one drew its text.
#[test]
fn autoplay_in_a_real_window_takes_non_blank_screenshots() {
    let dir = std::env::temp_dir().join(format!("second-story-shots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let home = dir.join("home");
    autoplay_under_xvfb(&dir, &home, (1280, 720), &[]);
    looks_right(&dir, (1280, 720), &EVERY_SCREEN);
    // Each artifact the script shows is pictured as the room first sees it.
    for id in [
        "rounding-diff",
        "ci-whiteboard",
        "results-page",
        "error-graph",
    ] {
        looks_right(&dir, (1280, 720), &[&format!("shown-{id}.png")]);
    }
    let perf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("perf.json")).unwrap()).unwrap();
    assert!(perf["frames"].as_u64().unwrap() > 100);
    assert!(
        home.join("progress.ron").exists(),
        "the finished meeting was saved to progress"
    );
}

/// The screens every autoplay run pictures.
const EVERY_SCREEN: [&str; 6] = [
    "title.png",
    "picker.png",
    "brief.png",
    "meeting.png",
    "meeting-zoomed.png",
    "report.png",
];

/// A workshop in a real window: the projector layout with a vote and a
/// pause to discuss, and a class folder that receives the record.
#[test]
fn a_workshop_in_a_real_window_shows_the_vote_and_the_pause() {
    let dir = temp_dir("workshop-shots");
    let class = dir.join("class");
    let class_arg = class.to_string_lossy().into_owned();
    autoplay_under_xvfb(
        &dir,
        &dir.join("home"),
        (1280, 720),
        &[
            "--vote",
            "--facilitator",
            "Ana",
            "--facilitator",
            "Ben",
            "--class",
            &class_arg,
        ],
    );
    looks_right(&dir, (1280, 720), &EVERY_SCREEN);
    looks_right(&dir, (1280, 720), &["vote.png", "pause.png"]);
    let records = saved_records(&class);
    assert_eq!(records.len(), 1, "class mode saved the meeting");
    assert_eq!(records[0].players, ["Ana", "Ben"]);
    assert!(records[0].moves.iter().any(|m| m.player == Some(1)));
}

/// A full-HD window, alone and on a projector: every screen, with the
/// pause to discuss, draws no text over other text.
#[test]
fn a_full_hd_window_draws_every_screen_without_text_over_text() {
    for (name, extra) in [
        ("hd-alone", &[][..]),
        (
            "hd-projector",
            &["--facilitator", "Ana", "--facilitator", "Ben"][..],
        ),
    ] {
        let dir = temp_dir(name);
        autoplay_under_xvfb(&dir, &dir.join("home"), (1920, 1080), extra);
        looks_right(&dir, (1920, 1080), &EVERY_SCREEN);
        if !extra.is_empty() {
            looks_right(&dir, (1920, 1080), &["pause.png"]);
        }
    }
}

/// Each picture is the window's size and not blank, and the text its frame
/// drew (saved beside it by autoplay) has no two pieces of one layer on top
/// of each other.
fn looks_right(dir: &std::path::Path, size: (u32, u32), names: &[&str]) {
    for name in names {
        let path = dir.join(name);
        let (colours, seen) = distinct_colours(&path);
        assert_eq!(seen, size, "{name}");
        assert!(colours > 50, "{name} looks blank: {colours} colours");
        let json = std::fs::read_to_string(path.with_extension("json"))
            .unwrap_or_else(|e| panic!("{name}'s text boxes: {e}"));
        let boxes: Vec<second_story::game::textboxes::TextBox> =
            serde_json::from_str(&json).unwrap();
        assert!(
            boxes.len() > 5,
            "{name}: only {} pieces of text",
            boxes.len()
        );
        let over = second_story::game::textboxes::overlaps(&boxes);
        assert!(
            over.is_empty(),
            "{name} at {size:?} draws text over text:\n{}",
            over.join("\n")
        );
    }
}

/// Plays the flagship's expert script in a real window of `size` under
/// Xvfb, with screenshots in `dir` and settings in `home`, and checks it
/// exits cleanly.
fn autoplay_under_xvfb(
    dir: &std::path::Path,
    home: &std::path::Path,
    size: (u32, u32),
    extra: &[&str],
) {
    let (w, h) = size;
    let status = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", &format!("-screen 0 {w}x{h}x24")])
        .arg(env!("CARGO_BIN_EXE_second-story"))
        .arg("--size")
        .arg(format!("{w}x{h}"))
        .arg("--autoplay")
        .arg(fixture("zero-that-was-eight.expert.ron"))
        .arg("--screenshot")
        .arg(dir)
        .args(extra)
        .env("SECOND_STORY_HOME", home)
        .env("WAYLAND_DISPLAY", "")
        .current_dir(root())
        .status()
        .expect("xvfb-run is installed (scripts/setup.sh)");
    assert!(status.success(), "the game exited with {status}");
}

/// A phone in a workshop room: joins by name, then speaks with its token.
struct Phone {
    base: String,
    token: String,
}

impl Phone {
    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into()
    }

    fn join(base: &str, code: &str, name: &str) -> Phone {
        let mut r = Phone::agent()
            .post(format!("{base}/api/rooms/{code}/join"))
            .header("Content-Type", "application/json")
            .send(serde_json::json!({ "name": name }).to_string())
            .unwrap();
        assert_eq!(r.status().as_u16(), 201);
        let v: serde_json::Value =
            serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        Phone {
            base: format!("{base}/api/rooms/{code}"),
            token: v["token"].as_str().unwrap().to_owned(),
        }
    }

    fn send(&self, what: &str, body: serde_json::Value) -> u16 {
        Phone::agent()
            .post(format!("{}/{what}", self.base))
            .header("Content-Type", "application/json")
            .header("X-Participant", &self.token)
            .send(body.to_string())
            .unwrap()
            .status()
            .as_u16()
    }

    fn view(&self) -> serde_json::Value {
        let mut r = Phone::agent()
            .get(format!("{}/view", self.base))
            .header("X-Participant", &self.token)
            .call()
            .unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    }
}

/// Runs the game until `done` holds (the room's server answers on other
/// threads), or fails saying what it waited for.
fn update_until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let started = std::time::Instant::now();
    while !done(app) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        app.update();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn phones_vote_take_the_seat_and_write_lines_and_the_record_keeps_them() {
    use second_story::game::workshop::phones::{Phones, SeatTo};
    let dir = temp_dir("game-phones");
    let server = second_story::serve::start(
        second_story::serve::Options {
            class: "workshop".into(),
            port: 0,
            data: dir.join("class.sqlite"),
            web: dir.join("web"),
            scenarios: vec![root().join("scenarios")],
            ..Default::default()
        },
        std::sync::Arc::new(|_: &str| {}),
    )
    .unwrap();
    let base = format!("http://{}", server.addr());
    let mut app = workshop_app(second_story::workshop::Plan {
        vote: true,
        discuss: true,
        ..Default::default()
    });
    app.add_plugins(second_story::game::workshop::phones::plugin(base.clone()));
    let records = dir.join("records");
    std::fs::create_dir_all(&records).unwrap();
    class_mode(&mut app, &records, "Workshop");
    update_until(&mut app, "the room to open", |a| {
        a.world().resource::<Phones>().room.is_some()
    });
    let code = app
        .world()
        .resource::<Phones>()
        .room
        .as_ref()
        .unwrap()
        .code
        .clone();
    let phones: Vec<Phone> = ["Ana", "Ben", "Chloé"]
        .iter()
        .map(|n| Phone::join(&base, &code, n))
        .collect();
    start_meeting(&mut app);
    update_until(&mut app, "everyone on the projector", |a| {
        a.world()
            .resource::<Phones>()
            .state
            .as_ref()
            .is_some_and(|s| s.people.len() == 3)
    });

    // The opening: its questions are put to the room.
    play(&mut app, Move::NextPhase);
    app.update();
    while mode(&app) == Some(MeetingMode::Discussing) {
        send(&mut app, GroupAction::Continue);
    }

    // A vote: the phones see the questions to the room; two pick the
    // second, one the first; the projector's Enter plays the majority.
    // The projector may still be settling the question it asks: if the
    // round moves on before the tally is in (a new question clears the
    // votes), the phones vote again on the question now asked.
    let mut second_text = String::new();
    for attempt in 0.. {
        assert!(attempt < 3, "the question kept changing under the vote");
        let mut view = serde_json::Value::Null;
        update_until(&mut app, "a vote on the phones", |a| {
            if let Some(t) = &a.world().resource::<Phones>().trouble {
                panic!("{t}");
            }
            view = phones[0].view();
            view["stage"] == "vote" && view["choices"].as_array().is_some_and(|c| c.len() >= 2)
        });
        let round = view["round"].clone();
        let first = view["choices"][0]["id"].as_str().unwrap().to_owned();
        let second = view["choices"][1]["id"].as_str().unwrap().to_owned();
        second_text = view["choices"][1]["text"].as_str().unwrap().to_owned();
        assert_eq!(
            phones[0].send("vote", serde_json::json!({ "choice": first })),
            200
        );
        // A vote changed before the close counts as changed.
        assert_eq!(
            phones[0].send("vote", serde_json::json!({ "choice": second })),
            200
        );
        assert_eq!(
            phones[1].send("vote", serde_json::json!({ "choice": second })),
            200
        );
        assert_eq!(
            phones[2].send("vote", serde_json::json!({ "choice": first })),
            200
        );
        let mut moved_on = false;
        update_until(&mut app, "the tally on the projector", |a| {
            if phones[0].view()["round"] != round {
                moved_on = true;
                return true;
            }
            matches!(
                group(a).ballot.outcome(),
                second_story::workshop::BallotOutcome::Majority(_)
            ) && group(a).ballot.tally().iter().map(|(_, n)| n).sum::<u32>() == 3
        });
        if !moved_on {
            break;
        }
    }
    let before = played(&app);
    send(&mut app, GroupAction::PlayVote);
    assert_eq!(played(&app), before + 1);
    let voted_move = app.world().resource::<Session>().meeting.played()[before]
        .mv
        .clone();
    assert_eq!(
        voted_move.label(app.world().resource::<Session>().meeting.scenario()),
        second_text
    );

    // A pause: each phone sees the principle and writes a line.
    if mode(&app) != Some(MeetingMode::Discussing) {
        play(&mut app, Move::NextPhase);
        app.update();
    }
    update_until(&mut app, "the pause", |a| {
        mode(a) == Some(MeetingMode::Discussing)
    });
    update_until(&mut app, "the pause on the phones", |_| {
        phones[1].view()["stage"] == "discuss"
    });
    assert!(
        phones[1].view()["principle"]
            .as_str()
            .is_some_and(|p| !p.is_empty())
    );
    assert_eq!(
        phones[1].send(
            "line",
            serde_json::json!({ "text": "<b>Who</b> read the tile first?" })
        ),
        200
    );
    assert_eq!(
        phones[2].send(
            "line",
            serde_json::json!({ "text": "Zero and eight look alike here", "signed": true })
        ),
        200
    );
    update_until(&mut app, "the lines on the projector", |a| {
        a.world()
            .resource::<Phones>()
            .state
            .as_ref()
            .is_some_and(|s| s.lines.len() == 2)
    });
    while mode(&app) == Some(MeetingMode::Discussing) {
        send(&mut app, GroupAction::Continue);
    }

    // The hot seat: Ben gets it, sees every choice and answers in his own
    // words, which the meeting plays.
    let ben = app
        .world()
        .resource::<Phones>()
        .state
        .as_ref()
        .unwrap()
        .people
        .iter()
        .find(|p| p.name == "Ben")
        .unwrap()
        .id
        .clone();
    send(&mut app, SeatTo(Some(ben)));
    update_until(&mut app, "the seat on Ben's phone", |_| {
        let v = phones[1].view();
        v["stage"] == "seat" && v["you"]["in_seat"] == true
    });
    let before = played(&app);
    assert_eq!(
        phones[1].send(
            "seat",
            serde_json::json!({ "words": "What did the page show you when you opened it?" })
        ),
        200
    );
    update_until(&mut app, "the seat's words played", |a| {
        played(a) == before + 1
    });
    assert!(matches!(
        &app.world().resource::<Session>().meeting.played()[before].mv,
        Move::Say { text, .. } if text.starts_with("What did the page show")
    ));

    // The record keeps who voted what and the lines, with their names.
    play(&mut app, Move::End);
    app.update();
    let saved = saved_records(&records);
    let record = saved.last().expect("a record in class mode");
    let names: Vec<&str> = record
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Ana", "Ben", "Chloé"]);
    let at = record
        .moves
        .iter()
        .position(|m| m.mv == voted_move)
        .unwrap();
    for p in &record.participants {
        assert_eq!(p.votes.len(), 1, "{}", p.name);
        assert_eq!(p.votes[0].at, at, "{}", p.name);
    }
    assert_eq!(
        record.participants[0].votes[0].mv, voted_move,
        "Ana's changed vote"
    );
    assert_ne!(record.participants[2].votes[0].mv, voted_move);
    let lines: Vec<(&str, &str, bool)> = record
        .participants
        .iter()
        .flat_map(|p| {
            p.lines
                .iter()
                .map(move |l| (p.name.as_str(), l.text.as_str(), l.signed))
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("Ben", "<b>Who</b> read the tile first?", false),
            ("Chloé", "Zero and eight look alike here", true)
        ]
    );
    drop(server);
}
