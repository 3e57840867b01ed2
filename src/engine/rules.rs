//! The numbers of the meeting: what a move costs in minutes and safety, and
//! how much each slip costs the score. Kept together so a change of balance
//! is one diff to read (what each kind of moment costs is its row in
//! `moment_kinds.rs`). `docs/scenario-format.md` describes them for authors.

use crate::scenario::{Band, ChoiceKind};

/// Safety a person needs to say they would come back.
pub const WOULD_RETURN: u8 = 50;

/// Minutes a choice takes when the scenario does not say.
pub fn minutes(kind: ChoiceKind) -> u16 {
    match kind {
        ChoiceKind::Prepare => 4,
        ChoiceKind::Expectation => 1,
        ChoiceKind::Check | ChoiceKind::Reflect | ChoiceKind::Remediation => 3,
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
        FollowUp => (2, 1),
        // Fix talk does not frighten anyone; it costs the story instead.
        Remediation => (0, 0),
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

/// Safety of the person a tempting or a poor reply to a moment is said to,
/// when the scenario does not say.
pub const TEMPTING_REPLY: i16 = -4;
pub const POOR_REPLY: i16 = -10;

/// A question in the player's own words that matches nothing authored
/// still moves the room, by this share of what its kind would move.
pub const GENERIC_SHARE: f32 = 0.5;

/// What a dimension that counts slips (blame, counterfactuals, language)
/// keeps of its value when the facilitator asked nothing at any turning
/// point of the timeline; it keeps all of it once they asked at this share
/// of them.
pub const EVIDENCE_FLOOR: f32 = 0.4;
pub const EVIDENCE_FULL: f32 = 0.75;

/// Score penalties, per occurrence.
pub mod penalty {
    pub const WHO_OR_WHY: i32 = 15;
    pub const FIRST_STORY_BLAME: i32 = 10;
    pub const COUNTERFACTUAL: i32 = 15;
    pub const LEADING: i32 = 8;
    /// A leading question presumes the answer, usually someone's fault.
    pub const LEADING_BLAME: i32 = 5;
    pub const TRAP_AT_SELF_BLAMER: i32 = 10;
    pub const FIRST_STORY_SELF_BLAME: i32 = 25;
    pub const MINUTE_OVER: i32 = 2;
    pub const UNTOUCHED_INFLECTION: i32 = 8;
    pub const PHASE_NOT_REACHED: i32 = 10;
    /// A phase entered and left without a minute spent in it.
    pub const PHASE_SKIPPED: i32 = 10;
    /// Per minute of the meeting left unused when it ends early, times the
    /// share (by weight) of the details still hidden.
    pub const MINUTE_UNUSED_WHILE_HIDDEN: f32 = 2.0;
    /// The timeline walk took less than this share of the minutes used.
    pub const TIMELINE_SHARE: f32 = 0.4;
    pub const TIMELINE_TOO_SHORT: i32 = 10;
    /// Learning, not fixing.
    pub const FIX_BEFORE_LEARNING: i32 = 15;
    pub const LEARNING_ONLY_FIXES: i32 = 30;
    pub const NO_LEARNING_POINTS: i32 = 20;
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
    let bands = [Band::Low, Band::Mid, Band::High];
    let plain = bands
        .into_iter()
        .flat_map(|b| (0..3).map(move |i| generic_reply(b, i)));
    let by_kind = ChoiceKind::ALL.into_iter().flat_map(move |k| {
        bands
            .into_iter()
            .flat_map(move |b| (0..GENERIC_VARIANTS).map(move |i| generic_answer(k, b, i)))
    });
    plain.chain(by_kind)
}

/// Answers to each kind of question in the player's own words that matched
/// nothing authored.
pub const GENERIC_VARIANTS: usize = 2;

/// What someone says to a question nobody authored: in character for how
/// safe they feel, about as much as the question asked, and nothing hidden.
pub fn generic_answer(kind: ChoiceKind, band: Band, pick: usize) -> &'static str {
    use ChoiceKind::*;
    type Lines = [[&'static str; GENERIC_VARIANTS]; 3];
    const PREPARE: Lines = [
        [
            "Fine. I'll be there.",
            "Sure. There's not much to say, really.",
        ],
        [
            "Okay. I'm a bit nervous about it, to be honest.",
            "Thanks for asking. I'll think about what I remember.",
        ],
        [
            "Thanks, that helps. I'll come ready to talk.",
            "Good to know what to expect. See you there.",
        ],
    ];
    const FRAMING: Lines = [
        ["Okay.", "Fine."],
        ["Sounds fair.", "Okay, that makes sense."],
        ["Good, that helps.", "Thanks for saying that."],
    ];
    const SEEING: Lines = [
        ["I don't remember anything special.", "Nothing stood out."],
        [
            "Honestly, it looked normal to me at the time.",
            "I'd have to think. Nothing jumped out.",
        ],
        [
            "Nothing unusual, as far as I remember. Maybe that's the interesting part.",
            "It looked like any other day, which is probably the point.",
        ],
    ];
    const DOING: Lines = [
        ["What I always do.", "The usual."],
        [
            "The usual steps, I think. Nothing out of the ordinary.",
            "I did what seemed next.",
        ],
        [
            "Pretty much the routine. I can go through it if it helps.",
            "What I'd normally do at that point, as far as I can tell.",
        ],
    ];
    const THINKING: Lines = [
        ["Hard to say.", "I'd rather not guess."],
        [
            "I'm not sure I can put it into words.",
            "It's a bit of a blur, honestly.",
        ],
        [
            "Good question. I'm still working that out myself.",
            "I've been wondering about that too.",
        ],
    ];
    const ROOM: Lines = [
        ["Nothing from me.", "Not really."],
        [
            "I think we've covered most of it.",
            "Maybe. I'd need to think about it.",
        ],
        [
            "A few things, yes. It's been useful to hear it all together.",
            "I see it a bit differently now than on the day.",
        ],
    ];
    const TRAP: Lines = [
        ["I don't know.", "No idea."],
        ["I'm not sure what you want me to say.", "I suppose so."],
        [
            "That's not really how it felt at the time.",
            "I'd put it differently, but okay.",
        ],
    ];
    const FIX: Lines = [
        ["Sure, whatever's needed.", "Fine."],
        [
            "We could add a check, I suppose.",
            "Someone could look into it.",
        ],
        ["I could take a look at that.", "Happy to help with it."],
    ];
    let lines = match kind {
        Prepare => &PREPARE,
        Expectation => &FRAMING,
        Cue | Assessment | DumbQuestion => &SEEING,
        Decision | Action | NormalWork | Help => &DOING,
        StateOfMind | MentalModel | Knowledge => &THINKING,
        Poll | Check | Reflect => &ROOM,
        FollowUp | Remediation => &FIX,
        Who | Why | Counterfactual | RootCause | Leading | Closed => &TRAP,
    };
    let row = match band {
        Band::Low => 0,
        Band::Mid => 1,
        Band::High => 2,
    };
    lines[row][pick % GENERIC_VARIANTS]
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
