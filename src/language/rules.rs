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
    /// Anyone else: you, he, she, they, a name.
    Other,
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
        if let Some(p) = config
            .phrases
            .iter()
            .find(|p| p.text.split_whitespace().next().is_none())
        {
            return Err(ConfigError::Invalid {
                file: file.to_owned(),
                message: format!("a phrase for {} has no words", p.category),
            });
        }
        Ok(config)
    }

    pub fn load(path: &std::path::Path) -> Result<Config, ConfigError> {
        let source = crate::source::read(path)?;
        Config::parse(&source, &path.display().to_string())
    }
}
