//! `second-story serve`: one process that serves a class. It hands the
//! web game its files and the scenarios, hears students say hello and how
//! far they are, takes in every finished meeting's record (checked by
//! replay, refused with a reason when tampered or foreign) into an SQLite
//! database, shows the instructor the class live at `/class`, and can
//! pass each meeting on to a learning record store. The API is described
//! in docs/serve.md.
//!
//! - `http`: connections, bodies, JSON answers;
//! - `routes`: the paths and their handlers;
//! - `accept`: taking in a record;
//! - `live`: the instructor's live page;
//! - `web`: the web build's files;
//! - `room`: workshop rooms, played from phones;
//! - [`library`], [`store`], [`lrs`]: scenarios, the database, the LRS.

mod accept;
mod http;
pub mod library;
mod live;
pub mod lrs;
mod room;
mod routes;
pub mod store;
mod web;

pub use accept::Accepted;
pub use library::{Library, Listed};
pub use lrs::{Credentials, Lrs, credentials};
pub use store::{Store, StoreError, is_database};

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where log lines go (the terminal for `serve`, nowhere in tests).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// How to serve a class.
#[derive(Clone, Debug)]
pub struct Options {
    /// The class's name: stored with each meeting; the live page shows
    /// this class's meetings.
    pub class: String,
    /// The address to listen on: the loopback address unless told.
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    /// The class database (created if need be).
    pub data: PathBuf,
    /// The web build (`index.html` and the game's files).
    pub web: PathBuf,
    /// Folders of scenarios, first to last; the first to declare an id
    /// serves it.
    pub scenarios: Vec<PathBuf>,
    pub lrs: Option<Lrs>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            class: "class".into(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            data: "class.sqlite".into(),
            web: "web/dist".into(),
            scenarios: vec![crate::scenario::scenario_dir()],
            lrs: None,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Bind(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the handlers share.
pub(crate) struct App {
    pub class: String,
    pub key: String,
    pub library: Library,
    pub store: Arc<Mutex<Store>>,
    pub live: Mutex<live::Live>,
    pub lrs: Option<(String, lrs::Sender)>,
    pub web: PathBuf,
    /// The database's file name, naming stored meetings in reports.
    pub data_name: String,
    pub log: Log,
    /// Workshop rooms, in memory.
    pub rooms: room::Rooms,
    /// Where the server listens.
    pub addr: SocketAddr,
}

impl App {
    fn find(&self) -> impl Fn(&str) -> Option<Arc<crate::scenario::Scenario>> + '_ {
        |id| self.library.find(id)
    }
}

/// A server that is running.
pub struct Running {
    addr: SocketAddr,
    app: Arc<App>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Where it listens (the port chosen when asked for 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The instructor's key.
    pub fn key(&self) -> &str {
        &self.app.key
    }

    /// The short address phones open to join a workshop room.
    pub fn join_url(&self) -> String {
        format!("http://{}/join", self.addr)
    }

    /// The students' address.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The instructor's page, key included.
    pub fn class_url(&self) -> String {
        format!("http://{}/class?key={}", self.addr, self.app.key)
    }

    /// What it serves, and what it left out, for the terminal.
    pub fn served(&self) -> (&Library, usize) {
        let meetings = self.app.live.lock().map_or(0, |l| l.class.entries.len());
        (&self.app.library, meetings)
    }

    /// Stops: no new connection is taken, requests in flight finish (for
    /// at most ten seconds), the LRS sender ends its try, and the
    /// database is closed.
    pub fn stop(mut self) -> std::io::Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let served = match self.thread.take() {
            Some(t) => t
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the server thread panicked"))),
            None => Ok(()),
        };
        if let Some(app) = Arc::get_mut(&mut self.app)
            && let Some((_, sender)) = app.lrs.take()
        {
            sender.stop();
        }
        served
    }

    /// Serves until the process is interrupted (Ctrl-C) or terminated,
    /// then stops as [`Running::stop`] does.
    pub fn until_signal(self) -> std::io::Result<()> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        rt.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                let mut term = signal(SignalKind::terminate())?;
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {},
                    _ = term.recv() => {},
                }
            }
            #[cfg(not(unix))]
            tokio::signal::ctrl_c().await?;
            Ok::<(), std::io::Error>(())
        })?;
        self.stop()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// 128 random bits from the system, as hex: instructor keys and player
/// tokens.
pub(crate) fn random_hex() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| std::io::Error::other(format!("no randomness from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Starts serving a class. Returns once the port is bound, the database
/// open and the class's stored meetings replayed.
pub fn start(options: Options, log: Log) -> Result<Running, ServeError> {
    let name_ok = !options.class.trim().is_empty()
        && options.class.len() <= crate::limits::NAME_BYTES
        && !options.class.chars().any(char::is_control);
    if !name_ok {
        return Err(ServeError::Invalid(format!(
            "--class: a class name is 1 to {} bytes, without control characters",
            crate::limits::NAME_BYTES
        )));
    }
    let store = Store::open(&options.data)?;
    let key = store.kept("instructor-key", random_hex)?;
    let library = Library::load(&options.scenarios);
    let data_name = options
        .data
        .file_name()
        .map_or_else(|| "class".to_owned(), |n| n.to_string_lossy().into_owned());
    let live = live::Live::load(&store, &options.class, &data_name, &|id| library.find(id))?;
    let listener = std::net::TcpListener::bind((options.bind, options.port)).map_err(|e| {
        ServeError::Bind(match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {} on {} is in use (another server?); choose another with --port",
                options.port, options.bind
            ),
            std::io::ErrorKind::AddrNotAvailable => format!(
                "{} is not an address of this machine; see --bind",
                options.bind
            ),
            _ => format!("cannot listen on {}:{}: {e}", options.bind, options.port),
        })
    })?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let store = Arc::new(Mutex::new(store));
    let lrs = options.lrs.map(|l| {
        let url = l.statements.clone();
        (url, lrs::start(l, store.clone(), log.clone()))
    });
    let app = Arc::new(App {
        class: options.class,
        key,
        library,
        store,
        live: Mutex::new(live),
        lrs,
        web: options.web,
        data_name,
        log,
        rooms: room::Rooms::default(),
        addr,
    });
    let router = routes::router(app.clone());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("serve")
        .enable_all()
        .build()?;
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let thread = std::thread::Builder::new()
        .name("serve".into())
        .spawn(move || rt.block_on(http::serve(listener, router, stopped)))?;
    Ok(Running {
        addr,
        app,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// A class from the database, for `report`: every stored meeting (of one
/// class, or of all), replayed on the scenarios `find` gives, exactly as a
/// folder of the same records is.
pub fn class_from_database(
    path: &std::path::Path,
    class: Option<&str>,
    find: &dyn Fn(&str) -> Option<Arc<crate::scenario::Scenario>>,
) -> Result<crate::class::Class, StoreError> {
    let store = Store::open_existing(path)?;
    let data_name = path
        .file_name()
        .map_or_else(|| "class".to_owned(), |n| n.to_string_lossy().into_owned());
    let meetings = store.meetings(class)?;
    Ok(crate::class::Class::of_records(
        meetings.into_iter().map(|m| {
            let label = PathBuf::from(format!("{data_name}#{}", m.id));
            let record = crate::record::Record::parse(&m.record, &label.to_string_lossy())
                .map_err(|e| crate::class::unreadable(&e));
            (label, record)
        }),
        find,
    ))
}
