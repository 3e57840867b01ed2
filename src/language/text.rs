//! Turning a line into words the rules can match: Markdown syntax, code,
//! URLs, HTML and quotations set aside, contractions spelled out, every word
//! keeping its place in the source for the finding's span.

/// One word (or clause boundary) of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lower-case, contractions expanded ("should've" gives "should" and
    /// "have", both pointing at the same source span).
    pub norm: String,
    /// Column (from 1, in characters) where the source word starts.
    pub column: usize,
    /// Column just past the source word.
    pub end_column: usize,
    /// The source word started with a capital letter.
    pub capital: bool,
    /// Inside quotation marks: someone else's words, not the writer's.
    pub quoted: bool,
    /// A clause boundary (, ; : . ? ! | dashes and brackets), not a word.
    pub boundary: bool,
    /// First word of its sentence.
    pub sentence_start: bool,
}

/// Splits a line into tokens.
pub fn tokenize(line: &str) -> Vec<Token> {
    tokenize_from(line, false).0
}

/// Splits a line into tokens, `open` telling whether a curly double
/// quotation (“…”) is still open from the line before; the return says
/// whether one is open at the end of this line.
pub(crate) fn tokenize_from(line: &str, open: bool) -> (Vec<Token>, bool) {
    let chars: Vec<char> = line.chars().collect();
    let quoted = quotation_marks(&chars, open);
    let mut tokens = Vec::new();
    let mut i = markdown_prefix(&chars);
    let mut sentence_start = true;
    while i < chars.len() {
        let c = chars[i];
        if let Some(end) = skipped_span(&chars, i) {
            i = end;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || is_inner(&chars, i)) {
                i += 1;
            }
            let mut lower = String::with_capacity(i - start);
            for c in &chars[start..i] {
                if c.is_ascii() {
                    lower.push(c.to_ascii_lowercase());
                } else if *c == '’' {
                    lower.push('\'');
                } else {
                    lower.extend(c.to_lowercase());
                }
            }
            let capital = chars[start].is_uppercase();
            let (first, second) = expand(lower);
            for norm in std::iter::once(first).chain(second) {
                tokens.push(Token {
                    norm,
                    column: start + 1,
                    end_column: i + 1,
                    capital,
                    quoted: quoted.inside[start],
                    boundary: false,
                    sentence_start,
                });
            }
            sentence_start = false;
            continue;
        }
        if matches!(
            c,
            ',' | ';' | ':' | '.' | '?' | '!' | '—' | '–' | '(' | ')' | '[' | ']' | '|'
        ) || (c == '-' && chars.get(i + 1).is_some_and(|n| n.is_whitespace()) && i > 0)
        {
            tokens.push(Token {
                norm: c.to_string(),
                column: i + 1,
                end_column: i + 2,
                capital: false,
                quoted: quoted.inside[i],
                boundary: true,
                sentence_start: false,
            });
            if matches!(c, '.' | '?' | '!' | '|') {
                sentence_start = true;
            }
        }
        i += 1;
    }
    (tokens, quoted.open_at_end)
}

/// Which characters sit inside a quotation.
struct Quoted {
    inside: Vec<bool>,
    open_at_end: bool,
}

/// Pairs quotation marks on a line: straight double quotes pair within the
/// line; curly double quotes may run on from the line before; single quotes
/// (straight or curly) only around words, so apostrophes are not quotes. A
/// mark with no partner is ignored.
fn quotation_marks(chars: &[char], open: bool) -> Quoted {
    let n = chars.len();
    let mut inside = vec![false; n + 1];
    let mark = |from: usize, to: usize, inside: &mut Vec<bool>| {
        for flag in &mut inside[from..to] {
            *flag = true;
        }
    };
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let before_word = |i: usize| i == 0 || !word(i - 1);
    // Curly double quotes: “ opens, ” closes; may span lines.
    let mut curly_open = if open { Some(0) } else { None };
    for (i, c) in chars.iter().enumerate() {
        match c {
            '“' if curly_open.is_none() => curly_open = Some(i),
            '”' => {
                if let Some(from) = curly_open.take() {
                    mark(from, i + 1, &mut inside);
                }
            }
            _ => {}
        }
    }
    let open_at_end = curly_open.is_some();
    if let Some(from) = curly_open {
        mark(from, n, &mut inside);
    }
    // Straight double quotes pair in order within the line.
    let straight: Vec<usize> = (0..n).filter(|&i| chars[i] == '"').collect();
    for pair in straight.chunks_exact(2) {
        mark(pair[0], pair[1] + 1, &mut inside);
    }
    // Single quotes: an opening mark before a word, after a non-word; a
    // closing one after a word, before a non-word.
    let mut single_open: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate() {
        if c != '\'' && c != '‘' && c != '’' {
            continue;
        }
        let opens = (c == '‘' || c == '\'') && before_word(i) && word(i + 1);
        let closes = (c == '’' || c == '\'') && i > 0 && word(i - 1) && !word(i + 1);
        match single_open {
            Some(from) if closes => {
                mark(from, i + 1, &mut inside);
                single_open = None;
            }
            None if opens => single_open = Some(i),
            _ => {}
        }
    }
    Quoted {
        inside,
        open_at_end,
    }
}

/// Where a span that is not prose ends, if one starts at `i`: inline code,
/// a URL, an HTML tag or comment, a Markdown link target.
fn skipped_span(chars: &[char], i: usize) -> Option<usize> {
    let rest = &chars[i..];
    let starts = |s: &str| {
        let mut it = rest.iter();
        s.chars()
            .all(|c| it.next().is_some_and(|r| r.eq_ignore_ascii_case(&c)))
    };
    match chars[i] {
        '`' => {
            // Inline code: as many backticks close it as opened it.
            let ticks = rest.iter().take_while(|c| **c == '`').count();
            let mut j = i + ticks;
            while j < chars.len() {
                let run = chars[j..].iter().take_while(|c| **c == '`').count();
                if run == ticks {
                    return Some(j + run);
                }
                j += run.max(1);
            }
            Some(chars.len())
        }
        '~' if starts("~~") => {
            // Struck-through text: words the writer has taken back.
            find(chars, i + 2, &['~', '~']).map(|e| e + 2)
        }
        '<' if starts("<!--") => Some(
            find(chars, i + 4, &['-', '-', '>'])
                .map(|e| e + 3)
                .unwrap_or(chars.len()),
        ),
        '<' if rest
            .get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == '/') =>
        {
            // An HTML tag or an autolink: up to the closing '>'.
            find(chars, i + 1, &['>']).map(|e| e + 1)
        }
        ']' if rest.get(1) == Some(&'(') => {
            // A link or image target: `](url "title")`.
            let mut depth = 0;
            for (j, c) in chars.iter().enumerate().skip(i + 1) {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
            }
            Some(chars.len())
        }
        'h' | 'H' if starts("http://") || starts("https://") => Some(url_end(chars, i)),
        'w' | 'W' if starts("www.") && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
            Some(url_end(chars, i))
        }
        _ => None,
    }
}

/// A URL runs to whitespace, a closing bracket or quote, or trailing
/// punctuation.
fn url_end(chars: &[char], from: usize) -> usize {
    let mut j = from;
    while j < chars.len()
        && !chars[j].is_whitespace()
        && !matches!(chars[j], ')' | ']' | '>' | '"' | '”' | '’' | '|')
    {
        j += 1;
    }
    while j > from && matches!(chars[j - 1], '.' | ',' | ';' | ':' | '!' | '?') {
        j -= 1;
    }
    j
}

fn find(chars: &[char], from: usize, pat: &[char]) -> Option<usize> {
    (from..chars.len()).find(|&j| chars[j..].starts_with(pat))
}

/// An apostrophe or hyphen inside a word ("should've", "root-cause"), or
/// a point or comma inside a number ("1.21", "50,000").
fn is_inner(chars: &[char], i: usize) -> bool {
    let digits = i > 0
        && chars[i - 1].is_ascii_digit()
        && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
    (matches!(chars[i], '.' | ',') && digits)
        || (matches!(chars[i], '\'' | '’' | '-')
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()))
}

/// Skips Markdown block syntax at the start of a line: headings, list
/// markers, quotes, numbered items, task boxes.
fn markdown_prefix(chars: &[char]) -> usize {
    let mut i = 0;
    loop {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let rest = &chars[i..];
        let skip = match rest {
            ['#', ..] => rest.iter().take_while(|c| **c == '#').count(),
            ['>', ..] => 1,
            ['-' | '*' | '+' | '•', ' ', ..] => 2,
            ['[', ' ' | 'x' | 'X', ']', ..] => 3,
            [d, ..] if d.is_ascii_digit() => {
                let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                let after = rest.get(n + 1);
                if matches!(rest.get(n), Some('.' | ')')) && after.is_none_or(|c| *c == ' ') {
                    n + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        if skip == 0 {
            return i;
        }
        i += skip;
    }
}

/// Spells out contractions so rules match one form: the word, and a
/// second word when it was two.
fn expand(word: String) -> (String, Option<String>) {
    let pair = |a: &str, b: &str| (a.to_owned(), Some(b.to_owned()));
    if !word.contains('\'') {
        return match word.as_str() {
            "shoulda" => pair("should", "have"),
            "coulda" => pair("could", "have"),
            "woulda" => pair("would", "have"),
            "musta" => pair("must", "have"),
            "cannot" => pair("can", "not"),
            _ => (word, None),
        };
    }
    match word.as_str() {
        "can't" => return pair("can", "not"),
        "won't" => return pair("will", "not"),
        "shan't" => return pair("shall", "not"),
        "i'm" => return pair("i", "am"),
        "let's" => return pair("let", "us"),
        _ => {}
    }
    for (suffix, full) in [
        ("n't", "not"),
        ("'ve", "have"),
        ("'re", "are"),
        ("'ll", "will"),
        ("'d", "would"),
    ] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return pair(stem, full);
        }
    }
    if let Some(stem) = word.strip_suffix("'s") {
        // "it's", "that's": is; "Phil's": possessive, kept as a marker.
        return if matches!(
            stem,
            "it" | "that" | "there" | "he" | "she" | "what" | "who" | "this" | "here" | "where"
        ) {
            pair(stem, "is")
        } else {
            pair(stem, "'s")
        };
    }
    (word, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(line: &str) -> Vec<String> {
        tokenize(line)
            .into_iter()
            .filter(|t| !t.boundary)
            .map(|t| t.norm)
            .collect()
    }

    fn prose(line: &str) -> Vec<String> {
        tokenize(line)
            .into_iter()
            .filter(|t| !t.boundary && !t.quoted)
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn contractions_are_spelled_out_with_the_source_span() {
        assert_eq!(
            norms("He should've zoomed."),
            ["he", "should", "have", "zoomed"]
        );
        assert_eq!(norms("shoulda checked"), ["should", "have", "checked"]);
        assert_eq!(norms("Why didn't you?"), ["why", "did", "not", "you"]);
        let t = tokenize("I should’ve");
        assert_eq!((t[1].column, t[1].end_column, t[2].column), (3, 12, 3));
    }

    #[test]
    fn markdown_code_and_quotes_are_set_aside() {
        assert_eq!(
            norms("## - **Root** cause: `just do it`"),
            ["root", "cause"]
        );
        let t = tokenize("She said \"my fault\" twice");
        assert!(t.iter().filter(|t| t.norm == "fault").all(|t| t.quoted));
        assert!(t.iter().filter(|t| t.norm == "twice").all(|t| !t.quoted));
        assert_eq!(norms("3. Numbered item"), ["numbered", "item"]);
        assert_eq!(
            norms("1.21B queries, 50,000 people"),
            ["1.21b", "queries", "50,000", "people"]
        );
    }

    #[test]
    fn urls_links_and_html_are_not_prose() {
        assert_eq!(
            norms("See [the report](https://example.com/root-cause-human-error) now"),
            ["see", "the", "report", "now"]
        );
        assert_eq!(
            norms("Logs at https://x.io/why-did-you-fail, then <b>bold</b> <!-- just --> text"),
            ["logs", "at", "then", "bold", "text"]
        );
        assert_eq!(norms("Run ``a `b` c`` here"), ["run", "here"]);
        assert_eq!(
            norms("~~Why on earth~~ How did it go"),
            ["how", "did", "it", "go"]
        );
    }

    #[test]
    fn curly_and_single_quotes_are_quotations_but_apostrophes_are_not() {
        assert_eq!(
            prose("He called it “human error” and ‘root cause’ in Phil’s notes"),
            ["he", "called", "it", "and", "in", "phil", "'s", "notes"]
        );
        assert_eq!(
            prose("a 'fixed term' contract, the users' data"),
            ["a", "contract", "the", "users", "data"]
        );
        // An unpaired straight quote is ignored, not a quotation to the end.
        assert_eq!(prose("5\" screen is fine"), ["5", "screen", "is", "fine"]);
        // A curly quotation can run on to the next line.
        let (_, open) = tokenize_from("she said “we should have", false);
        assert!(open);
        let (t, open) = tokenize_from("known” and left", true);
        assert!(!open);
        assert!(t[0].quoted && !t[1].quoted);
    }
}
