//! The shape of a line in the player's own words: what kind of question or
//! move its wording makes it, whatever it is about. "How did the eight get
//! missed?" is a why-question in disguise (it presumes a fault), "Who here
//! would have read that as a zero?" is a poll, "I'd have read it the same
//! way" is normalising, "let's get action items with an owner and a date"
//! is fixing. The rules are small word patterns, tried in order of
//! precedence: what a facilitator means to do with the room comes first,
//! then traps, then talk of fixes, then the framing moves, then the kinds
//! of open question.

mod table;

use crate::language::tokenize;
use crate::scenario::{ChoiceKind, Principle};
use table::{AUX, CLOSURE, FAULT, FIRST_STORY, PARTICIPLES, PEOPLE, REQUESTS, WH, rules};

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
