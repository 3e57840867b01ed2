//! The instructor's live page, `/class`: who is playing which incident,
//! the meetings as they finish, and the class report's charts and tables,
//! redrawn every few seconds from `/api/class`. Every part is drawn here,
//! escaped, as HTML; the page's script only swaps the parts in, so the
//! page also reads whole without scripts.

use super::App;
use super::http::{Refusal, poisoned, store_error};
use super::store::{Outbox, Playing, Store, StoreError, unix_now};
use crate::class::{self, Class, Entry, Replayed, Replayer, Unreplayable};
use crate::html::esc;
use crate::record::Record;
use crate::scenario::Scenario;
use std::fmt::Write as _;
use std::sync::Arc;

/// Who counts as playing: seen within this many seconds.
pub const PLAYING_WINDOW: i64 = 15 * 60;
/// How often the page asks for news, in milliseconds.
pub const POLL_MS: u32 = 3_000;
/// Meetings listed under "Latest meetings".
const LATEST: usize = 20;

/// One meeting as the page lists it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Row {
    pub id: i64,
    pub received_at: String,
    pub student: String,
    pub scenario: String,
    pub title: String,
    pub score: crate::engine::Score,
    pub success: crate::engine::Success,
    pub facts_surfaced: usize,
    pub facts_total: usize,
}

/// The class as it stands: its meetings replayed and summed up.
pub struct Live {
    pub class: Class,
    replayer: Replayer,
    rows: Vec<Row>,
    /// The report's sections, drawn once per new meeting.
    drawn: Option<(usize, String)>,
}

impl Live {
    /// The class's stored meetings, replayed as `report` would.
    pub fn load(
        store: &Store,
        class: &str,
        data_name: &str,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
    ) -> Result<Live, StoreError> {
        let mut live = Live {
            class: Class::default(),
            replayer: Replayer::default(),
            rows: Vec::new(),
            drawn: None,
        };
        for m in store.meetings(Some(class))? {
            let label = std::path::PathBuf::from(format!("{data_name}#{}", m.id));
            let record = Record::parse(&m.record, &label.to_string_lossy())
                .map_err(|e| class::unreadable(&e));
            let before = live.class.entries.len();
            live.class.take(label, record, find, &mut live.replayer);
            if let Some(entry) = live.class.entries.get(before) {
                live.rows.push(row(m.id, m.received_at, entry));
            }
        }
        Ok(live)
    }

    pub fn check(
        &mut self,
        record: &Record,
        find: &dyn Fn(&str) -> Option<Arc<Scenario>>,
    ) -> Result<Replayed, Unreplayable> {
        self.replayer.check(record, find)
    }

    /// A meeting stored just now.
    pub fn add(&mut self, id: i64, received_at: String, entry: Entry, replayed: &Replayed) {
        self.rows.push(row(id, received_at, &entry));
        self.class.add(entry, replayed);
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The report's sections (charts, students, traps, …), as `report`
    /// draws them.
    pub fn report_html(&mut self) -> String {
        let n = self.class.entries.len() + self.class.skipped.len();
        match &self.drawn {
            Some((drawn, html)) if *drawn == n => html.clone(),
            _ => {
                let html = class::sections(&self.class, &self.class.summary());
                self.drawn = Some((n, html.clone()));
                html
            }
        }
    }

    /// The newest meetings first.
    pub fn meetings_html(&self) -> String {
        if self.rows.is_empty() {
            return "<p class=\"note\">No meeting has finished yet.</p>\n".into();
        }
        let mut b = String::from(
            "<table>\n<tr><th>#</th><th>Received</th><th>Student</th><th>Incident</th><th>Total</th><th>Facts</th><th>Learned</th><th>Would return</th></tr>\n",
        );
        let yes = |v: bool| if v { "yes" } else { "no" };
        for r in self.rows.iter().rev().take(LATEST) {
            let _ = writeln!(
                b,
                "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n{}\">{}</td><td class=\"n\">{} of {}</td><td>{}</td><td>{}</td></tr>",
                r.id,
                time(&r.received_at),
                esc(&r.student),
                esc(&r.title),
                shade(r.score.total),
                r.score.total,
                r.facts_surfaced,
                r.facts_total,
                yes(r.success.learned),
                yes(r.success.would_return)
            );
        }
        b.push_str("</table>\n");
        if self.rows.len() > LATEST {
            let _ = writeln!(
                b,
                "<p class=\"note\">The {LATEST} newest of {} meetings; all of them are in the report below.</p>",
                self.rows.len()
            );
        }
        b
    }
}

fn row(id: i64, received_at: String, e: &Entry) -> Row {
    Row {
        id,
        received_at,
        student: e.student(),
        scenario: e.scenario.id.to_string(),
        title: e.scenario.title.clone(),
        score: e.score,
        success: e.success,
        facts_surfaced: e.facts_surfaced,
        facts_total: e.scenario.facts.len(),
    }
}

fn shade(total: u8) -> &'static str {
    match total {
        0..=49 => " low",
        80.. => " high",
        _ => "",
    }
}

/// A time the page's script shows in the instructor's own time zone.
fn time(rfc3339: &str) -> String {
    let shown = rfc3339.replace('T', " ").replace('Z', " UTC");
    format!("<time datetime=\"{}\">{}</time>", esc(rfc3339), esc(&shown))
}

/// Seconds since 1970 as RFC 3339.
pub fn at(unix: i64) -> String {
    crate::record::timestamp(
        std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix.max(0) as u64),
    )
}

/// Who is playing, and how far they are.
pub fn playing_html(playing: &[Playing], title: &dyn Fn(&str) -> Option<String>) -> String {
    if playing.is_empty() {
        return "<p class=\"note\">Nobody is playing right now.</p>\n".into();
    }
    let mut b = String::from(
        "<table>\n<tr><th>Student</th><th>Incident</th><th>Started</th><th>Last heard</th><th>Minute</th><th>Phase</th><th>Moves</th><th>Facts</th><th>Finished</th></tr>\n",
    );
    let num = |v: Option<u32>| v.map_or_else(String::new, |v| v.to_string());
    for p in playing {
        let incident = match &p.scenario {
            Some(id) => title(id).unwrap_or_else(|| id.clone()),
            None => "choosing".into(),
        };
        let progress = p.progress.clone().unwrap_or_default();
        let _ = writeln!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(&p.name),
            esc(&incident),
            time(&p.started_at),
            time(&at(p.last_seen)),
            num(progress.minute.map(u32::from)),
            esc(progress.phase.as_deref().unwrap_or("")),
            num(progress.moves),
            num(progress.facts),
            p.finished
        );
    }
    b.push_str("</table>\n");
    b
}

/// The line under the heading: counts, and the LRS's state.
pub fn status_html(
    playing: usize,
    meetings: usize,
    lrs: Option<(&str, &super::store::Outbox)>,
) -> String {
    let mut b = format!("{playing} playing now · {meetings} meeting(s) finished");
    if let Some((url, o)) = lrs {
        let _ = write!(
            b,
            " · learning record store {}: {} sent, {} waiting",
            esc(url),
            o.sent,
            o.waiting
        );
        if let Some(e) = o.last_error.as_deref().filter(|_| o.waiting > 0) {
            let _ = write!(b, " (last try: {})", esc(e));
        }
    }
    b
}

/// The page itself, with the parts as they are now.
pub fn page(class: &str, key: &str, parts: &Parts) -> String {
    let key = esc(key);
    let body = format!(
        "<h1>Class: {name}</h1>\n<p class=\"note\" id=\"status\">{status}</p>\n<p class=\"note\" id=\"connection\" role=\"status\"></p>\n\
<h2>Playing now</h2>\n<div id=\"playing\">{playing}</div>\n\
<h2>Latest meetings</h2>\n<div id=\"meetings\">{meetings}</div>\n\
<div id=\"report\">{report}</div>\n\
<h2>Downloads</h2>\n<p><a href=\"/class/report.html?key={key}\">the report as one HTML file</a> · <a href=\"/class/report.csv?key={key}\">a CSV table</a> · <a href=\"/class/xapi.json?key={key}\">xAPI statements</a></p>\n\
<p class=\"note\">This page asks the server for news every {secs} seconds. The same report, offline: <code>second-story report --data DATABASE --class NAME</code>.</p>\n\
<script src=\"/class/live.js\"></script>\n",
        name = esc(class),
        status = parts.status,
        playing = parts.playing,
        meetings = parts.meetings,
        report = parts.report,
        secs = POLL_MS / 1000,
    );
    crate::html::page(&format!("Class: {class}"), class::STYLE, &body)
}

/// The page's parts, drawn.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Parts {
    pub status: String,
    pub playing: String,
    pub meetings: String,
    pub report: String,
}

/// The page's script: asks for the parts and swaps in those that changed.
pub const SCRIPT: &str = r#""use strict";
// Second Story's live class page: every few seconds, ask the server for
// the class and swap in the parts that changed. Times are shown in the
// instructor's own time zone.
(function () {
  var key = new URLSearchParams(location.search).get("key") || "";
  var parts = ["status", "playing", "meetings", "report"];
  var shown = {};
  var note = document.getElementById("connection");
  function localTimes() {
    document.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d.getTime())) t.textContent = d.toLocaleString();
    });
  }
  function poll() {
    fetch("/api/class?key=" + encodeURIComponent(key), { cache: "no-store" })
      .then(function (r) {
        if (!r.ok) throw new Error("the server answered " + r.status);
        return r.json();
      })
      .then(function (c) {
        parts.forEach(function (p) {
          var el = document.getElementById(p);
          var html = c.html[p];
          if (el && typeof html === "string" && shown[p] !== html) {
            el.innerHTML = html;
            shown[p] = html;
          }
        });
        document.body.dataset.version = String(c.meetings.length);
        note.textContent = "";
        localTimes();
      })
      .catch(function (e) {
        note.textContent = "Not up to date: " + e.message + ". Trying again.";
      })
      .then(function () {
        setTimeout(poll, POLL_MS);
      });
  }
  localTimes();
  setTimeout(poll, POLL_MS);
})();
"#;

/// What the page and `/api/class` show.
#[derive(serde::Serialize)]
pub struct Snapshot {
    class: String,
    now: String,
    playing: Vec<Playing>,
    meetings: Vec<Row>,
    summary: crate::class::Summary,
    skipped: Vec<crate::class::Skipped>,
    lrs: Option<LrsState>,
    pub html: Parts,
}

#[derive(serde::Serialize)]
struct LrsState {
    statements: String,
    #[serde(flatten)]
    outbox: Outbox,
}

impl App {
    pub(super) fn snapshot(&self) -> Result<Snapshot, Refusal> {
        let now = unix_now();
        let (playing, outbox) = {
            let store = self.store.lock().map_err(poisoned)?;
            let playing = store
                .playing(&self.class, now - PLAYING_WINDOW)
                .map_err(store_error)?;
            let outbox = match &self.lrs {
                Some(_) => Some(store.outbox().map_err(store_error)?),
                None => None,
            };
            (playing, outbox)
        };
        let lrs = self
            .lrs
            .as_ref()
            .zip(outbox)
            .map(|((url, _), outbox)| LrsState {
                statements: url.clone(),
                outbox,
            });
        let title = |id: &str| self.library.get(id).map(|s| s.scenario.title.clone());
        let mut live = self.live.lock().map_err(poisoned)?;
        let html = Parts {
            status: status_html(
                playing.len(),
                live.rows().len(),
                lrs.as_ref().map(|l| (l.statements.as_str(), &l.outbox)),
            ),
            playing: playing_html(&playing, &title),
            meetings: live.meetings_html(),
            report: live.report_html(),
        };
        Ok(Snapshot {
            class: self.class.clone(),
            now: at(now),
            playing,
            meetings: live.rows().to_vec(),
            summary: live.class.summary(),
            skipped: live.class.skipped.clone(),
            lrs,
            html,
        })
    }
}
