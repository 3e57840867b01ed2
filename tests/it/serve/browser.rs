//! The instructor's page in a real browser.

use super::*;

/// A headless Chromium, driven through its DevTools protocol.
pub(super) struct Chromium {
    child: std::process::Child,
    pub(super) page: cdp::Socket,
}

impl Chromium {
    pub(super) fn find() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("SECOND_STORY_CHROMIUM") {
            return Some(PathBuf::from(p));
        }
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .flat_map(|name| {
                std::env::var_os("PATH")
                    .map(|p| {
                        std::env::split_paths(&p)
                            .map(|d| d.join(name))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
            .find(|p| p.is_file())
    }

    /// A page that needs no graphics (the instructor's), at 1280x900.
    fn open(exe: &Path, url: &str, profile: &Path) -> Chromium {
        Chromium::launch(
            exe,
            url,
            profile,
            &["--disable-gpu", "--window-size=1280,900"],
        )
    }

    /// A page that draws with WebGL2 (the web game), at 1280x720, on
    /// SwiftShader: the CPU stands in for a GPU.
    #[cfg_attr(not(feature = "game"), allow(dead_code))]
    pub(super) fn open_webgl(exe: &Path, url: &str, profile: &Path) -> Chromium {
        Chromium::launch(
            exe,
            url,
            profile,
            &[
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
                "--window-size=1280,720",
            ],
        )
    }

    fn launch(exe: &Path, url: &str, profile: &Path, args: &[&str]) -> Chromium {
        use std::os::unix::process::CommandExt;
        let child = std::process::Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
            ])
            .args(args)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(url)
            .process_group(0)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let port = loop {
            let found = std::fs::read_to_string(profile.join("DevToolsActivePort"))
                .ok()
                .and_then(|t| t.lines().next()?.trim().parse::<u16>().ok());
            if let Some(port) = found {
                break port;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        let ws = loop {
            let (_, list) = answer(
                agent()
                    .get(format!("http://127.0.0.1:{port}/json/list"))
                    .call(),
            );
            let page = list.as_array().into_iter().flatten().find(|t| {
                // The address without its query, which Chromium may
                // write with other escapes.
                let base = |u: &str| u.split('?').next().unwrap_or_default().to_owned();
                t["type"] == "page" && t["url"].as_str().is_some_and(|u| base(u) == base(url))
            });
            if let Some(ws) = page.and_then(|p| p["webSocketDebuggerUrl"].as_str()) {
                break ws.to_owned();
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "no page: {list}"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        Chromium {
            child,
            page: cdp::Socket::connect(&ws),
        }
    }

    /// The value of a JavaScript expression in the page.
    pub(super) fn eval(&mut self, expression: &str) -> Value {
        let r = self.page.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        r["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    pub(super) fn wait_for(&mut self, expression: &str, within: Duration) {
        let started = Instant::now();
        while self.eval(expression) != json!(true) {
            assert!(
                started.elapsed() < within,
                "not true within {within:?}: {expression}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Chromium {
    /// A PNG of the page as it shows now.
    pub(super) fn screenshot(&mut self) -> Vec<u8> {
        let shot = self
            .page
            .call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = shot["data"]
            .as_str()
            .unwrap_or_else(|| panic!("no picture: {shot}"));
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, png).unwrap()
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // The browser and every process it started.
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

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
    let mut browser = Chromium::open(&exe, &s.class_url(), &dir.join("profile"));
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
    let bytes = browser.screenshot();
    assert!(bytes.len() > 10_000, "a page with something on it");
    let path = dir.join("class-page.png");
    std::fs::write(&path, bytes).unwrap();
    println!("serve: the live class page in Chromium: {}", path.display());
}

/// Just enough of a WebSocket client for Chromium's DevTools protocol:
/// text frames, masked from the client, on a local connection.
mod cdp {
    use serde_json::{Value, json};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpStream;
    use std::time::Duration;

    pub struct Socket {
        reader: BufReader<TcpStream>,
        writer: TcpStream,
        next: u64,
    }

    impl Socket {
        pub fn connect(url: &str) -> Socket {
            let rest = url.strip_prefix("ws://").expect("a ws:// address");
            let (host, path) = rest.split_at(rest.find('/').unwrap());
            let stream = TcpStream::connect(host).unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            let mut writer = stream.try_clone().unwrap();
            write!(
                writer,
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            .unwrap();
            let mut reader = BufReader::new(stream);
            let mut status = String::new();
            reader.read_line(&mut status).unwrap();
            assert!(status.contains(" 101 "), "{status}");
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
            }
            Socket {
                reader,
                writer,
                next: 1,
            }
        }

        fn send(&mut self, text: &str) {
            let bytes = text.as_bytes();
            let mut frame = vec![0x81u8];
            match bytes.len() {
                n if n < 126 => frame.push(0x80 | n as u8),
                n if n < 65_536 => {
                    frame.push(0x80 | 126);
                    frame.extend_from_slice(&(n as u16).to_be_bytes());
                }
                n => {
                    frame.push(0x80 | 127);
                    frame.extend_from_slice(&(n as u64).to_be_bytes());
                }
            }
            let mask = [0x37u8, 0xfa, 0x21, 0x3d];
            frame.extend_from_slice(&mask);
            frame.extend(bytes.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
            self.writer.write_all(&frame).unwrap();
        }

        /// The next whole text message.
        fn receive(&mut self) -> String {
            let mut message = Vec::new();
            loop {
                let mut head = [0u8; 2];
                self.reader.read_exact(&mut head).unwrap();
                let fin = head[0] & 0x80 != 0;
                let opcode = head[0] & 0x0f;
                let mut len = u64::from(head[1] & 0x7f);
                if len == 126 {
                    let mut b = [0u8; 2];
                    self.reader.read_exact(&mut b).unwrap();
                    len = u64::from(u16::from_be_bytes(b));
                } else if len == 127 {
                    let mut b = [0u8; 8];
                    self.reader.read_exact(&mut b).unwrap();
                    len = u64::from_be_bytes(b);
                }
                let mut payload = vec![0u8; len as usize];
                self.reader.read_exact(&mut payload).unwrap();
                match opcode {
                    0x1 | 0x0 => message.extend_from_slice(&payload),
                    0x8 => panic!("the browser closed the connection"),
                    _ => continue, // ping, pong
                }
                if fin {
                    return String::from_utf8(message).unwrap();
                }
            }
        }

        /// Calls a DevTools method and returns its result.
        pub fn call(&mut self, method: &str, params: Value) -> Value {
            let id = self.next;
            self.next += 1;
            self.send(&json!({ "id": id, "method": method, "params": params }).to_string());
            loop {
                let reply: Value = serde_json::from_str(&self.receive()).unwrap();
                if reply["id"] == id {
                    assert!(reply.get("error").is_none(), "{method}: {reply}");
                    return reply["result"].clone();
                }
            }
        }
    }
}
