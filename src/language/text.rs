//! Turning text into words the rules can match: Markdown syntax, code and
//! quoted speech set aside, contractions spelled out, every word keeping its
//! place in the source for the finding's span.

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
    /// Inside quotation marks: reported speech, not the writer's own words.
    pub quoted: bool,
    /// A clause boundary (, ; : . ? ! and dashes), not a word.
    pub boundary: bool,
    /// First word of its sentence.
    pub sentence_start: bool,
}

/// Splits a line into tokens. `in_code` tells whether the line sits in a
/// fenced code block; the return says whether the next one does.
pub fn tokenize(line: &str) -> Vec<Token> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut i = markdown_prefix(&chars);
    let mut quoted = false;
    let mut sentence_start = true;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            // Inline code: not prose.
            i += 1;
            while i < chars.len() && chars[i] != '`' {
                i += 1;
            }
            i += 1;
            continue;
        }
        if c == '"' || c == '“' || c == '”' {
            quoted = match c {
                '“' => true,
                '”' => false,
                _ => !quoted,
            };
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || is_inner(&chars, i)) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            for norm in expand(&word.to_lowercase().replace('’', "'")) {
                tokens.push(Token {
                    norm,
                    column: start + 1,
                    end_column: i + 1,
                    capital,
                    quoted,
                    boundary: false,
                    sentence_start,
                });
            }
            sentence_start = false;
            continue;
        }
        if matches!(c, ',' | ';' | ':' | '.' | '?' | '!' | '—' | '–' | '(' | ')') {
            tokens.push(Token {
                norm: c.to_string(),
                column: i + 1,
                end_column: i + 2,
                capital: false,
                quoted,
                boundary: true,
                sentence_start: false,
            });
            if matches!(c, '.' | '?' | '!') {
                sentence_start = true;
            }
        }
        i += 1;
    }
    tokens
}

/// An apostrophe or hyphen inside a word ("should've", "root-cause").
fn is_inner(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '\'' | '’' | '-')
        && i > 0
        && chars[i - 1].is_alphanumeric()
        && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
}

/// Skips Markdown block syntax at the start of a line: headings, list
/// markers, quotes, numbered items.
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
            ['-' | '*' | '+', ' ', ..] => 2,
            [d, ..] if d.is_ascii_digit() => {
                let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                if matches!(rest.get(n), Some('.' | ')')) && rest.get(n + 1) == Some(&' ') {
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

/// Spells out contractions so rules match one form.
fn expand(word: &str) -> Vec<String> {
    let pair = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
    match word {
        "shoulda" => return pair("should", "have"),
        "coulda" => return pair("could", "have"),
        "woulda" => return pair("would", "have"),
        "musta" => return pair("must", "have"),
        "can't" | "cannot" => return pair("can", "not"),
        "won't" => return pair("will", "not"),
        "shan't" => return pair("shall", "not"),
        "i'm" => return pair("i", "am"),
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
            "it" | "that" | "there" | "he" | "she" | "what" | "who" | "this"
        ) {
            pair(stem, "is")
        } else {
            pair(stem, "'s")
        };
    }
    vec![word.to_owned()]
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
    }
}
