//! The numbers of the meeting: what a move costs in minutes and safety, and
//! how much each slip costs the score. Kept together so a change of balance
//! is one diff to read. `docs/scenario-format.md` describes them for authors.

use crate::scenario::{Band, ChoiceKind, MomentKind};

/// Safety a person needs to say they would come back.
pub const WOULD_RETURN: u8 = 50;

/// Minutes a choice takes when the scenario does not say.
pub fn minutes(kind: ChoiceKind) -> u16 {
    match kind {
        ChoiceKind::Prepare => 4,
        ChoiceKind::Expectation => 1,
        ChoiceKind::Check | ChoiceKind::Reflect => 3,
        _ => 2,
    }
}

/// Minutes of a facilitation move that is not an authored choice.
pub const INTERVENTION_MINUTES: u16 = 1;

/// How a choice moves safety: (for the person asked, for everyone else).
/// When the room is asked, only the second applies, to everyone; traps put
/// to the room weigh on everyone twice.
pub fn safety_delta(kind: ChoiceKind) -> (i16, i16) {
    use ChoiceKind::*;
    match kind {
        Cue | Assessment | Decision | Knowledge | StateOfMind | MentalModel | Action | Help
        | NormalWork => (4, 1),
        DumbQuestion => (3, 3),
        Poll => (3, 3),
        Prepare => (12, 0),
        Expectation => (5, 5),
        Check | Reflect => (2, 2),
        Who => (-12, -5),
        Why => (-12, -4),
        Counterfactual => (-15, -5),
        RootCause => (-8, -4),
        Leading => (-8, -2),
        Closed => (-3, 0),
    }
}

/// Traps aimed at someone who already blames themselves land harder.
pub const SELF_BLAMER_MULTIPLIER: f32 = 1.5;

pub const NORMALISE_ROOM: i16 = 3;
pub const NORMALISE_LAST_SPEAKER: i16 = 6;
pub const REASSURE_SELF_BLAME: i16 = 15;
pub const REASSURE_OTHERWISE: i16 = 3;
pub const INVITE: i16 = 5;
/// Cutting off someone who was not dominating.
pub const CURB_UNNEEDED: i16 = -6;
pub const MET_MOMENT_ROOM: i16 = 2;
/// Accepting the first story brands whoever fell on the sword.
pub const FIRST_STORY_SELF_BLAMER: i16 = -20;

/// Moves to answer self-blame or blame the coach hears in an answer.
pub const HEARD_WINDOW: u8 = 2;

/// Safety lost when a moment's window passes unmet: (who, about, everyone else).
pub fn missed_moment_safety(kind: MomentKind) -> (i16, i16, i16) {
    match kind {
        MomentKind::SelfBlame => (-15, 0, -3),
        MomentKind::Blame | MomentKind::Hindsight => (0, -12, -2),
        MomentKind::Jargon => (0, 0, -2),
        MomentKind::Dominating => (0, 0, -4),
        MomentKind::Tangent | MomentKind::PrematureFix => (0, 0, 0),
    }
}

/// Minutes lost when a moment's window passes unmet.
pub fn missed_moment_minutes(kind: MomentKind) -> u16 {
    match kind {
        MomentKind::Tangent => 5,
        MomentKind::PrematureFix => 4,
        _ => 0,
    }
}

/// Score penalties, per occurrence.
pub mod penalty {
    pub const WHO_OR_WHY: i32 = 15;
    pub const MISSED_BLAME: i32 = 20;
    pub const FIRST_STORY_BLAME: i32 = 10;
    pub const COUNTERFACTUAL: i32 = 15;
    pub const LEADING: i32 = 8;
    pub const MISSED_HINDSIGHT: i32 = 15;
    pub const TRAP_AT_SELF_BLAMER: i32 = 10;
    pub const FIRST_STORY_SELF_BLAME: i32 = 25;
    pub const MISSED_DOMINATING: i32 = 15;
    pub const MINUTE_OVER: i32 = 2;
    pub const UNTOUCHED_INFLECTION: i32 = 8;
    pub const MISSED_TANGENT_OR_FIX: i32 = 10;
    pub const PHASE_NOT_REACHED: i32 = 10;
    pub const LANGUAGE_FINDING: i32 = 12;
    pub const CLOSED_QUESTION: i32 = 8;
}

/// Self-blame care for a met moment: at once, or later in the window.
pub const MET_AT_ONCE: i32 = 100;
pub const MET_LATE: i32 = 70;
/// Self-blame care when the scenario's self-blame never came up.
pub const NOT_REACHED: i32 = 50;

/// Every generic reply, for the coach to read once.
pub fn all_generic_replies() -> impl Iterator<Item = &'static str> + 'static {
    [Band::Low, Band::Mid, Band::High]
        .into_iter()
        .flat_map(|b| (0..3).map(move |i| generic_reply(b, i)))
}

/// What someone says when nobody authored a reply for them.
pub fn generic_reply(band: Band, pick: usize) -> &'static str {
    const LOW: [&str; 3] = [
        "I don't really know. I did what I always do.",
        "Nothing much to add.",
        "I'd rather not guess.",
    ];
    const MID: [&str; 3] = [
        "Hard to say. It seemed like a normal day at that point.",
        "I think it looked fine to me, but I'm not sure any more.",
        "It's a bit of a blur, honestly.",
    ];
    const HIGH: [&str; 3] = [
        "Good question. Let me think about what I was looking at then.",
        "I remember it seemed routine, which is maybe the interesting part.",
        "I'm happy to go through it; some of it still surprises me.",
    ];
    let lines = match band {
        Band::Low => &LOW,
        Band::Mid => &MID,
        Band::High => &HIGH,
    };
    lines[pick % lines.len()]
}
