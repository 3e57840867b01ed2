//! The language coach: phrasing that shuts a room down. This is the engine's
//! first, small rule set (root cause, human error, minimising words) used to
//! score the player's own lines.

/// What a phrase does to a room.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// "root cause", "primary cause": a shallow answer, and the end of digging.
    RootCause,
    /// "human error" and its kin: the first story, not an explanation.
    HumanError,
    /// "just", "simply", "obviously": makes someone's difficulty look small.
    Minimising,
}

const ROOT_CAUSE: [&str; 3] = ["root cause", "primary cause", "root-cause"];
const HUMAN_ERROR: [&str; 4] = [
    "human error",
    "operator error",
    "engineer error",
    "user error",
];
const MINIMISING: [&str; 5] = ["just", "simply", "obviously", "merely", "clearly"];

/// Every flagged phrase in `text`, in order of kind.
pub fn flags(text: &str) -> Vec<Flag> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join(" ");
    let mut found = Vec::new();
    found.extend(
        ROOT_CAUSE
            .iter()
            .filter(|p| joined.contains(*p))
            .map(|_| Flag::RootCause),
    );
    found.extend(
        HUMAN_ERROR
            .iter()
            .filter(|p| joined.contains(*p))
            .map(|_| Flag::HumanError),
    );
    for (i, w) in words.iter().enumerate() {
        // "just happened to be" celebrates adaptive expertise; it is not
        // minimising.
        let happened = words.get(i + 1) == Some(&"happened");
        if MINIMISING.contains(w) && !(*w == "just" && happened) {
            found.push(Flag::Minimising);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_cause_and_minimising_are_flagged() {
        assert_eq!(flags("What was the root cause?"), vec![Flag::RootCause]);
        assert_eq!(
            flags("You just had to zoom, obviously."),
            vec![Flag::Minimising, Flag::Minimising]
        );
        assert_eq!(flags("It was human error."), vec![Flag::HumanError]);
    }

    #[test]
    fn just_happened_to_be_is_not_minimising() {
        assert!(flags("Sam just happened to be online.").is_empty());
        assert!(flags("What did the page show you?").is_empty());
    }
}
