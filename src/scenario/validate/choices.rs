//! Checks on the choices: their targets, phases and responses, and the
//! language coach's reading of every line the player can say.

use super::*;

impl Validator<'_> {
    pub(super) fn choices(&mut self) {
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
    pub(super) fn coach_choice(&mut self, c: &Choice) {
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
}
