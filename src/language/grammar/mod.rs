//! The little grammar the coach needs: which words stand for people (and
//! when a capitalised word is a person rather than a product), which words
//! are past participles, and who a clause is about, including subjects left
//! out after "and" or "but" and passive clauses that hide one.

mod clause_words;
mod words;

use clause_words::{
    BETWEEN, CONJUNCTIONS, IRREGULAR_PP, NOT_PP, POSSESSIVES, PREPOSITIONS, SAY_THINK,
};
use words::{ANYONE, FIRST, HUMAN_WORDS, MACHINE_VERBS, NOT_NAMES, OTHER, ROLES};

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

/// The subject of the sentence just before the one `at` is in, on the same
/// line: a mistake told in the passive with nobody named ("a mistake was
/// made at that step") is about whoever acted in the sentence before ("the
/// administrator ran the upgrade script"), not the document's narrator.
pub(crate) fn previous_subject(tokens: &[Token], at: usize, people: &People) -> Option<Agent> {
    let ends = |t: &Token| matches!(t.norm.as_str(), "." | "?" | "!" | "|");
    let end = tokens[..at].iter().rposition(ends)?;
    // A table cell stands on its own.
    if tokens[end].norm == "|" {
        return None;
    }
    let start = tokens[..end].iter().rposition(ends).map_or(0, |p| p + 1);
    for j in start..end.min(start + 5) {
        let t = &tokens[j];
        // "They", "them", "it": as often things as people ("most of them
        // were small"); only a person word carries over.
        if matches!(t.norm.as_str(), "he" | "she") {
            return Some(Agent::Other);
        }
        if is_other_pronoun(t) || matches!(t.norm.as_str(), "it" | "which" | "this" | "these") {
            return None;
        }
        if let Some(a) = agent_of(tokens, j, people) {
            return Some(a);
        }
    }
    None
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
