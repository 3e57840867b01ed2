//! Semantic checks: every reference resolves, every fact can come out, every
//! phase has time. All problems are collected, never just the first.

use super::model::*;
use std::collections::{HashMap, HashSet};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The item at fault, e.g. `fact "font-is-italic"`.
    pub item: String,
    pub message: String,
    /// Line of the item in its file, when known.
    pub line: Option<usize>,
    /// The id whose declaration locates the item in the source, and which
    /// declaration of it (from 0: duplicates point at the second).
    pub(crate) anchor: Option<(String, usize)>,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.item, self.message)
    }
}

/// Checks a parsed scenario. An empty result means it is ready to play.
pub fn validate(s: &Scenario) -> Vec<Problem> {
    let mut v = Validator {
        s,
        problems: Vec::new(),
        coach: crate::language::Coach::shipped()
            .with_people(s.participants.iter().map(|p| &p.name)),
    };
    v.scenario();
    v.timeline();
    v.participants();
    v.artifacts();
    v.facts();
    v.choices();
    v.moments();
    v.phases();
    v.reachability();
    v.problems
}

struct Validator<'a> {
    s: &'a Scenario,
    problems: Vec<Problem>,
    /// The coach, knowing the participants by name.
    coach: crate::language::Coach,
}

fn item(kind: &str, id: &str) -> String {
    format!("{kind} \"{id}\"")
}

impl<'a> Validator<'a> {
    fn push(
        &mut self,
        severity: Severity,
        item: String,
        anchor: Option<(&str, usize)>,
        message: String,
    ) {
        self.problems.push(Problem {
            severity,
            item,
            message,
            line: None,
            anchor: anchor.map(|(id, nth)| (id.to_owned(), nth)),
        });
    }

    fn error(&mut self, kind: &str, id: &str, message: String) {
        self.push(Severity::Error, item(kind, id), Some((id, 0)), message);
    }

    fn warn(&mut self, kind: &str, id: &str, message: String) {
        self.push(Severity::Warning, item(kind, id), Some((id, 0)), message);
    }

    fn participant_known(&self, id: &ParticipantId) -> bool {
        self.s.participants.iter().any(|p| &p.id == id)
    }

    fn fact_known(&self, id: &FactId) -> bool {
        self.s.facts.iter().any(|f| &f.id == id)
    }

    fn choice_known(&self, id: &ChoiceId) -> bool {
        self.s.choices.iter().any(|c| &c.id == id)
    }

    fn entry_known(&self, id: &EntryId) -> bool {
        self.s.timeline.iter().any(|e| &e.id == id)
    }

    fn artifact_known(&self, id: &ArtifactId) -> bool {
        self.s.artifacts.iter().any(|a| &a.id == id)
    }

    fn duplicates<'i>(&mut self, kind: &str, ids: impl Iterator<Item = &'i str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in ids {
            if !super::is_id(id) {
                // Ids become file names (role cards) and appear in records.
                self.push(
                    Severity::Error,
                    item(kind, id),
                    Some((id, 0)),
                    ID_RULE.into(),
                );
            }
            let count = seen.entry(id).or_default();
            *count += 1;
            if *count > 1 {
                let message = format!("the id is used by more than one {kind}");
                self.push(
                    Severity::Error,
                    item(kind, id),
                    Some((id, *count - 1)),
                    message,
                );
            }
        }
    }

    fn scenario(&mut self) {
        let s = self.s;
        let id = s.id.as_str();
        if !super::is_id(id) {
            self.error("scenario", id, ID_RULE.into());
        }
        if s.title.trim().is_empty() {
            self.error("scenario", id, "the title is empty".into());
        }
        if !(1..=5).contains(&s.difficulty) {
            self.error(
                "scenario",
                id,
                format!("difficulty is {}, expected 1 to 5", s.difficulty),
            );
        }
        if s.brief.minutes == 0 {
            self.error(
                "scenario",
                id,
                "the brief gives the meeting 0 minutes".into(),
            );
        }
        if s.brief.minutes > MINUTES {
            self.error(
                "scenario",
                id,
                format!(
                    "the brief gives the meeting {} minutes; a meeting is at most {MINUTES}",
                    s.brief.minutes
                ),
            );
        }
        if s.participants.is_empty() {
            self.error(
                "scenario",
                id,
                "nobody is at the table: participants is empty".into(),
            );
        }
        if s.timeline.is_empty() {
            self.error("scenario", id, "the timeline has no entries".into());
        }
        if s.facts.is_empty() {
            self.error("scenario", id, "there are no facts to discover".into());
        }
    }

    fn timeline(&mut self) {
        self.duplicates(
            "timeline entry",
            self.s.timeline.iter().map(|e| e.id.as_str()),
        );
        for e in &self.s.timeline {
            if e.observed.trim().is_empty() {
                self.error(
                    "timeline entry",
                    e.id.as_str(),
                    "says nothing was observed".into(),
                );
            }
        }
    }

    fn participants(&mut self) {
        self.duplicates(
            "participant",
            self.s.participants.iter().map(|p| p.id.as_str()),
        );
        for p in &self.s.participants {
            let id = p.id.as_str();
            if p.safety > 100 {
                self.error(
                    "participant",
                    id,
                    format!("safety is {}, expected 0 to 100", p.safety),
                );
            }
            if p.talkativeness > 100 {
                self.error(
                    "participant",
                    id,
                    format!("talkativeness is {}, expected 0 to 100", p.talkativeness),
                );
            }
            for (what, t) in [("arrives", &p.arrives), ("leaves", &p.leaves)] {
                if let Some(why) = t.as_ref().and_then(|t| self.unknown_trigger(t)) {
                    self.error(
                        "participant",
                        id,
                        format!("{what} on {why}, which does not exist"),
                    );
                }
            }
            if p.invited_line.is_none()
                && (p.talkativeness < QUIET || p.habits.contains(&Habit::Quiet) || p.remote)
            {
                self.warn(
                    "participant",
                    id,
                    "is quiet but has no invited_line to say when invited".into(),
                );
            }
        }
    }

    /// What a trigger names that does not exist, if anything.
    fn unknown_trigger(&self, t: &Trigger) -> Option<String> {
        match t {
            Trigger::AfterChoice(c) => (!self.choice_known(c)).then(|| format!("choice \"{c}\"")),
            Trigger::AfterFact(f) => (!self.fact_known(f)).then(|| format!("fact \"{f}\"")),
            Trigger::AtEntry(e) => {
                (!self.entry_known(e)).then(|| format!("timeline entry \"{e}\""))
            }
            Trigger::AtPhase(Phase::PreMeeting) => {
                Some("the pre-meeting, which has no room to say it in".into())
            }
            Trigger::AtPhase(_) => None,
        }
    }

    fn artifacts(&mut self) {
        self.duplicates("artifact", self.s.artifacts.iter().map(|a| a.id.as_str()));
        for a in &self.s.artifacts {
            let id = a.id.as_str();
            match &a.body {
                ArtifactBody::Whiteboard { owner, .. } if !self.participant_known(owner) => {
                    self.error(
                        "artifact",
                        id,
                        format!("the whiteboard's owner \"{owner}\" is not a participant"),
                    );
                }
                ArtifactBody::Dashboard { tiles } if tiles.is_empty() => {
                    self.error("artifact", id, "the dashboard has no tiles".into());
                }
                ArtifactBody::Graph { series, .. }
                    if series.iter().all(|s| s.points.is_empty()) =>
                {
                    self.error("artifact", id, "the graph has no points".into());
                }
                _ => {}
            }
        }
    }

    fn facts(&mut self) {
        self.duplicates("fact", self.s.facts.iter().map(|f| f.id.as_str()));
        for f in &self.s.facts {
            let id = f.id.as_str();
            if !self.participant_known(&f.holder) {
                self.error(
                    "fact",
                    id,
                    format!("its holder \"{}\" is not a participant", f.holder),
                );
            }
            if !(1..=5).contains(&f.weight) {
                self.error(
                    "fact",
                    id,
                    format!("weight is {}, expected 1 to 5", f.weight),
                );
            }
            if let Some(e) = &f.entry
                && !self.entry_known(e)
            {
                self.error(
                    "fact",
                    id,
                    format!("annotates timeline entry \"{e}\", which does not exist"),
                );
            }
            let r = &f.reveal;
            if r.kinds.is_empty() {
                self.error(
                    "fact",
                    id,
                    "reveal.kinds is empty: no kind of question draws it out".into(),
                );
            }
            if r.safety > 100 {
                self.error(
                    "fact",
                    id,
                    format!("reveal.safety is {}, expected 0 to 100", r.safety),
                );
            }
            for t in &r.asked {
                if let Target::Person(p) = t
                    && !self.participant_known(p)
                {
                    self.error(
                        "fact",
                        id,
                        format!("reveal.asked names \"{p}\", who is not a participant"),
                    );
                }
            }
            for a in &r.after {
                if a == &f.id {
                    self.error("fact", id, "lists itself in reveal.after".into());
                } else if !self.fact_known(a) {
                    self.error(
                        "fact",
                        id,
                        format!("reveal.after names \"{a}\", which is not a fact"),
                    );
                }
            }
            match &r.artifact {
                Some(a) if !self.artifact_known(a) => {
                    self.error(
                        "fact",
                        id,
                        format!("reveal.artifact names \"{a}\", which is not an artifact"),
                    );
                }
                None if r.zoomed => {
                    self.error(
                        "fact",
                        id,
                        "reveal.zoomed is set but no reveal.artifact names what to zoom".into(),
                    );
                }
                _ => {}
            }
        }
    }

    fn choices(&mut self) {
        self.duplicates("choice", self.s.choices.iter().map(|c| c.id.as_str()));
        for c in &self.s.choices {
            let id = c.id.as_str();
            if c.text.trim().is_empty() {
                self.error("choice", id, "its text is empty".into());
            }
            if let Target::Person(p) = &c.target
                && !self.participant_known(p)
            {
                self.error(
                    "choice",
                    id,
                    format!("its target \"{p}\" is not a participant"),
                );
            }
            if let Some(e) = &c.entry {
                if !self.entry_known(e) {
                    self.error(
                        "choice",
                        id,
                        format!("belongs to timeline entry \"{e}\", which does not exist"),
                    );
                }
                if c.phase != Phase::Timeline {
                    self.error(
                        "choice",
                        id,
                        format!(
                            "names a timeline entry but is in the {} phase",
                            c.phase.label()
                        ),
                    );
                }
            }
            if let Some(b) = &c.better {
                if !self.choice_known(b) {
                    self.error(
                        "choice",
                        id,
                        format!("its better choice \"{b}\" does not exist"),
                    );
                } else if self
                    .s
                    .choices
                    .iter()
                    .any(|o| &o.id == b && o.kind.is_trap())
                {
                    self.warn(
                        "choice",
                        id,
                        format!("its better choice \"{b}\" is itself a trap"),
                    );
                }
            }
            for f in &c.requires {
                if !self.fact_known(f) {
                    self.error(
                        "choice",
                        id,
                        format!("requires \"{f}\", which is not a fact"),
                    );
                }
            }
            for p in &c.phrasings {
                if p.trim().is_empty() {
                    self.error("choice", id, "has an empty phrasing".into());
                }
            }
            self.coach_choice(c);
            if c.accepts_first_story && !c.kind.is_trap() {
                self.warn(
                    "choice",
                    id,
                    "accepts the first story but is not marked as a trap kind".into(),
                );
            }
            if (c.kind == ChoiceKind::Prepare) != (c.phase == Phase::PreMeeting)
                && !c.kind.is_trap()
            {
                self.warn(
                    "choice",
                    id,
                    "pre-meeting talks (kind Prepare) belong in the PreMeeting phase, and only there".into(),
                );
            }
            for r in &c.responses {
                if !self.participant_known(&r.speaker) {
                    self.error(
                        "choice",
                        id,
                        format!(
                            "has a response for \"{}\", who is not at the table",
                            r.speaker
                        ),
                    );
                } else if let Target::Person(p) = &c.target
                    && p != &r.speaker
                {
                    self.error(
                        "choice",
                        id,
                        format!(
                            "is put to \"{p}\" but has a response for \"{}\", who is not asked",
                            r.speaker
                        ),
                    );
                }
                if r.text.trim().is_empty() {
                    self.error(
                        "choice",
                        id,
                        format!("has an empty response for \"{}\"", r.speaker),
                    );
                }
            }
        }
    }

    /// The language coach reads every authored line the player can say: a
    /// choice offered as well phrased must not be flagged.
    fn coach_choice(&mut self, c: &Choice) {
        let id = c.id.as_str();
        let findings = self.coach.analyze(&c.text);
        if !c.kind.is_trap()
            && let Some(f) = findings.first()
        {
            self.error(
                "choice",
                id,
                format!(
                    "is offered as well phrased ({}), but the coach flags \"{}\" as {}: {}",
                    c.kind.label(),
                    f.matched,
                    f.category,
                    f.message
                ),
            );
        }
        // Traps are judged by what they presume, not by their words: a
        // trap may sound reasonable. How far word spotting gets in an
        // incident is reported by `validate` (scenario/spotting.rs).
    }

    fn moments(&mut self) {
        self.duplicates("moment", self.s.moments.iter().map(|m| m.id.as_str()));
        self.duplicates(
            "reply",
            self.s
                .moments
                .iter()
                .flat_map(|m| m.replies.iter().map(|r| r.id.as_str())),
        );
        for m in &self.s.moments {
            let id = m.id.as_str();
            if !m.replies.is_empty() && !m.replies.iter().any(|r| r.quality == ReplyQuality::Good) {
                self.error(
                    "moment",
                    id,
                    "has replies but none of quality Good: the player could never meet it".into(),
                );
            }
            for r in &m.replies {
                if r.text.trim().is_empty() || r.note.trim().is_empty() {
                    self.error(
                        "moment",
                        id,
                        format!("reply \"{}\" needs a text and a note", r.id),
                    );
                }
                let flagged = crate::language::Coach::shipped().analyze(&r.text);
                if r.quality == ReplyQuality::Good
                    && let Some(f) = flagged.first()
                {
                    self.error(
                        "moment",
                        id,
                        format!(
                            "reply \"{}\" is offered as good, but the coach flags \"{}\" as {}",
                            r.id, f.matched, f.category
                        ),
                    );
                }
            }
            if m.returns
                .as_ref()
                .is_some_and(|r| r.after == 0 || r.line.trim().is_empty())
            {
                self.error(
                    "moment",
                    id,
                    "returns needs an `after` of at least 1 move and a line".into(),
                );
            }
            if !self.participant_known(&m.who) {
                self.error("moment", id, format!("\"{}\" is not a participant", m.who));
            }
            if let Some(a) = &m.about
                && !self.participant_known(a)
            {
                self.error(
                    "moment",
                    id,
                    format!("is about \"{a}\", who is not a participant"),
                );
            }
            if m.window == 0 {
                self.error(
                    "moment",
                    id,
                    "its window is 0 moves: the player can never respond".into(),
                );
            }
            if let Some(f) = &m.reveals
                && !self.fact_known(f)
            {
                self.error(
                    "moment",
                    id,
                    format!("reveals \"{f}\", which is not a fact"),
                );
            }
            if let Some(what) = self.unknown_trigger(&m.trigger) {
                self.error(
                    "moment",
                    id,
                    format!("is triggered by {what}, which does not exist"),
                );
            }
        }
    }

    fn phases(&mut self) {
        let id = self.s.id.as_str();
        let mut seen = HashSet::new();
        for b in &self.s.phases {
            if !seen.insert(b.phase) {
                self.error(
                    "scenario",
                    id,
                    format!("the {} phase is listed twice", b.phase.label()),
                );
            }
            if b.minutes == 0 {
                self.error(
                    "scenario",
                    id,
                    format!("the {} phase has no time (0 minutes)", b.phase.label()),
                );
            }
            if b.minutes > MINUTES {
                self.error(
                    "scenario",
                    id,
                    format!(
                        "the {} phase has {} minutes; a phase is at most {MINUTES}",
                        b.phase.label(),
                        b.minutes
                    ),
                );
            }
        }
        for p in Phase::ALL {
            if !seen.contains(&p) {
                self.error(
                    "scenario",
                    id,
                    format!("the {} phase has no time budget", p.label()),
                );
            }
        }
        let meeting: u32 = self
            .s
            .phases
            .iter()
            .filter(|b| b.phase != Phase::PreMeeting)
            .map(|b| u32::from(b.minutes))
            .sum();
        if meeting != u32::from(self.s.brief.minutes) && !self.s.phases.is_empty() {
            self.warn(
                "scenario",
                id,
                format!(
                    "the phases add up to {meeting} minutes but the meeting is {} minutes",
                    self.s.brief.minutes
                ),
            );
        }
        for p in [Phase::Opening, Phase::Timeline] {
            if !self.s.choices.iter().any(|c| c.phase == p) {
                self.error(
                    "scenario",
                    id,
                    format!("there are no choices for the {} phase", p.label()),
                );
            }
        }
    }

    /// A fact no question can ever reveal, or one behind a cycle of
    /// prerequisites, is a dead end for every player.
    fn reachability(&mut self) {
        let s = self.s;
        let by_moment: HashSet<&FactId> = s
            .moments
            .iter()
            .filter_map(|m| m.reveals.as_ref())
            .collect();
        let mut askable: HashMap<&FactId, bool> = HashMap::new();
        for f in &s.facts {
            let asked: Vec<Target> = if f.reveal.asked.is_empty() {
                vec![Target::Person(f.holder.clone())]
            } else {
                f.reveal.asked.clone()
            };
            let shown_ok =
                |c: &Choice| f.reveal.artifact.is_none() || SCREEN_PHASES.contains(&c.phase);
            let ok = s.choices.iter().any(|c| {
                f.reveal.kinds.contains(&c.kind) && asked.contains(&c.target) && shown_ok(c)
            });
            askable.insert(&f.id, ok || by_moment.contains(&f.id));
            // A fact held by nobody known is already reported as such.
            if !ok && !by_moment.contains(&f.id) && self.participant_known(&f.holder) {
                self.error(
                    "fact",
                    f.id.as_str(),
                    format!(
                        "no question can ever reveal it: no choice of kind {} is put to {}{}",
                        list(f.reveal.kinds.iter().map(|k| k.label())),
                        list(asked.iter().map(|t| t.to_string())),
                        if f.reveal.artifact.is_some() {
                            " while the big screen can be used"
                        } else {
                            ""
                        }
                    ),
                );
            }
        }
        // Prerequisites: a fact is reachable when it is askable and all its
        // prerequisites are reachable. Iterate to a fixed point.
        let mut reachable: HashSet<&FactId> = HashSet::new();
        loop {
            let before = reachable.len();
            for f in &s.facts {
                if askable.get(&f.id).copied().unwrap_or(false)
                    && f.reveal.after.iter().all(|a| reachable.contains(a))
                {
                    reachable.insert(&f.id);
                }
            }
            if reachable.len() == before {
                break;
            }
        }
        for f in &s.facts {
            let all_known = f
                .reveal
                .after
                .iter()
                .all(|a| self.fact_known(a) && a != &f.id);
            if askable.get(&f.id).copied().unwrap_or(false)
                && all_known
                && !reachable.contains(&f.id)
            {
                self.error(
                    "fact",
                    f.id.as_str(),
                    "can never come out: its reveal.after prerequisites form a cycle or depend on a fact that cannot come out".into(),
                );
            }
        }
    }
}

/// The longest meeting or phase, in minutes.
const MINUTES: u16 = crate::limits::MINUTES;

const ID_RULE: &str = "the id must be lower-case letters, digits and '-', at most 64 bytes";

/// Below this talkativeness a participant is quiet until invited.
pub const QUIET: u8 = 30;

/// Phases in which the big screen can be used.
pub const SCREEN_PHASES: [Phase; 3] = [Phase::Timeline, Phase::Check, Phase::Learning];

fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<String> = items.map(|s| s.as_ref().to_owned()).collect();
    match items.as_slice() {
        [] => "nothing".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
