//! The coach's rules as data: the shipped set (`assets/language/rules.ron`)
//! and a user's config, which can disable categories or rules and add
//! phrases and exceptions.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a phrase does to a room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Category {
    Blame,
    Counterfactual,
    SelfBlame,
    RootCause,
    HumanError,
    WhyQuestion,
    Minimizing,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Blame,
        Category::Counterfactual,
        Category::SelfBlame,
        Category::RootCause,
        Category::HumanError,
        Category::WhyQuestion,
        Category::Minimizing,
    ];

    /// The name used in lint output and JSON: `self-blame`, `why-question`.
    pub fn label(self) -> &'static str {
        match self {
            Category::Blame => "blame",
            Category::Counterfactual => "counterfactual",
            Category::SelfBlame => "self-blame",
            Category::RootCause => "root-cause",
            Category::HumanError => "human-error",
            Category::WhyQuestion => "why-question",
            Category::Minimizing => "minimizing",
        }
    }

    pub fn from_label(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.label() == s)
    }
}

/// In JSON a category is its label, as `lint` prints it.
impl Serialize for Category {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whom the clause must be about for a rule to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    #[default]
    Any,
    /// I, we.
    First,
    /// A particular other person: you, he, she, they, the reviewer, a name
    /// the sentence treats as a person's.
    Other,
    /// Someone else, particular or not: the reviewer, or "someone".
    Others,
    /// Any person, including nobody in particular (someone, a careful
    /// engineer), or a clause spoken to "you" or in the passive of
    /// something people do; not a thing (a script, the storm).
    Human,
    /// I or we; or nobody named, in a document told in the first person.
    FirstByVoice,
    /// Someone else; or nobody named, in a document not told in the first
    /// person.
    OtherByVoice,
}

/// Extra conditions a rule's match must meet, each a small piece of grammar
/// the pattern language cannot say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    /// A past participle follows (after adverbs), or the clause ends: "should
    /// have checked", not "should have clear rules".
    Participle,
    /// Not an estimate of impact ("users would have seen errors", "this
    /// would have been minimal") nor an expectation ("should have been
    /// corrected automatically").
    NotImpact,
    /// A person follows later in the clause: "caused by the contractor",
    /// "a command entered by a team member".
    ByPerson,
    /// The next words are not an amount: "obviously a lot of work".
    NotAmount,
    /// An order to someone: the next word is a verb, not a gerund, article
    /// or preposition ("Simply read the page", not "Just reading it").
    Imperative,
    /// An imagined alternative rather than a guess at what happened: said
    /// of a person, of a remedy that would have prevented or caught it
    /// ("a change which would have prevented the outage"), or comparing
    /// ("would have been safer").
    Alternative,
    /// Not in a question ("Had you seen it before?" asks about the past).
    Statement,
    /// Nothing follows in the clause: "to protect the ignorant."
    AtEnd,
    /// The first word of a sentence.
    SentenceStart,
    /// Just after a form of "be" (past "so", "just", "all"): "it was
    /// obviously an eight".
    AfterBe,
    /// Said to or about someone: "you", "anyone" or "everyone" is among the
    /// few words before ("you just flip the flag").
    AfterYou,
    /// Not a purpose clause: "so they could have tested" says what a
    /// message would have allowed, not what they failed to do.
    NotPurpose,
    /// Not a relative "who" after a noun ("the one who wrote the code"):
    /// a question, or a question inside a sentence ("work out who broke
    /// it").
    NotRelative,
    /// A person (someone else) within a few words in the same clause:
    /// "the culprit was the platform team", not "the culprit was a cron
    /// job".
    NearPerson,
    /// Not a reported question: "asked her if she had changed the tape"
    /// is "whether", not a wish about the past.
    NotReported,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub negators: Vec<String>,
    pub exceptions: Vec<String>,
    pub rules: Vec<Rule>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub pattern: Vec<String>,
    #[serde(default)]
    pub subject: Subject,
    #[serde(default)]
    pub not_before: Vec<String>,
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Only at the start of a clause.
    #[serde(default)]
    pub clause_start: bool,
    #[serde(default = "yes")]
    pub negatable: bool,
    #[serde(default)]
    pub checks: Vec<Check>,
    pub message: String,
    pub suggestion: String,
}

fn yes() -> bool {
    true
}

/// A user's adjustments, e.g. a postmortem repository's `.second-story.ron`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Categories to leave out.
    pub disable: Vec<Category>,
    /// Rule ids to leave out (see assets/language/rules.ron).
    pub disable_rules: Vec<String>,
    /// Extra phrases to flag.
    pub phrases: Vec<Phrase>,
    /// Phrases never to flag, even inside a match.
    pub exceptions: Vec<String>,
    /// Names of people (the team, the people in the incident), so that
    /// "Dana skipped the review" is read as a person's action even where
    /// the sentence alone would not show it.
    pub people: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub category: Category,
    pub text: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub suggestion: Option<String>,
}

/// A config that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    File(#[from] crate::source::FileError),
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

impl Config {
    pub fn parse(source: &str, file: &str) -> Result<Config, ConfigError> {
        let config: Config =
            ron::from_str(source).map_err(|e| crate::source::FileError::ron(file, e))?;
        let invalid = |message: String| ConfigError::Invalid {
            file: file.to_owned(),
            message,
        };
        let blank = |s: &str| s.split_whitespace().next().is_none();
        if let Some(p) = config.phrases.iter().find(|p| blank(&p.text)) {
            return Err(invalid(format!("a phrase for {} has no words", p.category)));
        }
        if let Some(n) = config.exceptions.iter().position(|e| blank(e)) {
            return Err(invalid(format!(
                "exceptions: entry {} is empty; an exception needs at least one word",
                n + 1
            )));
        }
        if let Some(n) = config.people.iter().position(|p| blank(p)) {
            return Err(invalid(format!(
                "people: entry {} is empty; give each person's name",
                n + 1
            )));
        }
        Ok(config)
    }

    pub fn load(path: &std::path::Path) -> Result<Config, ConfigError> {
        let source = crate::source::read(path)?;
        Config::parse(&source, &path.display().to_string())
    }
}
