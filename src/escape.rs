//! Text someone else wrote (a record's names, a file's name, a Say), made
//! safe for the medium it is written to: a terminal and a CSV table here;
//! HTML in [`crate::html::esc`].

use std::borrow::Cow;

/// Characters a terminal would act on rather than show: C0 and C1 control
/// characters (escape sequences start with one), DEL, and the invisible
/// marks that reorder or hide text (bidirectional overrides, zero-width
/// characters).
fn acts_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// Text for a terminal: every control or escape character shown as
/// `\n`, `\t`, `\r` or `\u{1b}`, so that a name cannot move the cursor,
/// recolour the screen or hide the text after it.
pub fn terminal(s: &str) -> Cow<'_, str> {
    shown(s, false)
}

/// Text of several lines for a terminal (a transcript line, a message):
/// like [`terminal`], but line breaks and tabs are kept as they are.
pub fn terminal_text(s: &str) -> Cow<'_, str> {
    shown(s, true)
}

fn shown(s: &str, keep_lines: bool) -> Cow<'_, str> {
    let kept = |c: char| keep_lines && (c == '\n' || c == '\t');
    if !s.chars().any(|c| acts_on_a_terminal(c) && !kept(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if kept(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if acts_on_a_terminal(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer for standard output and error that shows every control or
/// escape character it is given escaped, line breaks and tabs aside: the
/// last line of defence, so that nothing someone else wrote (a file name,
/// a record, a document) can drive the terminal, whatever path it took.
pub struct Terminal<W: std::io::Write> {
    inner: W,
}

impl<W: std::io::Write> Terminal<W> {
    pub fn new(inner: W) -> Self {
        Terminal { inner }
    }
}

impl<W: std::io::Write> std::io::Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) => self.inner.write_all(terminal_text(s).as_bytes())?,
            // Not UTF-8 (a piece of a character): the control bytes are
            // all ASCII, so they are escaped byte by byte.
            Err(_) => {
                for &b in buf {
                    if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                        write!(self.inner, "\\u{{{b:x}}}")?;
                    } else {
                        self.inner.write_all(&[b])?;
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One CSV field: quoted when it must be, and never a formula. A cell
/// that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would
/// run as a formula in a spreadsheet; it gets a leading apostrophe, which
/// spreadsheets show as text.
pub fn csv_field(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = s.contains([',', '"', '\n', '\r']);
    if !formula && !quote {
        return Cow::Borrowed(s);
    }
    let text = if formula {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    };
    if quote {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escape_sequence_in_a_name_is_shown_not_obeyed() {
        assert_eq!(terminal("Ana\u{1b}[2J"), "Ana\\u{1b}[2J");
        assert_eq!(terminal("a\nb\u{202e}c"), "a\\nb\\u{202e}c");
        assert!(matches!(terminal("Zoë Ødegård"), Cow::Borrowed(_)));
        assert_eq!(
            terminal_text("a\nb\u{1b}]0;x\u{7}"),
            "a\nb\\u{1b}]0;x\\u{7}"
        );
    }

    #[test]
    fn the_terminal_writer_passes_text_and_escapes_controls() {
        use std::io::Write;
        let mut out = Terminal::new(Vec::new());
        writeln!(out, "ok\tfine \u{1b}[31mred").unwrap();
        out.write_all(b"\x1b\xff").unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.inner),
            "ok\tfine \\u{1b}[31mred\n\\u{1b}\u{fffd}"
        );
    }

    #[test]
    fn a_formula_becomes_text_and_commas_are_quoted() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("@sum"), "'@sum");
        assert_eq!(csv_field("Lopez, Ana"), "\"Lopez, Ana\"");
        assert_eq!(csv_field("97"), "97");
    }
}
