//! `second-story explore SCENARIO`: what a player can and cannot reach, for
//! the scenario's author.

use super::{CliError, CliResult, Exit, Format, playable, write_json};
use crate::explore::{self, Settings};
use std::io::Write;
use std::sync::Arc;

/// Exit 0 with the search's findings, 2 when the settings are out of
/// range or the scenario cannot be played.
pub fn explore(name: &str, settings: Settings, format: Format, out: &mut dyn Write) -> CliResult {
    settings
        .check()
        .map_err(|e| CliError::error(format!("error: {e}")))?;
    let s = Arc::new(playable(name)?.scenario);
    let started = std::time::Instant::now();
    let e = explore::explore(Arc::clone(&s), settings)
        .map_err(|err| CliError::error(err.to_string()))?;
    if format == Format::Json {
        write_json(out, &e)?;
        return Ok(Exit::Ok);
    }
    let yes = |b: bool| if b { "yes" } else { "no" };
    writeln!(
        out,
        "{} — {} states searched in {:.1} s",
        s.title,
        e.states_searched,
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        out,
        "best score found: {} (learned: {}, would return: {})",
        e.best_score,
        yes(e.best_learned),
        yes(e.best_would_return)
    )?;
    writeln!(
        out,
        "both success questions reachable: {}",
        yes(e.success_reachable)
    )?;
    let r = &e.random_play;
    writeln!(
        out,
        "random play: min {} · 25% {} · median {} · 75% {} · max {}",
        r.min, r.p25, r.median, r.p75, r.max
    )?;
    if e.facts_unreached.is_empty() {
        writeln!(out, "every fact came out on some path")?;
    }
    for f in &e.facts_unreached {
        writeln!(out, "fact never revealed: {f}")?;
    }
    if !e.choices_unreached.is_empty() {
        let ids: Vec<&str> = e.choices_unreached.iter().map(|c| c.as_str()).collect();
        writeln!(
            out,
            "choices no path reached ({}): {}",
            ids.len(),
            ids.join(", ")
        )?;
    }
    writeln!(out, "dead ends near the start: {}", e.dead_ends.len())?;
    for d in e.dead_ends.iter().take(5) {
        let after: Vec<String> = d.after.iter().map(|m| m.to_string()).collect();
        writeln!(
            out,
            "  after [{}]: every move lowers the score ({} now)",
            after.join(", "),
            d.score
        )?;
    }
    writeln!(out, "a script that reaches {}:", e.best_score)?;
    writeln!(out, "[")?;
    for mv in &e.best_script {
        writeln!(
            out,
            "    {},",
            ron::to_string(mv).unwrap_or_else(|_| mv.to_string())
        )?;
    }
    writeln!(out, "]")?;
    Ok(Exit::Ok)
}
