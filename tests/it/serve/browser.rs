//! The instructor's page in a real browser.

use super::*;
use crate::chromium::Chromium;

#[test]
fn the_instructor_page_in_chromium_shows_a_meeting_as_it_arrives() {
    let Some(exe) = Chromium::find() else {
        return missing("Chromium", "no chromium on PATH");
    };
    let dir = temp_dir("serve-chromium");
    let s = start_in(&dir, "week-3", None);
    assert_eq!(
        post(
            &s,
            "/api/hello",
            r#"{"name": "Dana", "scenario": "lego-warm-up"}"#
        )
        .0,
        201
    );
    let mut chromium = Chromium::launch(&exe, &dir.join("profile"));
    let mut browser = chromium.page(&s.class_url(), 1280, 900);
    browser.wait_for(
        "document.readyState === 'complete' && document.getElementById('meetings').innerText.includes('No meeting has finished yet') && document.getElementById('playing').innerText.includes('Dana')",
        Duration::from_secs(30),
    );
    // A meeting arrives while the page is open: it appears, and the charts
    // are drawn, without a reload.
    let before = browser.eval("performance.timeOrigin");
    assert_eq!(
        upload(
            &s,
            &record_text("zero-that-was-eight", "expert", "Ana Lopez")
        )
        .0,
        201
    );
    browser.wait_for(
        "document.getElementById('meetings').innerText.includes('Ana Lopez')",
        Duration::from_secs(30),
    );
    assert_eq!(
        browser.eval("performance.timeOrigin"),
        before,
        "not reloaded"
    );
    let charts = browser.eval("document.querySelectorAll('#report svg').length");
    assert_eq!(
        charts.as_u64(),
        Some(second_story::engine::Dimension::ALL.len() as u64 + 1)
    );
    assert_eq!(
        browser.eval("document.getElementById('connection').innerText"),
        ""
    );
    // A picture, for a person to look at.
    let path = dir.join("class-page.png");
    assert!(
        browser.screenshot(&path) > 10_000,
        "a page with something on it"
    );
    println!("serve: the live class page in Chromium: {}", path.display());
}
