//! How large a scenario may be: counts of each kind of item, the length of
//! ids and texts and of every list, checked right after parsing so that a
//! huge file is refused before any check or search whose work grows faster
//! than its size. The limits are in [`crate::limits`].

use super::Scenario;
use crate::limits;
use serde_json::Value;

/// `Err` says what is too large, and where.
pub(super) fn check(s: &Scenario) -> Result<(), String> {
    let counts = [
        (
            "timeline entries",
            s.timeline.len(),
            limits::TIMELINE_ENTRIES,
        ),
        ("participants", s.participants.len(), limits::PARTICIPANTS),
        ("artifacts", s.artifacts.len(), limits::ARTIFACTS),
        ("facts", s.facts.len(), limits::FACTS),
        ("choices", s.choices.len(), limits::CHOICES),
        ("moments", s.moments.len(), limits::MOMENTS),
        ("phase budgets", s.phases.len(), limits::PHASE_BUDGETS),
    ];
    for (what, n, most) in counts {
        if n > most {
            return Err(format!(
                "too many {what}: {n} (a scenario has at most {most})"
            ));
        }
    }
    // Every text and list, whatever its place: the model as data.
    let value = serde_json::to_value(s).map_err(|e| format!("cannot be checked: {e}"))?;
    within(&value, &mut String::from("scenario"))
}

fn within(v: &Value, at: &mut String) -> Result<(), String> {
    match v {
        Value::String(text) => {
            let id = at.ends_with(".id") || at.ends_with(".holder") || at == "scenario.id";
            let (most, what) = if id {
                (limits::ID_BYTES, "an id")
            } else {
                (limits::TEXT_IN_A_SCENARIO, "a text in a scenario")
            };
            if text.len() > most {
                return Err(format!(
                    "{at} is {} bytes long ({what} is at most {most} bytes)",
                    text.len()
                ));
            }
        }
        Value::Array(items) => {
            if items.len() > limits::ITEMS_IN_A_LIST {
                return Err(format!(
                    "{at} has {} items (a list is at most {})",
                    items.len(),
                    limits::ITEMS_IN_A_LIST
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("[{i}]"));
                within(item, at)?;
                at.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                let len = at.len();
                at.push('.');
                at.push_str(k);
                within(item, at)?;
                at.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}
