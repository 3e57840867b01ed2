//! Seeded property tests: whatever a player does, the engine never panics
//! and always ends in a report.

use super::support::*;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use second_story::engine::{Meeting, Move};

#[test]
fn random_legal_moves_always_end_in_a_report() {
    for id in shipped() {
        let s = scenario(&id);
        for seed in 0..150u64 {
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
            let mut m = Meeting::new(s.clone(), seed).unwrap();
            for _ in 0..400 {
                let legal = m.legal_moves();
                if legal.is_empty() {
                    break;
                }
                let mv = &legal[rng.random_range(0..legal.len())];
                m.apply(mv)
                    .unwrap_or_else(|e| panic!("{id} seed {seed}: legal move {mv} refused: {e}"));
            }
            if !m.is_over() {
                m.apply(&Move::End).unwrap();
            }
            assert!(m.is_over());
            let r = m.report();
            let dims = [
                r.score.blame,
                r.score.counterfactual,
                r.score.self_blame,
                r.score.discovery,
                r.score.inclusion,
                r.score.time,
                r.score.language,
            ];
            assert!(dims.iter().chain([&r.score.total]).all(|&d| d <= 100));
            assert_eq!(r.moves.len() + 1, r.safety[0].history.len());
        }
    }
}

#[test]
fn refused_moves_change_nothing() {
    let s = scenario("zero-that-was-eight");
    let mut names: Vec<Move> = Vec::new();
    for c in &s.choices {
        names.push(Move::Ask(c.id.clone()));
    }
    names.extend([
        Move::Ask("no-such-choice".into()),
        Move::Invite("nobody".into()),
        Move::Show("nothing".into()),
        Move::Zoom,
        Move::NextEntry,
        Move::Pin,
        Move::Curb("nobody".into()),
    ]);
    for seed in 0..100u64 {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
        let mut m = Meeting::new(s.clone(), seed).unwrap();
        for _ in 0..200 {
            let mv = names[rng.random_range(0..names.len())].clone();
            let before = m.played().len();
            match m.apply(&mv) {
                Ok(_) => assert_eq!(m.played().len(), before + 1),
                Err(_) => assert_eq!(m.played().len(), before, "a refused {mv} was recorded"),
            }
            if m.is_over() {
                break;
            }
            if rng.random_range(0..10) == 0 && m.check(&Move::NextPhase).is_ok() {
                m.apply(&Move::NextPhase).unwrap();
            }
        }
    }
}

// ---------------------------------------------------------------------
// Fuzz-style: whatever bytes or oddly shaped data reach a loader, it
// answers with a value or an error, never a panic. Seeded, with a fixed
// budget of cases, so each runs in a few seconds and fails the same way
// twice.

use second_story::engine::Meeting as Engine;
use second_story::language::{Coach, Config};
use second_story::record::Record;
use second_story::scenario::{
    self, ArtifactId, ChoiceId, EntryId, ParticipantId, Phase, Scenario, Target, Trigger,
};
use std::sync::Arc;

type Rng = Xoshiro256PlusPlus;

/// Pieces that mean something to RON, JSON, Markdown or the coach.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    ":",
    "\\",
    "/*",
    "*/",
    "//",
    "\n",
    "\r\n",
    "\t",
    "Some(",
    "None",
    "true",
    "-1",
    "0",
    "255",
    "65535",
    "4294967296",
    "18446744073709551616",
    "1e309",
    "NaN",
    "inf",
    "-0.0",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}",
    "é",
    "語",
    "𝒜",
    "\u{feff}",
    "Ask(",
    "Say(text: ",
    "to: Room",
    "Person(",
    "NextPhase",
    "root cause",
    "why didn't you",
    "this is on me",
    "I simply want to hear from everyone",
    "human error",
    "should have",
    "who approved",
    "isn't",
    "\"quoted\"",
    "# ",
    "> ",
    "```",
    "- ",
    "*",
    "_",
    " ",
];

fn token(rng: &mut Rng) -> &'static str {
    TOKENS[rng.random_range(0..TOKENS.len())]
}

/// Text as people and fuzzers write it: tokens, words and noise.
fn noise(rng: &mut Rng, max: usize) -> String {
    let mut s = String::new();
    let len = rng.random_range(0..=max);
    while s.len() < len {
        match rng.random_range(0..4) {
            0 => s.push(char::from_u32(rng.random_range(0..0x11_0000)).unwrap_or('?')),
            1 => s.push(rng.random_range(b' '..=b'~') as char),
            _ => s.push_str(token(rng)),
        }
    }
    s
}

/// A valid file, broken the way files break: random bytes, flipped
/// bytes, cut short, tokens inserted, a piece repeated, or deep nesting.
fn mutated(rng: &mut Rng, valid: &[u8]) -> Vec<u8> {
    let mut b = valid.to_vec();
    match rng.random_range(0..8) {
        0 => (0..rng.random_range(0..3_000))
            .map(|_| rng.random())
            .collect(),
        1 => {
            for _ in 0..rng.random_range(1..20) {
                let at = rng.random_range(0..b.len().max(1));
                if let Some(x) = b.get_mut(at) {
                    *x = rng.random();
                }
            }
            b
        }
        2 => {
            b.truncate(rng.random_range(0..=b.len()));
            b
        }
        3 => {
            for _ in 0..rng.random_range(1..10) {
                let at = rng.random_range(0..=b.len());
                let t = token(rng).as_bytes().to_vec();
                b.splice(at..at, t);
            }
            b
        }
        4 => {
            let from = rng.random_range(0..=b.len());
            let to = rng.random_range(from..=b.len().min(from + 500));
            let piece = b[from..to].to_vec();
            for _ in 0..rng.random_range(1..30) {
                b.splice(from..from, piece.iter().copied());
            }
            b
        }
        5 => {
            let open = ["[", "(", "{", "Some("][rng.random_range(0..4)];
            let depth = rng.random_range(100..5_000);
            let mut deep = open.repeat(depth).into_bytes();
            deep.extend(&b[..b.len().min(200)]);
            deep
        }
        6 => {
            let at = rng.random_range(0..=b.len());
            let text = noise(rng, 300);
            b.splice(at..at, text.bytes());
            b
        }
        _ => {
            // Numbers at their extremes: the shape usually survives.
            for _ in 0..rng.random_range(1..8) {
                let from = rng.random_range(0..b.len().max(1));
                let Some(at) = b[from.min(b.len())..].iter().position(u8::is_ascii_digit) else {
                    continue;
                };
                let at = from + at;
                let end = at + b[at..].iter().take_while(|d| d.is_ascii_digit()).count();
                let n = [
                    "0",
                    "1",
                    "255",
                    "256",
                    "65535",
                    "65536",
                    "4294967295",
                    "99999999999999999999",
                ];
                b.splice(at..end, n[rng.random_range(0..n.len())].bytes());
            }
            b
        }
    }
}

/// Bytes as text the way the program reads them (invalid UTF-8 is an
/// error with a place, and is tested as such).
fn as_text(bytes: Vec<u8>) -> Option<String> {
    match second_story::source::text(bytes, "fuzz") {
        Ok(t) => Some(t),
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz:"), "{e}");
            None
        }
    }
}

/// Some moves, legal or not, then the end: the engine must take them all
/// without panicking and always reach a report.
fn play_anything(m: &mut Engine, rng: &mut Rng, extra: &[second_story::engine::Move]) {
    for _ in 0..rng.random_range(0..80) {
        let legal = m.legal_moves();
        let mv = if !legal.is_empty() && rng.random_range(0..3) > 0 {
            legal[rng.random_range(0..legal.len())].clone()
        } else if !extra.is_empty() {
            extra[rng.random_range(0..extra.len())].clone()
        } else {
            continue;
        };
        let _ = m.apply(&mv);
        if m.is_over() {
            break;
        }
    }
    if !m.is_over() {
        let _ = m.apply(&Move::End);
    }
    let r = m.report();
    assert!(r.score.total <= 100);
}

/// Any move, with ids the scenario has or does not have. Says are
/// limited to words the coach is known to handle without panicking (see
/// `say_text_never_panics_the_engine`).
fn any_move(rng: &mut Rng, s: &Scenario, say: bool) -> Move {
    let pick = |rng: &mut Rng, ids: Vec<String>| -> String {
        if ids.is_empty() || rng.random_range(0..5) == 0 {
            noise(rng, 20)
        } else {
            ids[rng.random_range(0..ids.len())].clone()
        }
    };
    let person = |rng: &mut Rng| -> ParticipantId {
        ParticipantId(pick(
            rng,
            s.participants.iter().map(|p| p.id.to_string()).collect(),
        ))
    };
    match rng.random_range(0..if say { 16 } else { 15 }) {
        0 => Move::Ask(ChoiceId(pick(
            rng,
            s.choices.iter().map(|c| c.id.to_string()).collect(),
        ))),
        1 => Move::Reassure(person(rng)),
        2 => Move::Redirect,
        3 => Move::NameHindsight,
        4 => Move::Pin,
        5 => Move::Park,
        6 => Move::Clarify,
        7 => Move::Invite(person(rng)),
        8 => Move::Curb(person(rng)),
        9 => Move::Normalise,
        10 => Move::Show(ArtifactId(pick(
            rng,
            s.artifacts.iter().map(|a| a.id.to_string()).collect(),
        ))),
        11 => Move::Zoom,
        12 => Move::NextEntry,
        13 => Move::NextPhase,
        14 => Move::End,
        _ => Move::Say {
            text: noise(rng, 200),
            to: if rng.random() {
                Target::Room
            } else {
                Target::Person(person(rng))
            },
            intent: None,
        },
    }
}

fn shipped_source(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("scenarios/{id}.ron"))).unwrap()
}

#[test]
fn arbitrary_bytes_never_panic_the_scenario_loader() {
    let valid = shipped_source("lego-warm-up");
    let mut rng = Rng::seed_from_u64(12);
    let mut parsed = 0;
    for _ in 0..150 {
        let bytes = mutated(&mut rng, valid.as_bytes());
        let Some(text) = as_text(bytes) else { continue };
        if let Ok(s) = scenario::parse_str(&text, "fuzz.ron") {
            parsed += 1;
            let loaded = scenario::Loaded {
                scenario: s,
                path: "fuzz.ron".into(),
                source: text,
            };
            let _ = loaded.problems();
        }
    }
    assert!(parsed >= 10, "only {parsed} cases got past the parser");
}

/// A scenario of the right shape with wrong content: ids that point
/// nowhere or in circles, numbers at their extremes, lists emptied or
/// repeated. It round-trips through RON, is checked, and when the checks
/// pass it is played with any moves.
#[test]
fn oddly_shaped_scenarios_are_refused_or_played_never_a_panic() {
    let base = scenario("lego-warm-up");
    let mut rng = Rng::seed_from_u64(7);
    let (mut refused, mut played) = (0, 0);
    for _ in 0..60 {
        let mut s: Scenario = (*base).clone();
        for _ in 0..rng.random_range(1..6) {
            mutate_scenario(&mut s, &mut rng);
        }
        let text = ron::ser::to_string(&s).unwrap();
        let Ok(parsed) = scenario::parse_str(&text, "shaped.ron") else {
            continue;
        };
        let problems = scenario::validate(&parsed);
        if problems
            .iter()
            .any(|p| p.severity == scenario::Severity::Error)
        {
            assert!(Engine::new(Arc::new(parsed), 1).is_err());
            refused += 1;
            continue;
        }
        played += 1;
        let s = Arc::new(parsed);
        let extra: Vec<Move> = (0..30).map(|_| any_move(&mut rng, &s, false)).collect();
        let mut m = Engine::new(s, rng.random()).unwrap();
        play_anything(&mut m, &mut rng, &extra);
    }
    assert!(
        refused >= 10 && played >= 5,
        "{refused} refused, {played} played"
    );
}

fn mutate_scenario(s: &mut Scenario, rng: &mut Rng) {
    let people: Vec<ParticipantId> = s.participants.iter().map(|p| p.id.clone()).collect();
    let some_person = |rng: &mut Rng| -> ParticipantId {
        if people.is_empty() || rng.random_range(0..4) == 0 {
            "ghost".into()
        } else {
            people[rng.random_range(0..people.len())].clone()
        }
    };
    let n = |rng: &mut Rng, len: usize| rng.random_range(0..len.max(1));
    match rng.random_range(0..14) {
        0 => s.brief.minutes = [0, 1, 480, 481, 65_535][n(rng, 5)],
        1 => {
            if let Some(p) = s.phases.get_mut(n(rng, 5)) {
                p.minutes = [0, 1, 65_535][n(rng, 3)];
            }
        }
        2 => {
            let i = n(rng, s.participants.len());
            if let Some(p) = s.participants.get_mut(i) {
                p.safety = rng.random();
                p.talkativeness = rng.random();
            }
        }
        3 => {
            let i = n(rng, s.facts.len());
            let holder = some_person(rng);
            if let Some(f) = s.facts.get_mut(i) {
                f.holder = holder;
                f.weight = rng.random();
            }
        }
        4 => {
            // Prerequisites in a circle.
            let ids: Vec<_> = s.facts.iter().map(|f| f.id.clone()).collect();
            if ids.len() >= 2 {
                let (a, b) = (n(rng, ids.len()), n(rng, ids.len()));
                s.facts[a].reveal.after.push(ids[b].clone());
                s.facts[b].reveal.after.push(ids[a].clone());
            }
        }
        5 => {
            let i = n(rng, s.choices.len());
            let to = if rng.random() {
                Target::Room
            } else {
                Target::Person(some_person(rng))
            };
            if let Some(c) = s.choices.get_mut(i) {
                c.target = to;
                c.minutes = Some(rng.random());
                c.safety = Some(rng.random());
            }
        }
        6 => {
            let i = n(rng, s.choices.len());
            if let Some(c) = s.choices.get_mut(i) {
                c.phase = Phase::ALL[n(rng, Phase::ALL.len())];
                c.entry = Some(EntryId(noise(rng, 8)));
            }
        }
        7 => {
            let i = n(rng, s.moments.len());
            let who = some_person(rng);
            if let Some(m) = s.moments.get_mut(i) {
                m.who = who;
                m.window = rng.random();
                m.trigger = match rng.random_range(0..4) {
                    0 => Trigger::AfterChoice(ChoiceId(noise(rng, 8))),
                    1 => Trigger::AfterFact("ghost-fact".into()),
                    2 => Trigger::AtEntry("ghost-entry".into()),
                    _ => Trigger::AtPhase(Phase::ALL[n(rng, 5)]),
                };
            }
        }
        8 => {
            // A list emptied.
            match n(rng, 6) {
                0 => s.participants.clear(),
                1 => s.facts.clear(),
                2 => s.choices.clear(),
                3 => s.timeline.clear(),
                4 => s.phases.clear(),
                _ => s.moments.clear(),
            }
        }
        9 => {
            // An item repeated (duplicate ids).
            if let Some(c) = s.choices.first().cloned() {
                s.choices.push(c);
            }
            if let Some(f) = s.facts.last().cloned() {
                s.facts.push(f);
            }
        }
        10 => {
            let i = n(rng, s.participants.len());
            let name = noise(rng, 40);
            if let Some(p) = s.participants.get_mut(i) {
                p.name = name;
            }
        }
        11 => {
            let i = n(rng, s.choices.len());
            let text = noise(rng, 120);
            if let Some(c) = s.choices.get_mut(i) {
                c.text = text;
            }
        }
        12 => s.id = second_story::scenario::ScenarioId(noise(rng, 12)),
        _ => {
            let i = n(rng, s.facts.len());
            if let Some(f) = s.facts.get_mut(i) {
                f.reveal.kinds.clear();
                f.reveal.safety = rng.random();
            }
        }
    }
}

#[test]
fn arbitrary_move_scripts_are_refused_or_played_never_a_panic() {
    let s = scenario("zero-that-was-eight");
    let valid = std::fs::read(fixture("zero-that-was-eight.expert.ron")).unwrap();
    let mut rng = Rng::seed_from_u64(3);
    let mut played = 0;
    for case in 0..200 {
        // Half broken bytes, half well-formed lists of any moves.
        let text = if case % 2 == 0 {
            let Some(t) = as_text(mutated(&mut rng, &valid)) else {
                continue;
            };
            t
        } else {
            let moves: Vec<Move> = (0..rng.random_range(0..60))
                .map(|_| any_move(&mut rng, &s, false))
                .collect();
            ron::ser::to_string(&moves).unwrap()
        };
        if let Ok(script) = second_story::script::parse_script(&text, "fuzz.ron") {
            assert_eq!(script.lines.len(), script.moves.len());
            played += usize::from(second_story::script::play(s.clone(), case, &script).is_ok());
        }
    }
    assert!(played >= 10, "only {played} scripts played to the end");
}

#[test]
fn arbitrary_records_are_refused_or_replayed_never_a_panic() {
    let s = scenario("zero-that-was-eight");
    let meeting = play_script(
        "zero-that-was-eight",
        &script("zero-that-was-eight.expert.ron"),
        1,
    );
    let good = Record::of(&meeting, vec!["Ana".into()]);
    let valid = good.to_json();
    let mut rng = Rng::seed_from_u64(5);
    let mut replayed = 0;
    for case in 0..200 {
        let text = if case % 2 == 0 {
            let Some(t) = as_text(mutated(&mut rng, &valid)) else {
                continue;
            };
            t
        } else {
            // The right shape, the wrong values.
            let mut r = good.clone();
            match rng.random_range(0..7) {
                0 => {
                    r.players = (0..rng.random_range(0..80))
                        .map(|_| noise(&mut rng, 300))
                        .collect()
                }
                1 => r.scenario = noise(&mut rng, 80),
                2 => r.saved_at = Some(noise(&mut rng, 30)),
                3 => {
                    let i = rng.random_range(0..r.moves.len());
                    r.moves[i].player = Some(rng.random_range(0..usize::MAX));
                    r.moves[i].minute = rng.random();
                }
                4 => {
                    let i = rng.random_range(0..r.moves.len());
                    let mv = r.moves[i].mv.clone();
                    r.moves[i].vote = Some(second_story::record::Vote {
                        tally: vec![(mv, rng.random()), (Move::End, rng.random())],
                    });
                }
                5 => {
                    for m in &mut r.moves {
                        if rng.random_range(0..4) == 0 {
                            m.mv = any_move(&mut rng, &s, false);
                        }
                    }
                }
                _ => r.seed = rng.random(),
            }
            String::from_utf8(r.to_json()).unwrap()
        };
        if let Ok(r) = Record::parse(&text, "fuzz.json")
            && let Ok(m) = r.replay(s.clone())
        {
            replayed += 1;
            let report = m.report();
            let _ = r.matches_report(&report);
            let _ = second_story::workshop::credits(&r.players, &r.moves, &m);
            if let Some(a) = second_story::workshop::alignment(&r.moves) {
                assert!((0.0..=1.0).contains(&a.mean), "{a:?}");
            }
        }
    }
    assert!(replayed >= 10, "only {replayed} records replayed");
}

#[test]
fn arbitrary_coach_configs_and_documents_never_panic_the_coach() {
    let mut rng = Rng::seed_from_u64(9);
    let categories = [
        "Blame",
        "Counterfactual",
        "SelfBlame",
        "RootCause",
        "HumanError",
        "WhyQuestion",
        "Minimizing",
    ];
    let valid = "Config(\n    disable: [Minimizing],\n    phrases: [Phrase(category: Blame, text: \"asleep at the wheel\")],\n    exceptions: [\"human error budget\"],\n)\n";
    let mut coached = 0;
    for case in 0..150 {
        let text = if case % 2 == 0 {
            let Some(t) = as_text(mutated(&mut rng, valid.as_bytes())) else {
                continue;
            };
            t
        } else {
            // The right shape: any categories, phrases and exceptions
            // (an empty exception is left to the coach's own tests).
            let word = |rng: &mut Rng| {
                let w = noise(rng, 30).replace(['"', '\\'], "");
                if w.trim().is_empty() {
                    "x".to_owned()
                } else {
                    w
                }
            };
            let mut c = String::from("Config(disable: [");
            for _ in 0..rng.random_range(0..3) {
                c += categories[rng.random_range(0..categories.len())];
                c += ",";
            }
            c += "], phrases: [";
            for _ in 0..rng.random_range(0..4) {
                c += &format!(
                    "Phrase(category: {}, text: \"{}\"),",
                    categories[rng.random_range(0..categories.len())],
                    word(&mut rng)
                );
            }
            c += "], exceptions: [";
            for _ in 0..rng.random_range(0..3) {
                c += &format!("\"{}\",", word(&mut rng));
            }
            c + "])"
        };
        let Ok(config) = Config::parse(&text, "fuzz.ron") else {
            continue;
        };
        if let Ok(coach) = Coach::with_config(&config, "fuzz.ron") {
            coached += 1;
            let _ = coach.analyze(&noise(&mut rng, 400));
        }
    }
    assert!(coached >= 40, "only {coached} configs made a coach");
    // Documents: the shipped coach over any text, Markdown or not.
    for _ in 0..300 {
        let doc = noise(&mut rng, 1_000);
        for f in Coach::shipped().analyze(&doc) {
            assert!(f.line >= 1 && f.column >= 1, "{f:?}");
        }
    }
}

/// A `Say` in the player's own words, whatever they type.
#[test]
fn say_text_never_panics_the_engine() {
    let s = scenario("zero-that-was-eight");
    let mut rng = Rng::seed_from_u64(11);
    for seed in 0..40 {
        let mut m = Engine::new(s.clone(), seed).unwrap();
        for _ in 0..30 {
            let legal = m.legal_moves();
            if rng.random_range(0..2) == 0 && !legal.is_empty() {
                let _ = m.apply(&legal[rng.random_range(0..legal.len())].clone());
            } else {
                let _ = m.apply(&any_move(&mut rng, &s, true));
            }
            if m.is_over() {
                break;
            }
        }
    }
}

/// An empty string among a config's exceptions is a mistake the config's
/// author hears about, not one that silently switches rules off.
#[test]
fn an_empty_exception_in_a_coach_config_is_refused_with_a_reason() {
    let refused = Config::parse("Config(exceptions: [\"\"])", "c.ron")
        .map_err(|e| e.to_string())
        .and_then(|config| {
            Coach::with_config(&config, "c.ron")
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
    let why = refused.expect_err("an empty exception is an error");
    assert!(why.contains("c.ron"), "{why}");
}
