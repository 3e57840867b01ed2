//! Workshop rooms: everyone in the room plays from a phone. The host (the
//! game on the projector) opens a room on `second-story serve`, publishes
//! what is on offer and reads back votes, the seat's pick, suggestions and
//! lines; phones join with the room's code. This module is what the game
//! needs of it, with no Bevy and no server: the messages
//! ([`protocol`], built for wasm32 too), the QR code of the join address
//! ([`qr`]), and a blocking host client over `ureq` ([`client`], native
//! only; the web build calls the same paths with `fetch`). The server's
//! side is `serve::room`; docs/serve.md describes the protocol.

#[cfg(not(target_arch = "wasm32"))]
pub mod client;
pub mod protocol;
pub mod qr;

pub use protocol::*;
pub use qr::Matrix;

/// The longest a host's `state` call waits for news, in seconds.
pub const LONGEST_WAIT_SECS: u64 = 20;

/// Letters of a room code: capitals without those easily read as a digit
/// or as each other (B 8, G 6, I 1, O 0, Q, S 5, Z 2).
pub const CODE_LETTERS: &str = "ACDEFHJKLMNPRTUVWXY";
/// Letters in a room code.
pub const CODE_LENGTH: usize = 4;

/// A room code as people type it: trimmed and in capitals; `None` when it
/// cannot be one.
pub fn normalise_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    (code.len() == CODE_LENGTH && code.chars().all(|c| CODE_LETTERS.contains(c))).then_some(code)
}
