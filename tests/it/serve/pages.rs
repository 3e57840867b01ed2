//! The instructor's pages and the web build: escaping, the key, the
//! files served, and `report` from the database.

use super::*;

#[test]
fn names_with_html_in_them_are_shown_as_text_on_the_instructors_page() {
    let dir = temp_dir("serve-escape");
    let s = start_in(&dir, "<b>week 3</b>", None);
    let hello = json!({"name": "<script>alert('hi')</script> & Co", "scenario": "lego-warm-up"});
    let (status, v) = post(&s, "/api/hello", &hello.to_string());
    assert_eq!(status, 201, "{v}");
    let sly = "<img src=x onerror=alert(1)>";
    let (status, v) = upload(&s, &record_text("zero-that-was-eight", "expert", sly));
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["student"], sly, "kept as typed");

    let (status, page) = get_text(&s, &format!("/class?key={}", s.key()));
    assert_eq!(status, 200);
    for shown in [
        "&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; Co",
        "&lt;img src=x onerror=alert(1)&gt;",
        "Class: &lt;b&gt;week 3&lt;/b&gt;",
    ] {
        assert!(page.contains(shown), "{shown} not in {page}");
    }
    for raw in ["<script>alert", "<img src=x", "<b>week"] {
        assert!(!page.contains(raw), "{raw} unescaped in {page}");
    }
    // The parts the page swaps in as it updates, and the report file.
    let c = class_json(&s);
    let parts = c["html"].to_string();
    assert!(
        parts.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{parts}"
    );
    assert!(!parts.contains("<img src=x") && !parts.contains("<script>alert"));
    let (status, report) = get_text(&s, &format!("/class/report.html?key={}", s.key()));
    assert_eq!(status, 200);
    assert!(report.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!report.contains("<img src=x") && !report.contains("<b>week"));
}

#[test]
fn the_instructor_pages_need_the_key_and_the_students_pages_do_not() {
    let dir = temp_dir("serve-key");
    let s = start_in(&dir, "class", None);
    assert_eq!(get(&s, "/api/class").0, 401);
    assert_eq!(get(&s, "/api/class?key=wrong").0, 401);
    let (status, page) = get_text(&s, "/class");
    assert_eq!(status, 401);
    assert!(page.contains("key"));
    for path in [
        "/class/report.csv",
        "/class/xapi.json",
        "/api/meetings/1/record",
    ] {
        assert_eq!(get(&s, path).0, 401, "{path}");
    }
    let resp = agent()
        .get(format!("http://{}/api/class", s.addr()))
        .header("Authorization", &format!("Bearer {}", s.key()))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(get(&s, "/api/scenarios").0, 200);
    // The page's script, and its policy: scripts from this server only.
    let resp = agent()
        .get(format!("http://{}/class?key={}", s.addr(), s.key()))
        .call()
        .unwrap();
    let csp = resp.headers().get("content-security-policy").unwrap();
    assert!(csp.to_str().unwrap().contains("script-src 'self'"));
    assert_eq!(
        resp.headers().get("referrer-policy").unwrap(),
        "no-referrer",
        "the key never leaves in a Referer"
    );
    let (status, js) = get_text(&s, "/class/live.js");
    assert_eq!(status, 200);
    assert!(js.contains("/api/class"));
    // Wrong methods and unknown API paths are answered in JSON.
    let (status, v) = post(&s, "/api/scenarios", "{}");
    assert_eq!((status, v["code"].as_str()), (405, Some("method")));
    let (status, v) = get(&s, "/api/nothing-here");
    assert_eq!((status, v["code"].as_str()), (404, Some("no-such-path")));
}

#[test]
fn the_web_build_is_served_and_its_absence_explained() {
    let dir = temp_dir("serve-web");
    let s = start_in(&dir, "class", None);
    let (status, page) = get_text(&s, "/");
    assert_eq!(status, 503);
    assert!(page.contains("scripts/build-web.sh"), "{page}");
    // Built while the server runs: served at once.
    let web = dir.join("web");
    std::fs::create_dir_all(&web).unwrap();
    std::fs::write(web.join("index.html"), "<!DOCTYPE html><title>game</title>").unwrap();
    std::fs::write(web.join("game.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(web.join("game.wasm.gz"), b"pretend gzip").unwrap();
    std::fs::write(dir.join("secret.txt"), "outside the build").unwrap();
    let (status, page) = get_text(&s, "/");
    assert_eq!((status, page.contains("<title>game</title>")), (200, true));
    let wasm = raw_get(s.addr(), "/game.wasm", "Accept-Encoding: gzip\r\n");
    assert!(wasm.starts_with("HTTP/1.1 200"), "{wasm}");
    let wasm = wasm.to_ascii_lowercase();
    assert!(wasm.contains("content-type: application/wasm"), "{wasm}");
    assert!(wasm.contains("content-encoding: gzip"), "{wasm}");
    // Nothing outside the build, however the path is spelled.
    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"] {
        let got = raw_get(s.addr(), path, "");
        assert!(!got.contains("outside the build"), "{path}: {got}");
        assert!(!got.starts_with("HTTP/1.1 200"), "{path}: {got}");
    }
}

/// A GET sent as bytes, exactly as written; the whole answer, as text.
fn raw_get(addr: std::net::SocketAddr, path: &str, headers: &str) -> String {
    let mut raw = TcpStream::connect(addr).unwrap();
    raw.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        raw,
        "GET {path} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut got = Vec::new();
    let _ = raw.read_to_end(&mut got);
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn report_from_the_database_sums_up_as_report_from_a_folder_of_the_same_records() {
    let dir = temp_dir("serve-report");
    let s = start_in(&dir, "week-3", None);
    let folder = dir.join("records");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, text) in class_records(9).iter().enumerate() {
        assert_eq!(upload(&s, text).0, 201);
        std::fs::write(folder.join(format!("r{i}.json")), text).unwrap();
    }
    // A meeting of another class in the same database.
    s.stop().unwrap();
    let s = start_in(&dir, "week-4", None);
    assert_eq!(
        upload(&s, &record_text("lego-warm-up", "expert", "Late Comer")).0,
        201
    );
    s.stop().unwrap();

    let data = dir.join("class.sqlite");
    let run = |args: &[&std::ffi::OsStr]| {
        let o = bin().args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = dir.join("out");
    let (csv_db, csv_dir) = (out.join("db.csv"), out.join("dir.csv"));
    let (x_db, x_dir) = (out.join("db.xapi.json"), out.join("dir.xapi.json"));
    let from_db = run(&[
        "report".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--class".as_ref(),
        "week-3".as_ref(),
        "--csv".as_ref(),
        csv_db.as_os_str(),
        "--xapi".as_ref(),
        x_db.as_os_str(),
    ]);
    let from_dir = run(&[
        "report".as_ref(),
        folder.as_os_str(),
        "--csv".as_ref(),
        csv_dir.as_os_str(),
        "--xapi".as_ref(),
        x_dir.as_os_str(),
    ]);
    let summary = |out: &str| -> String {
        out.lines()
            .filter(|l| !l.starts_with("wrote"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(summary(&from_db), summary(&from_dir));
    assert!(
        from_db.starts_with("9 meeting(s) by 9 student(s); 0 file(s) skipped"),
        "{from_db}"
    );

    // The same numbers in the library, the same rows but for where each
    // came from, and the same statements (ids included).
    let find = |id: &str| shipped().contains(&id.to_owned()).then(|| scenario(id));
    let db = serve::class_from_database(&data, Some("week-3"), &find).unwrap();
    let folder_class = second_story::class::Class::gather(&folder, &find, &mut |_, _| {}).unwrap();
    assert_eq!(db.summary(), folder_class.summary());
    let rows = |f: &Path| -> Vec<String> {
        let mut rows: Vec<String> = std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .map(|l| l.split_once(',').unwrap().1.to_owned())
            .collect();
        rows.sort();
        rows
    };
    assert_eq!(rows(&csv_db), rows(&csv_dir));
    let ids = |f: &Path| -> Vec<String> {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&x_db), ids(&x_dir));

    // Without --class, every class in the database.
    let all = run(&[
        "report".as_ref(),
        data.as_os_str(),
        "--csv".as_ref(),
        "/dev/null".as_ref(),
    ]);
    assert!(all.starts_with("10 meeting(s) by 10 student(s)"), "{all}");
    // --data is a database, nothing else: a folder, or no file, is
    // refused with the reason.
    for not_one in [folder.clone(), dir.join("no-such.sqlite")] {
        let o = bin()
            .arg("report")
            .arg("--data")
            .arg(&not_one)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(2), "{said}");
        assert!(said.contains("not a class database"), "{said}");
    }
    // --class on a folder is an error, said so.
    let o = bin()
        .arg("report")
        .arg(&folder)
        .args(["--class", "week-3"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}
