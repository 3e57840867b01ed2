//! A headless Chromium for tests, driven through its DevTools protocol:
//! several pages, each in its own browser context (its own cookies and
//! localStorage, as separate phones have), JavaScript evaluated in them,
//! waiting for a condition, screenshots at a given size. Used by the
//! class server's pages and the workshop room's phones; the web game's
//! tests can use it the same way.
//!
//! ```ignore
//! let Some(exe) = Chromium::find() else { return missing(...) };
//! let mut browser = Chromium::launch(&exe, &dir.join("profile"));
//! let mut page = browser.page("http://127.0.0.1:8080/join/KTRW", 360, 640);
//! page.wait_for("document.readyState === 'complete'", Duration::from_secs(30));
//! page.screenshot(&dir.join("phone.png"));
//! ```

// Not every call is used by every test build (the web game's tests will
// use the rest).
#![allow(dead_code)]

mod cdp;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A running headless Chromium. Dropping it kills it and every process it
/// started.
pub struct Chromium {
    child: std::process::Child,
    port: u16,
    browser: cdp::Socket,
}

/// One tab, in a browser context of its own unless made with
/// [`Chromium::page_in_default_context`].
pub struct Page {
    socket: cdp::Socket,
    pub target: String,
}

impl Chromium {
    /// The browser to use: `$SECOND_STORY_CHROMIUM`, or `chromium`,
    /// `chromium-browser` or `google-chrome` on the PATH.
    pub fn find() -> Option<PathBuf> {
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

    /// Starts the browser with its profile in `profile` (a fresh folder),
    /// for pages that need no graphics.
    pub fn launch(exe: &Path, profile: &Path) -> Chromium {
        Chromium::launch_with(exe, profile, &["--disable-gpu"])
    }

    /// Starts the browser for pages that draw with WebGL2 (the web game),
    /// on SwiftShader: the CPU stands in for a GPU.
    #[cfg_attr(not(feature = "game"), allow(dead_code))]
    pub fn launch_webgl(exe: &Path, profile: &Path) -> Chromium {
        Chromium::launch_with(
            exe,
            profile,
            &["--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
        )
    }

    fn launch_with(exe: &Path, profile: &Path, graphics: &[&str]) -> Chromium {
        use std::os::unix::process::CommandExt;
        let child = std::process::Command::new(exe)
            .args(graphics)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .process_group(0)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let (port, path) = loop {
            let found = std::fs::read_to_string(profile.join("DevToolsActivePort"))
                .ok()
                .and_then(|t| {
                    let mut lines = t.lines();
                    let port = lines.next()?.trim().parse::<u16>().ok()?;
                    Some((port, lines.next()?.trim().to_owned()))
                });
            if let Some(found) = found {
                break found;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Chromium did not open its DevTools port"
            );
            std::thread::sleep(Duration::from_millis(200));
        };
        let browser = cdp::Socket::connect(&format!("ws://127.0.0.1:{port}{path}"));
        Chromium {
            child,
            port,
            browser,
        }
    }

    /// A new tab at `url`, `width` x `height` CSS pixels, in a browser
    /// context of its own: its storage is not shared with any other page.
    pub fn page(&mut self, url: &str, width: u32, height: u32) -> Page {
        let context =
            self.browser.call("Target.createBrowserContext", json!({}))["browserContextId"].clone();
        self.open(url, width, height, Some(context))
    }

    /// A new tab sharing the default context (and its storage).
    pub fn page_in_default_context(&mut self, url: &str, width: u32, height: u32) -> Page {
        self.open(url, width, height, None)
    }

    fn open(&mut self, url: &str, width: u32, height: u32, context: Option<Value>) -> Page {
        let mut params = json!({ "url": "about:blank" });
        if let Some(c) = context {
            params["browserContextId"] = c;
        }
        let target = self.browser.call("Target.createTarget", params)["targetId"]
            .as_str()
            .expect("a target id")
            .to_owned();
        let mut page = Page {
            socket: cdp::Socket::connect(&format!(
                "ws://127.0.0.1:{}/devtools/page/{target}",
                self.port
            )),
            target,
        };
        page.socket.call("Page.enable", json!({}));
        page.resize(width, height);
        page.navigate(url);
        page
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

impl Page {
    /// Shows the page at this size (a phone: 360 x 640), as a touch
    /// screen when narrow.
    pub fn resize(&mut self, width: u32, height: u32) {
        self.socket.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
        );
    }

    pub fn navigate(&mut self, url: &str) {
        self.socket.call("Page.navigate", json!({ "url": url }));
    }

    /// Reloads, as a phone that dropped and came back does.
    pub fn reload(&mut self) {
        self.socket
            .call("Page.reload", json!({ "ignoreCache": true }));
    }

    /// The value of a JavaScript expression in the page (promises are
    /// awaited); `Null` while the page is between documents.
    pub fn eval(&mut self, expression: &str) -> Value {
        self.socket
            .try_call(
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
            )
            .map(|r| r["result"]["value"].clone())
            .unwrap_or(Value::Null)
    }

    /// Waits until `expression` is true in the page.
    pub fn wait_for(&mut self, expression: &str, within: Duration) {
        let started = Instant::now();
        while self.eval(expression) != json!(true) {
            assert!(
                started.elapsed() < within,
                "not true within {within:?}: {expression}\nthe page says: {}",
                self.eval("document.body ? document.body.innerText : ''")
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Clicks the first element `selector` finds (as a tap does).
    pub fn click(&mut self, selector: &str) {
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.click(); return true; }})()",
            json!(selector)
        ));
        assert_eq!(found, json!(true), "nothing to click at {selector}");
    }

    /// Types `text` into the field `selector` finds, as if typed (an
    /// input event follows).
    pub fn fill(&mut self, selector: &str, text: &str) {
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.focus(); e.value = {}; e.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()",
            json!(selector),
            json!(text)
        ));
        assert_eq!(found, json!(true), "no field at {selector}");
    }

    /// Presses and releases a key, as the keyboard would, on whatever has
    /// the focus: `key` as the DOM names it ("p", "Enter", " "), `code`
    /// the physical key ("KeyP", "Enter", "Space").
    #[cfg_attr(not(feature = "game"), allow(dead_code))]
    pub fn press(&mut self, key: &str, code: &str, key_code: u32) {
        for kind in ["keyDown", "keyUp"] {
            let mut event = json!({
                "type": kind,
                "key": key,
                "code": code,
                "windowsVirtualKeyCode": key_code,
                "nativeVirtualKeyCode": key_code,
            });
            if kind == "keyDown" && key.chars().count() == 1 {
                event["text"] = json!(key);
            }
            self.socket.call("Input.dispatchKeyEvent", event);
            std::thread::sleep(Duration::from_millis(120));
        }
    }

    /// A PNG of what the page shows now, written to `path`; its size.
    pub fn screenshot(&mut self, path: &Path) -> usize {
        let shot = self
            .socket
            .call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = shot["data"].as_str().expect("a screenshot");
        let bytes =
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, png).unwrap();
        std::fs::write(path, &bytes).unwrap();
        bytes.len()
    }
}
