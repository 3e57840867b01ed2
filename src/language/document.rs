//! A document as the coach reads it: which lines are the writer's prose
//! (not code, block quotes, HTML comments, front matter or link
//! definitions), which are headings and at what level, which categories the
//! in-file switches have turned off, and whether the document is told in the
//! first person.

use super::rules::Category;
use std::borrow::Cow;

/// Categories switched off, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Off(u8);

impl Off {
    const ALL: Off = Off(0x7f);

    fn bit(c: Category) -> u8 {
        1 << Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
    }

    pub(crate) fn contains(self, c: Category) -> bool {
        self.0 & Off::bit(c) != 0
    }
}

/// One line of prose to read.
pub(crate) struct ProseLine<'a> {
    /// From 1.
    pub number: usize,
    /// The line, HTML comments blanked out (columns kept).
    pub text: Cow<'a, str>,
    /// A heading's level (1 for `#` or `===`, 2 for `##` or `---`, ...).
    pub heading: Option<usize>,
    /// Categories the in-file switches have turned off here.
    pub off: Off,
}

/// The prose lines of a document, in order.
pub(crate) fn prose_lines(document: &str) -> Vec<ProseLine<'_>> {
    let raw: Vec<&str> = document.lines().collect();
    let mut out = Vec::new();
    let mut i = front_matter_end(&raw);
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;
    let mut off = Off::default();
    while i < raw.len() {
        let line = raw[i];
        let number = i + 1;
        i += 1;
        let trimmed = line.trim_start();
        if let Some((c, n)) = fence {
            if trimmed.chars().take_while(|x| *x == c).count() >= n {
                fence = None;
            }
            continue;
        }
        if !in_comment {
            let ticks = trimmed.chars().take_while(|x| *x == '`').count();
            let tildes = trimmed.chars().take_while(|x| *x == '~').count();
            if ticks >= 3 {
                fence = Some(('`', ticks));
                continue;
            }
            if tildes >= 3 {
                fence = Some(('~', tildes));
                continue;
            }
        }
        let (text, switches) = strip_comments(line, &mut in_comment);
        let skip = trimmed.starts_with('>') || is_link_definition(trimmed);
        if !skip && text.chars().any(char::is_alphanumeric) {
            let heading = atx_level(trimmed).or_else(|| setext_level(line, raw.get(i).copied()));
            out.push(ProseLine {
                number,
                text,
                heading,
                off,
            });
        }
        for (on, categories) in switches {
            let bits = if categories.is_empty() {
                Off::ALL.0
            } else {
                categories.iter().fold(0, |b, c| b | Off::bit(*c))
            };
            off = if on {
                Off(off.0 & !bits)
            } else {
                Off(off.0 | bits)
            };
        }
    }
    out
}

/// `---` on the first line opens YAML front matter (metadata, not prose);
/// the next `---` or `...` closes it.
fn front_matter_end(raw: &[&str]) -> usize {
    if raw.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    raw.iter()
        .enumerate()
        .skip(1)
        .take(200)
        .find(|(_, l)| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |(i, _)| i + 1)
}

/// An in-file switch: `<!-- second-story off -->`, `<!-- second-story on
/// blame counterfactual -->`. Unknown category names are ignored.
type Switch = (bool, Vec<Category>);

/// Blanks HTML comments (which may span lines) and reads the switches in
/// them.
fn strip_comments<'a>(line: &'a str, in_comment: &mut bool) -> (Cow<'a, str>, Vec<Switch>) {
    if !*in_comment && !line.contains("<!--") {
        return (Cow::Borrowed(line), Vec::new());
    }
    let mut out = String::with_capacity(line.len());
    let mut switches = Vec::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    out.extend(rest[..end + 3].chars().map(|_| ' '));
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => {
                    out.extend(rest.chars().map(|_| ' '));
                    return (Cow::Owned(out), switches);
                }
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    let body = &rest[start + 4..];
                    if let Some(end) = body.find("-->") {
                        switches.extend(switch(&body[..end]));
                    }
                    out.extend("<!--".chars().map(|_| ' '));
                    rest = body;
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return (Cow::Owned(out), switches);
                }
            }
        }
    }
}

fn switch(body: &str) -> Option<Switch> {
    let mut words = body.split_whitespace();
    if words.next()? != "second-story" {
        return None;
    }
    let on = match words.next()? {
        "on" => true,
        "off" => false,
        _ => return None,
    };
    let categories = words.filter_map(Category::from_label).collect();
    Some((on, categories))
}

/// `[id]: https://...`: a link reference definition.
fn is_link_definition(trimmed: &str) -> bool {
    trimmed.starts_with('[')
        && trimmed
            .find("]:")
            .is_some_and(|i| !trimmed[1..i].contains(']'))
}

fn atx_level(trimmed: &str) -> Option<usize> {
    let n = trimmed.chars().take_while(|c| *c == '#').count();
    let after = trimmed[n..].chars().next();
    ((1..=6).contains(&n) && after.is_none_or(char::is_whitespace)).then_some(n)
}

/// A line followed by `===` (level 1) or `---` (level 2) is a heading.
fn setext_level(line: &str, next: Option<&str>) -> Option<usize> {
    let next = next?.trim();
    if line.trim().is_empty() || next.is_empty() {
        return None;
    }
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with("- ") || t.starts_with("* ") || t.starts_with('|') {
        return None;
    }
    if next.chars().all(|c| c == '=') {
        Some(1)
    } else if next.len() >= 2 && next.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

/// Whether a document is told in the first person: I, we and their forms
/// make up at least one word in a hundred.
pub(crate) fn first_person(document: &str) -> bool {
    let mut words = 0usize;
    let mut first = 0usize;
    for w in document
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if matches!(
            w,
            "I" | "me"
                | "my"
                | "My"
                | "Me"
                | "mine"
                | "myself"
                | "we"
                | "We"
                | "us"
                | "our"
                | "Our"
                | "ours"
                | "ourselves"
        ) {
            first += 1;
        }
    }
    first >= 2 && first * 100 >= words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(doc: &str) -> Vec<usize> {
        prose_lines(doc).iter().map(|l| l.number).collect()
    }

    #[test]
    fn code_quotes_comments_front_matter_and_link_definitions_are_not_prose() {
        let doc = "---\ntitle: x\n---\nprose\n```\ncode\n```\n> quoted\n<!-- a\ncomment -->\n[1]: https://x\nmore <!-- hidden --> prose\n";
        assert_eq!(numbers(doc), [4, 12]);
        let l = &prose_lines(doc)[1];
        assert_eq!(l.text, "more                 prose");
    }

    #[test]
    fn switches_turn_categories_off_and_on() {
        let doc = "a\n<!-- second-story off blame -->\nb\n<!-- second-story off -->\nc\n<!-- second-story on -->\nd\n";
        let l = prose_lines(doc);
        let offs: Vec<(usize, bool, bool)> = l
            .iter()
            .map(|l| {
                (
                    l.number,
                    l.off.contains(Category::Blame),
                    l.off.contains(Category::RootCause),
                )
            })
            .collect();
        assert_eq!(
            offs,
            [
                (1, false, false),
                (3, true, false),
                (5, true, true),
                (7, false, false)
            ]
        );
    }

    #[test]
    fn headings_have_levels() {
        let doc = "# One\ntext\nTwo\n---\n### Three\nnot #a heading\n";
        let h: Vec<Option<usize>> = prose_lines(doc).iter().map(|l| l.heading).collect();
        assert_eq!(h, [Some(1), None, Some(2), Some(3), None]);
    }
}
