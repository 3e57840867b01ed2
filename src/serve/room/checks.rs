//! What people may send a room: names, own words, lines and a host's
//! offer, each within its limit and free of control characters. Text is
//! kept as typed (trimmed); every page shows it as text, never as HTML.

use crate::limits;
use crate::room::{Offer, Stage};
use crate::serve::http::Refusal;
use axum::http::StatusCode;

fn refuse<T>(code: &'static str, what: String) -> Result<T, Refusal> {
    Err(Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, code, what))
}

/// Text typed on a phone: line breaks and tabs become spaces, runs of
/// spaces one, other control characters are refused.
fn typed(text: &str, max: usize, what: &str, code: &'static str) -> Result<String, Refusal> {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let flat = flat
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if flat.is_empty() {
        return refuse("empty", format!("{what} is empty"));
    }
    if flat.len() > max {
        return refuse(
            code,
            format!("{what} of {} bytes; at most {max}", flat.len()),
        );
    }
    if flat.chars().any(char::is_control) {
        return refuse("bad-text", format!("{what} cannot hold control characters"));
    }
    Ok(flat)
}

pub fn name(name: &str) -> Result<String, Refusal> {
    if name.trim().is_empty() {
        return refuse(
            "no-name",
            "give a name: the room sees who has joined".into(),
        );
    }
    typed(name, limits::NAME_BYTES, "a name", "name-too-long")
}

pub fn words(words: &str) -> Result<String, Refusal> {
    typed(words, limits::SAY_BYTES, "what you would say", "too-long")
}

pub fn line(line: &str) -> Result<String, Refusal> {
    typed(line, limits::LINE_BYTES, "a line", "too-long")
}

/// A host's offer: ids short and unique, texts within limits.
pub fn offer(o: &Offer) -> Result<(), Refusal> {
    if o.choices.len() > limits::VOTE_OPTIONS {
        return refuse(
            "bad-offer",
            format!(
                "{} choices; at most {}",
                o.choices.len(),
                limits::VOTE_OPTIONS
            ),
        );
    }
    for (i, c) in o.choices.iter().enumerate() {
        if c.id.is_empty() || c.id.len() > limits::ID_BYTES || c.id.chars().any(char::is_control) {
            return refuse(
                "bad-offer",
                format!("choice {}: an id is 1 to {} bytes", i + 1, limits::ID_BYTES),
            );
        }
        if c.text.len() > limits::CHOICE_BYTES {
            return refuse(
                "bad-offer",
                format!(
                    "choice {}: a text is at most {} bytes",
                    i + 1,
                    limits::CHOICE_BYTES
                ),
            );
        }
        if o.choices[..i].iter().any(|d| d.id == c.id) {
            return refuse(
                "bad-offer",
                format!("choice {}: the id \"{}\" is used twice", i + 1, c.id),
            );
        }
    }
    let texts = [&o.addressed, &o.title, &o.principle, &o.question, &o.seat];
    if texts.iter().any(|t| {
        t.as_ref()
            .is_some_and(|t| t.len() > limits::TEXT_IN_A_SCENARIO)
    }) {
        return refuse(
            "bad-offer",
            format!(
                "a text of the offer is over {} bytes",
                limits::TEXT_IN_A_SCENARIO
            ),
        );
    }
    if o.stage == Stage::Vote && o.choices.is_empty() {
        return refuse("bad-offer", "a vote needs choices".into());
    }
    if o.stage == Stage::Seat && o.seat.is_none() {
        return refuse(
            "bad-offer",
            "the seat stage needs someone in the seat".into(),
        );
    }
    Ok(())
}
