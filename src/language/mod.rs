//! The language coach: finds phrasing that shuts a room down (blame,
//! counterfactuals, self-blame, root cause, human error, why-questions,
//! minimising), says which principle it breaks, and suggests a better way
//! to say it. Rules are data (`assets/language/rules.ron`); the matching
//! understands contractions, who a clause is about, negation, quoted speech
//! and Markdown. Used by the meeting's scoring, by scenario validation, by
//! `second-story lint`, and on the player's own words.

mod rules;
mod text;

pub use rules::{Category, Config, ConfigError, Phrase, Rule, RuleSet, Subject};
pub use text::{Token, tokenize};

use serde::Serialize;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One piece of phrasing the coach flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub category: Category,
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
    /// Just past the match.
    pub end_column: usize,
    pub matched: String,
    pub message: String,
    pub suggestion: String,
    pub rule: String,
}

/// One alternative of a pattern element: a word, or a class of people.
#[derive(Clone, Debug)]
enum Alt {
    Word(String),
    SelfPerson,
    OtherPerson,
    Person,
}

/// One element of a compiled pattern: any of its alternatives.
type Elem = Vec<Alt>;

#[derive(Clone, Debug)]
struct Compiled {
    rule: Rule,
    elems: Vec<(Elem, bool)>,
}

/// The rules in force, ready to match.
#[derive(Clone, Debug)]
pub struct Coach {
    rules: Vec<Compiled>,
    exceptions: Vec<Vec<String>>,
    negators: HashSet<String>,
}

const SHIPPED: &str = include_str!("../../assets/language/rules.ron");

/// Capitalised words that start sentences but are not people.
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
    "tuesday",
    "monday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "ci",
    "jenkins",
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
    "team",
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
    "sre",
    "sres",
    "on-call",
    "oncall",
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
    "themselves",
];

impl Coach {
    /// The shipped rule set.
    pub fn shipped() -> &'static Coach {
        static COACH: OnceLock<Coach> = OnceLock::new();
        COACH.get_or_init(|| {
            let set: RuleSet =
                ron::from_str(SHIPPED).expect("assets/language/rules.ron is valid (tested)");
            Coach::from_rules(set)
        })
    }

    pub fn from_rules(set: RuleSet) -> Coach {
        let words = |s: &str| {
            s.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        };
        Coach {
            rules: set.rules.into_iter().map(compile).collect(),
            exceptions: set.exceptions.iter().map(|e| words(e)).collect(),
            negators: set.negators.into_iter().collect(),
        }
    }

    /// The shipped rules adjusted by a user's config.
    pub fn with_config(config: &Config, file: &str) -> Result<Coach, ConfigError> {
        let mut coach = Coach::shipped().clone();
        if let Some(unknown) = config
            .disable_rules
            .iter()
            .find(|id| !coach.rules.iter().any(|r| &r.rule.id == *id))
        {
            return Err(ConfigError::Invalid {
                file: file.to_owned(),
                message: format!(
                    "disable_rules names \"{unknown}\", which is not a rule (see assets/language/rules.ron)"
                ),
            });
        }
        coach.rules.retain(|r| {
            !config.disable.contains(&r.rule.category) && !config.disable_rules.contains(&r.rule.id)
        });
        for p in &config.phrases {
            let id = format!("phrase: {}", p.text);
            coach.rules.push(compile(Rule {
                id,
                category: p.category,
                pattern: p.text.split_whitespace().map(str::to_lowercase).collect(),
                subject: Subject::Any,
                not_before: Vec::new(),
                not_after: Vec::new(),
                clause_start: false,
                negatable: true,
                message: p.message.clone().unwrap_or_else(|| {
                    format!("{}: flagged by this project's config.", p.category)
                }),
                suggestion: p.suggestion.clone().unwrap_or_else(|| {
                    "Describe what happened and ask how it made sense at the time.".into()
                }),
            }));
        }
        coach.exceptions.extend(
            config
                .exceptions
                .iter()
                .map(|e| e.split_whitespace().map(str::to_lowercase).collect()),
        );
        Ok(coach)
    }

    /// Findings in a document (Markdown or plain text), line by line.
    /// Fenced code blocks are skipped.
    pub fn analyze(&self, document: &str) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut fenced = false;
        for (i, line) in document.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fenced = !fenced;
                continue;
            }
            if fenced {
                continue;
            }
            self.analyze_line(line, i + 1, &mut findings);
        }
        findings
    }

    /// The categories flagged in one sentence or line.
    pub fn categories(&self, text: &str) -> Vec<Category> {
        let mut c: Vec<Category> = self.analyze(text).into_iter().map(|f| f.category).collect();
        c.sort();
        c.dedup();
        c
    }

    fn analyze_line(&self, line: &str, number: usize, out: &mut Vec<Finding>) {
        let mut tokens = tokenize(line);
        // A line that is all quotation (a remark someone made) is that
        // person's words; a quote inside a sentence is a phrase discussed.
        if tokens.iter().filter(|t| !t.boundary).all(|t| t.quoted) || is_attributed_speech(&tokens)
        {
            for t in &mut tokens {
                t.quoted = false;
            }
        }
        let start = out.len();
        let chars: Vec<char> = line.chars().collect();
        for c in &self.rules {
            for at in 0..tokens.len() {
                if let Some(end) = self.matches(c, &tokens, at) {
                    let (from, to) = (tokens[at].column, tokens[end - 1].end_column);
                    let matched: String = chars[from - 1..to - 1].iter().collect();
                    let finding = Finding {
                        category: c.rule.category,
                        line: number,
                        column: from,
                        end_column: to,
                        matched,
                        message: c.rule.message.clone(),
                        suggestion: suggest(&c.rule.suggestion, &tokens, end, &chars),
                        rule: c.rule.id.clone(),
                    };
                    let overlaps = out[start..].iter().any(|f| {
                        f.category == finding.category
                            && f.column < finding.end_column
                            && finding.column < f.end_column
                    });
                    if !overlaps {
                        out.push(finding);
                    }
                }
            }
        }
        out[start..].sort_by_key(|f| (f.column, f.category));
    }

    /// Where a rule's match starting at `at` ends, if it matches.
    fn matches(&self, c: &Compiled, tokens: &[Token], at: usize) -> Option<usize> {
        let r = &c.rule;
        let mut i = at;
        for (elem, optional) in &c.elems {
            let ok = tokens
                .get(i)
                .is_some_and(|t| !t.boundary && !t.quoted && elem_matches(elem, t));
            if ok {
                i += 1;
            } else if !optional {
                return None;
            }
        }
        if i == at {
            return None;
        }
        let before = at.checked_sub(1).map(|b| &tokens[b]);
        if r.clause_start && before.is_some_and(|t| !t.boundary) {
            return None;
        }
        if before.is_some_and(|t| !t.boundary && r.not_after.contains(&t.norm)) {
            return None;
        }
        if tokens
            .get(i)
            .is_some_and(|t| !t.boundary && r.not_before.contains(&t.norm))
        {
            return None;
        }
        let clause = clause_before(tokens, at);
        if r.negatable
            && clause
                .iter()
                .rev()
                .take(4)
                .any(|t| self.negators.contains(&t.norm))
        {
            return None;
        }
        match r.subject {
            Subject::Any => {}
            Subject::First if subject(clause) != Some(Subject::First) => return None,
            Subject::Other if subject(clause) != Some(Subject::Other) => return None,
            _ => {}
        }
        if self.in_exception(tokens, at, i) {
            return None;
        }
        Some(i)
    }

    /// True when the match overlaps an exception phrase.
    fn in_exception(&self, tokens: &[Token], from: usize, to: usize) -> bool {
        self.exceptions.iter().any(|ex| {
            let n = ex.len();
            (from.saturating_sub(n - 1)..to).any(|s| {
                s + n <= tokens.len()
                    && tokens[s..s + n]
                        .iter()
                        .zip(ex)
                        .all(|(t, w)| !t.boundary && &t.norm == w)
                    && s < to
                    && s + n > from
            })
        })
    }
}

fn compile(rule: Rule) -> Compiled {
    let elems = rule
        .pattern
        .iter()
        .map(|p| {
            let (optional, p) = match p.strip_prefix('?') {
                Some(rest) => (true, rest),
                None => (false, p.as_str()),
            };
            let elem = p
                .split('|')
                .map(|w| match w.trim() {
                    "SELF" => Alt::SelfPerson,
                    "OTHER" => Alt::OtherPerson,
                    "PERSON" => Alt::Person,
                    w => Alt::Word(w.to_lowercase()),
                })
                .collect();
            (elem, optional)
        })
        .collect();
    Compiled { rule, elems }
}

fn is_name(t: &Token) -> bool {
    t.capital
        && !NOT_NAMES.contains(&t.norm.as_str())
        && t.norm.chars().all(|c| c.is_alphabetic() || c == '-')
}

fn elem_matches(elem: &Elem, t: &Token) -> bool {
    let first = || FIRST.contains(&t.norm.as_str());
    let other =
        || OTHER.contains(&t.norm.as_str()) || ROLES.contains(&t.norm.as_str()) || is_name(t);
    elem.iter().any(|alt| match alt {
        Alt::Word(w) => w == &t.norm,
        Alt::SelfPerson => first(),
        Alt::OtherPerson => other(),
        Alt::Person => first() || other(),
    })
}

/// The tokens of the clause before position `at`.
fn clause_before(tokens: &[Token], at: usize) -> &[Token] {
    let start = tokens[..at]
        .iter()
        .rposition(|t| t.boundary)
        .map_or(0, |b| b + 1);
    &tokens[start..at]
}

/// Who the clause is about: the nearest person word before the match.
fn subject(clause: &[Token]) -> Option<Subject> {
    clause.iter().rev().take(4).find_map(|t| {
        if FIRST.contains(&t.norm.as_str()) {
            Some(Subject::First)
        } else if OTHER.contains(&t.norm.as_str())
            || ROLES.contains(&t.norm.as_str())
            || is_name(t)
            || t.norm == "'s"
        {
            Some(Subject::Other)
        } else {
            None
        }
    })
}

/// `Dana: "Phil didn't even look."`: a speaker's name, a colon, then
/// their words in quotes.
fn is_attributed_speech(tokens: &[Token]) -> bool {
    let Some(first_quoted) = tokens.iter().position(|t| t.quoted) else {
        return false;
    };
    let before = &tokens[..first_quoted];
    let words_before = before.iter().filter(|t| !t.boundary).count();
    let after_unquoted = tokens[first_quoted..]
        .iter()
        .filter(|t| !t.boundary && !t.quoted)
        .count();
    before.last().is_some_and(|t| t.norm == ":")
        && (1..=3).contains(&words_before)
        && after_unquoted == 0
}

/// Fills `{gerund}` with the words after the match turned into an -ing
/// phrase: "Why did you restart it?" gives "restarting it".
fn suggest(template: &str, tokens: &[Token], end: usize, chars: &[char]) -> String {
    if !template.contains("{gerund}") {
        return template.to_owned();
    }
    // The words after the match, without hedges and minimisers ("just").
    const SKIP: &[&str] = &[
        "just", "simply", "really", "even", "ever", "actually", "merely", "also",
    ];
    let rest: Vec<&Token> = tokens[end..]
        .iter()
        .take_while(|t| !t.boundary)
        .skip_while(|t| SKIP.contains(&t.norm.as_str()))
        .collect();
    let phrase = match rest.split_first() {
        Some((verb, others)) => {
            let tail: String = match (others.first(), others.last()) {
                (Some(a), Some(b)) => chars[a.column - 1..b.end_column - 1].iter().collect(),
                _ => String::new(),
            };
            let verb = gerund(&verb.norm);
            if tail.is_empty() {
                verb
            } else {
                format!("{verb} {tail}")
            }
        }
        None => "that".to_owned(),
    };
    template.replace("{gerund}", &phrase)
}

/// "restart" → "restarting", "merge" → "merging", "skip" → "skipping".
pub fn gerund(verb: &str) -> String {
    const DOUBLE: &[&str] = &[
        "commit", "submit", "permit", "admit", "forget", "regret", "begin", "refer", "occur",
        "omit",
    ];
    let v = verb.to_lowercase();
    if v.ends_with("ing") {
        return v;
    }
    if let Some(stem) = v.strip_suffix("ie") {
        return format!("{stem}ying");
    }
    if v.ends_with('e')
        && !v.ends_with("ee")
        && !v.ends_with("ye")
        && !v.ends_with("oe")
        && v.len() > 2
    {
        return format!("{}ing", &v[..v.len() - 1]);
    }
    let b = v.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let cvc = b.len() >= 3
        && !vowel(b[b.len() - 1])
        && !b"wxy".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3]);
    if cvc && (b.len() <= 4 || DOUBLE.contains(&v.as_str())) {
        return format!("{v}{}ing", v.chars().last().unwrap_or_default());
    }
    format!("{v}ing")
}

/// The categories that cost the language score: root cause, human error
/// and minimising words in the player's own lines.
pub fn language_penalties(text: &str) -> usize {
    Coach::shipped()
        .analyze(text)
        .iter()
        .filter(|f| {
            matches!(
                f.category,
                Category::RootCause | Category::HumanError | Category::Minimizing
            )
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats(s: &str) -> Vec<&'static str> {
        Coach::shipped()
            .categories(s)
            .into_iter()
            .map(Category::label)
            .collect()
    }

    #[test]
    fn the_shipped_rules_parse() {
        assert!(Coach::shipped().rules.len() > 20);
    }

    #[test]
    fn why_questions_get_a_what_made_it_make_sense_rewrite() {
        let f = Coach::shipped().analyze("Why did you restart it?");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].category, Category::WhyQuestion);
        assert_eq!(
            f[0].suggestion,
            "What made restarting it the right move at the time?"
        );
        assert_eq!(
            (f[0].column, f[0].end_column, f[0].matched.as_str()),
            (1, 12, "Why did you")
        );
    }

    #[test]
    fn first_person_is_self_blame_and_others_are_blame() {
        assert_eq!(
            cats("I should've zoomed in."),
            ["counterfactual", "self-blame"]
        );
        assert_eq!(
            cats("Phil should have zoomed in."),
            ["blame", "counterfactual"]
        );
        assert_eq!(cats("this is on me"), ["self-blame"]);
    }

    #[test]
    fn mood_tense_and_negation_are_understood() {
        assert!(cats("We should add an alert for unstable runs.").is_empty());
        assert!(cats("Could you say more about that?").is_empty());
        assert!(cats("We should have an alert for this.").is_empty());
        assert!(cats("This was not human error.").is_empty());
        assert!(cats("Ravi just happened to be online.").is_empty());
        assert!(cats("Who was on call that night?").is_empty());
        assert!(cats("The phrase \"root cause\" ends the inquiry too early.").is_empty());
        assert_eq!(cats("\"It's all on me, I messed up.\""), ["self-blame"]);
    }

    #[test]
    fn gerunds() {
        for (v, g) in [
            ("restart", "restarting"),
            ("merge", "merging"),
            ("skip", "skipping"),
            ("deploy", "deploying"),
            ("commit", "committing"),
            ("zoom", "zooming"),
            ("tie", "tying"),
            ("see", "seeing"),
        ] {
            assert_eq!(gerund(v), g);
        }
    }
}
