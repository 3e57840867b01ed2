//! Checks on the facts: who holds each, what reveals it, what it needs
//! first, and whether any line of play can bring it out at all.

use super::*;

impl Validator<'_> {
    pub(super) fn facts(&mut self) {
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

    /// A fact no question can ever reveal, or one behind a cycle of
    /// prerequisites, is a dead end for every player.
    pub(super) fn reachability(&mut self) {
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
