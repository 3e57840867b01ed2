//! A line in the player's own words: understood (what it is, whom it is
//! put to, which authored line it is closest to) and played. The wording
//! is always judged for itself: a reworded trap is a trap of the kind its
//! words show, and a clean question that matches nothing authored is still
//! asked and answered.

use super::in_play::{MoveInPlay, Put};
use super::{Meeting, MomentState};
use crate::engine::moves::Move;
use crate::engine::rules;
use crate::engine::understand::{
    self as u, Heard, Intervention, Lexicon, Reading, Taken, Understanding, Understood,
};
use crate::language;
use crate::scenario::*;
use rand::RngExt;

impl Meeting {
    /// What the player's words would be taken as, put to `to`. Changes
    /// nothing: the game shows it and lets the player correct it.
    pub fn understand(&self, text: &str, to: &Target) -> Understanding {
        let lex = &self.index.lexicon;
        let reading = u::read(text, &lex.names);
        let to = self.addressee(text, to);
        let findings = self.index.coach.analyze(text);
        let bag = lex.bag(text);
        let mut kind = self.kind_in_phase(&reading, &to);

        // Scored authored choices on offer now, best first.
        let mut scored: Vec<(usize, f32, f32)> = self
            .scenario
            .choices
            .iter()
            .enumerate()
            .filter(|(ci, c)| !self.worded[*ci] && self.on_offer(&c.id))
            .map(|(ci, c)| {
                let sim = Lexicon::best(&bag, &lex.choices[ci]);
                let mut score = sim;
                if let Some(k) = kind {
                    if k == c.kind {
                        score += u::SAME_KIND;
                    } else if u::near(k, c.kind) {
                        score += u::NEAR_KIND;
                    }
                }
                score += if c.target == to {
                    u::SAME_TARGET
                } else {
                    u::OTHER_TARGET
                };
                (ci, score.clamp(0.0, 1.0), sim)
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let alternatives: Vec<(ChoiceId, f32)> = scored
            .iter()
            .take(3)
            .map(|&(ci, score, _)| (self.scenario.choices[ci].id.clone(), score))
            .collect();
        let choice = |ci: usize| self.scenario.choices[ci].id.clone();

        let mut taken = None;
        let mut similarity = 0.0;
        // An authored reply to the moment open now, when the words are close.
        if let Some((reply, sim)) = self.closest_reply(&bag)
            && sim >= u::REPLY_SIMILARITY
        {
            taken = Some(Taken::Reply(reply));
            similarity = sim;
        }
        // The first reading of the words that applies here: a move that
        // meets nothing open gives way to what else the words say.
        let readings: Vec<Heard> = reading.heard.iter().chain(&reading.also).copied().collect();
        for heard in &readings {
            if taken.is_some() {
                break;
            }
            if let Heard::Kind(k) = heard {
                if kind.is_none() || kind == reading.kind() {
                    kind = self.kind_in_phase(
                        &Reading {
                            heard: Some(*heard),
                            ..reading.clone()
                        },
                        &to,
                    );
                }
                let _ = k;
                break;
            }
            taken = match *heard {
                Heard::Move(i) => self.intervention(i, &reading, &to, &mut kind),
                Heard::FirstStory => {
                    match self.scenario.choices.iter().find(|c| {
                        c.accepts_first_story && self.check(&Move::Ask(c.id.clone())).is_ok()
                    }) {
                        Some(c) => Some(Taken::Choice(c.id.clone())),
                        None => Some(Taken::FirstStory),
                    }
                }
                Heard::Kind(_) => None,
            };
        }
        if taken.is_none() {
            // A statement while a moment is open, with nothing else in its
            // words, answers that moment.
            if !reading.question && reading.heard.is_none() {
                taken = self.answer_to_open_moment(&to);
            }
        }
        let taken = taken.unwrap_or_else(|| {
            let is_trap = kind.is_some_and(ChoiceKind::is_trap);
            let is_fix = kind.is_some_and(ChoiceKind::is_fix);
            let fits = |c: &Choice| {
                if is_trap {
                    c.kind.is_trap()
                } else if is_fix {
                    c.kind.is_fix()
                } else {
                    !c.kind.is_trap() && !c.kind.is_fix()
                }
            };
            let best = scored
                .iter()
                .find(|(ci, _, _)| fits(&self.scenario.choices[*ci]))
                .filter(|(_, score, _)| *score >= u::MIN_SIMILARITY);
            match best {
                Some(&(ci, score, _)) => {
                    similarity = score;
                    Taken::Choice(choice(ci))
                }
                None => {
                    // Clean words closest to a trap count as the trap's
                    // better question only when they are close to it too.
                    let better = scored
                        .first()
                        .filter(|(ci, score, _)| {
                            !is_trap
                                && *score >= u::MIN_SIMILARITY
                                && self.scenario.choices[*ci].kind.is_trap()
                        })
                        .and_then(|(ci, _, _)| self.scenario.choices[*ci].better.as_ref())
                        .and_then(|b| scored.iter().find(|(ci, _, _)| &choice(*ci) == b))
                        .filter(|(_, score, _)| *score >= u::MIN_SIMILARITY * 0.8);
                    match better {
                        Some(&(ci, score, _)) => {
                            similarity = score;
                            Taken::Choice(choice(ci))
                        }
                        None => Taken::Generic {
                            kind: kind.unwrap_or_else(|| self.default_kind(&reading, &to)),
                            to: to.clone(),
                        },
                    }
                }
            }
        });
        let intent = match &taken {
            Taken::Choice(c) => Some(c.clone()),
            _ => None,
        };
        if matches!(taken, Taken::Move(_)) {
            similarity = 1.0;
        }
        let confident = match &taken {
            Taken::Choice(_) => similarity >= u::CONFIDENT,
            Taken::Reply(_) | Taken::Move(_) | Taken::FirstStory | Taken::Endorse => true,
            // Nothing authored was close: "did you mean" if something was
            // nearly close enough.
            Taken::Generic { .. } => scored
                .first()
                .is_none_or(|(_, score, _)| *score < u::MIN_SIMILARITY * 0.8),
        };
        Understanding {
            taken,
            to,
            kind,
            intent,
            similarity,
            confident,
            alternatives,
            findings,
            cue: reading.cue,
        }
    }

    /// Whom the words are put to: a participant named first ("Phil, ...")
    /// or last ("..., Phil?"), else the addressee picked.
    fn addressee(&self, text: &str, picked: &Target) -> Target {
        let tokens = language::tokenize(text);
        let names = &self.index.lexicon.names;
        let is_name = |t: &language::Token| names.iter().position(|n| n == &t.norm);
        let vocative = match tokens.as_slice() {
            [first, second, ..] if second.boundary => is_name(first),
            _ => None,
        }
        .or_else(|| {
            let words: Vec<&language::Token> = tokens
                .iter()
                .rev()
                .skip_while(|t| t.boundary && t.norm != ",")
                .collect();
            match words.as_slice() {
                [last, comma, ..] if comma.norm == "," && !last.boundary => is_name(last),
                _ => None,
            }
        })
        .or_else(|| match tokens.as_slice() {
            [greeting, name, ..]
                if matches!(
                    greeting.norm.as_str(),
                    "so" | "and" | "ok" | "okay" | "right" | "thanks" | "hi"
                ) =>
            {
                is_name(name)
            }
            _ => None,
        });
        match vocative {
            Some(i) => Target::Person(self.scenario.participants[i].id.clone()),
            None => picked.clone(),
        }
    }

    /// The kind the words make, read in the light of the phase: any talk in
    /// the pre-meeting is preparing, an unmarked statement in the opening
    /// sets expectations.
    fn kind_in_phase(&self, reading: &Reading, to: &Target) -> Option<ChoiceKind> {
        let k = reading.kind();
        let trap_or_fix = k.is_some_and(|k| k.is_trap() || k.is_fix());
        let inquiry = k.is_some_and(|k| k.is_inquiry() && k != ChoiceKind::Poll);
        match self.phase {
            // Before the meeting every word to a person is preparing, but a
            // trap is a trap wherever it is said.
            Phase::PreMeeting if !k.is_some_and(ChoiceKind::is_trap) => Some(ChoiceKind::Prepare),
            Phase::Opening if !trap_or_fix && *to == Target::Room && !reading.question => {
                Some(ChoiceKind::Expectation)
            }
            // Open questions to the room at the end are asking what people
            // learned; in the check, what the story is missing.
            Phase::Learning if inquiry && *to == Target::Room => Some(ChoiceKind::Reflect),
            Phase::Check if inquiry && *to == Target::Room => Some(ChoiceKind::Check),
            _ => k,
        }
    }

    /// The kind of a line whose words do not say.
    fn default_kind(&self, reading: &Reading, to: &Target) -> ChoiceKind {
        match self.phase {
            Phase::PreMeeting => ChoiceKind::Prepare,
            Phase::Opening => ChoiceKind::Expectation,
            Phase::Check if *to == Target::Room => ChoiceKind::Check,
            Phase::Learning => ChoiceKind::Reflect,
            _ if reading.question => ChoiceKind::Cue,
            _ => ChoiceKind::Expectation,
        }
    }

    /// The authored reply to an open moment closest to `bag`.
    fn closest_reply(&self, bag: &u::Bag) -> Option<(ReplyId, f32)> {
        let lex = &self.index.lexicon;
        self.moment_defs
            .iter()
            .zip(&self.moments)
            .filter(|(_, st)| matches!(st, MomentState::Open { .. }))
            .flat_map(|(m, _)| &m.replies)
            .filter_map(|r| {
                lex.replies
                    .get(&r.id)
                    .map(|bags| (r.id.clone(), Lexicon::best(bag, bags)))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The move a facilitation statement makes here. A move that meets a
    /// kind of moment is that move only while such a moment is open (or
    /// when it names someone); otherwise the words are read as a question
    /// or a statement like any other.
    fn intervention(
        &self,
        i: Intervention,
        reading: &Reading,
        to: &Target,
        kind: &mut Option<ChoiceKind>,
    ) -> Option<Taken> {
        // Words that also blame make it a trap, whatever else they do.
        if let Some(trap) = reading.also.iter().find_map(|h| match h {
            Heard::Kind(k @ ChoiceKind::Why) => Some(*k),
            _ => None,
        }) {
            *kind = Some(trap);
            return None;
        }
        let person = match to {
            Target::Person(p) => self.index.participants.get(p).copied(),
            Target::Room => None,
        };
        let open_by = |k: MomentKind| {
            self.moment_defs
                .iter()
                .zip(&self.moments)
                .find(|(m, st)| m.kind == k && matches!(st, MomentState::Open { .. }))
                .map(|(m, _)| m.who.clone())
        };
        let id = |i: usize| self.scenario.participants[i].id.clone();
        let when_open = |k: MomentKind, mv: Move| open_by(k).map(|_| mv);
        let mv = match i {
            Intervention::Reassure => {
                if self.phase == Phase::PreMeeting {
                    return None;
                }
                let open = open_by(MomentKind::SelfBlame);
                match (open, person) {
                    (Some(who), None) => Some(Move::Reassure(who)),
                    (_, Some(p)) => Some(Move::Reassure(id(p))),
                    (None, None) => None,
                }
            }
            Intervention::Curb => person
                .map(id)
                .or_else(|| open_by(MomentKind::Dominating))
                .map(Move::Curb),
            Intervention::Invite => person
                .filter(|&p| self.phase != Phase::PreMeeting && !self.invited[p])
                .map(|p| Move::Invite(id(p))),
            Intervention::Defer => {
                let fix = open_by(MomentKind::PrematureFix).is_some();
                let tangent = open_by(MomentKind::Tangent).is_some();
                match (tangent, fix) {
                    (true, _) => Some(Move::Pin),
                    (false, true) => Some(Move::Park),
                    _ => None,
                }
            }
            Intervention::Clarify => {
                let open = when_open(MomentKind::Jargon, Move::Clarify);
                if open.is_none() && *kind != Some(ChoiceKind::Prepare) {
                    *kind = Some(ChoiceKind::DumbQuestion);
                }
                open
            }
            Intervention::Redirect => when_open(MomentKind::Blame, Move::Redirect),
            Intervention::NameHindsight => when_open(MomentKind::Hindsight, Move::NameHindsight),
            Intervention::BothViews => when_open(MomentKind::Disagreement, Move::BothViews),
            Intervention::Breather => when_open(MomentKind::Tension, Move::Breather),
            Intervention::Normalise => (self.phase != Phase::PreMeeting).then_some(Move::Normalise),
            Intervention::Endorse => {
                return self.latest_open().map(|_| Taken::Endorse);
            }
        }?;
        (self.check(&mv).is_ok()).then_some(Taken::Move(mv))
    }

    /// The one-button move for the moment open most recently, when a plain
    /// statement is put to whoever spoke it or to the room.
    fn answer_to_open_moment(&self, to: &Target) -> Option<Taken> {
        let (_, m) = self.latest_open()?;
        if !m.replies.is_empty() {
            return None;
        }
        // Care and blame need words that show it; a plain remark can answer
        // hindsight, a tangent, a fix idea or jargon.
        if matches!(
            m.kind,
            MomentKind::SelfBlame | MomentKind::Blame | MomentKind::Dominating
        ) {
            return None;
        }
        let addressed = match to {
            Target::Room => true,
            Target::Person(p) => p == &m.who || m.about.as_ref() == Some(p),
        };
        let mv = m.kind.shortcut(&m.who);
        (addressed && self.check(&mv).is_ok()).then_some(Taken::Move(mv))
    }

    /// Plays a line in the player's own words.
    pub(super) fn say_own_words(
        &mut self,
        text: &str,
        to: &Target,
        intent: Option<&ChoiceId>,
        t: &mut MoveInPlay,
    ) {
        let mut u = self.understand(text, to);
        if let Some(id) = intent {
            u.taken = Taken::Choice(id.clone());
            u.intent = Some(id.clone());
        }
        let reading = u::read(text, &self.index.lexicon.names);
        let trap = reading.trap();
        let played_kind = match &u.taken {
            Taken::Choice(c) => {
                let ci = self.index.choices[c];
                let authored = self.scenario.choices[ci].kind;
                // The words keep their own judgement: a trap in the words is
                // that trap; clean words asking a trap's question are a
                // question of their own kind.
                Some(match (&trap, authored.is_trap()) {
                    (Some((k, ..)), _) => *k,
                    (None, true) => u.kind.filter(|k| !k.is_trap()).unwrap_or(ChoiceKind::Cue),
                    (None, false) => {
                        if u.kind.is_some_and(|k| k.is_fix()) {
                            u.kind.unwrap_or(authored)
                        } else {
                            authored
                        }
                    }
                })
            }
            Taken::Generic { kind, .. } => Some(*kind),
            _ => None,
        };
        t.understood = Some(Understood {
            text: text.to_owned(),
            taken: u.taken.clone(),
            kind: played_kind,
            intent: u.intent.clone(),
            similarity: u.similarity,
            alternatives: u.alternatives.clone(),
            findings: u.findings.clone(),
        });
        let coached = trap.map(|(k, principle, note)| {
            (
                principle,
                format!("{note} Try: {}", suggestion(k, &u.findings)),
            )
        });
        match u.taken {
            Taken::Choice(c) => {
                let ci = self.index.choices[&c];
                let put = Put {
                    text: text.to_owned(),
                    kind: played_kind.unwrap_or(self.scenario.choices[ci].kind),
                    coached,
                    worded: intent.is_none(),
                };
                self.ask(ci, &put, t);
            }
            Taken::Reply(r) => self.reply(&r, Some(text), t),
            Taken::Move(mv) => {
                self.tally.language_findings += language::language_penalties(text) as u32;
                match mv {
                    Move::Invite(p) => self.invite(self.index.participants[&p], Some(text), t),
                    Move::Normalise => self.normalise(Some(text), t),
                    other => {
                        if let Some((kind, who)) = MomentKind::met_by(&other) {
                            let who = who.map(|p| self.index.participants[p]);
                            self.respond(kind, who, Some(text), t);
                        }
                    }
                }
            }
            Taken::Generic { kind, to } => self.ask_generic(text, kind, &to, coached, t),
            Taken::Endorse => {
                self.say_facilitator(text.to_owned(), t);
                t.minutes = rules::INTERVENTION_MINUTES;
                self.endorse(t);
            }
            Taken::FirstStory => {
                self.say_facilitator(text.to_owned(), t);
                t.minutes = rules::INTERVENTION_MINUTES;
                self.accept_first_story(false, t);
                t.poor(
                    Principle::NoHumanError,
                    "That settles for the first story: the room stops asking, and everything behind it stays hidden.",
                );
            }
        }
    }

    /// A question or statement nobody authored: said, answered in
    /// character, moving the room a little, bringing nothing hidden out.
    pub(super) fn ask_generic(
        &mut self,
        text: &str,
        kind: ChoiceKind,
        to: &Target,
        coached: Option<(Principle, String)>,
        t: &mut MoveInPlay,
    ) {
        t.minutes = rules::minutes(kind);
        self.say_facilitator(text.to_owned(), t);
        self.tally.language_findings += language::language_penalties(text) as u32;
        if self.phase == Phase::Timeline && (kind.is_inquiry() || kind.is_trap()) {
            self.touched[self.entry] = true;
        }
        let target = match to {
            Target::Person(p) => self.index.participants.get(p).copied(),
            Target::Room => None,
        };
        if let Some(i) = target
            && !self.is_here(i)
        {
            self.not_here(i, t);
            return;
        }
        let (mut to_target, mut to_room) = self.weigh(kind, target, None);
        if !kind.is_trap() {
            let share = |d: i16| (f32::from(d) * rules::GENERIC_SHARE).round() as i16;
            (to_target, to_room) = (share(to_target), share(to_room));
        }
        self.shift_all(target, to_target, to_room, t);
        if kind == ChoiceKind::Prepare
            && let Some(i) = target
            && self.falls_on_sword(i)
        {
            self.tally.prepared_self_blamer = true;
        }
        let speaker = target.or_else(|| {
            let talkers: Vec<usize> = (0..self.safety.len())
                .filter(|&i| !self.is_quiet(i) && self.is_here(i))
                .collect();
            self.pick_speaker(talkers)
        });
        if let Some(i) = speaker {
            let band = Band::of(self.safety[i]);
            let pick = self.rng.random_range(0..rules::GENERIC_VARIANTS);
            let line = rules::generic_answer(kind, band, pick).to_owned();
            self.hear(i, &line, t);
            self.say(i, line, t);
        } else {
            self.say_note("(A pause. Nobody picks it up.)".into(), t);
        }
        if self.phase == Phase::Learning && matches!(kind, ChoiceKind::Reflect | ChoiceKind::Check)
        {
            self.tally.learning_points += 1;
        }
        if let Some((principle, note)) = coached {
            t.poor(principle, &note);
        } else if kind.is_fix() {
            self.judge_fix(kind, kind_note(kind), t);
        } else {
            t.neutral(principle_of(kind), kind_note(kind));
        }
    }
}

/// A better way to put a trap: the coach's rewrite of the words when it
/// has one for this kind of trap, else a question of the kind that works.
fn suggestion(kind: ChoiceKind, findings: &[language::Finding]) -> String {
    use language::Category as C;
    let fits = |c: C| match kind {
        ChoiceKind::Why => c == C::WhyQuestion,
        ChoiceKind::Who => matches!(c, C::Blame | C::WhyQuestion),
        ChoiceKind::Counterfactual => matches!(c, C::Counterfactual | C::Blame),
        ChoiceKind::RootCause => matches!(c, C::RootCause | C::HumanError),
        _ => false,
    };
    if let Some(f) = findings.iter().find(|f| fits(f.category)) {
        return f.suggestion.clone();
    }
    match kind {
        ChoiceKind::Counterfactual => {
            "\"What did you know at that point, and what did you expect to happen?\""
        }
        ChoiceKind::RootCause => "\"What conditions came together here?\"",
        ChoiceKind::Leading => "\"What did it look like to you at the time?\"",
        ChoiceKind::Closed => "\"What did you see when you looked?\"",
        _ => "\"What was in front of you at that point, and what made the next step make sense?\"",
    }
    .to_owned()
}

/// The principle a question of this kind follows.
fn principle_of(kind: ChoiceKind) -> Principle {
    use ChoiceKind::*;
    match kind {
        Prepare => Principle::PreMeeting,
        Expectation => Principle::SetExpectations,
        Check | Poll => Principle::MultiplePerspectives,
        Reflect => Principle::LearnNotFix,
        DumbQuestion => Principle::DumbQuestions,
        FollowUp => Principle::BoundedFollowUp,
        Remediation => Principle::LearnNotFix,
        _ => Principle::LocalRationality,
    }
}

/// Feedback on a fair line that matched nothing authored.
fn kind_note(kind: ChoiceKind) -> &'static str {
    use ChoiceKind::*;
    match kind {
        Prepare => "A fair word before the meeting, though not the talk this person most needed.",
        Expectation => "Fair framing, in your own words.",
        FollowUp => "A small follow-up with a willing owner and a date: learning put to work.",
        Reflect | Check => {
            "A fair question for this part of the meeting; the room answers in general terms."
        }
        _ => {
            "A fair question, but not one that reaches what is still hidden here: ask the person who was there what they saw, knew or expected at this point."
        }
    }
}
