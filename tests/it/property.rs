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
