//! The little grammar the coach needs: which words stand for people (and
//! when a capitalised word is a person rather than a product), which words
//! are past participles, and who a clause is about, including subjects left
//! out after "and" or "but" and passive clauses that hide one.

use super::text::Token;
use std::collections::HashSet;

/// Who a clause is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Agent {
    /// The writer or speaker: I, we.
    First,
    /// A particular other person: you, he, the reviewer, Phil.
    Other,
    /// A person, but nobody in particular: someone, anyone, a careful
    /// engineer.
    Anyone,
    /// A thing: a script, the storm, the release.
    Thing,
}

impl Agent {
    pub(crate) fn human(self) -> bool {
        self != Agent::Thing
    }
}

/// Capitalised words that start sentences or name things, never people.
const NOT_NAMES: &[&str] = &[
    "i",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "there",
    "what",
    "when",
    "how",
    "why",
    "who",
    "where",
    "which",
    "if",
    "and",
    "but",
    "so",
    "then",
    "also",
    "after",
    "before",
    "at",
    "in",
    "on",
    "during",
    "next",
    "maybe",
    "yes",
    "no",
    "ok",
    "okay",
    "please",
    "let",
    "our",
    "their",
    "my",
    "your",
    "his",
    "her",
    "its",
    "nobody",
    "everyone",
    "someone",
    "anyone",
    "somebody",
    "everybody",
    "all",
    "some",
    "most",
    "as",
    "because",
    "while",
    "since",
    "for",
    "with",
    "from",
    "to",
    "of",
    "by",
    "about",
    "is",
    "was",
    "were",
    "are",
    "do",
    "did",
    "does",
    "can",
    "could",
    "would",
    "should",
    "will",
    "have",
    "has",
    "had",
    "not",
    "here",
    "now",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "one",
    "two",
    "three",
    "every",
    "each",
    "both",
    "thanks",
    "thank",
    "sorry",
    "well",
    "again",
    "still",
    "even",
    "only",
    "just",
    "really",
    "actually",
    "honestly",
    "root",
    "cause",
    "summary",
    "impact",
    "timeline",
    "unfortunately",
    "finally",
];

/// Words for people by their role: "the reviewer should have...".
const ROLES: &[&str] = &[
    "reviewer",
    "reviewers",
    "engineer",
    "engineers",
    "developer",
    "developers",
    "dev",
    "devs",
    "programmer",
    "programmers",
    "team",
    "teams",
    "folks",
    "intern",
    "interns",
    "contractor",
    "contractors",
    "shift",
    "manager",
    "managers",
    "lead",
    "author",
    "owner",
    "operator",
    "operators",
    "admin",
    "admins",
    "administrator",
    "administrators",
    "sysadmin",
    "sysadmins",
    "sre",
    "sres",
    "on-call",
    "oncall",
    "responder",
    "responders",
    "staff",
    "qa",
    "vendor",
    "whoever",
    "colleague",
    "colleagues",
    "teammate",
    "teammates",
    "newbie",
    "junior",
    "senior",
    "tester",
    "testers",
    "member",
    "members",
    "worker",
    "workers",
    "technician",
    "technicians",
    "employee",
    "employees",
    "person",
    "guy",
    "guys",
    "human",
    "humans",
    "people",
    "dba",
    "dbas",
    "commander",
    "analyst",
    "analysts",
    "architect",
    "architects",
    "maintainer",
    "maintainers",
    "committer",
    "pilot",
    "pilots",
    "user",
    "users",
];

/// People in general, not anyone in particular.
const ANYONE: &[&str] = &[
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "nobody",
    "one",
];

const FIRST: &[&str] = &["i", "we", "me", "us", "my", "our", "myself", "ourselves"];
const OTHER: &[&str] = &[
    "you",
    "he",
    "she",
    "they",
    "him",
    "her",
    "them",
    "your",
    "his",
    "their",
    "yourself",
    "himself",
    "herself",
    "themselves",
];

/// Verbs, adjectives and nouns that only people go with: a capitalised word
/// followed by one of these is treated as a person.
const HUMAN_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "asked",
    "asks",
    "ask",
    "told",
    "tells",
    "tell",
    "thought",
    "thinks",
    "think",
    "knew",
    "knows",
    "know",
    "known",
    "believed",
    "believes",
    "believe",
    "assumed",
    "assumes",
    "assume",
    "decided",
    "decides",
    "decide",
    "chose",
    "chooses",
    "choose",
    "wanted",
    "wants",
    "want",
    "felt",
    "feels",
    "feel",
    "noticed",
    "notice",
    "realized",
    "realised",
    "realizes",
    "realize",
    "forgot",
    "forgets",
    "forget",
    "forgotten",
    "remembered",
    "remember",
    "saw",
    "sees",
    "see",
    "seen",
    "looked",
    "look",
    "read",
    "reviewed",
    "review",
    "approved",
    "approve",
    "merged",
    "merge",
    "typed",
    "type",
    "clicked",
    "click",
    "pressed",
    "wrote",
    "write",
    "ignored",
    "ignore",
    "missed",
    "miss",
    "skipped",
    "skip",
    "zoomed",
    "zoom",
    "replied",
    "answered",
    "admitted",
    "apologized",
    "apologised",
    "panicked",
    "rushed",
    "misread",
    "mistyped",
    "broke",
    "screwed",
    "messed",
    "botched",
    "ruined",
    "fumbled",
    "blew",
    "blamed",
    "forgot",
    "bothered",
    "bother",
    "cared",
    "care",
    "tested",
    "checked",
    "verified",
    "verify",
    "waited",
    "wait",
    "mentioned",
    "explained",
    "agreed",
    "worried",
    "hoped",
    "understood",
    "understands",
    "overlooked",
    "neglected",
    "approve",
    "acknowledged",
    "silenced",
    "careless",
    "sloppy",
    "lazy",
    "reckless",
    "negligent",
    "incompetent",
    "tired",
    "asleep",
    "busy",
    "confused",
    "sure",
    "aware",
    "blame",
    "fault",
    "responsible",
    "irresponsible",
    "clueless",
    "stupid",
    "upset",
    "angry",
    "afraid",
    "worried",
    "nervous",
    "frustrated",
    "embarrassed",
    "sorry",
    "happy",
    "who",
    "whose",
    "himself",
    "herself",
];

/// What machines fail to do: "the job failed to start" is a fault, not a
/// person's lapse.
pub(crate) const MACHINE_VERBS: &[&str] = &[
    "start",
    "load",
    "connect",
    "build",
    "compile",
    "run",
    "respond",
    "parse",
    "render",
    "boot",
    "complete",
    "finish",
    "return",
    "resolve",
    "restart",
    "launch",
    "open",
    "save",
    "sync",
    "scale",
    "trigger",
    "fire",
    "page",
    "send",
    "reach",
    "match",
    "apply",
    "install",
    "upload",
    "download",
    "deliver",
    "provision",
    "propagate",
    "replicate",
    "process",
    "serve",
    "authenticate",
    "recover",
];

/// Words that may sit between a name and its verb: auxiliaries, negation,
/// adverbs.
const BETWEEN: &[&str] = &[
    "did",
    "does",
    "do",
    "was",
    "is",
    "were",
    "are",
    "had",
    "has",
    "have",
    "should",
    "could",
    "would",
    "must",
    "might",
    "may",
    "will",
    "ought",
    "to",
    "not",
    "never",
    "just",
    "really",
    "even",
    "also",
    "then",
    "already",
    "still",
    "actually",
    "simply",
    "totally",
    "completely",
    "always",
    "clearly",
    "obviously",
    "be",
    "been",
    "so",
    "too",
    "very",
    "probably",
];

/// Irregular past participles (the regular ones end in -ed).
const IRREGULAR_PP: &[&str] = &[
    "been",
    "done",
    "seen",
    "known",
    "gone",
    "taken",
    "given",
    "caught",
    "made",
    "run",
    "read",
    "put",
    "set",
    "got",
    "gotten",
    "written",
    "told",
    "thought",
    "found",
    "left",
    "kept",
    "sent",
    "built",
    "brought",
    "bought",
    "heard",
    "held",
    "hit",
    "let",
    "lost",
    "meant",
    "met",
    "paid",
    "said",
    "shut",
    "spent",
    "stood",
    "understood",
    "broken",
    "chosen",
    "driven",
    "fallen",
    "forgotten",
    "forgiven",
    "frozen",
    "hidden",
    "spoken",
    "stolen",
    "thrown",
    "woken",
    "begun",
    "come",
    "become",
    "felt",
    "had",
    "taught",
    "won",
    "sold",
    "split",
    "spun",
    "struck",
    "torn",
    "shown",
    "drawn",
    "grown",
    "blown",
    "flown",
    "withdrawn",
    "overseen",
    "undone",
    "rerun",
    "rewritten",
    "upset",
    "cut",
    "quit",
    "shed",
    "spread",
    "led",
    "fed",
    "slept",
    "swept",
    "wept",
    "dealt",
    "learnt",
    "burnt",
    "sought",
    "fought",
    "rung",
    "sung",
];

/// Words ending in -ed that are not participles of an action.
const NOT_PP: &[&str] = &[
    "need", "speed", "feed", "seed", "bed", "red", "shed", "hundred",
];

pub(crate) fn is_first(t: &Token) -> bool {
    FIRST.contains(&t.norm.as_str())
}

pub(crate) fn is_other_pronoun(t: &Token) -> bool {
    OTHER.contains(&t.norm.as_str())
}

pub(crate) fn is_role(t: &Token) -> bool {
    ROLES.contains(&t.norm.as_str())
}

pub(crate) fn is_anyone(t: &Token) -> bool {
    ANYONE.contains(&t.norm.as_str()) && t.norm != "one"
}

/// A past participle: "checked", "seen", "been".
pub(crate) fn is_participle(t: &Token) -> bool {
    let w = t.norm.as_str();
    !t.boundary
        && (IRREGULAR_PP.contains(&w)
            || (w.len() > 3 && w.ends_with("ed") && !NOT_PP.contains(&w))
            || (w.len() > 4 && w.ends_with("en") && w != "often" && w != "when"))
}

/// The people a coach knows by name (a scenario's participants, a
/// config's `people`), lower-case.
pub(crate) type People = HashSet<String>;

/// A capitalised word is a person when the coach knows the name, or when
/// the sentence treats it as one: a verb or state only people have follows
/// it, it is spoken to ("Phil, why...?"), or it speaks ("Dana: ...").
pub(crate) fn is_person_name(tokens: &[Token], i: usize, people: &People) -> bool {
    let t = &tokens[i];
    if t.boundary || !t.norm.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    if people.contains(&t.norm) {
        return true;
    }
    if !t.capital || NOT_NAMES.contains(&t.norm.as_str()) || is_role(t) {
        return false;
    }
    // All capitals is shouting, not naming.
    let next = tokens.get(i + 1);
    // Spoken to: "Phil, why did you...". Speaking: "Dana: ...".
    if next.is_some_and(|n| n.norm == "," || n.norm == ":")
        && (i == 0 || tokens[i - 1].boundary)
        && tokens.get(i + 2).is_some_and(|n| {
            matches!(
                n.norm.as_str(),
                "you" | "why" | "what" | "how" | "can" | "could" | "would" | "did" | "do" | "when"
            ) || n.quoted
        })
    {
        return true;
    }
    // "Sam failed to update the runbook": a lapse only people have.
    if next.is_some_and(|n| n.norm == "failed" || n.norm == "neglected")
        && tokens.get(i + 2).is_some_and(|n| n.norm == "to")
        && tokens
            .get(i + 3)
            .is_some_and(|n| !n.boundary && !MACHINE_VERBS.contains(&n.norm.as_str()))
    {
        return true;
    }
    // Followed (past auxiliaries and adverbs) by something only people do.
    for n in tokens.iter().skip(i + 1).take(6) {
        if n.boundary {
            return false;
        }
        if HUMAN_WORDS.contains(&n.norm.as_str()) {
            return true;
        }
        if !BETWEEN.contains(&n.norm.as_str()) {
            return false;
        }
    }
    false
}

/// What kind of agent one token is, if it names one.
pub(crate) fn agent_of(tokens: &[Token], i: usize, people: &People) -> Option<Agent> {
    let t = &tokens[i];
    if t.boundary {
        return None;
    }
    if is_first(t) {
        return Some(Agent::First);
    }
    if is_other_pronoun(t) {
        return Some(Agent::Other);
    }
    if is_anyone(t) {
        return Some(Agent::Anyone);
    }
    if is_role(t) {
        // "a careful engineer", "any reviewer": nobody in particular.
        let generic = tokens[..i]
            .iter()
            .rev()
            .take(3)
            .take_while(|p| !p.boundary)
            .any(|p| matches!(p.norm.as_str(), "a" | "an" | "any" | "every" | "no"));
        return Some(if generic { Agent::Anyone } else { Agent::Other });
    }
    if is_person_name(tokens, i, people) {
        return Some(Agent::Other);
    }
    None
}

const POSSESSIVES: &[&str] = &["my", "our", "your", "his", "her", "their", "its"];

const PREPOSITIONS: &[&str] = &[
    "with", "to", "for", "on", "in", "at", "from", "about", "by", "of", "into",
];

/// Verbs that take a "that" clause: "I think that...".
const SAY_THINK: &[&str] = &[
    "agree",
    "agreed",
    "think",
    "thought",
    "said",
    "say",
    "says",
    "know",
    "knew",
    "believe",
    "believed",
    "noticed",
    "realized",
    "realised",
    "found",
    "mean",
    "meant",
    "hope",
    "feel",
    "felt",
    "guess",
    "suspect",
    "assume",
    "assumed",
    "understand",
    "understood",
    "see",
    "saw",
    "learned",
    "learnt",
    "told",
    "clear",
    "sure",
    "likely",
    "possible",
    "seems",
    "appears",
    "means",
    "note",
    "noted",
    "showed",
    "shows",
    "argue",
    "argued",
    "claim",
    "claimed",
];

/// Conjunctions after which a clause may leave out its subject: "ran the
/// command but forgot the flag".
const CONJUNCTIONS: &[&str] = &["and", "but", "then", "yet", "so", "or"];

/// Who the clause ending just before `at` is about: the nearest person word
/// within a few words ("it" or "which" make it a thing); when the clause
/// part starts with a conjunction and a verb (its subject left out), the
/// subject of the part before it: "ran the command but forgot the flag".
pub(crate) fn subject_before(
    tokens: &[Token],
    at: usize,
    clause_start: &[usize],
    people: &People,
) -> Option<Agent> {
    let start = clause_start[at.min(clause_start.len() - 1)];
    // The conjunction opening this part, taken with any run of
    // conjunctions and adverbs before it ("and then forgot").
    let conj = (start..at)
        .rev()
        .find(|&j| CONJUNCTIONS.contains(&tokens[j].norm.as_str()))
        .map(|mut c| {
            while c > start && {
                let w = tokens[c - 1].norm.as_str();
                CONJUNCTIONS.contains(&w) || BETWEEN.contains(&w)
            } {
                c -= 1;
            }
            c
        });
    let part = conj.map_or(start, |c| c + 1);
    // "the ALBs we tested with should have...": a clause ending in a
    // preposition is a relative clause; its person is not the subject.
    if at > part && PREPOSITIONS.contains(&tokens[at - 1].norm.as_str()) {
        return None;
    }
    for j in (part.max(at.saturating_sub(6))..at).rev() {
        if matches!(tokens[j].norm.as_str(), "it" | "which") {
            return None;
        }
        // "our own load balancer would have...": a possessive before a
        // noun; the noun is the subject, and no person was nearer.
        if POSSESSIVES.contains(&tokens[j].norm.as_str()) && j + 1 < at {
            return None;
        }
        // "I agree that mistakes were made": the clause after "that" has
        // its own subject.
        if tokens[j].norm == "that" && j > 0 && SAY_THINK.contains(&tokens[j - 1].norm.as_str()) {
            return None;
        }
        if let Some(a) = agent_of(tokens, j, people) {
            // "each user check-in caused": a role word before another noun
            // names the noun, not a person.
            let modifier = is_role(&tokens[j])
                && tokens.get(j + 1).is_some_and(|n| {
                    j + 1 < at
                        && !n.boundary
                        && !BETWEEN.contains(&n.norm.as_str())
                        && !n.norm.ends_with("ly")
                        && !is_participle(n)
                        && !HUMAN_WORDS.contains(&n.norm.as_str())
                });
            if !modifier {
                return Some(a);
            }
        }
    }
    let dropped = (part..at).all(|j| BETWEEN.contains(&tokens[j].norm.as_str()));
    match conj {
        Some(c) if dropped => {
            // The part before the conjunction, or the clause before a comma.
            let (from, to) = if c > start {
                let prev = (start..c)
                    .rev()
                    .find(|&j| CONJUNCTIONS.contains(&tokens[j].norm.as_str()));
                (prev.map_or(start, |p| p + 1), c)
            } else if start > 0 {
                (clause_start[start - 1], start - 1)
            } else {
                return None;
            };
            leading_subject(tokens, from, to, people)
        }
        _ => None,
    }
}

/// The subject of the sentence `at` is in, when a phrase before or after
/// it stands apart from the verb: "In an act of laziness I hardcoded it",
/// "I typed the command on the wrong host by mistake".
pub(crate) fn sentence_subject(
    tokens: &[Token],
    at: usize,
    end: usize,
    people: &People,
) -> Option<Agent> {
    // Just after the phrase: "..., I hardcoded".
    for j in end..tokens.len().min(end + 3) {
        if matches!(tokens[j].norm.as_str(), "." | "?" | "!") {
            break;
        }
        if let Some(a) = agent_of(tokens, j, people) {
            return Some(a);
        }
    }
    // At the head of the sentence.
    let start = tokens[..at]
        .iter()
        .rposition(|t| matches!(t.norm.as_str(), "." | "?" | "!" | "|"))
        .map_or(0, |p| p + 1);
    leading_subject(tokens, start, at, people)
}

/// The subject at the head of a clause part: the first person word in its
/// first few words, before any other noun.
fn leading_subject(tokens: &[Token], from: usize, to: usize, people: &People) -> Option<Agent> {
    for j in from..to.min(from + 5) {
        if let Some(a) = agent_of(tokens, j, people) {
            return Some(a);
        }
        if matches!(tokens[j].norm.as_str(), "it" | "which") {
            return None;
        }
    }
    None
}

/// For every token, the index where its clause starts (just past the last
/// boundary before it): computed once per line so lookbacks stay cheap.
pub(crate) fn clause_starts(tokens: &[Token]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(tokens.len() + 1);
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        starts.push(start);
        if t.boundary {
            start = i + 1;
        }
    }
    starts.push(start);
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::tokenize;

    fn subject(s: &str, word: &str) -> Option<Agent> {
        let t = tokenize(s);
        let at = t.iter().position(|t| t.norm == word).unwrap();
        subject_before(&t, at, &clause_starts(&t), &People::new())
    }

    #[test]
    fn a_capital_letter_alone_is_not_a_person() {
        let t = tokenize("Cloudflare caused an outage, but Phil said nothing.");
        let none = People::new();
        assert!(!is_person_name(&t, 0, &none));
        let phil = t.iter().position(|t| t.norm == "phil").unwrap();
        assert!(is_person_name(&t, phil, &none));
        let t = tokenize("Why was Bloggulus down?");
        assert!(!is_person_name(&t, 2, &none));
        let known: People = ["bloggulus".to_owned()].into();
        assert!(is_person_name(&t, 2, &known));
    }

    #[test]
    fn subjects_left_out_after_a_conjunction_are_found() {
        assert_eq!(
            subject(
                "The operator ran the command but forgot the flag.",
                "forgot"
            ),
            Some(Agent::Other)
        );
        assert_eq!(
            subject("The script ran the command but forgot the flag.", "forgot"),
            None
        );
        assert_eq!(
            subject("I hardcoded them, and forgot.", "forgot"),
            Some(Agent::First)
        );
        assert_eq!(
            subject("A careful engineer would have seen it.", "would"),
            Some(Agent::Anyone)
        );
    }

    #[test]
    fn participles() {
        let t = tokenize("checked seen automated speed been clear");
        let pp: Vec<bool> = t.iter().map(is_participle).collect();
        assert_eq!(pp, [true, true, true, false, true, false]);
    }
}
