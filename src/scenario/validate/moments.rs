//! Checks on the moments (what triggers them, who replies, what meets
//! them) and on the phases' time.

use super::*;

impl Validator<'_> {
    pub(super) fn moments(&mut self) {
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

    pub(super) fn phases(&mut self) {
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
}
