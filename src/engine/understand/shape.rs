//! The shape of a line in the player's own words: what kind of question or
//! move its wording makes it, whatever it is about. "How did the eight get
//! missed?" is a why-question in disguise (it presumes a fault), "Who here
//! would have read that as a zero?" is a poll, "I'd have read it the same
//! way" is normalising, "let's get action items with an owner and a date"
//! is fixing. The rules are small word patterns, tried in order of
//! precedence: what a facilitator means to do with the room comes first,
//! then traps, then talk of fixes, then the framing moves, then the kinds
//! of open question.

use crate::language::tokenize;
use crate::scenario::{ChoiceKind, Principle};

/// A facilitation move said in the player's own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Intervention {
    Reassure,
    Redirect,
    NameHindsight,
    /// Pin a tangent or park a fix: which one depends on what is open.
    Defer,
    Clarify,
    Invite,
    Curb,
    Normalise,
    BothViews,
    Breather,
    /// Agreeing with the moment instead of meeting it: "thanks for owning
    /// it", "fair point, Dana", "let's not get emotional".
    Endorse,
}

/// What the words of a line make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Heard {
    /// A question or statement of this kind.
    Kind(ChoiceKind),
    /// A facilitation move.
    Move(Intervention),
    /// Settling for the first story: "so it was a slip; let's note it and
    /// move on".
    FirstStory,
}

/// One line, read.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Reading {
    /// What the wording makes it; None when nothing in the words says.
    pub heard: Option<Heard>,
    /// The words that showed it, for feedback.
    pub cue: String,
    /// Asked as a question (a question mark, a question word first, or a
    /// request such as "walk us through").
    pub question: bool,
    /// Kinds the words also fit, for matching against authored lines.
    pub also: Vec<Heard>,
}

impl Reading {
    pub fn kind(&self) -> Option<ChoiceKind> {
        match self.heard {
            Some(Heard::Kind(k)) => Some(k),
            _ => None,
        }
    }

    /// A trap the words themselves make, with the principle it breaks and
    /// a note naming the words.
    pub fn trap(&self) -> Option<(ChoiceKind, Principle, String)> {
        let k = self.kind().filter(|k| k.is_trap())?;
        let (principle, why) = match k {
            ChoiceKind::Who => (
                Principle::WhatAndHow,
                "it points at a person or presumes a fault before the story is heard",
            ),
            ChoiceKind::Why => (
                Principle::WhatAndHow,
                "it asks someone to defend what they did, or presumes they got it wrong; they can only apologise",
            ),
            ChoiceKind::Counterfactual => (
                Principle::NoCounterfactuals,
                "it judges a past that did not happen; that is hindsight talking",
            ),
            ChoiceKind::RootCause => (
                Principle::NoRootCause,
                "it hunts for one cause, and the nearest person becomes it",
            ),
            ChoiceKind::Leading => (
                Principle::OpenQuestions,
                "it puts the answer in the question, so people agree instead of telling what they saw",
            ),
            _ => (
                Principle::OpenQuestions,
                "it can be answered yes or no, which ends the story instead of drawing it out",
            ),
        };
        Some((k, principle, format!("\"{}\": {why}.", self.cue)))
    }
}

/// Words that stand for a person, besides the participants' names.
const PEOPLE: &[&str] = &[
    "you",
    "he",
    "she",
    "they",
    "him",
    "them",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "people",
    "reviewer",
    "reviewers",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "operator",
    "operators",
    "admin",
    "oncall",
    "on-call",
    "team",
    "author",
    "owner",
    "manager",
    "we",
    "ops",
    "sre",
    "lead",
    "qa",
    "tester",
    "intern",
    "contractor",
    "whoever",
];

/// Verbs that presume something went wrong through someone.
const FAULT: &[&str] = &[
    "miss",
    "missed",
    "misses",
    "missing",
    "overlook",
    "overlooked",
    "ignore",
    "ignored",
    "forget",
    "forgot",
    "forgotten",
    "skip",
    "skipped",
    "neglect",
    "neglected",
    "slip",
    "slipped",
    "mess",
    "messed",
    "screw",
    "screwed",
    "botch",
    "botched",
    "blunder",
    "blundered",
    "break",
    "broke",
    "drop",
    "dropped",
    "misread",
    "misjudge",
    "misjudged",
    "mishandle",
    "mishandled",
    "rush",
    "rushed",
    "fumble",
    "fumbled",
    "misconfigure",
    "misconfigured",
    "mistype",
    "mistyped",
    "skim",
    "skimmed",
    "skimming",
    "gloss",
    "glossed",
    "glossing",
    "bypass",
    "bypassed",
    "circumvent",
    "circumvented",
    "cut corners",
    "sloppy",
];

/// Words that end a past participle often enough for these patterns.
const PARTICIPLES: &[&str] = &[
    "seen",
    "done",
    "known",
    "caught",
    "read",
    "run",
    "been",
    "gone",
    "taken",
    "made",
    "put",
    "got",
    "gotten",
    "spotted",
    "noticed",
    "checked",
    "looked",
    "asked",
    "waited",
    "zoomed",
    "tested",
    "reviewed",
    "stopped",
    "told",
    "said",
    "thought",
    "found",
    "kept",
    "left",
    "let",
    "set",
    "held",
    "built",
    "sent",
    "understood",
    "written",
    "given",
    "shown",
    "paid",
];

/// One element of a word pattern.
#[derive(Clone, Debug)]
enum El {
    /// One of these words; a trailing `*` matches a prefix.
    Words(Vec<String>),
    /// Up to three words of the same clause.
    Gap,
    /// Up to seven words of the same clause.
    LongGap,
    Person,
    Fault,
    Participle,
}

#[derive(Clone, Debug)]
struct Pattern {
    start: bool,
    end: bool,
    els: Vec<El>,
}

fn compile(p: &str) -> Pattern {
    let mut start = false;
    let mut end = false;
    let mut els = Vec::new();
    for part in p.split_whitespace() {
        match part {
            "^" => start = true,
            "$" => end = true,
            "~" => els.push(El::Gap),
            "~~" => els.push(El::LongGap),
            "P" => els.push(El::Person),
            "F" => els.push(El::Fault),
            "PP" => els.push(El::Participle),
            w => els.push(El::Words(w.split('|').map(str::to_owned).collect())),
        }
    }
    Pattern { start, end, els }
}

/// A line as words: lower-case, contractions spelled out, clause
/// boundaries as `None`.
struct Words<'a> {
    words: Vec<Option<String>>,
    names: &'a [String],
}

impl Words<'_> {
    fn word_is(&self, i: usize, el: &El) -> bool {
        let Some(Some(w)) = self.words.get(i) else {
            return false;
        };
        match el {
            El::Words(alts) => alts.iter().any(|a| match a.strip_suffix('*') {
                Some(prefix) => w.starts_with(prefix),
                None => a == w,
            }),
            El::Person => PEOPLE.contains(&w.as_str()) || self.names.contains(w),
            El::Fault => FAULT.contains(&w.as_str()),
            El::Participle => {
                PARTICIPLES.contains(&w.as_str())
                    || (w.len() > 4 && w.ends_with("ed"))
                    || (w.len() > 4 && w.ends_with("en"))
            }
            El::Gap | El::LongGap => true,
        }
    }

    /// The span of the first match of `p`, in word positions.
    fn find(&self, p: &Pattern) -> Option<(usize, usize)> {
        (0..self.words.len()).find_map(|at| {
            if p.start && at > 0 && self.words[at - 1].is_some() {
                return None;
            }
            let end = self.match_from(&p.els, at)?;
            let at_end = end >= self.words.len() || self.words[end].is_none();
            (!p.end || at_end).then_some((at, end))
        })
    }

    fn match_from(&self, els: &[El], at: usize) -> Option<usize> {
        let Some((first, rest)) = els.split_first() else {
            return Some(at);
        };
        let most = match first {
            El::Gap => 3,
            El::LongGap => 7,
            _ => 0,
        };
        match first {
            El::Gap | El::LongGap => (0..=most).find_map(|skip| {
                let ok = (at..at + skip).all(|i| matches!(self.words.get(i), Some(Some(_))));
                if ok {
                    self.match_from(rest, at + skip)
                } else {
                    None
                }
            }),
            el => {
                if self.word_is(at, el) {
                    self.match_from(rest, at + 1)
                } else {
                    None
                }
            }
        }
    }
}

/// The rules, in order of precedence. A rule's patterns are alternatives.
fn rules() -> &'static [(Heard, Vec<Pattern>)] {
    use ChoiceKind as K;
    use Heard::{Kind, Move};
    use Intervention as I;
    static RULES: std::sync::OnceLock<Vec<(Heard, Vec<Pattern>)>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let table: Vec<(Heard, &[&str])> = vec![
            // --- A show of hands: its "would have" is about the room's own eyes.
            (Kind(K::Poll), &[
                "who here|else ~ read|see|seen|saw|notice|noticed|thought|assumed|assume|read|known|knew|recognise|recognize|used|felt|made|done|deployed|shipped|trusted|had|did|has|have|would|could",
                "who in the room", "how many of you", "how many people", "how many here",
                "show of hands", "hands up", "raise your hand|hands", "raise a hand",
                "put your hand|hands up",
                "^ does|did|has|would|is anyone|anybody",
                "^ has|did|does|would anybody",
                "^ who else", "quick poll", "a poll",
            ]),
            // --- Questions about what the room may have missed: not blame.
            (Kind(K::Check), &[
                "what ~ have|did we ~ missed|miss|skipped|left", "did|have we ~ miss|missed|skip|skipped|left ~ anything|something",
                "anything ~ we ~ missed|miss|skipped|left",
            ]),
            // --- Saying you would have seen it the same way.
            (Move(I::Normalise), &[
                "to|for me too", "me too", "i|we would ~ have ~ same|too|also",
                "i|we have done|made ~ same|that|this", "i|we did|made|do|make the same",
                "i read it as", "same way", "happens|happen|happened to all|everyone|anyone|everybody|the",
                "could|would|might have happened|done ~ anyone|anybody|any|us",
                "anyone|anybody|any|everyone would|could|might have", "all of us would",
                "any of us", "i|we fell for", "i|we made that", "i|we have made",
                "i|we misread",
            ]),
            // --- Caring for someone who blames themselves.
            (Move(I::Reassure), &[
                "hard on|with|to ~ yourself|yourselves|themselves|himself|herself|ourselves", "nobody|noone|not|none ~ in trouble", "no one ~ in trouble", "beat yourself|yourselves up",
                "easy on yourself", "blame|judge|judging yourself",
                "not on you", "not your fault",
                "nobody|noone ~~ blaming|judging|blames|judges|blame ~ you", "no one ~~ blaming|judging|blames|judges|blame ~ you",
                "not need to carry", "carry ~ alone|own", "not alone", "not on your own",
                "not on you", "not about you", "not down to you", "not one person", "not any one person",
                "nobody|noone ~ thinks|believes|says ~ you|this|it", "no one ~ thinks|believes|says",
                "understandable", "of course you", "safe here", "we are here to understand",
                "makes|made ~ sense ~ that you|you", "anyone in your ~ seat|position|place|shoes", "not in trouble", "nobody is in trouble",
                "no one is in trouble", "nobody 's in trouble", "you|he|she did|made what ~ sense",
                "you came to work", "you are not the problem|cause",
                "not here to blame you", "it is okay|ok|fine ~ you",
                "no need to apologise|apologize", "not need to apologise|apologize",
            ]),
            (Move(I::Endorse), &[
                "owning|owned it|up|that|this", "appreciate|thank|thanks|glad|good ~ you ~ owning|own|taking",
                "taking|take|takes|took ~ responsibility|ownership", "honest of you", "fair point",
                "good|great|fair ~ question|summary|assessment", "thinking the same", "please ~ continue|go",
                "^ continue", "list ~ is|was ~ good|great|useful", "makes sense to me", "good to have it said",
                "key decision", "that is fair", "you are right", "good point",
                "^ i agree", "^ agreed", "has a point", "^ carry|go on $", "carry on", "keep going",
                "great list", "sensible", "not get emotional", "calm down", "not get upset", "mistakes happen",
                "not worry about it", "let it go",
                "thanks|thank|appreciate|appreciated ~~ upfront|honest|honesty|admitting|owning|candid|frank|clean",
                "fair ~ observation|point|comment|enough", "reasonable|valid|fair ~ concern|point",
            ]),
            (Move(I::NameHindsight), &[
                "hindsight", "we know how ~ ended|turned|went", "knowing what we know",
                "nobody|none|noone ~ knew|know ~ then|time", "no one ~ knew|know ~ then|time", "before we knew", "with what we know now",
                "easy to see ~ now|afterwards|after|retrospect", "in retrospect", "after the fact",
                "outcome ~ not known|knew|unknown", "not know yet", "not know ~ at the time",
                "not known at the time", "no reason to", "nobody|noone ~ had ~ reason",
                "looks|look|looked|seems|seem ~ obvious|plain|clear ~ now|because|afterwards",
                "obvious now", "only looks", "clear now",
            ]),
            (Move(I::Redirect), &[
                "rather than who", "instead of who", "not about who", "not who did|broke|caused",
                "rather|instead ~ than|of ~ who|whether|whose|blame|blaming|fault|should|ought|wrong",
                "leave|set|put ~ who ~ aside", "not ~~ one ~ person|individual", "not ~~ a ~ person|individual|culprit",
                "look at what ~~ had|saw|knew|was|were ~~ screen|screens|front|seeing|showing",
                "in front of ~ him|her|them", "instead of ~~ look at",
                "focus on ~ situation|system|conditions|context|circumstances",
                "what ~ situation looked like", "from where ~ stood|sat",
                "not here to blame|point", "no pointing fingers", "not point fingers",
                "set aside who", "leave aside who", "not looking ~ culprit|someone|who|blame|scapegoat",
                "not about blame|blaming", "without blaming", "let ~ not blame|point",
            ]),
            (Move(I::BothViews), &[
                "both versions|views|stories|accounts|memories|readings",
                "two versions|views|stories|accounts", "write|put|keep both ~ down|wall|board",
                "not need to agree|settle|decide|pick", "no need to agree|settle|decide",
                "both can be", "remember it differently", "remembers it differently",
            ]),
            (Move(I::Breather), &[
                "take|have|grab a ~ break|breather|pause|minute|moment", "a short break",
                "step away", "stretch our|your legs", "pause here for", "breathe",
            ]),
            (Move(I::Defer), &[
                "pin|park|table|bookmark|pinning|parking|tabling that|this|it|idea|fix|topic|thought|them|your",
                "on the board|wall|list", "not ~ want to lose ~ it|that|this", "again ~ at|in the end", "in the end",
                "pin|park|table ~ that|this|it ~ for|until|till", "parking board|list",
                "come|get back to that|this|it|them", "hold ~ that|the thought",
                "parking lot", "side topic", "back to the timeline", "return to the timeline",
                "get back to the timeline|story", "bring us back", "put ~ aside", "on hold",
                "save ~ that|this|it|idea|fix ~ for", "write|note ~ that|this|it ~ down ~ for|later|end",
                "fixes|solutions|ideas ~ later|end|learning", "for later", "at the end", "later in the meeting",
            ]),
            (Move(I::Clarify), &[
                "what does|do ~ mean|stand", "stand|stands for", "meaning of", "what do you mean by",
                "when you say", "what is a|an", "define", "not familiar with",
                "not know what ~ is|are|means", "never heard of",
                "what exactly is|are", "what is that|this exactly", "^ what is that|this|it $",
                "^ is|are what", "which ~~ mean|meant", "which ~ was|is that", "unpack ~ word|term",
                "parsing ~ right", "one word",
            ]),
            (Move(I::Curb), &[
                "hear from ~ others|else|everyone|rest|other",
                "other voices", "let|give ~ others|else|everyone|other|people ~ speak|talk|chance|answer|floor|turn|in",
                "hear from everyone", "let someone else", "others first", "hit pause",
                "hear from ~~ folks|people|others|rest|those|everyone|quieter",
                "pause ~ your|the ~ list", "hear from ~ people|a|some ~ who|others|few",
                "people who ~ not ~ said|spoken|talked", "hear ~~ others|rest", "stop|pause|hold you there",
            ]),
            (Move(I::Invite), &[
                "not heard from you", "we have not heard",
                "like to add", "anything to add", "like to weigh in", "been quiet",
                "from where you sat|were|stood",
                "chime in", "have not said", "hear from you", "jump in", "your voice",
                "like to hear ~~ your|you", "whenever you are ready",
            ]),
            // --- Settling for the first story (checked again below).
            // --- Traps: what the words presume, whatever they are about.
            (Kind(K::RootCause), &[
                "root cause|causes|cause|causing", "root-cause*", "the ~ real|main|primary|underlying|single|actual|true cause",
                "what|which ~ caused", "caused by", "the cause of", "cause of ~ outage|incident|failure|this|it",
                "human|operator|pilot|user error|errors", "culprit", "rca", "bottom of ~ it|this|that|things",
            ]),
            (Kind(K::Counterfactual), &[
                "should|could|ought|would|must ~~ have PP", "should|could|ought|would|must ~ have been",
                "if only", "if P had", "^ had P PP", "what would you do differently",
                "what would ~ you|we ~ have done", "what could have", "would ~ it have been better",
                "if ~ had ~ PP ~ would", "what if P had", "should|could not ~ have",
                "next time ~ should|must ~ you",
            ]),
            (Kind(K::Why), &[
                "^ why did|do|does|would|were|was|had|have|are|is ~ P",
                "^ why P", "how come P", "how come the ~ F", "explain why P",
                "what ~ made|possessed|led|caused P ~ F", "how did|could|can|do P ~ F",
                "how did|could|can|do P not ~ see|notice|read|check|catch|spot|look|realise|realize|know",
                "how did|could|can ~ it|that|this|the ~ get|go|be ~ F", "how|why ~ get|got|was|were F",
                "what made ~ you ~ think ~ ok|okay|fine|safe|alright",
                "what ~ stopped|kept P from",
                "why not", "why on earth",
                "get|got|slip|slipped|go|went|gone ~ past|by|through ~ you|him|her|them|review|reviewers|us|everyone|anyone",
                "what took ~ so long", "what ~ held ~ up", "what ~ stopped|kept ~ you",
                "escape|escaped|escaping ~ your|his|her|their|our ~ notice|attention|eye",
            ]),
            (Kind(K::Who), &[
                "who ~ approved|deployed|merged|pushed|broke|caused|missed|signed|wrote|let|allowed|dropped|forgot|skipped|decided|owns|owned|ignored|overlooked|messed|screwed|responsible|accountable|fault|blame",
                "who did this|that",
                "who is|was ~ responsible|accountable|blame|fault",
                "whose ~ fault|mistake|error|idea|call|responsibility|decision|change|code|slip",
                "the|that ~ mistake|slip|error|lapse|oversight|screw-up|blunder ~ was|were|happened|came|is|lies|lay",
                "your|his|her|their ~ mistake|fault|error|slip|oversight|lapse|screw-up", "P 's ~ mistake|fault|error|slip|oversight|lapse|screw-up",
                "P ~ made ~ mistake|error|slip|typo", "P ~ dropped the ball", "P ~ messed|screwed ~ up",
                "P ~ got it wrong", "P ~ not bother", "dropped the ball",
                "was|got|were|went|been|getting|gets|get|keep|kept ~ missed|overlooked|ignored|forgotten|skipped|neglected|botched|misread",
                "someone|somebody|nobody ~ missed|forgot|skipped|dropped|messed|screwed|ignored|overlooked|slipped",
                "no one ~ missed|forgot|skipped|dropped|messed|screwed|ignored|overlooked|slipped",
                "careless*", "sloppy", "sloppiness", "lazy", "laziness", "negligen*", "accountable",
                "to blame", "at fault", "held responsible", "human slip", "mistake*",
                "own|owning ~ our|your|his|her|their|my ~ part|share|mistake|role|failure|failings",
                "will|would|could|should|can ~ you|he|she|they ~~ do ~ differently",
                "make sure ~~ nothing|it|this ~ slips|gets|goes|slip ~ through|past|by",
                "where|when|point ~~ F", "the ~ check|process|review|test|tests|step ~ slipped|failed|broke",
                "understand|understands|own|owns|accept|accepts ~ their|his|her|your|our|my ~ part",
                "what will|would you do ~~ again", "before ~~ again",
                "you ~ will|would|could|should ~~ do ~ differently",
                "you ~~ do ~~ another|different ~ way", "help me understand ~ how|why|what ~~ you|he|she|they|P",
                "how it happened that", "not enough for ~ you|him|her|them",
                "communication ~ broke|break|breaks|failed|breakdown", "breakdown", "break down",
                "broke|break|breaks|broken down", "what went wrong", "go|went|gone|going wrong",
                "went|go|gone|going off ~ track|rails|course",
                "made|make|making it ~ through|past", "what ~~ you ~~ commit|commitments|promise|promises|assurance",
            ]),
            (Kind(K::Leading), &[
                "is|was it ~ true|clear|obvious|fair", "^ is|was|are|were not it|that|this|there",
                "not you think", "would not you ~ say|agree", "would|do you agree", "surely",
                "obviously", "clearly ~ $", "^ did|do|does|were|was|have|had|will|is|are|would|could not P",
                "you must have", "i assume you", "i guess you", "it sounds like you", "sounds like you ~ rushed|skipped|missed",
                "lack of ~ communication|care|attention|testing|process|ownership|rigour|rigor",
                "the problem was", "right $", "correct $", "yeah $",
                "did|do|does|is|was|are|were|would|could|will|has|have|had not it|you|he|she|they|we|that $",
                "i take it", "presumably", "i bet",
                "how much did|do ~ you ~ actually|really|even ~ know|understand|check|look|read",
                "nobody|noone|none ~ acting|acted|looking|looked|checking|checked|reading|noticing|noticed|responding|responded|watching|watched",
                "no one ~ acting|acted|looking|looked|checking|checked|reading|noticing|noticed|responding|responded|watching|watched",
                "obvious",
                "^ were|was|did|do|does|is|are|would|could|will|has|have|had it|you|he|she|they|we|that $",
            ]),
            // --- Fixing: fine at the end, a detour anywhere else.
            (Kind(K::FollowUp), &[
                "would|could|will ~ anyone|someone|somebody|you|anybody ~ like|willing|want|volunteer|happy ~ to ~ own|take|look|follow|explore|investigate|dig|run|pick|lead|check",
                "who would ~ like|want|willing|happy|volunteer ~ own|take|look|follow|explore|investigate|dig|pick|lead",
                "volunteer*", "report|bring back", "come back with|to us", "check back", "in a|one|two|three ~ week|weeks|sprint|month",
                "by ~ friday|monday|tuesday|wednesday|thursday|next|end",
            ]),
            (Kind(K::Remediation), &[
                "action item|items", "owner and", "assign ~ owner|owners", "needs an owner", "by when", "deadline",
                "ticket|tickets|jira", "let 's|us fix|change|add|build|ship|require|enforce|introduce|mandate|ban",
                "fix ~ it|this|that|the ~ today|now|before|asap|tomorrow", "ship ~ fix ~ today|now|asap",
                "get a fix out", "we need|must|should|have|got ~ add|change|fix|build|require|enforce|ban|introduce|mandate|automate",
                "never ~ happens|happen ~ again", "not ~ happen again",
                "happen again", "prevent ~ this|it|that|recurrence|repeat", "make sure ~ never|not",
                "what ~ should|must|shall|can|could ~ we|i|you ~ change|fix|do|add|improve|automate|put",
                "what do|does ~ we|you ~ need|have ~ change|fix|add|improve",
                "what needs to ~ change|happen", "what needs to be ~ fixed|done", "remediat*", "to-do|todo|todos", "next steps",
                "who will|is ~ fix", "mitigat*", "checklist", "new rule", "new process", "going forward",
                "one action", "record ~ action|actions", "personally confirm",
                "agree ~ what|which ~ changes|change|to change",
                "this week", "by|before|within next week", "by ~ friday|monday|tuesday|wednesday|thursday|tomorrow|tonight|eod|end|lunch|lunchtime",
                "today ~ please", "asap", "here to sort", "let 's|us sort", "we ~ sort ~~ out", "get ~ it|this|that|them|someone ~ fixed|sorted|done|moved|changed|in",
                "get it fixed", "switch|turn ~ it|that|this|them ~ off", "^ actions", "list of ~ jobs|actions|fixes|tasks|todos",
                "names against", "can you ~~ today|tonight|tomorrow", "simplest|quickest|quick ~ fix|win|wins",
                "so that ~ never|not ~ again",
            ]),
            // --- Framing moves.
            (Kind(K::Check), &[
                "missing from ~ timeline|story|wall", "anything ~ missing", "what is missing",
                "have|did we ~ missed|miss|left|skip|skipped", "anything ~ we ~ not ~ covered|cover|heard|talked|said|discussed",
                "timeline ~ complete|right|accurate|correct|whole|full", "any gaps", "what else ~ happened|belongs|should|goes",
                "how much ~ new", "new to ~ you|anyone|people|most|everyone", "anything ~ to add to ~ timeline|story",
                "what ~ not ~ heard", "anything ~ surpris* ~ timeline", "is there anything else",
                "anything else ~ before|we should", "fill in",
            ]),
            (Kind(K::Reflect), &[
                "what|anything ~ did|have|has ~ you|we|people|everyone|anyone|room|folks ~ learn|learned|learnt",
                "learned|learnt ~ today|here|this", "take away", "takeaway|takeaways", "take from this", "take with",
                "surpris*", "stood|stand out ~ today|most", "what will you ~ remember|take|keep",
                "what would you tell", "know|understand|see ~ now ~ that|than|not", "not know before",
                "change how ~ you|we|people ~ work", "how will ~ this|that ~ change", "insight*",
                "parked ~ ideas|fixes|items|topics ~ deserve|worth|want", "deserve ~ more|further ~ thought",
                "worth exploring", "worth looking into", "what ideas", "new to you today", "lessons",
                "what did this teach", "off guard", "carry ~ back|into|away|forward", "your own work",
                "next month|week|time ~ look|check|notice|do",
            ]),
            (Kind(K::Expectation), &[
                "here to learn", "not here to ~ blame|fix|find|judge|punish", "not to ~ fix|blame|judge",
                "on trial", "ground rules", "keep ~ time|clock", "timekeeper", "take|taking ~ notes",
                "note-taker|notetaker", "what and how", "how and what", "not who", "not why", "blameless",
                "no blame", "assume ~ good|best ~ intent|intentions|faith", "everyone ~ came|comes ~ to work",
                "good job|work", "okay|ok|fine to ~ say|disagree|ask", "okay|ok|fine to not know", "safe to", "agenda",
                "we will ~ walk|go ~ through", "the goal ~ today|here", "goal of this", "purpose of", "learning review",
            ]),
            // --- Open questions, by what they ask about.
            (Kind(K::NormalWork), &[
                "normally|usually|typically|ordinarily|generally", "typical|ordinary|normal|usual|regular|everyday|routine",
                "day to day", "day-to-day", "most days", "every time", "other days", "on a good day",
            ]),
            (Kind(K::DumbQuestion), &[
                "basic question", "naive|naïve ~ question", "dumb question", "silly question", "stupid question",
                "not know ~ this|that ~ part|area|well|bit", "not familiar", "humour|humor me",
                "for the rest of us", "for those of us", "i am ~ new", "i am ~ lost",
                "not understand", "remind me", "beginner",
            ]),
            (Kind(K::MentalModel), &[
                "expect|expected|expecting|expectation", "picture|pictured|imagine|imagined",
                "assume|assumed|assuming|assumption", "believe|believed", "in your head", "mental model",
                "how did you think", "what did you think would", "thought ~ would", "thought ~ was going to",
                "your understanding", "understood it", "how ~ you ~ thought ~ worked|works", "model of",
                "thought it|the ~ was|did|would|meant", "what was your sense",
                "rely|relying|relied|trust|trusting|trusted", "count|counting|counted on",
            ]),
            (Kind(K::StateOfMind), &[
                "on your mind", "in your mind", "through your mind", "your head", "headspace",
                "feel|feeling|felt", "pressure|pressured|stress|stressed|stressful|worried|worry|anxious|nervous",
                "focus|focused|focusing|focussed", "going through", "thinking about|at|of", "busy|juggling|tired|rushed|hurried",
                "what else was going on", "what was going on for you", "state of mind", "mood", "distract*",
            ]),
            (Kind(K::Decision), &[
                "decide|decided|deciding|decision", "choose|chose|choice|chosen", "option|options|alternatives",
                "what made you", "what led you", "led you to", "weigh|weighed|weighing", "right move|call|thing",
                "tipped it", "go ahead", "made sense to ~ you|deploy|ship|go",
            ]),
            (Kind(K::Help), &[
                "help|helped|helping", "reach|reached out", "turn to", "ask|asked for",
                "support|backup|back-up", "who did you ~ ask|call|ping|message|talk|contact", "lean on",
                "who else was around|there|online", "escalate|escalated",
            ]),
            (Kind(K::Knowledge), &[
                "how does|do|did ~ it|that|this|the|a|an|these|those ~ work|works|get|decide|handle|treat|show|pick|turn|fit|behave|mark|count|run|flow",
                "how it works", "how that works", "explain", "sketch|draw",
                "why does|do|is|are|did|was|would ~ the|it|that|this|a|an|our|their", "what changed", "difference between",
                "how is|are ~ it|the|that ~ built|set|configured|supposed", "how come the", "walk us|me through how",
                "what happens when", "what would happen", "who owns|maintains|built", "who looks after", "who was on call",
                "where does|do|did ~ the|it", "what is|was|are the ~ rule|rules|setting|default|process|difference",
            ]),
            (Kind(K::Assessment), &[
                "make|made of", "read it as", "interpret|interpreted", "conclude|concluded|conclusion",
                "how serious", "your read", "how did|does ~ it|that|this|the|a ~ look|seem|feel|read|strike",
                "seemed|seem", "sense of", "how ~~ look|looks|looked|seem|seems|seemed ~ to you|from", "what did you think ~ it|that|this ~ meant|was", "how bad",
                "what did it tell you", "what did that tell you", "how sure", "how confident", "what did it mean",
            ]),
            (Kind(K::Cue), &[
                "see|saw|seen|seeing", "notice|noticed|noticing", "spot|spotted", "caught ~ eye|attention",
                "look|looked|looking ~ like|at", "on the screen|page|dashboard", "show|showed|shown|showing",
                "hear|heard", "first sign|signs", "what did the ~ say", "what was on", "read|reading", "glance*", "caught",
                "visible", "what came in", "what did you get",
            ]),
            (Kind(K::Action), &[
                "what did you do", "what happened next", "what next", "then what", "what steps|step",
                "next move|step", "what was your next", "how did you ~ revert|respond|fix|roll|recover|react|handle",
                "what did you try", "what did you end up", "walk us|me through ~ what|how you", "what you did",
                "what were you doing", "what did you and", "take|talk us|me through",
                "what ~ did you ~ run|try|check|type|click|press|open|do",
            ]),
        ];
        table
            .into_iter()
            .map(|(h, ps)| (h, ps.iter().map(|p| compile(p)).collect()))
            .collect()
    })
}

/// Closure words and fault words that together settle for the first story.
const CLOSURE: &[&str] = &[
    "move on",
    "moving on",
    "wrap this up",
    "wrap it up",
    "we have our answer",
    "that explains it",
    "mystery solved",
    "that is settled",
    "note that down",
    "write that down",
    "case closed",
    "we know what happened",
    "that is what happened",
    "put it down as",
    "let 's record",
    "let us record",
    "chalk it up",
    "sounds like it was",
    "so it was",
    "boils down to",
    "comes down to",
    "sum up",
    "to sum up",
    "summary",
    "summarise",
    "summarize",
    "in short",
    "bottom line",
];
const FIRST_STORY: &[&str] = &[
    "human error",
    "mistake",
    "error",
    "not reading",
    "did not read",
    "misread",
    "careless",
    "slip",
    "missed it",
    "was not careful",
    "not careful",
    "did not check",
    "not paying attention",
    "fault",
    "without a proper",
    "not properly",
    "proper look",
    "without looking",
    "without checking",
    "did not look",
    "should have",
    "did not",
    "was not",
    "were not",
    "without",
    "unreviewed",
    "into account",
];

/// Request openers that make a line an open question without a question
/// mark: "walk us through...", "could you describe...".
const REQUESTS: &[&str] = &[
    "walk", "tell", "talk", "describe", "explain", "share", "sketch", "draw", "show", "help",
    "take", "remind", "say", "give", "run", "go",
];
const WH: &[&str] = &[
    "what", "how", "who", "why", "where", "when", "which", "whose",
];
const AUX: &[&str] = &[
    "did", "do", "does", "was", "were", "is", "are", "have", "has", "had", "can", "could", "would",
    "will", "should", "shall", "may", "might", "must",
];

/// The clauses of the last sentence of a line, as words, without a name
/// said to someone at its start or a leading "so", "and", "okay".
fn last_sentence<'t>(tokens: &'t [crate::language::Token], names: &[String]) -> Vec<Vec<&'t str>> {
    let mut sentences: Vec<Vec<&crate::language::Token>> = vec![Vec::new()];
    for (i, t) in tokens.iter().enumerate() {
        // "shell-loader.js": a full stop glued to the next word is not the
        // end of a sentence.
        let glued = tokens
            .get(i + 1)
            .is_some_and(|next| next.column == t.end_column && !next.boundary);
        if t.boundary && matches!(t.norm.as_str(), "." | "!" | "?") && !glued {
            sentences.push(Vec::new());
        } else if let Some(current) = sentences.last_mut() {
            current.push(t);
        }
    }
    let sentence = sentences
        .into_iter()
        .rev()
        .find(|s| s.iter().any(|t| !t.boundary))
        .unwrap_or_default();
    let mut clauses: Vec<Vec<&str>> = vec![Vec::new()];
    for t in sentence {
        if t.boundary {
            if clauses.last().is_some_and(|c| !c.is_empty()) {
                clauses.push(Vec::new());
            }
        } else if let Some(c) = clauses.last_mut() {
            c.push(t.norm.as_str());
        }
    }
    // "Phil, ..." or "..., Phil?": a name on its own is not a clause.
    let lone_name = |c: &Vec<&str>| c.len() == 1 && names.iter().any(|n| n == c[0]);
    clauses.retain(|c| !c.is_empty() && !lone_name(c));
    if let Some(first) = clauses.first_mut() {
        while first.first().is_some_and(|w| {
            matches!(
                *w,
                "so" | "and" | "but" | "then" | "okay" | "ok" | "right" | "well"
            )
        }) {
            first.remove(0);
        }
    }
    clauses.retain(|c| !c.is_empty());
    clauses
}

/// Reads a line. `names` are the participants' first names, lower-case,
/// so that "Phil" counts as a person.
pub fn read(text: &str, names: &[String]) -> Reading {
    let tokens = tokenize(text);
    let words = Words {
        words: tokens
            .iter()
            .map(|t| (!t.boundary).then(|| t.norm.clone()))
            .collect(),
        names,
    };
    let plain: Vec<&str> = tokens
        .iter()
        .filter(|t| !t.boundary)
        .map(|t| t.norm.as_str())
        .collect();
    let joined = format!(" {} ", plain.join(" "));
    // The last sentence, in clauses, without a name said to someone
    // ("Phil, ...") or a leading "so": its shape says what kind of question
    // the line ends on.
    let clauses = last_sentence(&tokens, names);
    let words_of_last: Vec<&str> = clauses.iter().flatten().copied().collect();
    let opener = words_of_last.first().copied().unwrap_or("");
    let second = words_of_last.get(1).copied().unwrap_or("");
    let polite = matches!(opener, "could" | "would" | "can" | "will")
        && second == "you"
        && words_of_last.get(2).is_some_and(|w| {
            REQUESTS.contains(w) || matches!(*w, "say" | "expand" | "elaborate" | "mind")
        });
    let question = text.trim_end().ends_with('?')
        || WH.contains(&opener)
        || AUX.contains(&opener)
        || REQUESTS.contains(&opener)
        || polite;
    // The words that showed a reading, as the player wrote them.
    let chars: Vec<char> = text.chars().collect();
    let cue_of = |span: (usize, usize)| -> String {
        let (from, to) = span;
        let (Some(first), Some(last)) = (tokens.get(from), tokens.get(to.max(from + 1) - 1)) else {
            return String::new();
        };
        chars
            .get(first.column - 1..(last.end_column - 1).min(chars.len()))
            .map(|cs| cs.iter().collect::<String>())
            .unwrap_or_default()
    };
    let mut found: Vec<(Heard, String)> = Vec::new();
    for (heard, patterns) in rules() {
        if let Some(span) = patterns.iter().find_map(|p| words.find(p)) {
            found.push((*heard, cue_of(span)));
        }
    }
    // Closing the subject on a fault ("so, to sum up: the tests were not
    // read properly. Fair summary?") settles for the first story, whatever
    // else the words do.
    let closure = CLOSURE.iter().find(|c| joined.contains(&format!(" {c} ")));
    let fault = FIRST_STORY
        .iter()
        .any(|c| joined.contains(&format!(" {c} ")))
        || plain.iter().any(|w| FAULT.contains(w))
        || found
            .iter()
            .any(|(h, _)| matches!(h, Heard::Kind(k) if k.is_trap() && *k != ChoiceKind::Closed));
    if let (Some(c), true) = (closure, fault) {
        found.insert(0, (Heard::FirstStory, (*c).to_owned()));
    }
    // A closed question: a clause of the last sentence opens with an
    // auxiliary and its subject ("..., do you feel it was enough?"), there
    // is no question word, and it is not a polite request ("could you walk
    // us through...").
    const SUBJECTS: &[&str] = &[
        "you", "we", "he", "she", "they", "it", "that", "this", "the", "i", "your", "his", "her",
        "their", "our",
    ];
    let wh = words_of_last.iter().any(|w| WH.contains(w));
    // "Was it the same jug, or a different one?" offers a choice, not a
    // yes or a no.
    let either = words_of_last.contains(&"or");
    let closed = text.trim_end().ends_with('?')
        && !polite
        && !wh
        && !either
        && clauses.iter().any(|c| {
            c.first().is_some_and(|w| AUX.contains(w))
                && c.get(1)
                    .is_some_and(|w| SUBJECTS.contains(w) || names.iter().any(|n| n == w))
        });
    if closed {
        let span = words_of_last
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        // After the traps: "did you zoom in?" is closed, "didn't you..." leading.
        let at = found
            .iter()
            .position(
                |(h, _)| matches!(h, Heard::Kind(k) if !k.is_trap() && *k != ChoiceKind::Poll),
            )
            .unwrap_or(found.len());
        found.insert(at, (Heard::Kind(ChoiceKind::Closed), span));
    }
    // A statement with a question mark ("So the page was fine?", "The
    // reviewers signed off on it?") puts the answer in the question.
    // "Anything else?", "Any thoughts?" are open.
    const OPEN: &[&str] = &[
        "any",
        "anything",
        "anyone",
        "anybody",
        "something",
        "thoughts",
        "else",
    ];
    // "I wonder if...?", "I'm curious whether...?": a question, hedged.
    let hedged = opener == "i"
        && matches!(
            second,
            "wonder" | "wondered" | "wondering" | "am" | "would" | "was"
        );
    let declarative = text.trim_end().ends_with('?')
        && !hedged
        && !opener.is_empty()
        && !WH.contains(&opener)
        && !AUX.contains(&opener)
        && !REQUESTS.contains(&opener)
        && !OPEN.contains(&opener)
        && !wh;
    if declarative && !found.iter().any(|(h, _)| matches!(h, Heard::Kind(_))) {
        let cue = words_of_last
            .iter()
            .take(4)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        found.push((Heard::Kind(ChoiceKind::Leading), cue));
    }
    // Leading and closed are shapes of questions: in a statement, "obvious"
    // is a matter for the language coach, not a leading question.
    if !question {
        found.retain(|(h, _)| !matches!(h, Heard::Kind(ChoiceKind::Leading | ChoiceKind::Closed)));
    }
    let mut it = found.into_iter();
    match it.next() {
        Some((heard, cue)) => Reading {
            heard: Some(heard),
            cue,
            question,
            also: it.map(|(h, _)| h).collect(),
        },
        None => Reading {
            heard: None,
            cue: String::new(),
            question,
            also: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChoiceKind as K;

    fn heard(s: &str) -> Option<Heard> {
        read(s, &["phil".to_owned(), "sam".to_owned()]).heard
    }

    #[test]
    fn reworded_traps_keep_their_trap() {
        use K::*;
        for (line, kinds) in [
            (
                "Phil, shouldn't the tests have been part of your review?",
                &[Counterfactual][..],
            ),
            ("When should someone have spotted it?", &[Counterfactual]),
            (
                "If someone had looked at the cache straight after the revert, would we have recovered sooner?",
                &[Counterfactual],
            ),
            ("So the mistake was on the deploy side?", &[Who, Leading]),
            ("How did you miss the eight?", &[Why]),
            ("How did the eight get missed?", &[Why, Who]),
            (
                "Walk us through where the communication broke down.",
                &[Leading, Who],
            ),
            ("Didn't you feel under pressure to ship?", &[Leading]),
            ("Did you look at the failed count?", &[Closed]),
            ("Who approved this change?", &[Who]),
            ("What was the root cause here?", &[RootCause]),
            (
                "The test results weren't part of your review, were they?",
                &[Leading],
            ),
            (
                "What will you personally do differently next time?",
                &[Who, Counterfactual],
            ),
        ] {
            let got = read(line, &["phil".to_owned()]).kind();
            assert!(got.is_some_and(|k| kinds.contains(&k)), "{line}: {got:?}");
        }
    }

    #[test]
    fn good_questions_that_use_forbidden_words_stay_good() {
        assert_eq!(
            heard("Why does the header only turn red on 'failed'?"),
            Some(Heard::Kind(K::Knowledge))
        );
        assert_eq!(
            heard("Who here would have read that as a zero?"),
            Some(Heard::Kind(K::Poll))
        );
        assert_eq!(
            heard("It looked like a zero to me too."),
            Some(Heard::Move(Intervention::Normalise))
        );
        assert_eq!(
            heard("Where was your head at while the tests ran?"),
            Some(Heard::Kind(K::StateOfMind))
        );
        assert_eq!(
            heard("Could you walk us through what a normal deploy looks like?"),
            Some(Heard::Kind(K::NormalWork))
        );
    }

    #[test]
    fn statements_are_moves() {
        assert_eq!(
            heard("Nobody here is in trouble, and nobody needs to be hard on themselves."),
            Some(Heard::Move(Intervention::Reassure))
        );
        assert_eq!(
            heard("Good idea - can we park that for the end?"),
            Some(Heard::Move(Intervention::Defer))
        );
        assert_eq!(
            heard("Sorry, what does TRP stand for?"),
            Some(Heard::Move(Intervention::Clarify))
        );
        assert_eq!(
            heard("Let's turn that into action items with an owner and a date."),
            Some(Heard::Kind(K::Remediation))
        );
        assert_eq!(
            heard("What else should we change so this never happens again?"),
            Some(Heard::Kind(K::Remediation))
        );
        assert_eq!(
            heard("So it was a slip in reading the page. Let's write that down and move on."),
            Some(Heard::FirstStory)
        );
    }
}

/// `READ_LINES=file cargo test --release --no-default-features -- --ignored
/// print_readings --nocapture` prints how each line of a file is read: a
/// tool for tuning the patterns.
#[cfg(test)]
#[test]
#[ignore = "a tool, not a test"]
fn print_readings() {
    let Ok(path) = std::env::var("READ_LINES") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let r = read(line, &[]);
        println!("{:?} [{}] also {:?}\n    {line}", r.heard, r.cue, r.also);
    }
}
