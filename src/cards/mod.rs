//! Role cards for live role-play: one printable HTML card a participant,
//! with their role, what they know, what they fear and what makes them
//! open up, and a facilitator sheet. People play the participants; the
//! facilitator types their questions for the language coach.

use crate::html::esc;
use crate::scenario::{Habit, Participant, Phase, Scenario, Target};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const STYLE: &str = "body{font-family:Georgia,serif;max-width:44rem;margin:2rem auto;line-height:1.45;color:#111}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:1.4rem;border-bottom:1px solid #999}\
.role{color:#444;font-style:italic}li{margin:.25rem 0}.note{color:#555;font-size:.9rem}\
@media print{body{margin:0;max-width:none}a{color:inherit}}";

fn page(title: &str, body: &str) -> String {
    crate::html::page(title, STYLE, body)
}

/// What a habit makes a person afraid of, in their own terms.
fn fear(h: Habit) -> &'static str {
    match h {
        Habit::FallsOnSword => {
            "That everyone already thinks it was your fault, and that saying so first is the least bad way through."
        }
        Habit::Blames => {
            "That the outage reflects on you and your team, unless someone is held to account."
        }
        Habit::AssumesKnowledge => "Looking as if you do not know your own system.",
        Habit::Quiet => "Speaking up and being wrong in front of people who know more.",
        Habit::JumpsToFixes => "Leaving the room without a plan, so it happens again.",
        Habit::Tangents => {
            "That the real problem is bigger than this incident and nobody will look at it."
        }
        Habit::Dominates => "Losing control of the story, and of how your part in it is told.",
    }
}

/// How a kind of question sounds, for "what makes you open up".
fn opener(kind: crate::scenario::ChoiceKind) -> &'static str {
    use crate::scenario::ChoiceKind::*;
    match kind {
        Cue | Assessment => "being asked what you saw and what you made of it",
        Decision | Action => "being asked what you did next, and what made it the move to make",
        Knowledge => "being asked what you knew then",
        StateOfMind => "being asked what was on your mind, without judgement",
        MentalModel => "being asked to draw or explain how you believe it works",
        NormalWork => "being asked how the work normally goes, day to day",
        Help => "being asked who you turned to, or would have",
        DumbQuestion => "someone asking the obvious question nobody else asks",
        Poll => "the room being asked a show of hands",
        Check => "the room being asked what is missing",
        Reflect => "being asked what you will do differently",
        _ => "being asked with curiosity rather than judgement",
    }
}

fn participant_card(s: &Scenario, p: &Participant) -> String {
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"role\">{} — {}</p>",
        esc(&p.name),
        esc(&p.role),
        esc(&s.title)
    );
    let _ = writeln!(
        b,
        "<h2>How you were involved</h2>\n<p>{}</p>",
        esc(&p.involvement)
    );
    let _ = writeln!(b, "<h2>What you know</h2>\n<ul>");
    for f in s.facts.iter().filter(|f| f.holder == p.id) {
        let _ = writeln!(
            b,
            "<li>{}<br><span class=\"note\">In your words: “{}”</span></li>",
            esc(&f.summary),
            esc(&f.line)
        );
    }
    let _ = writeln!(b, "</ul>\n<h2>What you fear</h2>\n<ul>");
    if p.habits.is_empty() {
        let _ = writeln!(
            b,
            "<li>That this meeting turns into a search for someone to blame.</li>"
        );
    }
    for h in &p.habits {
        let _ = writeln!(b, "<li>{}</li>", esc(fear(*h)));
    }
    let _ = writeln!(b, "</ul>\n<h2>What makes you open up</h2>\n<ul>");
    let mut kinds: Vec<_> = s
        .facts
        .iter()
        .filter(|f| f.holder == p.id)
        .flat_map(|f| f.reveal.kinds.iter().copied())
        .collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let _ = writeln!(b, "<li>{}</li>", esc(opener(k)));
    }
    if p.talkativeness < crate::scenario::QUIET {
        let _ = writeln!(
            b,
            "<li>being invited in by name: until then, stay quiet</li>"
        );
    }
    let band = match p.safety {
        0..35 => "guarded: give short answers until you feel safer",
        35..65 => "wary: answer plainly, keep what you are unsure of to yourself",
        _ => "fairly at ease",
    };
    let _ = writeln!(
        b,
        "</ul>\n<p class=\"note\">You walk in {band}. Why-questions, blame and “should have” make you close up; warmth and good questions open you up. Share a detail only when you are asked in a way that makes it safe.</p>"
    );
    page(&format!("{} — {}", p.name, s.title), &b)
}

fn facilitator_sheet(s: &Scenario) -> String {
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>Facilitator sheet: {}</h1>\n<p>{}</p>\n<p class=\"note\">{} minutes. Lesson: {}</p>",
        esc(&s.title),
        esc(&s.brief.summary),
        s.brief.minutes,
        esc(&s.lesson)
    );
    let _ = writeln!(b, "<h2>Timeline</h2>\n<ul>");
    for e in &s.timeline {
        let mark = if e.inflection {
            " <strong>(inflection point)</strong>"
        } else {
            ""
        };
        let _ = writeln!(b, "<li>{} — {}{mark}</li>", esc(&e.time), esc(&e.observed));
    }
    let _ = writeln!(b, "</ul>\n<h2>At the table</h2>\n<ul>");
    for p in &s.participants {
        let _ = writeln!(
            b,
            "<li><strong>{}</strong>, {}: {}</li>",
            esc(&p.name),
            esc(&p.role),
            esc(&p.involvement)
        );
    }
    let _ = writeln!(
        b,
        "</ul>\n<h2>The first story (do not settle for it)</h2>\n<p>{}</p>",
        esc(&s.first_story)
    );
    let _ = writeln!(b, "<h2>The second story, detail by detail</h2>\n<ol>");
    for f in s.facts.iter().filter(|f| f.second_story) {
        let holder = s.name_of(&f.holder);
        let _ = writeln!(
            b,
            "<li>{} <span class=\"note\">({})</span></li>",
            esc(&f.summary),
            esc(holder)
        );
    }
    let _ = writeln!(b, "</ol>\n<h2>Moments to meet</h2>\n<ul>");
    for m in &s.moments {
        let who = s.name_of(&m.who);
        let _ = writeln!(
            b,
            "<li>{}: {} — “{}”</li>",
            esc(m.kind.label()),
            esc(who),
            esc(&m.line)
        );
    }
    let _ = writeln!(b, "</ul>\n<h2>Good openings</h2>\n<ul>");
    for c in s
        .choices
        .iter()
        .filter(|c| c.phase == Phase::Opening && !c.kind.is_trap())
    {
        let _ = writeln!(b, "<li>{}</li>", esc(&c.text));
    }
    let _ = writeln!(b, "</ul>\n<h2>Traps to avoid</h2>\n<ul>");
    for c in s.choices.iter().filter(|c| c.kind.is_trap()).take(12) {
        let to = match &c.target {
            Target::Room => "the room".to_owned(),
            Target::Person(p) => s.name_of(p).to_owned(),
        };
        let _ = writeln!(
            b,
            "<li>“{}” <span class=\"note\">({}, to {})</span></li>",
            esc(&c.text),
            esc(c.kind.label()),
            esc(&to)
        );
    }
    let _ = writeln!(
        b,
        "</ul>\n<p class=\"note\">Type your questions into the game as you ask them (“in your own words”): the language coach flags blame, counterfactuals, why-questions and root-cause talk as you go.</p>"
    );
    page(&format!("Facilitator sheet — {}", s.title), &b)
}

/// Writes a card per participant and the facilitator sheet into `dir`
/// (each atomically, replacing an earlier set); returns the files written.
/// File names are made from ids cut to safe names, so even an unchecked
/// scenario cannot write outside `dir`.
pub fn write_cards(s: &Scenario, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let id = crate::save::slug(s.id.as_str(), crate::limits::ID_BYTES);
    let mut written = Vec::new();
    let sheet = dir.join(format!("{id}-facilitator.html"));
    crate::save::replace(&sheet, facilitator_sheet(s).as_bytes())?;
    written.push(sheet);
    for p in &s.participants {
        let who = crate::save::slug(p.id.as_str(), crate::limits::ID_BYTES);
        let path = dir.join(format!("{id}-{who}.html"));
        crate::save::replace(&path, participant_card(s, p).as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
