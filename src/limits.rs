//! Every limit on what the program reads, in one place, so that a hostile
//! or unlucky input gets a clear error instead of a hang, a crash or a
//! machine out of memory. Each is far above what a real class, scenario or
//! postmortem needs (the figures in brackets are the largest shipped
//! today); the README lists them for users.

/// A scenario file (shipped: about 85 KB).
pub const SCENARIO_BYTES: u64 = 4 << 20;
/// A move script (shipped: about 6 KB).
pub const SCRIPT_BYTES: u64 = 1 << 20;
/// A session record (a full meeting: about 20 KB).
pub const RECORD_BYTES: u64 = 2 << 20;
/// A kept file: settings or progress (a few hundred bytes).
pub const KEPT_BYTES: u64 = 1 << 20;
/// A coach config (`--config`, `.second-story.ron`) or any other small
/// text file read whole.
pub const TEXT_BYTES: u64 = 1 << 20;
/// One document for `lint`, a file or standard input (a 5 MB archive of
/// postmortems lints in under half a second).
pub const LINT_BYTES: u64 = 16 << 20;

/// Items of each kind in one scenario (shipped: at most 64 choices,
/// 18 facts, 6 people).
pub const FACTS: usize = 500;
pub const CHOICES: usize = 1_000;
pub const PARTICIPANTS: usize = 40;
pub const TIMELINE_ENTRIES: usize = 200;
pub const MOMENTS: usize = 200;
pub const ARTIFACTS: usize = 100;
/// Responses to one choice, and entries in one list inside an item
/// (reveal kinds, prerequisites, tiles, chat lines, points, diff lines).
pub const ITEMS_IN_A_LIST: usize = 1_000;
/// Phase budgets: one per phase, five phases.
pub const PHASE_BUDGETS: usize = 5;
/// An id (scenario, participant, fact, …), in bytes.
pub const ID_BYTES: usize = 64;
/// Any text in a scenario (a line, a summary, an artifact's body), in bytes.
pub const TEXT_IN_A_SCENARIO: usize = 16 << 10;

/// Minutes of a meeting, and of any one phase (shipped: at most 60). A
/// search plays meetings to their end, so the clock bounds its work.
pub const MINUTES: u16 = 480;

/// Moves in a move script or a record (a full meeting: about 70).
pub const MOVES: usize = 2_000;
/// Bytes of a `Say` in a move script or a record: what a person says in
/// one go (the game's box takes 300 characters).
pub const SAY_BYTES: usize = 2_000;
/// Facilitators named in one record or workshop.
pub const PLAYERS: usize = 64;
/// A person's name (`--player`, `--facilitator`, `--name`, a record's
/// players), in bytes: 60 wide letters fit.
pub const NAME_BYTES: usize = 240;
/// The body of a request to the class server other than a record (a
/// hello, a progress report): a few hundred bytes in practice.
pub const REQUEST_BYTES: u64 = 16 << 10;
/// Players who may say hello in one class on one server (a class is a
/// few dozen); past it, a hello is refused so that a script cannot fill
/// the database.
pub const PLAYERS_IN_A_CLASS: i64 = 10_000;
/// Votes for one option in one vote: a room, not a stadium.
pub const VOTES: u32 = 10_000;
/// Options voted for in one vote.
pub const VOTE_OPTIONS: usize = 100;
/// Workshop rooms open at once on one server (a room is a projector).
pub const ROOMS: usize = 50;
/// People who may join one room (a workshop is a few dozen).
pub const ROOM_PEOPLE: usize = 200;
/// One line written in a pause to discuss, in bytes: a sentence or two.
pub const LINE_BYTES: usize = 280;
/// The text of one choice a host puts on offer, in bytes.
pub const CHOICE_BYTES: usize = 1_000;
/// A host's offer (up to VOTE_OPTIONS choices and their texts).
pub const OFFER_BYTES: u64 = 256 << 10;
/// Anything a phone sends (a join, a vote, own words, a line).
pub const PHONE_BYTES: u64 = 8 << 10;
/// Writes one participant may make in two seconds; past it, 429.
pub const PHONE_WRITES: usize = 10;
/// The game version written in a record, in bytes.
pub const VERSION_BYTES: usize = 64;

/// `explore --depth`: every sequence of this many moves is tried, so the
/// work grows as the number of moves to the power of the depth.
pub const EXPLORE_DEPTH: usize = 3;
/// `explore --samples`: random playouts.
pub const EXPLORE_SAMPLES: usize = 10_000;
/// States kept at each step of `explore`'s beam search.
pub const EXPLORE_BEAM: usize = 256;

/// The part of a saved file's name made from a person's name, in bytes
/// (cut on a character boundary).
pub const NAME_IN_FILE_NAME: usize = 60;
/// A whole file name the program makes, in bytes (file systems allow 255).
pub const FILE_NAME_BYTES: usize = 200;

/// Entries looked at in one folder walk (a class of 10,000 records is
/// reported in seconds).
pub const FOLDER_ENTRIES: usize = 200_000;
/// Folders deep in one walk.
pub const FOLDER_DEPTH: usize = 32;
