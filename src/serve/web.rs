//! The web build's files (`--web DIR`, `web/dist` by default), with their
//! precompressed `.br` and `.gz` variants when the browser takes them;
//! when the game has not been built, a page that says how to build it.

use super::App;
use axum::body::Body;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use tower::ServiceExt;

/// Any path no other route takes.
pub async fn files(app: Arc<App>, req: Request<Body>) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return super::http::Refusal::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method",
            format!(
                "{} is not a path that takes {}",
                req.uri().path(),
                req.method()
            ),
        )
        .into_response();
    }
    let built = app.web.join("index.html").is_file();
    if !built {
        let path = req.uri().path();
        if path == "/" || path == "/index.html" {
            return not_built(&app);
        }
        return (
            StatusCode::NOT_FOUND,
            "Not found: the web game is not built.\n",
        )
            .into_response();
    }
    let dir = tower_http::services::ServeDir::new(&app.web)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    match dir.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    }
}

/// Says the game is not built yet, and how to build it.
fn not_built(app: &App) -> Response {
    let dir = crate::html::esc(&app.web.display().to_string());
    let body = format!(
        "<h1>Second Story: the game is not built yet</h1>\n\
<p>This server is running for the class <b>{class}</b>, but it has no web build of the game to hand out: there is no <code>index.html</code> in <code>{dir}</code>.</p>\n\
<p>On the machine that runs the server, build it once from the repository:</p>\n\
<pre>scripts/build-web.sh</pre>\n\
<p>It writes <code>web/dist</code>; then reload this page (no need to restart the server). To serve a build kept elsewhere, start the server with <code>--web DIR</code>.</p>\n\
<p>Records are taken in and the instructor's page works meanwhile: its address, with its key, was printed where the server was started.</p>\n",
        class = crate::html::esc(&app.class),
    );
    let html = crate::html::page(
        "Second Story: not built yet",
        "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{background:#eee;padding:.5rem}",
        &body,
    );
    let mut res = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}
