//! Which moves the meeting accepts now, and why it refuses the others.

use super::{Meeting, MomentState};
use crate::engine::moves::{Move, MoveError};
use crate::scenario::{Phase, SCREEN_PHASES, Target};

impl Meeting {
    /// Whether a move would be accepted now. Changes nothing.
    pub fn check(&self, mv: &Move) -> Result<(), MoveError> {
        if self.ended {
            return Err(MoveError::MeetingOver);
        }
        let in_meeting = self.phase != Phase::PreMeeting;
        let need_meeting = |what: &'static str| {
            if in_meeting {
                Ok(())
            } else {
                Err(MoveError::NotInPhase {
                    what,
                    phase: self.phase.label(),
                })
            }
        };
        match mv {
            Move::Ask(id) => self.check_choice(id),
            Move::Say { text, to, intent } => {
                if let Target::Person(p) = to {
                    self.person(p)?;
                }
                if !text.chars().any(char::is_alphanumeric) {
                    return Err(MoveError::NothingSaid);
                }
                match intent {
                    Some(id) => self.check_choice(id),
                    None => Ok(()),
                }
            }
            Move::Respond(r) => {
                if !self.index.replies.contains_key(r) {
                    return Err(MoveError::UnknownReply(r.clone()));
                }
                match self.open_moment_with_reply(r) {
                    Some(_) => Ok(()),
                    None => Err(MoveError::ReplyNotOpen(r.clone())),
                }
            }
            Move::Reassure(p) | Move::Curb(p) => {
                self.person(p)?;
                need_meeting(if matches!(mv, Move::Reassure(_)) {
                    "reassuring"
                } else {
                    "curbing"
                })
            }
            Move::Invite(p) => {
                let i = self.person(p)?;
                need_meeting("inviting someone in")?;
                if self.invited[i] {
                    return Err(MoveError::AlreadyInvited(p.clone()));
                }
                Ok(())
            }
            Move::Redirect => need_meeting("redirecting blame"),
            Move::NameHindsight => need_meeting("naming hindsight"),
            Move::Pin => need_meeting("pinning a tangent"),
            Move::Park => need_meeting("parking a fix"),
            Move::Clarify => need_meeting("clarifying jargon"),
            Move::Normalise => need_meeting("normalising"),
            Move::BothViews => need_meeting("keeping both versions"),
            Move::Breather => need_meeting("offering a breather"),
            Move::Show(a) => {
                let &i = self
                    .index
                    .artifacts
                    .get(a)
                    .ok_or_else(|| MoveError::UnknownArtifact(a.clone()))?;
                self.screen_phase("the big screen")?;
                if self.screen == Some(i) {
                    return Err(MoveError::AlreadyShown(a.clone()));
                }
                Ok(())
            }
            Move::Zoom => {
                self.screen_phase("zooming")?;
                match (self.screen, self.zoomed) {
                    (None, _) => Err(MoveError::NothingOnScreen),
                    (Some(_), true) => Err(MoveError::AlreadyZoomed),
                    _ => Ok(()),
                }
            }
            Move::NextEntry => {
                if self.phase != Phase::Timeline {
                    Err(MoveError::NotInPhase {
                        what: "moving along the timeline",
                        phase: self.phase.label(),
                    })
                } else if self.entry + 1 >= self.scenario.timeline.len() {
                    Err(MoveError::LastEntry)
                } else {
                    Ok(())
                }
            }
            Move::NextPhase => match self.phase.next() {
                Some(_) => Ok(()),
                None => Err(MoveError::LastPhase),
            },
            Move::End => Ok(()),
        }
    }

    /// Whether an authored choice is on offer now.
    fn check_choice(&self, id: &crate::scenario::ChoiceId) -> Result<(), MoveError> {
        let &i = self
            .index
            .choices
            .get(id)
            .ok_or_else(|| MoveError::UnknownChoice(id.clone()))?;
        let c = &self.scenario.choices[i];
        if self.asked[i] {
            return Err(MoveError::AlreadyAsked(id.clone()));
        }
        if c.phase != self.phase {
            return Err(MoveError::wrong_phase(id, c.phase, self.phase));
        }
        if let Some(e) = &c.entry
            && self.index.entries.get(e) != Some(&self.entry)
        {
            return Err(MoveError::WrongEntry {
                choice: id.clone(),
                wanted: e.to_string(),
                now: self.scenario.timeline[self.entry].id.to_string(),
            });
        }
        Ok(())
    }

    /// Whether an authored choice is on offer now: it can be made, and the
    /// details its words name (`requires`) have come out. The menu shows
    /// only these; a script may still make another, and it is then asked
    /// as words that name something nobody has brought up.
    pub fn on_offer(&self, id: &crate::scenario::ChoiceId) -> bool {
        self.check_choice(id).is_ok() && self.requires_met(id)
    }

    pub(super) fn requires_met(&self, id: &crate::scenario::ChoiceId) -> bool {
        self.index.choices.get(id).is_none_or(|&i| {
            self.scenario.choices[i]
                .requires
                .iter()
                .all(|f| self.is_revealed(f))
        })
    }

    pub(super) fn person(&self, p: &crate::scenario::ParticipantId) -> Result<usize, MoveError> {
        self.index
            .participants
            .get(p)
            .copied()
            .ok_or_else(|| MoveError::UnknownParticipant(p.clone()))
    }

    fn screen_phase(&self, what: &'static str) -> Result<(), MoveError> {
        if SCREEN_PHASES.contains(&self.phase) {
            Ok(())
        } else {
            Err(MoveError::NotInPhase {
                what,
                phase: self.phase.label(),
            })
        }
    }

    /// Every move the meeting would accept now, but lines in the player's
    /// own words (there are endless of those).
    pub fn legal_moves(&self) -> Vec<Move> {
        if self.ended {
            return Vec::new();
        }
        let s = &self.scenario;
        let mut all: Vec<Move> = s.choices.iter().map(|c| Move::Ask(c.id.clone())).collect();
        for (m, st) in self.moment_defs.iter().zip(&self.moments) {
            if matches!(st, MomentState::Open { .. }) {
                all.extend(m.replies.iter().map(|r| Move::Respond(r.id.clone())));
            }
        }
        for p in &s.participants {
            all.push(Move::Reassure(p.id.clone()));
            all.push(Move::Invite(p.id.clone()));
            all.push(Move::Curb(p.id.clone()));
        }
        all.extend([
            Move::Redirect,
            Move::NameHindsight,
            Move::Pin,
            Move::Park,
            Move::Clarify,
            Move::Normalise,
            Move::BothViews,
            Move::Breather,
            Move::Zoom,
        ]);
        all.extend(s.artifacts.iter().map(|a| Move::Show(a.id.clone())));
        all.extend([Move::NextEntry, Move::NextPhase, Move::End]);
        let here = |p: &crate::scenario::ParticipantId| self.is_present(p);
        all.retain(|m| match m {
            Move::Ask(c) => {
                self.on_offer(c)
                    && self.index.choices.get(c).is_none_or(|&i| {
                        match &self.scenario.choices[i].target {
                            Target::Person(p) => here(p),
                            Target::Room => true,
                        }
                    })
            }
            Move::Reassure(p) | Move::Invite(p) | Move::Curb(p) => here(p) && self.check(m).is_ok(),
            _ => self.check(m).is_ok(),
        });
        all
    }
}
