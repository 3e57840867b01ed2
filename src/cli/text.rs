//! The transcript and report as plain text, for a terminal.

use crate::engine::understand::Taken;
use crate::engine::{LineKind, Meeting, Report, Verdict};
use crate::escape::{terminal, terminal_text as t};
use crate::scenario::{Phase, Scenario, Target};
use std::io::{self, Write};

/// Every text is shown escaped: a Say comes from a move script or a
/// record someone else wrote, and must not drive the terminal.
pub fn write_report(meeting: &Meeting, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = meeting.scenario();
    let name = |id: &crate::scenario::ParticipantId| terminal(s.name_of(id)).into_owned();
    writeln!(out, "{} — seed {}", t(&report.title), report.seed)?;
    writeln!(out)?;
    let mut lines = report.transcript.iter().peekable();
    for played in &report.moves {
        while let Some(line) = lines.next_if(|l| l.move_index == played.index) {
            let clock = match line.phase {
                Phase::PreMeeting => format!("pre {:02}", line.minute),
                _ => format!("{:02}:{:02}", line.minute / 60, line.minute % 60),
            };
            match line.kind {
                LineKind::Facilitator => writeln!(out, "[{clock}] You: {}", t(&line.text))?,
                LineKind::Participant => {
                    let who = line.speaker.as_ref().map(name).unwrap_or_default();
                    writeln!(out, "[{clock}] {who}: {}", t(&line.text))?
                }
                LineKind::Screen | LineKind::Note => writeln!(out, "        {}", t(&line.text))?,
            }
        }
        if let Some(u) = &played.understood {
            writeln!(out, "        ~ {}", t(&heard_as(s, &u.taken)))?;
        }
        let mark = match played.feedback.verdict {
            Verdict::Good => "+",
            Verdict::Neutral => "·",
            Verdict::Poor => "!",
        };
        if !played.feedback.text.is_empty() {
            writeln!(out, "        {mark} {}", t(&played.feedback.text))?;
        }
        if let Some(better) = &played.better
            && let Some(c) = s.choices.iter().find(|c| &c.id == better)
        {
            writeln!(out, "          better: \"{}\"", t(&c.text))?;
        }
    }
    let sc = &report.score;
    writeln!(out)?;
    writeln!(out, "Report: {} / 100", sc.total)?;
    for (label, v) in sc.dimensions() {
        let bar = "#".repeat(usize::from(v) / 5);
        writeln!(out, "  {label:<19} {v:>3}  {bar}")?;
    }
    writeln!(
        out,
        "Facts surfaced: {} of {}{}",
        report.facts_surfaced.len(),
        report.facts_total,
        if report.second_story_reached {
            " (the second story came to light)"
        } else {
            ""
        }
    )?;
    for m in &report.facts_missed {
        writeln!(out, "  missed: {} (try: {})", t(&m.summary), t(&m.hint))?;
    }
    let yes = |b: bool| if b { "yes" } else { "no" };
    writeln!(
        out,
        "Did at least one person learn something? {}",
        yes(report.success.learned)
    )?;
    writeln!(
        out,
        "Would at least half the room come back? {}",
        yes(report.success.would_return)
    )?;
    Ok(())
}

/// What a line in the player's own words was played as, in words.
fn heard_as(s: &Scenario, taken: &Taken) -> String {
    let to = |t: &Target| match t {
        Target::Room => "the room".to_owned(),
        Target::Person(p) => s.name_of(p).to_owned(),
    };
    match taken {
        Taken::Choice(id) => {
            let text = s
                .choices
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.text.as_str());
            format!("heard as \"{}\" ({id})", text.unwrap_or_default())
        }
        Taken::Reply(id) => {
            let text = s
                .moments
                .iter()
                .flat_map(|m| &m.replies)
                .find(|r| &r.id == id)
                .map(|r| r.text.as_str());
            format!("heard as the reply \"{}\" ({id})", text.unwrap_or_default())
        }
        Taken::Move(mv) => format!("heard as: {}", mv.label(s)),
        Taken::Generic { kind, to: t } => format!(
            "heard as a new {} line to {} (nothing authored matches): answered, but it brings nothing hidden to light",
            kind.label(),
            to(t)
        ),
        Taken::FirstStory => "heard as settling for the first story".to_owned(),
        Taken::Endorse => "heard as agreeing with the moment instead of meeting it".to_owned(),
    }
}
