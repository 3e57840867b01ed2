//! Requests to `second-story serve` from the game, run beside the frame
//! loop: in a browser with `fetch` on the page's event loop, on a desktop
//! with `ureq` on a short-lived thread. The answer lands in a [`Pending`]
//! that a system looks at each frame, so a slow or absent server never
//! holds up a frame.

use std::sync::{Arc, Mutex};

/// An HTTP answer: its status and its text.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// A request on its way; `take` gives its answer once, when it is in.
#[derive(Clone, Default)]
pub struct Pending(Arc<Mutex<Option<Result<Answer, String>>>>);

impl Pending {
    pub fn take(&self) -> Option<Result<Answer, String>> {
        self.0.lock().ok()?.take()
    }
}

impl Pending {
    fn answer(&self, result: Result<Answer, String>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(result);
        }
    }
}

/// Extra headers of a request: `("X-Player", token)`.
pub type Headers = Vec<(&'static str, String)>;

/// Sends a request: `method` (GET, POST or PUT) to `url` (in a browser, a
/// path such as `/api/records` means the server that sent the page), with
/// a JSON `body`.
pub fn request(method: &'static str, url: &str, body: Option<String>, headers: Headers) -> Pending {
    let pending = Pending::default();
    let answer = pending.clone();
    let url = url.to_owned();
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move {
        answer.answer(fetch(method, &url, body, headers).await);
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let spawned = std::thread::Builder::new()
            .name("second-story-request".into())
            .spawn(move || answer.answer(send(method, &url, body, headers)));
        if let Err(e) = spawned {
            pending.answer(Err(format!("cannot start a request: {e}")));
        }
    }
    pending
}

#[cfg(not(target_arch = "wasm32"))]
fn send(method: &str, url: &str, body: Option<String>, headers: Headers) -> Result<Answer, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    let response = if method == "GET" {
        let mut r = agent.get(url);
        for (name, value) in &headers {
            r = r.header(*name, value);
        }
        r.call()
    } else {
        let mut r = if method == "PUT" {
            agent.put(url)
        } else {
            agent.post(url)
        };
        r = r.header("Content-Type", "application/json");
        for (name, value) in &headers {
            r = r.header(*name, value);
        }
        r.send(body.unwrap_or_default())
    };
    let mut response = response.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(crate::limits::RECORD_BYTES)
        .read_to_string()
        .map_err(|e| e.to_string())?;
    Ok(Answer { status, body })
}

#[cfg(target_arch = "wasm32")]
async fn fetch(
    method: &str,
    path: &str,
    body: Option<String>,
    headers: Headers,
) -> Result<Answer, String> {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = &body {
        init.set_body(&JsValue::from_str(body));
    }
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(said)?;
    let extra = headers;
    let headers = request.headers();
    if body.is_some() {
        headers
            .set("Content-Type", "application/json")
            .map_err(said)?;
    }
    for (name, value) in &extra {
        headers.set(name, value).map_err(said)?;
    }
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(said)?
        .dyn_into()
        .map_err(said)?;
    let text = JsFuture::from(response.text().map_err(said)?)
        .await
        .map_err(said)?;
    Ok(Answer {
        status: response.status(),
        body: text.as_string().unwrap_or_default(),
    })
}

/// A JavaScript error as a line of text.
#[cfg(target_arch = "wasm32")]
pub fn said(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The server's reason in an error answer (`{"error": …}`), or the status.
pub fn reason(answer: &Answer) -> String {
    serde_json::from_str::<serde_json::Value>(&answer.body)
        .ok()
        .and_then(|v| v["error"].as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("the server answered {}", answer.status))
}
