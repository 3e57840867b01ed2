//! The class's results for other tools: a CSV table (a row per meeting)
//! and xAPI statements for a learning record store.

use super::{Class, Entry, html::file_name};
use crate::escape::csv_field;
use serde_json::{Value, json};

/// A row per meeting: who, which incident, the total and every dimension,
/// facts surfaced and the two success questions. Every cell is quoted when
/// it must be, and a cell that would start a formula in a spreadsheet
/// (`=`, `+`, `-`, `@`) starts with an apostrophe instead.
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
        let mut row = vec![
            file_name(&e.file),
            e.student(),
            e.scenario.id.to_string(),
            e.seed.to_string(),
            e.saved_at.clone().unwrap_or_default(),
        ];
        row.extend(e.scores().iter().map(|(_, v)| v.to_string()));
        row.extend([
            e.facts_surfaced.to_string(),
            e.scenario.facts.len().to_string(),
            e.success.learned.to_string(),
            e.success.would_return.to_string(),
        ]);
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, fields: &[String]) {
    let cells: Vec<_> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Where the activities and extensions of the statements live.
const IRI: &str = "https://second-story.invalid/xapi";

/// One xAPI "completed" statement per facilitator per meeting, with the
/// total as the score, both success questions as success, and every
/// dimension as a result extension. Statement ids are derived from the
/// record, so exporting twice sends the same statements, not duplicates.
pub fn xapi(class: &Class) -> Value {
    Value::Array(statements(class).collect())
}

/// [`xapi`] as pretty JSON text with a final newline, made one statement at
/// a time: a class of 10,000 meetings never holds 10,000 statements.
pub fn xapi_json(class: &Class) -> String {
    let mut out = String::from("[");
    for (i, st) in statements(class).enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        // Cannot fail: strings, numbers and maps with string keys.
        let text = serde_json::to_string_pretty(&st).unwrap_or_default();
        for (j, line) in text.lines().enumerate() {
            if j > 0 {
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(line);
        }
    }
    out.push_str(if out.len() > 1 { "\n]\n" } else { "]\n" });
    out
}

fn statements(class: &Class) -> impl Iterator<Item = Value> + '_ {
    class.entries.iter().flat_map(statements_of)
}

/// One meeting's statements, one per facilitator: what the class server
/// sends a learning record store for each meeting it accepts.
pub fn statements_of(e: &Entry) -> Vec<Value> {
    let names = if e.players.is_empty() {
        vec!["unnamed".to_owned()]
    } else {
        e.players.clone()
    };
    names
        .iter()
        .enumerate()
        .map(|(i, name)| statement(e, i, name))
        .collect()
}

fn statement(e: &Entry, player: usize, name: &str) -> Value {
    let s = &e.scenario;
    let mut extensions = serde_json::Map::new();
    for (dim, v) in e.scores().into_iter().skip(1) {
        extensions.insert(
            format!("{IRI}/dimension/{}", dim.replace(' ', "-")),
            json!(v),
        );
    }
    extensions.insert(format!("{IRI}/facts-surfaced"), json!(e.facts_surfaced));
    let mut st = json!({
        "id": statement_id(e.fingerprint, player),
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
            "id": format!("{IRI}/scenario/{}", s.id),
            "definition": {
                "type": "http://adlnet.gov/expapi/activities/simulation",
                "name": { "en-US": s.title },
                "description": { "en-US": s.lesson },
            },
        },
        "result": {
            "score": {
                "scaled": f64::from(e.score.total) / 100.0,
                "raw": e.score.total,
                "min": 0,
                "max": 100,
            },
            "success": e.success.learned && e.success.would_return,
            "completion": true,
            "extensions": extensions,
        },
        "context": {
            "extensions": {
                format!("{IRI}/seed"): e.seed,
                format!("{IRI}/scenario-hash"): e.scenario_hash,
                format!("{IRI}/facilitators"): e.players,
            },
        },
    });
    // Only a time checked as RFC 3339 when the record was read; checked
    // again here, as the statement goes to another system.
    if let Some(t) = e
        .saved_at
        .as_deref()
        .filter(|t| crate::record::is_rfc3339(t))
    {
        st["timestamp"] = json!(t);
    }
    st
}

const FNV_SEEDS: (u64, u64) = (0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142);

fn fnv(mut h: u64, bytes: impl IntoIterator<Item = u8>) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Two FNV-1a hashes of the record's JSON form, to be finished with the
/// player in [`statement_id`].
pub(super) fn fingerprint(r: &crate::record::Record) -> (u64, u64) {
    let text = serde_json::to_vec(r).unwrap_or_default();
    (
        fnv(FNV_SEEDS.0, text.iter().copied()),
        fnv(FNV_SEEDS.1, text.iter().copied()),
    )
}

/// A version-8 UUID from a hash of the record and the player.
fn statement_id(fingerprint: (u64, u64), player: usize) -> String {
    let a = fnv(fingerprint.0, player.to_le_bytes());
    let b = fnv(fingerprint.1, player.to_le_bytes());
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
