//! The incidents the game offers, through Bevy's asset system: the same
//! parser and validation as `second-story validate`, from the `scenarios://`
//! source (the top-level `scenarios/` folder). Files are found with the
//! library's safe folder walk, so a FIFO or a device in the folder is
//! listed as refused instead of hanging the game; each file is then loaded
//! as an asset. With the `dev` feature a scenario edited on disk reloads
//! while the game runs; an invalid one shows its problems in the picker.

use crate::scenario::{self, ScenarioId, Severity};
use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use std::sync::Arc;

/// The incidents as loaded, or why one could not be, in file-name order.
#[derive(Resource, Default, Debug)]
pub struct Scenarios(pub Vec<ScenarioEntry>, pub Loading);

/// How many scenario files are still being read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Loading(pub usize);

#[derive(Debug, Clone)]
pub struct ScenarioEntry {
    pub file: String,
    pub scenario: Result<Arc<scenario::Scenario>, Vec<String>>,
}

impl Scenarios {
    /// Every file is loaded or has failed: what is listed is all there is.
    pub fn settled(&self) -> bool {
        self.1.0 == 0
    }

    pub fn find(&self, id: &ScenarioId) -> Option<Arc<scenario::Scenario>> {
        self.0
            .iter()
            .find_map(|e| e.scenario.as_ref().ok().filter(|s| &s.id == id).cloned())
    }
}

/// A scenario file as the game sees it: playable, or a list of problems.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioAsset {
    pub file: String,
    pub scenario: Result<Arc<scenario::Scenario>, Vec<String>>,
}

#[derive(Default, TypePath)]
struct ScenarioLoader;

#[derive(Debug, thiserror::Error)]
enum ScenarioLoadError {
    #[error("cannot read scenario: {0}")]
    Io(#[from] std::io::Error),
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = ScenarioLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, ScenarioLoadError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let file = load_context.path().to_string();
        Ok(parse(&file, bytes))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Parses and validates like `second-story validate`; problems are kept as
/// text for the screen instead of failing the load.
pub fn parse(file: &str, bytes: Vec<u8>) -> ScenarioAsset {
    let scenario = match crate::source::text(bytes, file) {
        Err(e) => Err(vec![e.to_string()]),
        Ok(source) => match scenario::parse_str(&source, file) {
            Err(e) => Err(vec![e.to_string()]),
            Ok(s) => {
                let loaded = scenario::Loaded {
                    scenario: s,
                    path: file.into(),
                    source,
                };
                let errors: Vec<String> = loaded
                    .problems()
                    .iter()
                    .filter(|p| p.severity == Severity::Error)
                    .map(|p| format!("{file}:{}: {p}", p.line.unwrap_or(0)))
                    .collect();
                if errors.is_empty() {
                    Ok(Arc::new(loaded.scenario))
                } else {
                    Err(errors)
                }
            }
        },
    };
    ScenarioAsset {
        file: file.to_owned(),
        scenario,
    }
}

/// The scenario files being loaded, and the ones refused before loading.
#[derive(Resource, Default)]
pub struct Library {
    pub handles: Vec<Handle<ScenarioAsset>>,
    pub refused: Vec<ScenarioEntry>,
    /// Files still on their way from a server (the web game).
    pub pending: usize,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Scenarios>()
        .init_asset::<ScenarioAsset>()
        .register_asset_loader(ScenarioLoader)
        .add_systems(
            Update,
            sync.run_if(on_message::<AssetEvent<ScenarioAsset>>.or_else(still_loading)),
        );
    // In a browser the files come from the class server instead (`web`).
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Startup, open);
}

fn still_loading(scenarios: Res<Scenarios>) -> bool {
    !scenarios.settled()
}

/// Finds the scenario files and starts loading each.
#[cfg(not(target_arch = "wasm32"))]
fn open(mut commands: Commands, assets: Res<AssetServer>, mut scenarios: ResMut<Scenarios>) {
    let dir = scenario::scenario_dir();
    let mut library = Library::default();
    match scenario::list_scenarios(&dir) {
        Ok(found) => {
            for path in &found.files {
                if let Some(name) = path.file_name() {
                    let name = name.to_string_lossy();
                    library
                        .handles
                        .push(assets.load(format!("scenarios://{name}")));
                }
            }
            library.refused = found
                .refused
                .into_iter()
                .map(|(path, why)| ScenarioEntry {
                    file: crate::source::name(&path),
                    scenario: Err(vec![why]),
                })
                .collect();
        }
        Err(e) => library.refused.push(ScenarioEntry {
            file: crate::source::name(&dir),
            scenario: Err(vec![e.to_string()]),
        }),
    }
    // Shown at once: files refused before loading, and how many are coming.
    scenarios.0 = library.refused.clone();
    scenarios.1 = Loading(library.handles.len());
    commands.insert_resource(library);
}

/// Keeps `Scenarios` in step with the loaded files, in file-name order.
fn sync(
    library: Option<Res<Library>>,
    assets: Res<Assets<ScenarioAsset>>,
    server: Res<AssetServer>,
    mut scenarios: ResMut<Scenarios>,
) {
    let Some(library) = library else { return };
    let mut loading = library.pending;
    let mut entries: Vec<ScenarioEntry> = Vec::new();
    for handle in &library.handles {
        if let Some(a) = assets.get(handle) {
            entries.push(ScenarioEntry {
                file: a.file.clone(),
                scenario: a.scenario.clone(),
            });
        } else if let Some(bevy::asset::LoadState::Failed(e)) = server.get_load_state(handle) {
            let file = handle
                .path()
                .map(|p| p.path().to_string_lossy().into_owned())
                .unwrap_or_default();
            entries.push(ScenarioEntry {
                file,
                scenario: Err(vec![e.to_string()]),
            });
        } else {
            loading += 1;
        }
    }
    entries.extend(library.refused.iter().cloned());
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    if loading == 0 {
        for e in &entries {
            if let Err(problems) = &e.scenario {
                warn!("{} cannot be played:\n{}", e.file, problems.join("\n"));
            }
        }
        let playable = entries.iter().filter(|e| e.scenario.is_ok()).count();
        info!("{playable} of {} scenario file(s) playable", entries.len());
    }
    scenarios.0 = entries;
    scenarios.1 = Loading(loading);
}
