//! Artifacts: what can go on the big screen (dashboards, chat, graphs,
//! diffs, whiteboards, documents).

use super::*;
use serde::{Deserialize, Serialize};

/// Something that can go on the big screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    pub id: ArtifactId,
    pub title: String,
    pub body: ArtifactBody,
}

/// The content of an artifact, drawn by the game and described in text by
/// the command line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ArtifactBody {
    /// A dashboard of tiles, such as a test-results page.
    Dashboard { tiles: Vec<Tile> },
    /// A chat log.
    Chat { lines: Vec<ChatLine> },
    /// A time series graph.
    Graph { unit: String, series: Vec<Series> },
    /// A code diff.
    Diff { file: String, lines: Vec<DiffLine> },
    /// A participant's whiteboard drawing of how they think it works.
    Whiteboard {
        owner: ParticipantId,
        boxes: Vec<String>,
        arrows: Vec<(String, String)>,
    },
    /// Plain text: a runbook, a ticket, an email.
    Document { text: String },
}

/// One tile of a dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tile {
    pub label: String,
    pub value: String,
    /// What the value looks like at normal size, when its typeface makes it
    /// read as something else. Zooming shows `value`.
    #[serde(default)]
    pub reads_as: Option<String>,
    #[serde(default)]
    pub style: TileStyle,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TileStyle {
    #[default]
    Plain,
    /// Small italic type with slashed zeros.
    SmallItalicSlashedZero,
    Good,
    Bad,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatLine {
    pub time: String,
    pub who: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    /// (minute, value) points.
    pub points: Vec<(f32, f32)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DiffLine {
    Context(String),
    Added(String),
    Removed(String),
}
