//! The language coach: finds phrasing that shuts a room down (blame,
//! counterfactuals, self-blame, root cause, human error, why-questions,
//! minimising), says which principle it breaks, and suggests a better way
//! to say it. Rules are data (`assets/language/rules.ron`); the matching
//! understands contractions, who a clause is about (a person, or a thing
//! that failed), negation, mood and tense, quotations and Markdown. Used by
//! the meeting's scoring, by scenario validation, by `second-story lint`,
//! and on the player's own words.

mod document;
mod grammar;
mod matcher;
mod rules;
mod text;

pub use rules::{Category, Check, Config, ConfigError, Phrase, Rule, RuleSet, Subject};
pub use text::{Token, tokenize};

use grammar::People;
use matcher::{Compiled, Line};
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
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

/// The rules in force, ready to match.
#[derive(Clone, Debug)]
pub struct Coach {
    rules: Vec<Compiled>,
    /// Rules by the words their matches can start with...
    by_word: HashMap<String, Vec<usize>>,
    /// ...and the rules that can start on any word.
    any_word: Vec<usize>,
    exceptions: Vec<Vec<String>>,
    exceptions_by_word: HashMap<String, Vec<usize>>,
    negators: HashSet<String>,
    people: People,
}

const SHIPPED: &str = include_str!("../../assets/language/rules.ron");

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
        let mut coach = Coach {
            rules: set.rules.into_iter().map(Compiled::new).collect(),
            by_word: HashMap::new(),
            any_word: Vec::new(),
            exceptions: Vec::new(),
            exceptions_by_word: HashMap::new(),
            negators: set.negators.into_iter().collect(),
            people: People::new(),
        };
        coach.add_exceptions(&set.exceptions);
        coach.index_rules();
        coach
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
            coach.rules.push(Compiled::new(Rule {
                id,
                category: p.category,
                pattern: p.text.split_whitespace().map(str::to_lowercase).collect(),
                subject: Subject::Any,
                not_before: Vec::new(),
                not_after: Vec::new(),
                clause_start: false,
                negatable: true,
                checks: Vec::new(),
                message: p.message.clone().unwrap_or_else(|| {
                    format!("{}: flagged by this project's config.", p.category)
                }),
                suggestion: p.suggestion.clone().unwrap_or_else(|| {
                    "Describe what happened and ask how it made sense at the time.".into()
                }),
            }));
        }
        coach.add_exceptions(&config.exceptions);
        coach.index_rules();
        Ok(coach.with_people(&config.people))
    }

    /// This coach, also knowing these people by name (a scenario's
    /// participants, a team): "Dana skipped it" is then read as a person's
    /// action even where the sentence alone would not show it.
    pub fn with_people<S: AsRef<str>>(&self, names: impl IntoIterator<Item = S>) -> Coach {
        let mut coach = self.clone();
        for name in names {
            coach
                .people
                .extend(name.as_ref().split_whitespace().map(str::to_lowercase));
        }
        coach
    }

    /// Exceptions with no words are ignored (a config rejects them).
    fn add_exceptions(&mut self, phrases: &[String]) {
        for e in phrases {
            let words: Vec<String> = e.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                self.exceptions_by_word
                    .entry(first.clone())
                    .or_default()
                    .push(self.exceptions.len());
                self.exceptions.push(words);
            }
        }
    }

    fn index_rules(&mut self) {
        self.by_word.clear();
        self.any_word.clear();
        for (i, r) in self.rules.iter().enumerate() {
            match r.first_words() {
                Some(words) => {
                    for w in words {
                        let list = self.by_word.entry(w).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
                None => self.any_word.push(i),
            }
        }
    }

    /// Findings in a document (Markdown or plain text), line by line. Code,
    /// block quotes, quotations, HTML comments, URLs and front matter are not
    /// the writer's words and are skipped; `<!-- second-story off -->` and
    /// `<!-- second-story on -->` (optionally naming categories) switch the
    /// coach off and on; under a heading flagged as root cause, the rest of
    /// the section's root-cause phrasing is part of that one finding.
    pub fn analyze(&self, document: &str) -> Vec<Finding> {
        let first_person = OnceCell::new();
        let voice = || document::first_person(document);
        // One line on its own that is all quotation, or `Name: "..."`, is
        // someone speaking (a participant's answer): read it as theirs.
        let utterance = document
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(2)
            .count()
            == 1;
        let mut findings = Vec::new();
        let mut open_quote = false;
        let mut last_line = 0;
        let mut root_section: Option<usize> = None;
        for line in document::prose_lines(document) {
            if let Some(level) = line.heading
                && root_section.is_some_and(|s| level <= s)
            {
                root_section = None;
            }
            if line.number != last_line + 1 {
                open_quote = false;
            }
            last_line = line.number;
            let (mut tokens, open) = text::tokenize_from(&line.text, open_quote);
            open_quote = open;
            if utterance && is_speech(&tokens) {
                for t in &mut tokens {
                    t.quoted = false;
                }
            }
            let mut found = Vec::new();
            self.analyze_tokens(
                &tokens,
                line.number,
                &line.text,
                &first_person,
                &voice,
                &mut found,
            );
            found.retain(|f| {
                let in_root_section = root_section.is_some() && f.category == Category::RootCause;
                !line.off.contains(f.category) && !in_root_section
            });
            if root_section.is_none()
                && line.heading.is_some()
                && found.iter().any(|f| f.category == Category::RootCause)
            {
                root_section = line.heading;
            }
            findings.extend(found);
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

    fn analyze_tokens(
        &self,
        tokens: &[Token],
        number: usize,
        text: &str,
        first_person: &OnceCell<bool>,
        voice: &dyn Fn() -> bool,
        out: &mut Vec<Finding>,
    ) {
        if tokens.is_empty() {
            return;
        }
        let line = Line {
            tokens,
            clause_start: grammar::clause_starts(tokens),
            question: matcher::questions(tokens),
            people: &self.people,
            negators: &self.negators,
            first_person,
            voice,
        };
        let excepted = self.exception_cover(tokens);
        let chars: OnceCell<Vec<char>> = OnceCell::new();
        // Per category, the column just past its last finding: a category
        // is flagged once for overlapping words.
        let mut covered = [0usize; Category::ALL.len()];
        let start = out.len();
        for (at, t) in tokens.iter().enumerate() {
            if t.boundary || t.quoted {
                continue;
            }
            let specific = self.by_word.get(&t.norm).map_or(&[][..], Vec::as_slice);
            for i in merged(specific, &self.any_word) {
                let c = &self.rules[i];
                let slot = category_slot(c.rule.category);
                if t.column < covered[slot] {
                    continue;
                }
                let Some(end) = c.matches(&line, at) else {
                    continue;
                };
                if excepted[end] > excepted[at] {
                    continue;
                }
                let chars = chars.get_or_init(|| text.chars().collect());
                let (from, to) = (t.column, tokens[end - 1].end_column);
                covered[slot] = to;
                out.push(Finding {
                    category: c.rule.category,
                    line: number,
                    column: from,
                    end_column: to,
                    matched: chars[from - 1..to - 1].iter().collect(),
                    message: c.rule.message.clone(),
                    suggestion: suggest(&c.rule.suggestion, tokens, end, chars),
                    rule: c.rule.id.clone(),
                });
            }
        }
        out[start..].sort_by_key(|f| (f.column, f.category));
    }

    /// For each token position, how many tokens before it lie in an
    /// exception phrase: a match `[from, to)` touches one when the count
    /// grows between them.
    fn exception_cover(&self, tokens: &[Token]) -> Vec<usize> {
        let n = tokens.len();
        let mut depth = vec![0i32; n + 1];
        for (s, t) in tokens.iter().enumerate() {
            if t.boundary {
                continue;
            }
            let Some(list) = self.exceptions_by_word.get(&t.norm) else {
                continue;
            };
            for &e in list {
                let ex = &self.exceptions[e];
                let k = ex.len();
                if s + k <= n
                    && tokens[s..s + k]
                        .iter()
                        .zip(ex)
                        .all(|(t, w)| !t.boundary && &t.norm == w)
                {
                    depth[s] += 1;
                    depth[s + k] -= 1;
                }
            }
        }
        let mut cover = Vec::with_capacity(n + 1);
        let (mut running, mut count) = (0i32, 0usize);
        cover.push(0);
        for d in depth.iter().take(n) {
            running += d;
            if running > 0 {
                count += 1;
            }
            cover.push(count);
        }
        cover
    }
}

fn category_slot(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

/// Two sorted lists of rule indices, merged in order (rule order is
/// priority).
fn merged<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || match (a.get(i), b.get(j)) {
        (Some(x), Some(y)) if x <= y => {
            i += 1;
            if x == y {
                j += 1;
            }
            Some(*x)
        }
        (_, Some(y)) => {
            j += 1;
            Some(*y)
        }
        (Some(x), None) => {
            i += 1;
            Some(*x)
        }
        (None, None) => None,
    })
}

/// A line that is all quotation, or `Dana: "Phil didn't even look."`: a
/// speaker's name, a colon, then their words in quotes.
fn is_speech(tokens: &[Token]) -> bool {
    if tokens.iter().filter(|t| !t.boundary).all(|t| t.quoted) {
        return true;
    }
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
mod tests;
