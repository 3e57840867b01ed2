//! Checks on the people and the props: participants (who they are, when
//! they arrive or leave), what a trigger names, and the artifacts the big
//! screen shows.

use super::*;

impl Validator<'_> {
    pub(super) fn participants(&mut self) {
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
    pub(super) fn unknown_trigger(&self, t: &Trigger) -> Option<String> {
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

    pub(super) fn artifacts(&mut self) {
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
}
