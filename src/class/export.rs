//! The class's results for other tools: a CSV table (a row per meeting)
//! and xAPI statements for a learning record store.

use super::{Class, Entry, html::file_name, scores};
use serde_json::{Value, json};

/// A row per meeting: who, which incident, the total and every dimension,
/// facts surfaced and the two success questions.
pub fn csv(class: &Class) -> String {
    let mut out = String::new();
    let mut header: Vec<String> = ["file", "student", "scenario", "seed", "saved_at"]
        .map(String::from)
        .to_vec();
    // Column names as in `run --format json`: `total`, `self_blame`, ...
    header.push("total".to_owned());
    header.extend(
        crate::engine::Dimension::ALL
            .iter()
            .map(|d| d.key().to_owned()),
    );
    header.extend(["facts_surfaced", "facts_total", "learned", "would_return"].map(String::from));
    push_row(&mut out, &header);
    for e in &class.entries {
        let r = &e.record;
        let mut row = vec![
            file_name(&e.file),
            e.student(),
            r.scenario.clone(),
            r.seed.to_string(),
            r.saved_at.clone().unwrap_or_default(),
        ];
        row.extend(scores(r).iter().map(|(_, v)| v.to_string()));
        row.extend([
            r.outcome.facts_surfaced.len().to_string(),
            e.meeting.scenario().facts.len().to_string(),
            r.outcome.success.learned.to_string(),
            r.outcome.success.would_return.to_string(),
        ]);
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

/// Where the activities and extensions of the statements live.
const IRI: &str = "https://second-story.invalid/xapi";

/// One xAPI "completed" statement per facilitator per meeting, with the
/// total as the score, both success questions as success, and every
/// dimension as a result extension. Statement ids are derived from the
/// record, so exporting twice sends the same statements, not duplicates.
pub fn xapi(class: &Class) -> Value {
    let statements: Vec<Value> = class
        .entries
        .iter()
        .flat_map(|e| {
            let names = if e.record.players.is_empty() {
                vec!["unnamed".to_owned()]
            } else {
                e.record.players.clone()
            };
            names
                .into_iter()
                .enumerate()
                .map(move |(i, name)| statement(e, i, &name))
        })
        .collect();
    Value::Array(statements)
}

fn statement(e: &Entry, player: usize, name: &str) -> Value {
    let r = &e.record;
    let s = e.meeting.scenario();
    let mut extensions = serde_json::Map::new();
    for (dim, v) in scores(r).into_iter().skip(1) {
        extensions.insert(
            format!("{IRI}/dimension/{}", dim.replace(' ', "-")),
            json!(v),
        );
    }
    extensions.insert(
        format!("{IRI}/facts-surfaced"),
        json!(r.outcome.facts_surfaced.len()),
    );
    let mut st = json!({
        "id": statement_id(r, player),
        "actor": {
            "objectType": "Agent",
            "name": name,
            "account": { "homePage": IRI, "name": name },
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": { "en-US": "completed" },
        },
        "object": {
            "objectType": "Activity",
            "id": format!("{IRI}/scenario/{}", r.scenario),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/simulation",
                "name": { "en-US": s.title },
                "description": { "en-US": s.lesson },
            },
        },
        "result": {
            "score": {
                "scaled": f64::from(r.outcome.score.total) / 100.0,
                "raw": r.outcome.score.total,
                "min": 0,
                "max": 100,
            },
            "success": r.outcome.success.learned && r.outcome.success.would_return,
            "completion": true,
            "extensions": extensions,
        },
        "context": {
            "extensions": {
                format!("{IRI}/seed"): r.seed,
                format!("{IRI}/scenario-hash"): r.scenario_hash,
                format!("{IRI}/facilitators"): r.players,
            },
        },
    });
    if let Some(t) = &r.saved_at {
        st["timestamp"] = json!(t);
    }
    st
}

/// A version-8 UUID from a hash of the record and the player.
fn statement_id(r: &crate::record::Record, player: usize) -> String {
    let text = serde_json::to_string(r).unwrap_or_default();
    let fnv = |seed: u64| {
        let mut h = seed;
        for b in text.bytes().chain(player.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    let a = (a & !0xf000) | 0x8000; // version 8
    let b = (b & !(0xc << 60)) | (0x8 << 60); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}
