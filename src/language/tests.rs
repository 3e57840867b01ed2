//! The coach's tests: what it finds, what it lets pass, and what it suggests.

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
fn spoken_questions_in_the_game_are_still_heard() {
    assert_eq!(cats("Why did you restart it?"), ["why-question"]);
    assert_eq!(
        cats("Phil, shouldn't you have checked?"),
        ["blame", "counterfactual"]
    );
    assert_eq!(cats("this is on me"), ["self-blame"]);
    assert_eq!(cats("who approved this?"), ["blame"]);
}

#[test]
fn machines_weather_and_scripts_are_not_blamed_but_people_are() {
    for s in [
        "A storm caused the outage in the east region.",
        "The cleanup script deleted every idle machine.",
        "The backup generator failed to deliver stable power.",
        "Why was Bloggulus down for seven hours?",
        "Cloudflare caused a global outage with one rule.",
    ] {
        assert!(cats(s).is_empty(), "{s}: {:?}", cats(s));
    }
    assert_eq!(cats("The on-call engineer caused the outage."), ["blame"]);
    assert_eq!(
        cats("The operator ran the command but forgot the flag."),
        ["blame"]
    );
    assert_eq!(cats("The failover was mistakenly shut down."), ["blame"]);
    assert_eq!(
        cats("A technician patched the standby router but forgot to save the running config."),
        ["blame"]
    );
    assert_eq!(cats("Somebody forgot to renew the certificate."), ["blame"]);
    assert!(cats("The job forgot to release its lock.").is_empty());
}

#[test]
fn names_are_people_when_the_sentence_or_the_coach_says_so() {
    assert!(cats("The root cause was Marisol.").contains(&"root-cause"));
    assert!(!cats("The root cause was Marisol.").contains(&"blame"));
    assert_eq!(
        cats("Marisol said nothing and skipped the review."),
        ["blame"]
    );
    let known = Coach::shipped().with_people(["Marisol"]);
    assert!(
        known
            .categories("The root cause was Marisol.")
            .contains(&Category::Blame)
    );
}

#[test]
fn a_mistake_in_the_passive_is_whoever_acted_just_before() {
    // Told by "I", but the step before the mistake was someone else's.
    let told_by_me = "I was called in to help with our upgrade on a Friday.\n\n\
        The night operator restarted the cluster with the old settings. \
        A bad mistake was made at that point: nothing compared the versions.\n";
    assert_eq!(cats(told_by_me), ["blame"]);
    let mine = told_by_me.replace("The night operator restarted", "I restarted");
    assert_eq!(cats(&mine), ["self-blame"]);
    // "Them" is the slips, not people: the document's voice decides.
    let slips = "I have made my share of slips in ten years of this work. \
        Most of them were small. A few were real blunders.\n";
    assert_eq!(cats(slips), ["self-blame"]);
    // A table cell stands on its own.
    let table =
        "I kept the notes for our team.\n\n| The operator restarted it. | A mistake was made. |\n";
    assert_eq!(cats(table), ["self-blame"]);
}

#[test]
fn requirements_and_impact_estimates_are_not_counterfactuals_but_missing_remedies_are() {
    for s in [
        "Each repository should have clear rules for merging.",
        "Visitors would have seen errors for ten minutes.",
        "Users should have barely noticed the slowdown.",
        "This would have been minimally disruptive.",
    ] {
        assert!(cats(s).is_empty(), "{s}: {:?}", cats(s));
    }
    assert_eq!(
        cats("A fix which would have prevented the outage was never deployed."),
        ["counterfactual"]
    );
}

#[test]
fn just_and_obviously_minimise_only_someones_difficulty() {
    for s in [
        "The restore took just under two hours.",
        "Users simply want the page to load.",
        "This is obviously a lot of work for one quarter.",
        "This simply would not have been possible without Dana.",
    ] {
        assert!(cats(s).is_empty(), "{s}: {:?}", cats(s));
    }
    assert_eq!(cats("All you had to do was read the log."), ["minimizing"]);
    assert_eq!(cats("It was obviously an eight."), ["minimizing"]);
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
