//! The class report as one HTML file: tables and inline SVG charts, no
//! scripts and nothing fetched, so it opens offline and prints.

use super::{Class, Distribution, Summary};
use crate::html::{esc, page};
use std::fmt::Write as _;

/// The report's style sheet, for pages that show its sections.
pub const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:68rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.4}\
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #333}\
table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eee}.low{background:#fbd5cf}.high{background:#d5efd5}\
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-size:.85rem;text-align:center}\
.note{color:#555;font-size:.9rem}@media print{body{margin:0;max-width:none}h2{break-after:avoid}}";

/// Renders the report; `title` names the folder it was made from.
pub fn html(class: &Class, summary: &Summary, title: &str) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "<h1>Class report: {}</h1>", esc(title));
    let _ = writeln!(
        b,
        "<p class=\"note\">{} meeting(s) by {} student(s); {} file(s) skipped. Made by Second Story {}.</p>",
        summary.meetings,
        summary.students.len(),
        class.skipped.len(),
        env!("CARGO_PKG_VERSION")
    );
    b.push_str(&sections(class, summary));
    page(&format!("Class report: {title}"), STYLE, &b)
}

/// The report below its heading: the charts and tables, every meeting
/// and the skipped files. The class server's live page shows the same.
pub fn sections(class: &Class, summary: &Summary) -> String {
    let mut b = String::new();
    if summary.meetings == 0 {
        b.push_str("<p>No record could be used.</p>\n");
    } else {
        distributions(&mut b, &summary.distributions);
        students(&mut b, summary);
        counted(
            &mut b,
            "Facts most often missed",
            "Fact",
            "Missed in",
            &summary.missed,
        );
        counted(
            &mut b,
            "Trap questions most often asked",
            "Question (kind)",
            "Asked in",
            &summary.traps,
        );
        drops(&mut b, summary);
        meetings(&mut b, class);
    }
    skipped(&mut b, class);
    b
}

/// A score cell, shaded low (under 50) or high (80 and over).
fn score_cell(v: f32) -> String {
    let class = if v < 50.0 {
        " low"
    } else if v >= 80.0 {
        " high"
    } else {
        ""
    };
    format!("<td class=\"n{class}\">{v:.0}</td>")
}

fn distributions(b: &mut String, ds: &[Distribution]) {
    b.push_str("<h2>How the class scored</h2>\n<p class=\"note\">Meetings per band of ten points, for the total and each dimension.</p>\n<div class=\"charts\">\n");
    for d in ds {
        b.push_str(&histogram(d));
    }
    b.push_str("</div>\n");
}

/// One dimension as an SVG bar chart of its ten bands.
fn histogram(d: &Distribution) -> String {
    const W: u32 = 220;
    const H: u32 = 120;
    const BAR: u32 = 20;
    let most = d.bands.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{}\" viewBox=\"0 0 {W} {}\" role=\"img\" aria-label=\"{}: min {}, median {}, max {}\">",
        H + 16,
        H + 16,
        esc(&d.name),
        d.min,
        d.median,
        d.max
    );
    let _ = write!(
        svg,
        "<line x1=\"0\" y1=\"{H}\" x2=\"{W}\" y2=\"{H}\" stroke=\"#333\"/>"
    );
    for (i, n) in d.bands.iter().enumerate() {
        let h = n * (H - 14) / most;
        let x = 10 + i as u32 * (BAR + 1);
        let colour = match i {
            0..=4 => "#d9534f",
            5..=7 => "#f0ad4e",
            _ => "#5cb85c",
        };
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"{h}\" fill=\"{colour}\"><title>{}–{}: {n}</title></rect>",
            H - h,
            i * 10,
            if i == 9 { 100 } else { i * 10 + 9 }
        );
        if *n > 0 {
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{n}</text>",
                x + BAR / 2,
                H - h - 2
            );
        }
    }
    let _ = write!(
        svg,
        "<text x=\"10\" y=\"{}\" font-size=\"10\">0</text><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">100</text></svg>",
        H + 12,
        10 + 10 * (BAR + 1),
        H + 12
    );
    let _ = writeln!(
        svg,
        "<figcaption><b>{}</b>: min {}, median {}, max {}</figcaption></figure>",
        esc(&d.name),
        d.min,
        d.median,
        d.max
    );
    svg
}

fn students(b: &mut String, summary: &Summary) {
    b.push_str("<h2>Students</h2>\n<p class=\"note\">Means over each student's meetings.</p>\n<table>\n<tr><th>Student</th><th>Meetings</th><th>Best</th>");
    if let Some(first) = summary.students.first() {
        for (dim, _) in &first.means {
            let _ = write!(b, "<th>{}</th>", esc(dim));
        }
    }
    b.push_str("</tr>\n");
    for s in &summary.students {
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            esc(&s.name),
            s.meetings,
            s.best_total
        );
        for (_, v) in &s.means {
            b.push_str(&score_cell(*v));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</table>\n");
}

/// A titled table of text cells; the columns from `numeric_from` on are
/// numbers (right-aligned). `empty` stands in for a table with no rows.
fn table(
    b: &mut String,
    heading: &str,
    empty: &str,
    headers: &[&str],
    rows: Vec<Vec<String>>,
    numeric_from: usize,
) {
    let _ = writeln!(b, "<h2>{}</h2>", esc(heading));
    if rows.is_empty() {
        let _ = writeln!(b, "<p>{}</p>", esc(empty));
        return;
    }
    b.push_str("<table>\n<tr>");
    for h in headers {
        let _ = write!(b, "<th>{}</th>", esc(h));
    }
    b.push_str("</tr>\n");
    for row in rows {
        b.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i >= numeric_from {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(b, "<td{class}>{}</td>", esc(cell));
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</table>\n");
}

fn counted(b: &mut String, heading: &str, what: &str, count: &str, rows: &[super::Counted]) {
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.scenario.clone(),
                r.what.clone(),
                format!("{} of {}", r.count, r.of),
            ]
        })
        .collect();
    table(b, heading, "None.", &["Incident", what, count], rows, 2);
}

fn drops(b: &mut String, summary: &Summary) {
    let rows = summary
        .drops
        .iter()
        .map(|d| {
            vec![
                d.scenario.clone(),
                d.what.clone(),
                d.count.to_string(),
                format!("{:.1}", d.mean_fall),
            ]
        })
        .collect();
    table(
        b,
        "Moves that most often came before a drop in safety",
        "The room's safety never fell.",
        &["Incident", "Move", "Times", "Mean fall"],
        rows,
        2,
    );
}

fn meetings(b: &mut String, class: &Class) {
    b.push_str("<h2>Every meeting</h2>\n<table>\n<tr><th>File</th><th>Student</th><th>Incident</th><th>Saved</th><th>Total</th><th>Facts</th><th>Learned</th><th>Would return</th><th>Group play</th></tr>\n");
    let yes = |v: bool| if v { "yes" } else { "no" };
    for e in &class.entries {
        let group = group_play(e);
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            esc(&file_name(&e.file)),
            esc(&e.student()),
            esc(&e.scenario.title),
            esc(e.saved_at.as_deref().unwrap_or("")),
        );
        b.push_str(&score_cell(f32::from(e.score.total)));
        let _ = writeln!(
            b,
            "<td class=\"n\">{} of {}</td><td>{}</td><td>{}</td><td>{group}</td></tr>",
            e.facts_surfaced,
            e.scenario.facts.len(),
            yes(e.success.learned),
            yes(e.success.would_return),
        );
    }
    b.push_str("</table>\n");
}

/// Hot-seat credits and vote alignment, when the meeting was played by a group.
fn group_play(e: &super::Entry) -> String {
    let mut parts = Vec::new();
    for c in &e.credits {
        parts.push(format!(
            "{}: {} moves, {} good, {} poor, {} facts",
            esc(&c.name),
            c.moves,
            c.good,
            c.poor,
            c.facts
        ));
    }
    if let Some(a) = &e.alignment {
        // A share, so 0–100 %; clamped again as it is printed.
        parts.push(format!(
            "{} votes, {:.0}% behind the move played",
            a.votes,
            (a.mean * 100.0).clamp(0.0, 100.0)
        ));
        if !a.split.is_empty() {
            let split: Vec<String> = a
                .split
                .iter()
                .take(3)
                .map(|(i, share)| {
                    format!("move {} ({:.0}%)", i + 1, (share * 100.0).clamp(0.0, 100.0))
                })
                .collect();
            parts.push(format!("most split: {}", split.join(", ")));
        }
    }
    for m in &e.members {
        parts.push(member(m));
    }
    parts.join("<br>")
}

/// One participant of a room: votes with the room and for a good move.
pub(super) fn member(m: &crate::workshop::Member) -> String {
    let pct = |share: Option<f32>| {
        share.map_or_else(
            || "–".to_owned(),
            |s| format!("{:.0}%", (s * 100.0).clamp(0.0, 100.0)),
        )
    };
    format!(
        "{}: {} vote(s), {} with the room, {} for a move the coach rates good, {} line(s)",
        esc(&m.name),
        m.votes,
        pct(m.room_share()),
        pct(m.best_share()),
        m.lines
    )
}

fn skipped(b: &mut String, class: &Class) {
    if class.skipped.is_empty() {
        return;
    }
    b.push_str("<h2>Skipped files</h2>\n<table>\n<tr><th>File</th><th>Why</th></tr>\n");
    for s in &class.skipped {
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&file_name(&s.file)),
            esc(&s.reason)
        );
    }
    b.push_str("</table>\n");
}

pub(super) fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
