//! Content words for matching a player's line to authored lines: stop words
//! dropped, numbers spelled as words, Snowball stems, and words of one
//! meaning folded into one concept ("glance", "notice", "spot" all count as
//! seeing), so a paraphrase shares words with what it paraphrases.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Words that carry no content for matching. Question words and pronouns
/// are here too: the shape of a question is read separately (`shape.rs`).
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "bit",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "kind",
    "let",
    "lets",
    "little",
    "me",
    "more",
    "my",
    "now",
    "of",
    "ok",
    "okay",
    "on",
    "or",
    "our",
    "please",
    "really",
    "right",
    "say",
    "she",
    "so",
    "some",
    "sort",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "too",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "'s",
    "not",
    "no",
    "one",
    "going",
    "gonna",
    "wanna",
    "maybe",
    "quite",
    "actually",
    "basically",
    "thing",
    "things",
    "think",
    "us",
    "ask",
    "asking",
    "wonder",
    "wondering",
    "curious",
    "like",
    "mean",
    "happen",
    "happened",
    "happening",
    "come",
    "came",
    "go",
    "went",
    "take",
    "took",
    "talk",
    "walk",
    "through",
    "describe",
    "share",
    "help",
];

/// Words of one meaning for this domain. The first word names the concept.
/// Every word is stemmed before lookup, so "noticed" finds "notice".
const CONCEPTS: &[&[&str]] = &[
    &[
        "see", "saw", "seen", "notice", "spot", "observe", "glance", "look", "view", "watch",
        "catch", "eye", "read", "show", "display", "appear", "visible",
    ],
    &[
        "think",
        "believe",
        "assume",
        "expect",
        "suppose",
        "figure",
        "reckon",
        "guess",
        "picture",
        "imagine",
        "understand",
        "model",
        "assumption",
        "expectation",
    ],
    &[
        "mind",
        "head",
        "headspace",
        "feel",
        "feeling",
        "mood",
        "stress",
        "pressure",
        "worry",
        "anxious",
        "nervous",
        "rush",
        "hurry",
        "deadline",
        "busy",
    ],
    &[
        "page",
        "screen",
        "dashboard",
        "tile",
        "ui",
        "interface",
        "results",
        "result",
        "report",
    ],
    &[
        "deploy",
        "ship",
        "release",
        "push",
        "rollout",
        "launch",
        "production",
        "prod",
        "live",
    ],
    &["revert", "rollback", "undo", "restore", "back"],
    &[
        "test", "suite", "ci", "build", "pipeline", "run", "ran", "running", "check", "checks",
    ],
    &[
        "fail", "failure", "failed", "failing", "error", "errors", "broken", "break", "red",
        "wrong", "problem", "issue", "outage", "incident",
    ],
    &[
        "change", "diff", "patch", "commit", "pr", "code", "fix", "rounding",
    ],
    &[
        "review", "reviewer", "approve", "approval", "lgtm", "sign", "signoff",
    ],
    &[
        "alert",
        "alarm",
        "pager",
        "paged",
        "notification",
        "ping",
        "bot",
    ],
    &[
        "normal",
        "normally",
        "usual",
        "usually",
        "typical",
        "typically",
        "ordinary",
        "routine",
        "everyday",
        "daily",
        "regular",
        "habit",
        "always",
    ],
    &[
        "decide",
        "decision",
        "choose",
        "choice",
        "option",
        "call",
        "judgement",
        "judgment",
        "weigh",
    ],
    &[
        "know",
        "knowledge",
        "explain",
        "work",
        "works",
        "how",
        "mechanism",
        "system",
    ],
    &[
        "font", "typeface", "type", "italic", "glyph", "letter", "digit", "slash", "slashed",
    ],
    &[
        "chat", "channel", "slack", "message", "thread", "post", "posted",
    ],
    &["graph", "chart", "metric", "plot", "curve", "spike"],
    &["zero", "0", "nought", "nothing", "none"],
    &["eight", "8"],
    &[
        "next",
        "then",
        "afterward",
        "afterwards",
        "follow",
        "step",
        "steps",
    ],
    &[
        "new",
        "redesign",
        "redesigned",
        "rebuilt",
        "rebuild",
        "upgrade",
        "upgraded",
        "recent",
    ],
    &[
        "learn",
        "lesson",
        "takeaway",
        "insight",
        "surprise",
        "surprised",
        "realise",
        "realize",
        "discover",
    ],
    &[
        "miss", "missing", "gap", "left", "overlook", "forgot", "forget",
    ],
    &[
        "team",
        "colleague",
        "people",
        "everyone",
        "room",
        "everybody",
        "folks",
        "group",
    ],
    &["hand", "hands", "poll", "vote", "raise"],
    &[
        "jargon",
        "acronym",
        "term",
        "word",
        "nickname",
        "shorthand",
        "stand",
        "meaning",
    ],
    &["timeline", "sequence", "order", "story"],
    &[
        "owner",
        "own",
        "ownership",
        "responsible",
        "volunteer",
        "lead",
    ],
    &["prevent", "never", "avoid", "stop", "guarantee"],
];

const NUMBERS: &[(&str, &str)] = &[
    ("1", "one"),
    ("2", "two"),
    ("3", "three"),
    ("4", "four"),
    ("5", "five"),
    ("6", "six"),
    ("7", "seven"),
    ("9", "nine"),
    ("10", "ten"),
];

struct Lexicon {
    stemmer: Stemmer,
    stop: std::collections::HashSet<String>,
    concept: HashMap<String, String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut concept = HashMap::new();
        for group in CONCEPTS {
            let head = stemmer.stem(group[0]).into_owned();
            for w in *group {
                concept
                    .entry(stemmer.stem(w).into_owned())
                    .or_insert_with(|| head.clone());
            }
        }
        Lexicon {
            stop: STOP.iter().map(|w| (*w).to_owned()).collect(),
            stemmer,
            concept,
        }
    })
}

/// The stem of a lower-case word.
pub fn stem(word: &str) -> String {
    lexicon().stemmer.stem(word).into_owned()
}

/// The content of a line: concept or stem of every content word, in order
/// (repeats kept; callers weigh them).
pub fn content(text: &str) -> Vec<String> {
    let lex = lexicon();
    let mut out = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’') {
        let w = raw
            .trim_matches(|c| c == '\'' || c == '’')
            .to_lowercase()
            .replace('’', "'");
        let w = w.strip_suffix("'s").unwrap_or(&w).to_owned();
        if w.is_empty() || lex.stop.contains(&w) || w.contains("n't") {
            continue;
        }
        let w = NUMBERS
            .iter()
            .find(|(d, _)| *d == w)
            .map_or(w.clone(), |(_, word)| (*word).to_owned());
        let s = lex.stemmer.stem(&w).into_owned();
        if lex.stop.contains(&s) {
            continue;
        }
        out.push(lex.concept.get(&s).cloned().unwrap_or(s));
    }
    out
}

/// A bag of content words with weights, for cosine similarity.
#[derive(Clone, Debug, Default)]
pub struct Bag(pub HashMap<String, f32>);

impl Bag {
    /// The words of `text`, each weighted by `weight(word)` (rarer words in
    /// the scenario weigh more).
    pub fn of(text: &str, weight: impl Fn(&str) -> f32) -> Bag {
        let mut m: HashMap<String, f32> = HashMap::new();
        for w in content(text) {
            let wt = weight(&w);
            let e = m.entry(w).or_default();
            // A word said twice counts a little more, not twice as much.
            *e = if *e == 0.0 { wt } else { *e + wt * 0.25 };
        }
        Bag(m)
    }

    fn norm(&self) -> f32 {
        self.0.values().map(|v| v * v).sum::<f32>().sqrt()
    }

    /// Cosine similarity, 0 to 1.
    pub fn cosine(&self, other: &Bag) -> f32 {
        let (a, b) = (self.norm(), other.norm());
        if a == 0.0 || b == 0.0 {
            return 0.0;
        }
        let dot: f32 = self
            .0
            .iter()
            .filter_map(|(k, v)| other.0.get(k).map(|w| v * w))
            .sum();
        (dot / (a * b)).clamp(0.0, 1.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrases_share_concepts() {
        let a = content("What did you notice on the dashboard?");
        let b = content("What caught your eye on the page?");
        assert!(a.iter().any(|w| b.contains(w)), "{a:?} / {b:?}");
        assert_eq!(content("the 8"), content("the eight"));
    }

    #[test]
    fn stop_words_and_negations_carry_no_content() {
        assert!(content("Could you tell us what you did?").is_empty());
        assert_eq!(content("didn't").len(), 0);
    }

    #[test]
    fn cosine_is_one_for_the_same_words_and_zero_for_none_shared() {
        let w = |_: &str| 1.0;
        let a = Bag::of("the suite ran red", w);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-5);
        assert_eq!(a.cosine(&Bag::of("coffee pot overflow", w)), 0.0);
    }
}
