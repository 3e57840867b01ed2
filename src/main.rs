//! The `second-story` binary. On a desktop it is the command line (and the
//! game window it opens); built for the browser (`scripts/build-web.sh`) it
//! is the game alone, talking to `second-story serve`.

#[cfg(not(target_arch = "wasm32"))]
mod args;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    args::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    second_story::game::run_in_browser();
}
