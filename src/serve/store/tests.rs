use super::*;

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("second-story-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("class.sqlite")
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let path = temp("not-db");
    std::fs::write(&path, "my notes").unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my notes");
    assert!(!is_database(&path));
}

#[test]
fn a_kept_value_survives_reopening_and_the_journal_is_a_write_ahead_log() {
    let path = temp("kept");
    let key = Store::open(&path)
        .unwrap()
        .kept("key", || Ok("abc".into()))
        .unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.kept("key", || Ok("other".into())).unwrap(), key);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(is_database(&path));
    assert!(Store::open_existing(&path.with_extension("nothing")).is_err());
}
