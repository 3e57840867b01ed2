//! The server as a separate process: many students at once, and a kill
//! mid-class.

use super::*;

/// The server as a separate process: its address, read from what it
/// prints.
struct Process {
    child: std::process::Child,
    addr: String,
    key: String,
}

impl Process {
    fn start(data: &Path) -> Process {
        let mut child = bin()
            .args(["serve", "--port", "0", "--class", "load", "--data"])
            .arg(data)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut addr, mut key) = (String::new(), String::new());
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(url) = line.trim().strip_prefix("instructor: http://") {
                let (a, k) = url.split_once("/class?key=").unwrap();
                (addr, key) = (a.to_owned(), k.to_owned());
            }
            if line.starts_with("Ctrl-C") {
                break;
            }
        }
        assert!(addr.starts_with("127.0.0.1:"), "bound to localhost: {addr}");
        // Keep reading what it prints, so that it never blocks on a pipe.
        std::thread::spawn(move || for _ in lines {});
        Process { child, addr, key }
    }

    /// Peak and current resident memory, in KiB (Linux).
    fn memory(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<u64> {
            status
                .lines()
                .find(|l| l.starts_with(name))?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn upload_to(addr: &str, text: &str) -> (u16, Value) {
    answer(
        agent()
            .post(format!("http://{addr}/api/records"))
            .header("Content-Type", "application/json")
            .send(text),
    )
}

#[test]
fn sixty_students_finishing_at_once_are_all_accepted() {
    let dir = temp_dir("serve-load");
    let data = dir.join("class.sqlite");
    let server = Process::start(&data);
    let records = class_records(60);
    let (idle, _) = server.memory().unwrap_or((0, 0));
    let gate = Arc::new(std::sync::Barrier::new(records.len()));
    let started = Instant::now();
    let threads: Vec<_> = records
        .into_iter()
        .map(|text| {
            let (gate, addr) = (gate.clone(), server.addr.clone());
            std::thread::spawn(move || {
                gate.wait();
                upload_to(&addr, &text)
            })
        })
        .collect();
    let answers: Vec<(u16, Value)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let took = started.elapsed();
    for (status, v) in &answers {
        assert_eq!(*status, 201, "{v}");
    }
    let (peak, now) = server.memory().unwrap_or((0, 0));
    println!(
        "serve: 60 concurrent uploads accepted in {:.2} s ({:.0} records/s); server memory: {} MiB idle, {} MiB peak, {} MiB after",
        took.as_secs_f64(),
        60.0 / took.as_secs_f64(),
        idle / 1024,
        peak / 1024,
        now / 1024
    );
    let (status, c) = answer(
        agent()
            .get(format!(
                "http://{}/api/class?key={}",
                server.addr, server.key
            ))
            .call(),
    );
    assert_eq!(status, 200);
    assert_eq!(c["meetings"].as_array().unwrap().len(), 60);
    assert_eq!(c["summary"]["students"].as_array().unwrap().len(), 60);
    drop(server);
    assert_eq!(stored_meetings(&dir).len(), 60);
}

#[test]
fn a_server_killed_mid_class_loses_no_acknowledged_record() {
    let dir = temp_dir("serve-kill");
    let data = dir.join("class.sqlite");
    let mut server = Process::start(&data);
    let records = class_records(40);
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let threads: Vec<_> = records
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let (addr, acked) = (server.addr.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(20 * i as u64));
                let r = agent()
                    .post(format!("http://{addr}/api/records"))
                    .header("Content-Type", "application/json")
                    .send(&text);
                if let Ok(resp) = r
                    && resp.status().as_u16() == 201
                {
                    acked.lock().unwrap().push(text);
                }
            })
        })
        .collect();
    // Killed, without warning, while uploads are arriving.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 5 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for t in threads {
        t.join().unwrap();
    }
    let acked = acknowledged.lock().unwrap().clone();
    let stored: Vec<String> = stored_meetings(&dir)
        .into_iter()
        .map(|m| m.record)
        .collect();
    for text in &acked {
        assert!(stored.contains(text), "an acknowledged record was lost");
    }
    println!(
        "serve: killed mid-class: {} acknowledged, {} stored",
        acked.len(),
        stored.len()
    );
    // And it starts again on the same database.
    let server = Process::start(&data);
    let (status, c) = answer(
        agent()
            .get(format!(
                "http://{}/api/class?key={}",
                server.addr, server.key
            ))
            .call(),
    );
    assert_eq!(status, 200);
    assert_eq!(c["meetings"].as_array().unwrap().len(), stored.len());
}
