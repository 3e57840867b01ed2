//! Scenarios through Bevy's asset system: the same parser and validation as
//! the command line, from the `scenarios://` source (the top-level
//! `scenarios/` folder). With the `dev` feature a scenario edited on disk
//! reloads while the game runs; an invalid one shows its problems on screen.

use super::session::{ScenarioEntry, Scenarios};
use crate::scenario::{self, Severity};
use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext, LoadedFolder};
use bevy::prelude::*;
use std::sync::Arc;

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
        Ok(parse(&file, &bytes))
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Parses and validates like `second-story validate`; problems are kept as
/// text for the screen instead of failing the load.
pub fn parse(file: &str, bytes: &[u8]) -> ScenarioAsset {
    let scenario = match std::str::from_utf8(bytes) {
        Err(e) => Err(vec![format!("{file}: not UTF-8 text: {e}")]),
        Ok(source) => match scenario::parse_str(source, file) {
            Err(e) => Err(vec![e.to_string()]),
            Ok(s) => {
                let loaded = scenario::Loaded {
                    scenario: s,
                    path: file.into(),
                    source: source.to_owned(),
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

/// The folder of scenarios being loaded.
#[derive(Resource)]
pub struct Library(pub Handle<LoadedFolder>);

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<ScenarioAsset>()
        .register_asset_loader(ScenarioLoader)
        .add_systems(
            Startup,
            |mut commands: Commands, assets: Res<AssetServer>| {
                commands.insert_resource(Library(assets.load_folder("scenarios://")));
            },
        )
        .add_systems(
            Update,
            sync.run_if(
                on_message::<AssetEvent<ScenarioAsset>>
                    .or_eager(on_message::<AssetEvent<LoadedFolder>>),
            ),
        );
}

/// Keeps `Scenarios` in step with the loaded files, in file-name order.
fn sync(
    library: Res<Library>,
    folders: Res<Assets<LoadedFolder>>,
    assets: Res<Assets<ScenarioAsset>>,
    mut scenarios: ResMut<Scenarios>,
) {
    let Some(folder) = folders.get(&library.0) else {
        return;
    };
    let mut entries: Vec<ScenarioEntry> = folder
        .handles
        .iter()
        .filter_map(|h| h.clone().try_typed::<ScenarioAsset>().ok())
        .filter_map(|h| assets.get(&h))
        .map(|a| ScenarioEntry {
            file: a.file.clone(),
            scenario: a.scenario.clone(),
        })
        .collect();
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    for e in &entries {
        if let Err(problems) = &e.scenario {
            warn!("{} cannot be played:\n{}", e.file, problems.join("\n"));
        }
    }
    let playable = entries.iter().filter(|e| e.scenario.is_ok()).count();
    info!("{playable} of {} scenario file(s) playable", entries.len());
    scenarios.0 = entries;
}
