//! Moments: opening when their trigger happens, met by the right move or
//! reply, missed when their window passes, heard in people's answers, and
//! coming back after they were met. What each kind does is in
//! `moment_kinds.rs`; this file only applies it.

use super::in_play::MoveInPlay;
use super::{Meeting, MomentState};
use crate::engine::event::Event;
use crate::engine::rules;
use crate::scenario::*;
use std::sync::Arc;

impl Meeting {
    /// Opens every moment not yet opened whose trigger matches.
    pub(super) fn trigger(&mut self, matches: impl Fn(&Trigger) -> bool, t: &mut MoveInPlay) {
        self.arrivals(&matches, t);
        let defs = Arc::clone(&self.moment_defs);
        for (mi, m) in defs.iter().enumerate() {
            if self.moments[mi] != MomentState::NotYet || !matches(&m.trigger) {
                continue;
            }
            // Someone who is not in the meeting says nothing.
            if !self.is_here(self.index.participants[&m.who]) {
                continue;
            }
            self.open(mi, m.line.clone(), t);
        }
    }

    /// People joining or leaving when this happens.
    fn arrivals(&mut self, matches: &impl Fn(&Trigger) -> bool, t: &mut MoveInPlay) {
        let scenario = Arc::clone(&self.scenario);
        for (i, p) in scenario.participants.iter().enumerate() {
            if !self.present[i] && p.arrives.as_ref().is_some_and(matches) {
                self.present[i] = true;
                self.came[i] = true;
                let how = if p.remote {
                    "joins the call"
                } else {
                    "comes in"
                };
                self.say_note(format!("{} {how}.", p.name), t);
            } else if self.present[i] && p.leaves.as_ref().is_some_and(matches) {
                self.present[i] = false;
                let how = if p.remote {
                    "drops off the call"
                } else {
                    "leaves the room"
                };
                self.say_note(format!("{} {how}.", p.name), t);
            }
        }
    }

    fn open(&mut self, mi: usize, line: String, t: &mut MoveInPlay) {
        let m = Arc::clone(&self.moment_defs);
        let m = &m[mi];
        self.moments[mi] = MomentState::Open { at: t.index };
        let who = self.index.participants[&m.who];
        match m.kind {
            MomentKind::SelfBlame => self.tally.self_blamed[who] = true,
            MomentKind::Blame => {
                if let Some(a) = &m.about {
                    self.tally.blamed[self.index.participants[a]] = true;
                }
            }
            _ => {}
        }
        self.say(who, line, t);
        t.events.push(Event::MomentOpened {
            moment: m.id.clone(),
            kind: m.kind,
            who: m.who.clone(),
            respond_by: t.index + m.window as usize,
        });
    }

    /// Moments triggered by this move, moments whose window closed, moments
    /// coming back, the clock.
    pub(super) fn after_move(&mut self, t: &mut MoveInPlay) {
        let defs = Arc::clone(&self.moment_defs);
        for (mi, m) in defs.iter().enumerate() {
            if let MomentState::Open { at } = self.moments[mi]
                && (t.index >= at + m.window as usize || self.ended)
            {
                self.miss(mi, t);
            }
        }
        if !self.ended {
            if let Some(c) = t.choice.clone() {
                self.trigger(|tr| *tr == Trigger::AfterChoice(c.clone()), t);
            }
            let facts = std::mem::take(&mut t.facts_now);
            for f in &facts {
                self.trigger(|tr| *tr == Trigger::AfterFact(f.clone()), t);
            }
            self.come_back(t);
        }
        let slot = super::phase_slot(t.phase);
        self.spent[slot] = self.spent[slot].saturating_add(t.minutes);
        if !self.ended
            && self.phase != Phase::PreMeeting
            && self.clock() >= self.scenario.brief.minutes
        {
            self.say_note(
                "Time is up: people start picking up their laptops and leaving.".into(),
                t,
            );
            self.end(true, t);
            for mi in 0..self.moments.len() {
                if matches!(self.moments[mi], MomentState::Open { .. }) {
                    self.miss(mi, t);
                }
            }
        }
    }

    /// Moments that were met once and whose time to come back has come.
    fn come_back(&mut self, t: &mut MoveInPlay) {
        let due: Vec<Moment> = {
            let (due, later) = std::mem::take(&mut self.returning)
                .into_iter()
                .partition(|(at, _)| *at <= t.index);
            self.returning = later;
            due.into_iter().map(|(_, m)| m).collect()
        };
        for m in due {
            let line = m.line.clone();
            Arc::make_mut(&mut self.moment_defs).push(m);
            self.moments.push(MomentState::NotYet);
            self.open(self.moments.len() - 1, line, t);
        }
    }

    pub(super) fn miss(&mut self, mi: usize, t: &mut MoveInPlay) {
        let defs = Arc::clone(&self.moment_defs);
        let m = &defs[mi];
        let rules = m.kind.rules();
        let (who, about) = (
            self.index.participants[&m.who],
            m.about.as_ref().map(|a| self.index.participants[a]),
        );
        self.moments[mi] = MomentState::Missed;
        t.events.push(Event::MomentMissed {
            moment: m.id.clone(),
        });
        let (d_who, d_about, d_room) = rules.missed_safety;
        self.shift_all(Some(who), d_who, d_room, t);
        if let Some(a) = about {
            self.shift(a, d_about, t);
        }
        t.minutes = t.minutes.saturating_add(rules.missed_minutes);
        let name = self.scenario.participants[who].name.clone();
        self.say_note(rules.missed.replace("{name}", &name), t);
    }

    /// The oldest open moment of this kind (and by this person, if named).
    fn open_moment(&self, kind: MomentKind, who: Option<usize>) -> Option<usize> {
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .position(|(m, st)| {
                m.kind == kind
                    && matches!(st, MomentState::Open { .. })
                    && who.is_none_or(|w| self.index.participants[&m.who] == w)
            })
    }

    /// The open moment that offers this reply.
    pub(super) fn open_moment_with_reply(&self, reply: &ReplyId) -> Option<usize> {
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .position(|(m, st)| {
                matches!(st, MomentState::Open { .. }) && m.replies.iter().any(|r| &r.id == reply)
            })
    }

    /// The most recent open moment, if any.
    pub(super) fn latest_open(&self) -> Option<(usize, &Moment)> {
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .enumerate()
            .filter_map(|(mi, (m, st))| match st {
                MomentState::Open { at } => Some((*at, mi, m)),
                _ => None,
            })
            .max_by_key(|(at, mi, _)| (*at, *mi))
            .map(|(_, mi, m)| (mi, m))
    }

    /// A one-button move (or own words taken as one): meets the oldest open
    /// moment of its kind, or does what that move does with nothing open.
    pub(super) fn respond(
        &mut self,
        kind: MomentKind,
        who: Option<usize>,
        words: Option<&str>,
        t: &mut MoveInPlay,
    ) {
        let rules = kind.rules();
        let name = who
            .map(|i| self.scenario.participants[i].name.clone())
            .unwrap_or_default();
        let said = words.map_or_else(|| rules.line.replace("{name}", &name), str::to_owned);
        self.say_facilitator(said, t);
        t.minutes = rules::INTERVENTION_MINUTES;
        if let Some(mi) = self.open_moment(kind, who) {
            self.meet(mi, None, t);
            return;
        }
        let idle = &rules.idle;
        let again = self.tally.idle.contains(&(kind, who));
        if !again {
            self.tally.idle.push((kind, who));
        }
        if let Some(i) = who
            && (idle.safety < 0 || !again)
        {
            self.shift(i, idle.safety, t);
        }
        let text = idle
            .text
            .replace("{name}", &name)
            .replace("{kind}", rules.label);
        if idle.poor {
            t.poor(rules.principle, &text);
        } else {
            t.neutral(rules.principle, &text);
        }
    }

    /// An authored reply to an open moment, chosen from the menu or taken
    /// from the player's words.
    pub(super) fn reply(&mut self, reply: &ReplyId, words: Option<&str>, t: &mut MoveInPlay) {
        let Some(mi) = self.open_moment_with_reply(reply) else {
            return;
        };
        let defs = Arc::clone(&self.moment_defs);
        let m = &defs[mi];
        let Some(r) = m.replies.iter().find(|r| &r.id == reply) else {
            return;
        };
        self.say_facilitator(words.unwrap_or(&r.text).to_owned(), t);
        t.minutes = rules::INTERVENTION_MINUTES;
        if r.quality == ReplyQuality::Good {
            self.meet(mi, Some(r), t);
            return;
        }
        // A tempting or poor reply answers the moment badly: it is over,
        // and nobody was helped by it.
        let who = self.index.participants[&m.who];
        let safety = r.safety.map_or(
            match r.quality {
                ReplyQuality::Tempting => rules::TEMPTING_REPLY,
                _ => rules::POOR_REPLY,
            },
            i16::from,
        );
        self.shift(who, safety, t);
        if let Some(answer) = &r.answer {
            self.say(who, answer.clone(), t);
        }
        self.miss(mi, t);
        t.poor(m.kind.principle(), &r.note);
    }

    /// Agreeing with the latest open moment instead of meeting it: thanking
    /// someone for blaming themselves, siding with blame, waving a fix on.
    /// The moment is over, and handled badly.
    pub(super) fn endorse(&mut self, t: &mut MoveInPlay) {
        let Some((mi, m)) = self.latest_open() else {
            return;
        };
        let (kind, who) = (m.kind, self.index.participants[&m.who]);
        let name = self.scenario.participants[who].name.clone();
        self.shift(who, rules::TEMPTING_REPLY, t);
        self.miss(mi, t);
        let text = match kind {
            MomentKind::SelfBlame => format!(
                "That agrees with {name}'s blame of themselves. It sounds kind, but it tells the room the first story is settled: stop, and say there is no need to be hard on yourself."
            ),
            MomentKind::Blame | MomentKind::Hindsight => format!(
                "That sides with {name}. The person blamed hears that the room agrees, and goes quiet."
            ),
            _ => format!("That waves {name} on instead of meeting the moment."),
        };
        t.poor(kind.principle(), &text);
    }

    /// Meets open moment `mi`, with an authored reply or the one-button move.
    pub(super) fn meet(&mut self, mi: usize, reply: Option<&Reply>, t: &mut MoveInPlay) {
        let defs = Arc::clone(&self.moment_defs);
        let m = &defs[mi];
        let MomentState::Open { at } = self.moments[mi] else {
            return;
        };
        let rules = m.kind.rules();
        let delay = t.index - at;
        self.moments[mi] = MomentState::Met { delay };
        t.events.push(Event::MomentMet {
            moment: m.id.clone(),
            prompt: delay == 1,
        });
        let speaker = self.index.participants[&m.who];
        let (d_who, d_about, d_room) = rules.met_safety;
        let d_who = reply.and_then(|r| r.safety).map_or(d_who, i16::from);
        self.shift(speaker, d_who, t);
        if let Some(about) = &m.about {
            let a = self.index.participants[about];
            self.shift(a, d_about, t);
        }
        self.shift_all(None, 0, d_room, t);
        if let Some(line) = reply.and_then(|r| r.answer.clone()).or(m.met_line.clone()) {
            self.say(speaker, line, t);
        }
        if let Some(f) = &m.reveals {
            let fi = self.index.facts[f];
            let locked = self.tally.first_story_accepted && self.scenario.facts[fi].second_story;
            if self.revealed[fi].is_none() && !locked {
                self.surface(fi, t);
            }
        }
        if let Some(back) = &m.returns {
            let mut again = m.clone();
            again.id = MomentId(format!("{}-again", m.id));
            again.line = back.line.clone();
            again.returns = None;
            again.reveals = None;
            again.met_line = None;
            self.returning
                .push((t.index + usize::from(back.after.max(1)), again));
        }
        let text = reply.map_or(rules.met, |r| r.note.as_str());
        let text = if delay == 1 {
            text.to_owned()
        } else {
            format!("{text} (A little late: it is best met at once.)")
        };
        t.good(rules.principle, &text);
    }

    /// The coach listens to answers too: someone blaming themselves or a
    /// colleague in their own words opens a moment to meet, as a scripted
    /// one would. (The sentinel trigger never fires: these are heard, not
    /// scripted.)
    pub(super) fn hear(&mut self, who: usize, text: &str, t: &mut MoveInPlay) {
        if self.phase == Phase::PreMeeting {
            return;
        }
        let heard = match self.index.heard.get(text) {
            Some(h) => *h,
            None => super::heard_in(&self.index.coach, text),
        };
        let Some(kind) = heard else { return };
        let id = self.scenario.participants[who].id.clone();
        let already =
            self.moment_defs.iter().zip(&self.moments).any(|(m, s)| {
                m.kind == kind && m.who == id && matches!(s, MomentState::Open { .. })
            });
        if already {
            return;
        }
        let moment = MomentId(format!("heard-{}", self.moment_defs.len()));
        Arc::make_mut(&mut self.moment_defs).push(Moment {
            id: moment.clone(),
            kind,
            who: id.clone(),
            about: None,
            line: text.to_owned(),
            trigger: Trigger::AtPhase(Phase::PreMeeting),
            window: rules::HEARD_WINDOW,
            reveals: None,
            met_line: None,
            replies: Vec::new(),
            returns: None,
        });
        self.moments.push(MomentState::Open { at: t.index });
        if kind == MomentKind::SelfBlame {
            self.tally.self_blamed[who] = true;
        }
        t.events.push(Event::MomentOpened {
            moment,
            kind,
            who: id,
            respond_by: t.index + usize::from(rules::HEARD_WINDOW),
        });
    }
}
