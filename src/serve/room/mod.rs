//! Workshop rooms on the server: the host (the game on the projector)
//! opens a room and says what is on offer; phones join with the room's
//! code, vote, pick from the seat, suggest and write lines; the host reads
//! it all back. Rooms live in memory; what a record needs (who joined,
//! every closed vote, every line) is also kept in the class database as
//! each round closes. The messages are `crate::room`'s; docs/serve.md
//! describes the protocol.
//!
//! - `state`: one room, plain logic;
//! - `checks`: limits on what people send;
//! - `routes`: the paths; `page`: the phones' page.

mod checks;
mod page;
pub(super) mod routes;
mod state;

use super::http::Refusal;
use crate::limits;
use axum::http::StatusCode;
use state::Room;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// A room nobody has touched for this long is closed to make space.
const IDLE: Duration = Duration::from_secs(12 * 3600);

/// Every open room, by code.
#[derive(Default)]
pub struct Rooms {
    open: Mutex<HashMap<String, Room>>,
}

fn unknown_room(code: &str) -> Refusal {
    Refusal::new(
        StatusCode::NOT_FOUND,
        "unknown-room",
        format!(
            "there is no room {} here: check the code on the projector",
            crate::save::cut(code, 8)
        ),
    )
}

/// A random room code of [`crate::room::CODE_LENGTH`] letters.
fn new_code() -> std::io::Result<String> {
    let letters = crate::room::CODE_LETTERS.as_bytes();
    let mut bytes = [0u8; crate::room::CODE_LENGTH];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| std::io::Error::other(format!("no randomness from the system: {e}")))?;
    // 19 letters: the bias of a byte modulo 19 is under 1 %, harmless for
    // a code that only has to differ from the others.
    Ok(bytes
        .iter()
        .map(|b| letters[usize::from(*b) % letters.len()] as char)
        .collect())
}

impl Rooms {
    /// Opens a room: its code and its host's key.
    pub fn open(&self, base: &str) -> Result<(String, String), Refusal> {
        let mut open = self.open.lock().map_err(super::http::poisoned)?;
        open.retain(|_, r| r.touched.elapsed() < IDLE);
        if open.len() >= limits::ROOMS {
            return Err(Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "too-many-rooms",
                format!(
                    "{} rooms are open here, the most this server keeps",
                    limits::ROOMS
                ),
            ));
        }
        let key = super::random_hex().map_err(super::http::store_error)?;
        let code = loop {
            let code = new_code().map_err(super::http::store_error)?;
            if !open.contains_key(&code) {
                break code;
            }
        };
        let mut room = Room::new(code.clone(), key.clone());
        room.join_url = format!("{base}/join/{code}");
        open.insert(code.clone(), room);
        Ok((code, key))
    }

    /// Works on the room with this code (in any case).
    fn with<T>(
        &self,
        code: &str,
        f: impl FnOnce(&mut Room) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        let code_n = crate::room::normalise_code(code).ok_or_else(|| unknown_room(code))?;
        let mut open = self.open.lock().map_err(super::http::poisoned)?;
        let room = open.get_mut(&code_n).ok_or_else(|| unknown_room(code))?;
        f(room)
    }

    /// Works on the room as its host, whose key must match.
    fn as_host<T>(
        &self,
        code: &str,
        key: &str,
        f: impl FnOnce(&mut Room) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        self.with(code, |room| {
            if super::routes::same(key.as_bytes(), room.key.as_bytes()) {
                f(room)
            } else {
                Err(Refusal::new(
                    StatusCode::UNAUTHORIZED,
                    "key",
                    "only the room's host may do this (Authorization: Bearer HOST-KEY)",
                ))
            }
        })
    }

    /// Works on the room as the participant with this token.
    fn as_member<T>(
        &self,
        code: &str,
        token: &str,
        f: impl FnOnce(&mut Room, usize) -> Result<T, Refusal>,
    ) -> Result<T, Refusal> {
        self.with(code, |room| {
            let p = room.member(token)?;
            f(room, p)
        })
    }
}
