//! `scripts/probe.sh` against this build: every class of hostile input
//! against every command, so that `cargo test` runs the probes too.

use super::support::*;

#[cfg(unix)]
#[test]
fn every_probe_of_hostile_input_passes() {
    let Ok(o) = std::process::Command::new("bash")
        .arg(root().join("scripts/probe.sh"))
        .env("SECOND_STORY", env!("CARGO_BIN_EXE_second-story"))
        .output()
    else {
        eprintln!("no bash here: the probes are left to CI");
        return;
    };
    let out = String::from_utf8_lossy(&o.stdout);
    let failed: Vec<&str> = out.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(
        o.status.success() && failed.is_empty(),
        "{}\n{}",
        failed.join("\n"),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.lines().filter(|l| l.starts_with("PASS ")).count() >= 70,
        "{out}"
    );
}
