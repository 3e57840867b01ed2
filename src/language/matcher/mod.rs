//! A rule compiled for matching, and the match of one rule at one place in
//! a line: the pattern (with optional words and short gaps), the words that
//! may not come before or after it, negation, whom the clause is about, and
//! the rule's grammar checks.

mod words;

use words::{
    ADJECTIVAL, ADVERBS, AFFECTED, AMOUNT, COMPARATIVE, EXPERIENCE, FUNCTION_WORDS, IMPACT_STATE,
    NOT_VERB, REMEDY, REPORTING, SIZED, TROUBLE,
};

use super::grammar::{self, Agent, People};
use super::rules::{Check, Rule, Subject};
use super::text::Token;
use std::cell::OnceCell;
use std::collections::HashSet;

/// One alternative of a pattern element: a word, or a class of words.
#[derive(Clone, Debug)]
enum Alt {
    Word(String),
    SelfPerson,
    OtherPerson,
    Others,
    Person,
    Human,
    Participle,
}

#[derive(Clone, Debug)]
enum Elem {
    Alts {
        alts: Vec<Alt>,
        optional: bool,
    },
    /// Up to this many words of anything (never a boundary).
    Gap(usize),
}

/// A rule ready to match.
#[derive(Clone, Debug)]
pub(crate) struct Compiled {
    pub rule: Rule,
    elems: Vec<Elem>,
}

/// What a match needs to know about its line and document.
pub(crate) struct Line<'a> {
    pub tokens: &'a [Token],
    /// For each token, where its clause starts.
    pub clause_start: Vec<usize>,
    /// For each token, whether its sentence ends with a question mark.
    pub question: Vec<bool>,
    pub people: &'a People,
    pub negators: &'a HashSet<String>,
    /// Whether the document is told in the first person (asked lazily:
    /// few rules need it).
    pub first_person: &'a OnceCell<bool>,
    pub voice: &'a dyn Fn() -> bool,
}

impl Line<'_> {
    fn first_person(&self) -> bool {
        *self.first_person.get_or_init(|| (self.voice)())
    }
}

impl Compiled {
    pub(crate) fn new(rule: Rule) -> Compiled {
        let elems = rule
            .pattern
            .iter()
            .map(|p| {
                if let Some(n) = p.strip_prefix("..") {
                    return Elem::Gap(n.parse().unwrap_or(1));
                }
                let (optional, p) = match p.strip_prefix('?') {
                    Some(rest) => (true, rest),
                    None => (false, p.as_str()),
                };
                let alts = p
                    .split('|')
                    .map(|w| match w.trim() {
                        "SELF" => Alt::SelfPerson,
                        "OTHER" => Alt::OtherPerson,
                        "OTHERS" => Alt::Others,
                        "PERSON" => Alt::Person,
                        "HUMAN" => Alt::Human,
                        "PP" => Alt::Participle,
                        w => Alt::Word(w.to_lowercase()),
                    })
                    .collect();
                Elem::Alts { alts, optional }
            })
            .collect();
        Compiled { rule, elems }
    }

    /// The words a match can start with, or `None` when it can start on
    /// any word (a class, or a gap first).
    pub(crate) fn first_words(&self) -> Option<Vec<String>> {
        let mut words = Vec::new();
        for e in &self.elems {
            match e {
                Elem::Gap(_) => return None,
                Elem::Alts { alts, optional } => {
                    for a in alts {
                        match a {
                            Alt::Word(w) => words.push(w.clone()),
                            _ => return None,
                        }
                    }
                    if !optional {
                        return Some(words);
                    }
                }
            }
        }
        None
    }

    /// Where this rule's match starting at `at` ends, if it matches.
    pub(crate) fn matches(&self, line: &Line, at: usize) -> Option<usize> {
        let tokens = line.tokens;
        let end = self.match_elems(&self.elems, line, at)?;
        if end == at {
            return None;
        }
        let r = &self.rule;
        let before = at.checked_sub(1).map(|b| &tokens[b]);
        if r.clause_start && before.is_some_and(|t| !t.boundary) {
            return None;
        }
        if before.is_some_and(|t| !t.boundary && r.not_after.contains(&t.norm)) {
            return None;
        }
        if tokens
            .get(end)
            .is_some_and(|t| !t.boundary && r.not_before.contains(&t.norm))
        {
            return None;
        }
        // A negation shortly before cancels a match, within its clause and
        // not across "and"/"but": "said nothing and skipped the review".
        let clause = line.clause_start[at];
        let window = &tokens[clause.max(at.saturating_sub(4))..at];
        let scope = window
            .iter()
            .rposition(|t| matches!(t.norm.as_str(), "and" | "but" | "then"))
            .map_or(window, |c| &window[c + 1..]);
        if r.negatable && scope.iter().any(|t| line.negators.contains(&t.norm)) {
            return None;
        }
        if !self.subject_ok(line, at, end) {
            return None;
        }
        if !r.checks.iter().all(|c| check(*c, line, at, end)) {
            return None;
        }
        Some(end)
    }

    fn match_elems(&self, elems: &[Elem], line: &Line, i: usize) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(i);
        };
        let tokens = line.tokens;
        let word = |i: usize| tokens.get(i).is_some_and(|t| !t.boundary && !t.quoted);
        match first {
            Elem::Alts { alts, optional } => {
                if word(i)
                    && alts.iter().any(|a| alt_matches(a, line, i))
                    && let Some(end) = self.match_elems(rest, line, i + 1)
                {
                    return Some(end);
                }
                if *optional {
                    self.match_elems(rest, line, i)
                } else {
                    None
                }
            }
            Elem::Gap(n) => {
                for k in 0..=*n {
                    if k > 0 && !word(i + k - 1) {
                        break;
                    }
                    if let Some(end) = self.match_elems(rest, line, i + k) {
                        return Some(end);
                    }
                }
                None
            }
        }
    }

    fn subject_ok(&self, line: &Line, at: usize, end: usize) -> bool {
        let subject = || grammar::subject_before(line.tokens, at, &line.clause_start, line.people);
        // Whose act a judged phrase is: the clause's subject, else the
        // sentence's, else the subject of the sentence before, else the
        // document's voice.
        let whose = || {
            subject()
                .or_else(|| grammar::sentence_subject(line.tokens, at, end, line.people))
                .or_else(|| grammar::previous_subject(line.tokens, at, line.people))
        };
        match self.rule.subject {
            Subject::Any => true,
            Subject::First => subject() == Some(Agent::First),
            Subject::Other => subject() == Some(Agent::Other),
            Subject::Others => matches!(subject(), Some(Agent::Other | Agent::Anyone)),
            Subject::Human => subject().is_some_and(Agent::human),
            Subject::FirstByVoice => match whose() {
                Some(Agent::First) => true,
                Some(_) => false,
                None => line.first_person(),
            },
            Subject::OtherByVoice => match whose() {
                Some(Agent::First) => false,
                Some(_) => true,
                None => !line.first_person(),
            },
        }
    }
}

fn alt_matches(alt: &Alt, line: &Line, i: usize) -> bool {
    let t = &line.tokens[i];
    // "your", "their": a possessive names a thing's owner, not who acts.
    let possessive = matches!(
        t.norm.as_str(),
        "your" | "his" | "their" | "my" | "our" | "its"
    );
    let agent = || {
        if possessive {
            None
        } else {
            grammar::agent_of(line.tokens, i, line.people)
        }
    };
    match alt {
        Alt::Word(w) => w == &t.norm,
        Alt::SelfPerson => grammar::is_first(t),
        Alt::OtherPerson => agent() == Some(Agent::Other),
        Alt::Others => matches!(agent(), Some(Agent::Other | Agent::Anyone)),
        Alt::Person => matches!(agent(), Some(Agent::First | Agent::Other)),
        Alt::Human => agent().is_some_and(Agent::human),
        Alt::Participle => grammar::is_participle(t),
    }
}

fn check(c: Check, line: &Line, at: usize, end: usize) -> bool {
    let tokens = line.tokens;
    let next_content = |from: usize| {
        (from..tokens.len())
            .find(|&j| tokens[j].boundary || !ADVERBS.contains(&tokens[j].norm.as_str()))
    };
    match c {
        Check::Participle => {
            let Some(j) = next_content(end) else {
                return true;
            };
            let t = &tokens[j];
            if t.boundary {
                return true;
            }
            if !grammar::is_participle(t) {
                return false;
            }
            // "should have automated tests": an adjective before a noun.
            let adjectival = ADJECTIVAL.contains(&t.norm.as_str())
                && tokens.get(j + 1).is_some_and(|n| {
                    !n.boundary
                        && !n.capital
                        && !FUNCTION_WORDS.contains(&n.norm.as_str())
                        && !n.norm.ends_with("ly")
                });
            !adjectival
        }
        Check::NotImpact => {
            let Some(v) = next_content(end).filter(|&j| !tokens[j].boundary) else {
                return true;
            };
            let verb = tokens[v].norm.as_str();
            let clause = line.clause_start[at];
            let affected = tokens[clause.max(at.saturating_sub(5))..at]
                .iter()
                .any(|t| AFFECTED.contains(&t.norm.as_str()));
            if affected && EXPERIENCE.contains(&verb) {
                return false;
            }
            let after = next_content(v + 1).filter(|&j| !tokens[j].boundary);
            let after = after.map(|j| tokens[j].norm.as_str());
            if verb == "been" && after.is_some_and(|a| IMPACT_STATE.contains(&a)) {
                return false;
            }
            if verb == "had" && after.is_some_and(|a| TROUBLE.contains(&a)) {
                return false;
            }
            // "what could have been a stressful night", "it could have been
            // a disaster": the size of what nearly happened, not a verdict.
            let could = matches!(tokens[at].norm.as_str(), "could" | "might");
            let sized = tokens[v + 1..]
                .iter()
                .take(4)
                .take_while(|t| !t.boundary)
                .any(|t| SIZED.contains(&t.norm.as_str()));
            if could && verb == "been" && sized {
                return false;
            }
            true
        }
        Check::Alternative => {
            let subject = grammar::subject_before(tokens, at, &line.clause_start, line.people);
            if subject.is_some_and(Agent::human) {
                return true;
            }
            let Some(v) = next_content(end).filter(|&j| !tokens[j].boundary) else {
                return false;
            };
            let verb = tokens[v].norm.as_str();
            if REMEDY.contains(&verb) {
                return true;
            }
            verb == "been"
                && next_content(v + 1)
                    .is_some_and(|j| COMPARATIVE.contains(&tokens[j].norm.as_str()))
        }
        Check::ByPerson => {
            let mut by = Some(end);
            for j in end..tokens.len().min(end + 12) {
                let t = &tokens[j];
                if t.boundary {
                    return false;
                }
                if t.norm == "by" {
                    by = Some(j + 1);
                    continue;
                }
                let near_by = by.is_some_and(|b| j >= b && j < b + 4);
                if near_by
                    && matches!(
                        grammar::agent_of(tokens, j, line.people),
                        Some(Agent::Other | Agent::Anyone)
                    )
                {
                    return true;
                }
            }
            false
        }
        Check::NotAmount => !tokens[end..]
            .iter()
            .take(2)
            .take_while(|t| !t.boundary)
            .any(|t| AMOUNT.contains(&t.norm.as_str())),
        Check::Imperative => tokens.get(end).is_some_and(|t| {
            !t.boundary
                && !t.quoted
                && !t.norm.ends_with("ing")
                && !t.norm.ends_with("ed")
                && !t.norm.chars().all(|c| c.is_ascii_digit())
                && !NOT_VERB.contains(&t.norm.as_str())
        }),
        Check::Statement => !line.question[at],
        Check::AtEnd => tokens.get(end).is_none_or(|t| t.boundary),
        Check::SentenceStart => tokens[at].sentence_start,
        Check::AfterBe => tokens[..at]
            .iter()
            .rev()
            .find(|t| t.boundary || !matches!(t.norm.as_str(), "so" | "just" | "all" | "also"))
            .is_some_and(|t| {
                matches!(
                    t.norm.as_str(),
                    "is" | "was" | "are" | "were" | "be" | "been"
                )
            }),
        Check::AfterYou => tokens[line.clause_start[at].max(at.saturating_sub(4))..at]
            .iter()
            .any(|t| {
                matches!(
                    t.norm.as_str(),
                    "you" | "anyone" | "anybody" | "everyone" | "everybody" | "one"
                )
            }),
        Check::NotPurpose => !tokens[line.clause_start[at]..at]
            .iter()
            .zip(tokens[line.clause_start[at]..at].iter().skip(1))
            .any(|(a, b)| {
                (a.norm == "so" && (b.norm == "that" || grammar::is_other_pronoun(b)))
                    || (a.norm == "in" && b.norm == "order")
            }),
        Check::NotRelative => {
            at == 0 || {
                let before = &tokens[at - 1];
                before.boundary
                    || !(grammar::is_role(before)
                        || grammar::is_anyone(before)
                        || matches!(
                            before.norm.as_str(),
                            "one" | "ones" | "those" | "man" | "woman" | "them" | "somebody"
                        )
                        || (before.capital && !before.sentence_start))
            }
        }
        Check::NearPerson => {
            let (from, to) = (line.clause_start[at], tokens.len().min(end + 6));
            (from.max(at.saturating_sub(6))..to).any(|j| {
                (j < at || j >= end)
                    && !tokens[j].boundary
                    && (j < end || !tokens[end..j].iter().any(|t| t.boundary && t.norm != ":"))
                    && matches!(
                        grammar::agent_of(tokens, j, line.people),
                        Some(Agent::Other | Agent::Anyone)
                    )
            })
        }
        Check::NotReported => !tokens[line.clause_start[at].max(at.saturating_sub(3))..at]
            .iter()
            .any(|t| REPORTING.contains(&t.norm.as_str())),
    }
}

/// For each token, whether its sentence ends with a question mark.
pub(crate) fn questions(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut question = false;
    for (i, t) in tokens.iter().enumerate().rev() {
        if t.boundary && matches!(t.norm.as_str(), "." | "!" | "|") {
            question = false;
        } else if t.boundary && t.norm == "?" {
            question = true;
        }
        out[i] = question;
    }
    out
}
