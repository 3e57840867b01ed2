//! How `lint` writes its findings: text for people (repeats grouped), JSON
//! for scripts, SARIF for code-scanning tools, GitHub Actions annotations
//! for pull requests.

use crate::language::{Category, Finding};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One linted document and what the coach found in it.
pub struct Document {
    pub file: String,
    pub findings: Vec<Finding>,
}

/// `file:line:column: category: message (suggestion)`. Repeats of one rule
/// in one file are one line, at the first, with how many and where:
/// `[3 times: lines 5, 13, 40]`.
pub fn text(documents: &[Document], out: &mut dyn Write) -> io::Result<()> {
    for d in documents {
        let mut groups: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in &d.findings {
            groups.entry(f.rule.as_str()).or_default().push(f);
        }
        let mut groups: Vec<Vec<&Finding>> = groups.into_values().collect();
        groups.sort_by_key(|g| (g[0].line, g[0].column, g[0].category));
        for g in groups {
            let f = g[0];
            write!(
                out,
                "{}:{}:{}: {}: {} ({})",
                d.file, f.line, f.column, f.category, f.message, f.suggestion
            )?;
            if g.len() > 1 {
                let mut lines: Vec<String> = g.iter().map(|f| f.line.to_string()).collect();
                lines.dedup();
                write!(out, " [{} times: lines {}]", g.len(), lines.join(", "))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Row<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_column: usize,
    category: &'static str,
    matched: &'a str,
    message: &'a str,
    suggestion: &'a str,
}

/// One array, an object per finding (the shape scripts already rely on).
pub fn json(documents: &[Document], out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Row> = documents
        .iter()
        .flat_map(|d| {
            d.findings.iter().map(move |f| Row {
                file: &d.file,
                line: f.line,
                column: f.column,
                end_column: f.end_column,
                category: f.category.label(),
                matched: &f.matched,
                message: &f.message,
                suggestion: &f.suggestion,
            })
        })
        .collect();
    super::write_json(out, &rows)
}

/// What each category is about, for tools that list rules.
fn describe(c: Category) -> &'static str {
    match c {
        Category::Blame => {
            "Someone else judged at fault: a verdict on a person instead of a look at the conditions."
        }
        Category::Counterfactual => {
            "A past that did not happen: should have, could have, if only, failed to."
        }
        Category::SelfBlame => {
            "The writer or speaker falling on the sword: my fault, my mistake, I should have."
        }
        Category::RootCause => {
            "One cause, or the hunt for it, where there were several contributing conditions."
        }
        Category::HumanError => {
            "Human error as the explanation: the first story, where the inquiry should start."
        }
        Category::WhyQuestion => {
            "Why asked of a person's action: it asks for a defence instead of a description."
        }
        Category::Minimizing => {
            "Making someone's difficulty look small: you just had to, obviously, all you had to do."
        }
    }
}

/// SARIF 2.1.0: one run, a rule per category, a result per finding
/// (`warning` for categories that fail the run, `note` for the others).
/// Columns count Unicode code points, as the coach does.
pub fn sarif(
    documents: &[Document],
    fails: &dyn Fn(Category) -> bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rules: Vec<_> = Category::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.label(),
                "name": c.label(),
                "shortDescription": { "text": describe(*c) },
                "defaultConfiguration": { "level": "warning" },
            })
        })
        .collect();
    let results: Vec<_> = documents
        .iter()
        .flat_map(|d| d.findings.iter().map(move |f| (d, f)))
        .map(|(d, f)| {
            let index = Category::ALL.iter().position(|c| *c == f.category);
            json!({
                "ruleId": f.category.label(),
                "ruleIndex": index,
                "level": if fails(f.category) { "warning" } else { "note" },
                "message": { "text": format!("{} ({})", f.message, f.suggestion) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.file) },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.line,
                            "endColumn": f.end_column,
                            "snippet": { "text": f.matched },
                        },
                    },
                }],
                "properties": { "rule": f.rule, "suggestion": f.suggestion },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "second-story",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    super::write_json(out, &log)
}

/// A file path as a relative URI reference: forward slashes, spaces and
/// percent signs escaped.
fn uri(file: &str) -> String {
    file.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

/// GitHub Actions workflow commands: `::warning file=F,line=L,col=C,
/// endColumn=E,title=T::message`, one per finding (`::notice` for
/// categories that do not fail the run).
pub fn github(
    documents: &[Document],
    fails: &dyn Fn(Category) -> bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for d in documents {
        for f in &d.findings {
            let level = if fails(f.category) {
                "warning"
            } else {
                "notice"
            };
            writeln!(
                out,
                "::{level} file={},line={},col={},endColumn={},title={}::{}",
                property(&d.file),
                f.line,
                f.column,
                f.end_column,
                property(&format!("second-story: {}", f.category)),
                data(&format!("{} ({})", f.message, f.suggestion)),
            )?;
        }
    }
    Ok(())
}

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_what_github_would_misread() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a,b:c.md"), "a%2Cb%3Ac.md");
        assert_eq!(uri("post mortems\\2024.md"), "post%20mortems/2024.md");
    }
}
