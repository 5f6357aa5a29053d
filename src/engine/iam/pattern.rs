//! IAM's wildcards: `*` (any run of characters) and `?` (any one character)
//! in the `Action`, `Resource` and `NotResource` elements and in
//! `StringLike`/`StringNotLike` values (doc: IAM User Guide, "IAM JSON
//! policy elements"). A pattern is read once, when its policy is attached,
//! into tokens, so that the escapes of the 2012-10-17 policy language
//! (`${*}`, `${?}`, `${$}`: the character itself) stay literal.

/// One token of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// The character itself.
    Char(char),
    /// `*`: any run of characters, colons included.
    Any,
    /// `*` inside an ARN segment (followed by more of the segment): any run
    /// of characters but a colon.
    AnyInSegment,
    /// `?`: any one character (in an ARN, any but a colon).
    One,
}

/// A pattern, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<Token>);

/// What one piece of policy text is, once its escapes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// A glob: `*` and `?` are wildcards.
    Glob,
    /// An ARN glob: as [`Text::Glob`], but wildcards stay within an ARN
    /// segment (the parts between colons), except a `*` that ends its
    /// segment, which may match across colons (doc: IAM User Guide,
    /// "Resource": "If the `*` wildcard is the last character of a resource
    /// ARN segment, it can expand to match beyond colon boundaries").
    Arn,
}

/// Reads the escapes of policy text: in the 2012-10-17 language (`variables`
/// true), `${*}`, `${?}` and `${$}` are the characters themselves and any
/// other `${...}` is a policy variable, which the fake does not evaluate
/// (the `Err` names it). In the 2008-10-17 language every character is
/// itself. Each character comes with whether it is a wildcard.
fn read(text: &str, variables: bool) -> Result<Vec<(char, bool)>, String> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if variables && rest.starts_with("${") {
            let Some(end) = rest.find('}') else {
                return Err(format!("{text:?} has an unterminated policy variable"));
            };
            match &rest[2..end] {
                "*" => out.push(('*', false)),
                "?" => out.push(('?', false)),
                "$" => out.push(('$', false)),
                variable => {
                    return Err(format!(
                        "the policy variable ${{{variable}}} in {text:?} is not evaluated by redshift-fake"
                    ))
                }
            }
            rest = &rest[end + 1..];
            continue;
        }
        out.push((c, matches!(c, '*' | '?')));
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

/// Policy text with its escapes read, wildcards as plain characters: the
/// value of a `StringEquals`-like condition (where `*` is a `*`).
pub fn literal(text: &str, variables: bool) -> Result<String, String> {
    Ok(read(text, variables)?.into_iter().map(|(c, _)| c).collect())
}

impl Pattern {
    /// Reads a pattern of `kind` (see [`read`] for `variables`).
    pub fn new(text: &str, kind: Text, variables: bool) -> Result<Pattern, String> {
        let chars = read(text, variables)?;
        let tokens = chars
            .iter()
            .enumerate()
            .map(|(i, &(c, wild))| match (c, wild) {
                ('*', true) => {
                    let ends_segment = matches!(chars.get(i + 1), None | Some((':', _)));
                    if kind == Text::Arn && !ends_segment {
                        Token::AnyInSegment
                    } else {
                        Token::Any
                    }
                }
                ('?', true) => Token::One,
                _ => Token::Char(c),
            })
            .collect();
        Ok(Pattern(tokens))
    }

    /// Whether a pattern of `kind` matches the text (see [`Pattern::new`]).
    pub fn is_match(&self, text: &str, kind: Text) -> bool {
        let text: Vec<char> = text.chars().collect();
        // matched[j]: whether the tokens read so far match text[..j].
        let mut matched = vec![false; text.len() + 1];
        matched[0] = true;
        for token in &self.0 {
            let mut next = vec![false; text.len() + 1];
            match *token {
                Token::Any => {
                    // Any run: from the first position matched so far, on.
                    if let Some(first) = matched.iter().position(|&m| m) {
                        next[first..].fill(true);
                    }
                }
                Token::AnyInSegment => {
                    for j in 0..=text.len() {
                        next[j] = matched[j] || (j > 0 && next[j - 1] && text[j - 1] != ':');
                    }
                }
                Token::One => {
                    for j in 1..=text.len() {
                        next[j] = matched[j - 1] && !(kind == Text::Arn && text[j - 1] == ':');
                    }
                }
                Token::Char(c) => {
                    for j in 1..=text.len() {
                        next[j] = matched[j - 1] && text[j - 1] == c;
                    }
                }
            }
            if !next.contains(&true) {
                return false;
            }
            matched = next;
        }
        matched[text.len()]
    }
}
