//! Role cards for live role-play, for every shipped scenario.

use super::support::*;

/// Text as the cards write it into HTML.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_scenario_gets_a_card_per_participant_and_a_facilitator_sheet() {
    let dir = std::env::temp_dir().join(format!("second-story-cards-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for id in shipped() {
        let s = scenario(&id);
        let o = bin()
            .args(["cards", &id, "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{id}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let sheet = std::fs::read_to_string(dir.join(format!("{id}-facilitator.html"))).unwrap();
        assert!(sheet.starts_with("<!DOCTYPE html>") && sheet.trim_end().ends_with("</html>"));
        for f in s.facts.iter().filter(|f| f.second_story) {
            let summary = html(&f.summary);
            assert!(
                sheet.contains(&summary),
                "{id}: the sheet lists the second story: {}",
                f.summary
            );
        }
        for p in &s.participants {
            let card = std::fs::read_to_string(dir.join(format!("{id}-{}.html", p.id))).unwrap();
            assert!(
                card.contains(&format!("<h1>{}</h1>", p.name)),
                "{id}/{}",
                p.id
            );
            for section in ["What you know", "What you fear", "What makes you open up"] {
                assert!(card.contains(section), "{id}/{}: {section}", p.id);
            }
            // Each card holds that person's facts and nobody else's.
            for f in &s.facts {
                let line = html(&f.line);
                assert_eq!(
                    card.contains(&line),
                    f.holder == p.id,
                    "{id}/{}: {}",
                    p.id,
                    f.id
                );
            }
        }
    }
}
