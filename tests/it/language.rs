//! The language coach against a labelled corpus of our own sentences
//! (tests/fixtures/language-corpus.txt): per-category recall and false
//! positives on clean sentences, hard negatives included.

use super::support::*;
use second_story::language::{Category, Coach};
use std::collections::BTreeMap;

struct Labelled {
    labels: Vec<Category>,
    text: String,
    line: usize,
}

fn corpus() -> Vec<Labelled> {
    let text = std::fs::read_to_string(fixture("language-corpus.txt")).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (labels, sentence) = l
                .split_once('|')
                .unwrap_or_else(|| panic!("line {}: no '|'", i + 1));
            let labels = labels
                .split(',')
                .map(str::trim)
                .filter(|l| *l != "clean")
                .map(|l| {
                    Category::from_label(l)
                        .unwrap_or_else(|| panic!("line {}: unknown label {l}", i + 1))
                })
                .collect();
            Labelled {
                labels,
                text: sentence.trim().to_owned(),
                line: i + 1,
            }
        })
        .collect()
}

#[test]
fn the_corpus_is_big_enough_to_mean_something() {
    let c = corpus();
    assert!(c.len() >= 150, "{} sentences", c.len());
    for cat in Category::ALL {
        let n = c.iter().filter(|s| s.labels.contains(&cat)).count();
        assert!(n >= 15, "{cat}: {n} sentences");
    }
}

#[test]
fn every_category_is_found_in_nine_of_ten_sentences_that_have_it() {
    let coach = Coach::shipped();
    let mut report = String::new();
    let mut recall = BTreeMap::new();
    for cat in Category::ALL {
        let with: Vec<_> = corpus()
            .into_iter()
            .filter(|s| s.labels.contains(&cat))
            .collect();
        let found = with
            .iter()
            .filter(|s| coach.categories(&s.text).contains(&cat))
            .count();
        for s in with
            .iter()
            .filter(|s| !coach.categories(&s.text).contains(&cat))
        {
            report += &format!("  missed {cat} (line {}): {}\n", s.line, s.text);
        }
        recall.insert(cat.label(), found as f64 / with.len() as f64);
    }
    eprintln!("recall per category: {recall:.2?}");
    eprint!("{report}");
    let low: Vec<_> = recall.iter().filter(|(_, r)| **r < 0.9).collect();
    assert!(low.is_empty(), "recall below 0.9: {low:?}\n{report}");
}

#[test]
fn clean_sentences_are_rarely_flagged() {
    let coach = Coach::shipped();
    let clean: Vec<_> = corpus()
        .into_iter()
        .filter(|s| s.labels.is_empty())
        .collect();
    assert!(clean.len() >= 60);
    let flagged: Vec<String> = clean
        .iter()
        .filter_map(|s| {
            let f = coach.analyze(&s.text);
            (!f.is_empty()).then(|| {
                format!(
                    "  line {}: {} -> {} ({})",
                    s.line, s.text, f[0].category, f[0].rule
                )
            })
        })
        .collect();
    eprintln!("{}", flagged.join("\n"));
    let rate = flagged.len() as f64 / clean.len() as f64;
    eprintln!(
        "{} of {} clean sentences flagged ({:.1}%)",
        flagged.len(),
        clean.len(),
        rate * 100.0
    );
    assert!(
        rate <= 0.05,
        "{:.1}% of clean sentences flagged:\n{}",
        rate * 100.0,
        flagged.join("\n")
    );
}
