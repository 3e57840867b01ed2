//! How far a player gets by spotting words: the rule "a question with a
//! giveaway word (who, why, should, could have, if only, root cause, a
//! tag question...) is a trap, any other is good", applied to a scenario's
//! authored questions. An incident where this rule sorts most questions
//! correctly teaches the shortcut instead of the craft: traps should sound
//! reasonable, and good questions may ask why of a system. `validate`
//! prints the figure for each incident; the library as a whole should stay
//! close to chance.

use super::model::Scenario;

/// Words and phrases that give a trap away to someone who only spots words.
const GIVEAWAYS: &[&str] = &[
    "who",
    "whose",
    "why",
    "should",
    "shouldn't",
    "could have",
    "could've",
    "would have",
    "would've",
    "if only",
    "root cause",
    "didn't you",
    "did you not",
    "wasn't it",
    "isn't it",
    "right?",
    "fault",
    "blame",
    "mistake",
    "human error",
];

/// The rule applied to one line: true when it would call it a trap.
pub fn looks_like_a_trap(text: &str) -> bool {
    let t = format!(" {} ", text.to_lowercase().replace('’', "'"));
    GIVEAWAYS.iter().any(|g| {
        let g = g.to_lowercase();
        // Whole words: "whole" is not "who".
        t.match_indices(g.as_str()).any(|(i, _)| {
            let before = t[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = t[i + g.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

/// The questions of a scenario the rule sorts correctly, and all of them
/// (traps and the questions about the story; framing moves left out).
pub fn word_spotting(s: &Scenario) -> (usize, usize) {
    let judged: Vec<bool> = s
        .choices
        .iter()
        .filter(|c| c.kind.is_trap() || c.kind.is_inquiry())
        .map(|c| looks_like_a_trap(&c.text) == c.kind.is_trap())
        .collect();
    (judged.iter().filter(|ok| **ok).count(), judged.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn giveaways_are_whole_words() {
        assert!(looks_like_a_trap("Who approved this change?"));
        assert!(looks_like_a_trap("It was on the page, right?"));
        assert!(!looks_like_a_trap("What did the whole page show?"));
        assert!(!looks_like_a_trap("How did you miss the eight?"));
    }
}
