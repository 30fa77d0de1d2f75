//! `--where` conditions: the WHERE clause of SQL over a corpus's metadata fields, parsed once
//! and evaluated per document with SQL's rules for missing values.
//!
//! The language: fields (`year`, `"un body"`), numbers, `'text'` (`''` inside is a quote),
//! `TRUE`, `FALSE`, `NULL`; `=` (or `==`), `<>` (or `!=`), `<`, `<=`, `>`, `>=`; `+ - * / %`;
//! `[NOT] IN (...)`, `[NOT] LIKE` and `[NOT] ILIKE` (`%` any run, `_` one character),
//! `[NOT] BETWEEN a AND b`, `IS [NOT] NULL`; `lower()`, `upper()`, `length()`; `AND`, `OR`,
//! `NOT` and parentheses. Keywords in any case. A comparison with a missing value is unknown,
//! and a document is kept only when its condition is true, as in SQL.

use crate::error::{Error, Result};
use std::cmp::Ordering;

/// A field's or an expression's value for one document.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// A parsed condition; fields are indices into the column list it was parsed against.
#[derive(Debug)]
pub(super) enum Node {
    Field(usize),
    Lit(Value),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Cmp(Ordering, bool, Box<Node>, Box<Node>),
    Arith(u8, Box<Node>, Box<Node>),
    Neg(Box<Node>),
    In(Box<Node>, Vec<Node>, bool),
    Like(Box<Node>, Box<Node>, bool, bool),
    Between(Box<Node>, Box<Node>, Box<Node>, bool),
    IsNull(Box<Node>, bool),
    Func(Func, Box<Node>),
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Func {
    Lower,
    Upper,
    Length,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Text(String),
    Num(String),
    Sym(&'static str),
}

/// Whether a name is a measure of `verbale docs` (its columns after `doc` and `path`), which a
/// condition cannot name: it chooses documents before they are read.
fn is_measure(name: &str) -> bool {
    use crate::frames::schema::{DOCS, DOC_MEASURES};
    DOCS[2..].contains(&name) || DOC_MEASURES.contains(&name)
}

const SYMBOLS: &[&str] = &[
    "<=", ">=", "<>", "!=", "==", "=", "<", ">", "(", ")", ",", "+", "-", "*", "/", "%",
];

/// The mark that closes a quotation `open` starts: text in single quotes, a name in double
/// ones; the curly quotes a word processor puts in count as the straight ones.
fn closing(open: char) -> Option<char> {
    match open {
        '\'' | '"' => Some(open),
        '‘' => Some('’'),
        '“' => Some('”'),
        _ => None,
    }
}

/// The tokens of `expr`, each with its byte offset (shown as a character number in messages).
fn lex(expr: &str) -> Result<Vec<(Tok, usize)>> {
    let mut out = Vec::new();
    let mut it = expr.char_indices().peekable();
    while let Some(&(at, c)) = it.peek() {
        let pos = at;
        if c.is_whitespace() {
            it.next();
        } else if let Some(close) = closing(c) {
            it.next();
            let mut s = String::new();
            loop {
                match it.next() {
                    Some((_, q)) if q == close => {
                        if it.peek().is_some_and(|&(_, n)| n == close) {
                            it.next();
                            s.push(close);
                        } else {
                            break;
                        }
                    }
                    Some((_, ch)) => s.push(ch),
                    None => {
                        return Err(bad(
                            expr,
                            pos,
                            &format!("the {c} opened here is not closed"),
                        ))
                    }
                }
            }
            out.push((
                if matches!(c, '\'' | '‘') {
                    Tok::Text(s)
                } else {
                    Tok::Quoted(s)
                },
                pos,
            ));
        } else if c.is_ascii_digit()
            || (c == '.' && expr[at + 1..].starts_with(|d: char| d.is_ascii_digit()))
        {
            let mut s = String::new();
            while let Some(&(_, d)) = it.peek() {
                if d.is_ascii_digit() || d == '.' || d == '_' {
                    s.push(d);
                    it.next();
                } else {
                    break;
                }
            }
            out.push((Tok::Num(s.replace('_', "")), pos));
        } else if c.is_alphabetic() || c == '_' {
            let mut s = String::new();
            while let Some(&(_, d)) = it.peek() {
                if d.is_alphanumeric() || d == '_' {
                    s.push(d);
                    it.next();
                } else {
                    break;
                }
            }
            out.push((Tok::Word(s), pos));
        } else if let Some(sym) = SYMBOLS.iter().find(|s| expr[at..].starts_with(**s)) {
            for _ in 0..sym.len() {
                it.next();
            }
            out.push((Tok::Sym(sym), pos));
        } else {
            return Err(bad(expr, pos, &format!("'{c}' has no meaning here")));
        }
    }
    Ok(out)
}

/// The error for `expr` at byte `at` (shown as a character number, from 1).
fn bad(expr: &str, at: usize, why: &str) -> Error {
    let pos = expr[..at].chars().count() + 1;
    Error::Invalid(format!(
        "'{expr}' is not an expression: {why} (character {pos}); a condition compares fields \
         with =, <>, <, <=, >, >=, IN (...), LIKE, BETWEEN or IS NULL, joined by AND, OR and NOT"
    ))
}

/// How deep a condition may nest (a recursion each level): far past what anyone writes, far
/// short of the stack's end.
const MAX_DEPTH: usize = 64;

/// How many words, values and signs a condition may have: a chain of 500 ORs nests 500
/// levels, which evaluating it recurses through (IN (...) takes a long list flat).
const MAX_TOKENS: usize = 1000;

/// A recursive-descent parser over the tokens (each with its byte offset); `columns` are the
/// names a word can be.
struct Parser<'a> {
    expr: &'a str,
    toks: Vec<(Tok, usize)>,
    at: usize,
    /// How deep the parse is in brackets, NOTs and minus signs (each a recursion).
    depth: usize,
    columns: &'a [String],
    fields: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.0)
    }

    /// The byte offset of the next token (the end, past the last).
    fn pos(&self) -> usize {
        self.toks.get(self.at).map_or(self.expr.len(), |t| t.1)
    }

    fn err(&self, why: &str) -> Error {
        bad(self.expr, self.pos(), why)
    }

    /// Takes the keyword `k` (any case) if it comes next.
    fn keyword(&mut self, k: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(k));
        self.at += hit as usize;
        hit
    }

    fn symbol(&mut self, s: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Sym(x)) if *x == s);
        self.at += hit as usize;
        hit
    }

    fn expect(&mut self, s: &str) -> Result<()> {
        if self.symbol(s) {
            Ok(())
        } else {
            Err(self.err(&format!("'{s}' expected")))
        }
    }

    /// Parses with `inner` one level deeper: a condition nested past [`MAX_DEPTH`] is refused
    /// rather than left to overflow the stack.
    fn nested(&mut self, inner: impl FnOnce(&mut Self) -> Result<Node>) -> Result<Node> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(&format!(
                "the condition nests more than {MAX_DEPTH} levels deep (brackets, NOT or minus \
                 signs); write it flatter"
            )));
        }
        self.depth += 1;
        let node = inner(self);
        self.depth -= 1;
        node
    }

    fn or(&mut self) -> Result<Node> {
        self.nested(|p| {
            let mut left = p.and()?;
            while p.keyword("or") {
                left = Node::Or(Box::new(left), Box::new(p.and()?));
            }
            Ok(left)
        })
    }

    fn and(&mut self) -> Result<Node> {
        let mut left = self.not()?;
        while self.keyword("and") {
            left = Node::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Node> {
        if self.keyword("not") {
            return self.nested(|p| Ok(Node::Not(Box::new(p.not()?))));
        }
        self.predicate()
    }

    /// A comparison, or a value followed by IN, LIKE, BETWEEN or IS NULL, or a value alone.
    fn predicate(&mut self) -> Result<Node> {
        let left = Box::new(self.sum()?);
        const OPS: [(&str, Ordering, bool); 8] = [
            ("=", Ordering::Equal, true),
            ("==", Ordering::Equal, true),
            ("<>", Ordering::Equal, false),
            ("!=", Ordering::Equal, false),
            ("<", Ordering::Less, true),
            (">=", Ordering::Less, false),
            (">", Ordering::Greater, true),
            ("<=", Ordering::Greater, false),
        ];
        for (s, ord, is) in OPS {
            if self.symbol(s) {
                return Ok(Node::Cmp(ord, is, left, Box::new(self.sum()?)));
            }
        }
        if self.keyword("is") {
            let negated = self.keyword("not");
            if !self.keyword("null") {
                return Err(self.err("NULL expected after IS"));
            }
            return Ok(Node::IsNull(left, negated));
        }
        let negated = self.keyword("not");
        if self.keyword("in") {
            self.expect("(")?;
            let mut list = vec![self.sum()?];
            while self.symbol(",") {
                list.push(self.sum()?);
            }
            self.expect(")")?;
            return Ok(Node::In(left, list, negated));
        }
        for (k, insensitive) in [("like", false), ("ilike", true)] {
            if self.keyword(k) {
                return Ok(Node::Like(
                    left,
                    Box::new(self.sum()?),
                    insensitive,
                    negated,
                ));
            }
        }
        if self.keyword("between") {
            let lo = Box::new(self.sum()?);
            if !self.keyword("and") {
                return Err(self.err("AND expected in BETWEEN ... AND ..."));
            }
            return Ok(Node::Between(left, lo, Box::new(self.sum()?), negated));
        }
        if negated {
            return Err(self.err("IN, LIKE or BETWEEN expected after NOT"));
        }
        Ok(*left)
    }

    fn sum(&mut self) -> Result<Node> {
        let mut left = self.product()?;
        loop {
            let op = if self.symbol("+") {
                b'+'
            } else if self.symbol("-") {
                b'-'
            } else {
                return Ok(left);
            };
            left = Node::Arith(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Node> {
        let mut left = self.atom()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Sym("*")) => b'*',
                Some(Tok::Sym("/")) => b'/',
                Some(Tok::Sym("%")) => b'%',
                _ => return Ok(left),
            };
            self.at += 1;
            left = Node::Arith(op, Box::new(left), Box::new(self.atom()?));
        }
    }

    fn atom(&mut self) -> Result<Node> {
        let Some((tok, _)) = self.toks.get(self.at).cloned() else {
            return Err(self.err("the condition ends too soon"));
        };
        self.at += 1;
        Ok(match tok {
            Tok::Sym("-") => self.nested(|p| Ok(Node::Neg(Box::new(p.atom()?))))?,
            Tok::Sym("(") => {
                let inner = self.or()?;
                self.expect(")")?;
                inner
            }
            Tok::Num(n) => Node::Lit(number(&n).ok_or_else(|| {
                self.at -= 1;
                self.err(&format!("'{n}' is not a number"))
            })?),
            Tok::Text(s) => Node::Lit(Value::Str(s)),
            // A double-quoted word names a field when there is one, else it is text, as
            // people write `country = "RUS"`.
            Tok::Quoted(s) => match self.field(&s) {
                Some(i) => Node::Field(i),
                None => Node::Lit(Value::Str(s)),
            },
            Tok::Word(w) => self.word(w)?,
            Tok::Sym(s) => {
                self.at -= 1;
                // A LIKE pattern written bare (`title like %Russia Ukraine%`) is text to quote:
                // up to the next AND, OR or closing bracket.
                let after_like = self.at > 0
                    && matches!(&self.toks[self.at - 1].0,
                        Tok::Word(w) if w.eq_ignore_ascii_case("like"));
                let rest = &self.expr[self.pos()..];
                let lower = rest.to_ascii_lowercase();
                let end = [" and ", " or ", ")"]
                    .iter()
                    .filter_map(|k| lower.find(k))
                    .min()
                    .unwrap_or(rest.len());
                let hint = if after_like && s == "%" {
                    let bare = rest[..end].trim_end();
                    format!(" (a pattern is text, written in single quotes: '{bare}')")
                } else {
                    String::new()
                };
                return Err(self.err(&format!("'{s}' cannot start a value{hint}")));
            }
        })
    }

    /// A keyword value, a function call or a field.
    fn word(&mut self, w: String) -> Result<Node> {
        let lower = w.to_ascii_lowercase();
        match lower.as_str() {
            "true" => return Ok(Node::Lit(Value::Bool(true))),
            "false" => return Ok(Node::Lit(Value::Bool(false))),
            "null" => return Ok(Node::Lit(Value::Null)),
            "and" | "or" | "not" | "in" | "is" | "like" | "ilike" | "between" => {
                self.at -= 1;
                return Err(self.err(&format!("expected a value, found the keyword '{w}'")));
            }
            _ => {}
        }
        if self.symbol("(") {
            let f = match lower.as_str() {
                "lower" => Func::Lower,
                "upper" => Func::Upper,
                "length" | "len" | "char_length" => Func::Length,
                _ => {
                    self.at -= 2;
                    return Err(self.err(&format!(
                        "no function '{w}' (there are lower, upper and length)"
                    )));
                }
            };
            let arg = self.or()?;
            self.expect(")")?;
            return Ok(Node::Func(f, Box::new(arg)));
        }
        match self.field(&w) {
            Some(i) => Ok(Node::Field(i)),
            None => {
                let near = self
                    .columns
                    .iter()
                    .filter(|c| strsim::levenshtein(&c.to_lowercase(), &lower) <= 2)
                    .min_by_key(|c| strsim::levenshtein(&c.to_lowercase(), &lower));
                // A word an operator follows stands where a field does (`year = 2005` with
                // no year field); elsewhere it may be text written without quotes.
                let as_field = match self.peek() {
                    Some(Tok::Sym(op)) => {
                        matches!(*op, "=" | "==" | "!=" | "<>" | "<" | ">" | "<=" | ">=")
                    }
                    Some(Tok::Word(k)) => matches!(
                        k.to_ascii_lowercase().as_str(),
                        "in" | "is" | "like" | "ilike" | "between" | "not"
                    ),
                    _ => false,
                };
                let hint = match near {
                    _ if lower == "where" => " (leave out the word WHERE)".to_string(),
                    _ if lower == "folder" => " (documents have a folder only when they sit in \
                        subfolders of a folder given; to choose by the folder given, compare \
                        the path: path like '%statements/%')"
                        .to_string(),
                    _ if is_measure(&lower) => format!(
                        " ('{w}' is a measure of the text, known once it is read: --where \
                         chooses documents by their metadata before reading; filter the table \
                         of `verbale docs -f csv` instead)"
                    ),
                    Some(c) if w.chars().count() > 3 => format!(" (did you mean '{c}'?)"),
                    _ if as_field => String::new(),
                    _ => format!(" (text is written in single quotes: '{w}')"),
                };
                Err(Error::Invalid(format!(
                    "unknown field '{w}' in '{}'{hint}; the fields are: {}",
                    self.expr, self.fields
                )))
            }
        }
    }

    /// The column a name gives: the one of that name, or else the only one of that name in
    /// another case (`Year` for `year`, as SQL reads unquoted names).
    fn field(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name).or_else(|| {
            let mut same = self
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.eq_ignore_ascii_case(name));
            match (same.next(), same.next()) {
                (Some((i, _)), None) => Some(i),
                _ => None,
            }
        })
    }
}

fn number(n: &str) -> Option<Value> {
    if n.contains('.') {
        n.parse().ok().map(Value::Float)
    } else {
        n.parse().ok().map(Value::Int)
    }
}

/// Parses `expr` over `columns` (`fields` names them in an unknown-field message).
pub(super) fn parse(expr: &str, columns: &[String], fields: &str) -> Result<Node> {
    let mut p = Parser {
        expr,
        toks: lex(expr)?,
        at: 0,
        depth: 0,
        columns,
        fields,
    };
    if p.toks.is_empty() {
        return Err(p.err("the condition is empty"));
    }
    // A chain of ANDs, ORs or sums nests one level per link, and evaluating it recurses as
    // deep: bounded by the length of the condition.
    if p.toks.len() > MAX_TOKENS {
        return Err(Error::Invalid(format!(
            "the condition has {} words, values and signs, more than {MAX_TOKENS}; write it \
             shorter (IN (...) takes a list of values)",
            p.toks.len()
        )));
    }
    let node = p.or()?;
    if p.at < p.toks.len() {
        return Err(p.err("the condition goes on past its end"));
    }
    Ok(node)
}

/// Whether the condition holds for a document whose field values `row` gives (in the column
/// order it was parsed against): an error names what cannot be compared.
pub(super) fn holds(node: &Node, row: &[Value], expr: &str) -> Result<bool> {
    match eval(node, row, expr)? {
        Value::Bool(b) => Ok(b),
        Value::Null => Ok(false),
        other => Err(Error::Invalid(format!(
            "'{expr}' is not a condition (true or false for each document): it gives {}",
            shown(&other)
        ))),
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => "NULL".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => format!("'{s}'"),
    }
}

fn eval(node: &Node, row: &[Value], expr: &str) -> Result<Value> {
    let ev = |n: &Node| eval(n, row, expr);
    Ok(match node {
        Node::Field(i) => row[*i].clone(),
        Node::Lit(v) => v.clone(),
        Node::Not(a) => match truth(&ev(a)?, expr)? {
            Some(b) => Value::Bool(!b),
            None => Value::Null,
        },
        Node::And(a, b) => match (truth(&ev(a)?, expr)?, truth(&ev(b)?, expr)?) {
            (Some(false), _) | (_, Some(false)) => Value::Bool(false),
            (Some(true), Some(true)) => Value::Bool(true),
            _ => Value::Null,
        },
        Node::Or(a, b) => match (truth(&ev(a)?, expr)?, truth(&ev(b)?, expr)?) {
            (Some(true), _) | (_, Some(true)) => Value::Bool(true),
            (Some(false), Some(false)) => Value::Bool(false),
            _ => Value::Null,
        },
        Node::Cmp(ord, is, a, b) => match compare(&ev(a)?, &ev(b)?, expr)? {
            Some(o) => Value::Bool((o == *ord) == *is),
            None => Value::Null,
        },
        Node::Arith(op, a, b) => arith(*op, ev(a)?, ev(b)?, expr)?,
        Node::Neg(a) => arith(b'-', Value::Int(0), ev(a)?, expr)?,
        Node::In(a, list, negated) => {
            let v = ev(a)?;
            let mut unknown = false;
            for item in list {
                match compare(&v, &ev(item)?, expr)? {
                    Some(Ordering::Equal) => return Ok(Value::Bool(!negated)),
                    None => unknown = true,
                    _ => {}
                }
            }
            if unknown {
                Value::Null
            } else {
                Value::Bool(*negated)
            }
        }
        Node::Like(a, p, insensitive, negated) => match (ev(a)?, ev(p)?) {
            (Value::Null, _) | (_, Value::Null) => Value::Null,
            (Value::Str(s), Value::Str(p)) => Value::Bool(like(&s, &p, *insensitive) != *negated),
            (s, p) => return Err(cannot(expr, &s, &p, "LIKE compares text with text")),
        },
        Node::Between(a, lo, hi, negated) => {
            let v = ev(a)?;
            match (compare(&v, &ev(lo)?, expr)?, compare(&v, &ev(hi)?, expr)?) {
                (Some(l), Some(h)) => Value::Bool((l.is_ge() && h.is_le()) != *negated),
                _ => Value::Null,
            }
        }
        Node::IsNull(a, negated) => Value::Bool((ev(a)? == Value::Null) != *negated),
        Node::Func(f, a) => match (f, ev(a)?) {
            (_, Value::Null) => Value::Null,
            (Func::Lower, Value::Str(s)) => Value::Str(s.to_lowercase()),
            (Func::Upper, Value::Str(s)) => Value::Str(s.to_uppercase()),
            (Func::Length, Value::Str(s)) => Value::Int(s.chars().count() as i64),
            (_, v) => {
                return Err(Error::Invalid(format!(
                    "'{expr}': lower, upper and length take text, not {}",
                    shown(&v)
                )))
            }
        },
    })
}

fn truth(v: &Value, expr: &str) -> Result<Option<bool>> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(Error::Invalid(format!(
            "'{expr}': {} is not true or false; AND, OR and NOT join conditions",
            shown(other)
        ))),
    }
}

fn cannot(expr: &str, a: &Value, b: &Value, why: &str) -> Error {
    Error::Invalid(format!(
        "'{expr}': cannot compare {} with {} ({why})",
        shown(a),
        shown(b)
    ))
}

/// The order of two values (`None` when one is missing). Numbers compare as numbers, text as
/// text; text that reads as a number compares with a number (`year = '2014'`).
fn compare(a: &Value, b: &Value, expr: &str) -> Result<Option<Ordering>> {
    let num = |v: &Value| match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Ok(match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) if !matches!((a, b), (Value::Str(_), Value::Str(_))) => {
                x.partial_cmp(&y)
            }
            _ => {
                // Text against a number (`month = 3` where months are `2021-03`): show how the
                // field writes its values.
                let why = match (a, b) {
                    (t @ Value::Str(_), n @ (Value::Int(_) | Value::Float(_)))
                    | (n @ (Value::Int(_) | Value::Float(_)), t @ Value::Str(_)) => {
                        format!(
                            "numbers compare with numbers, text with text: {} is text, {} a \
                             number; compare a field of numbers with a number, without quotes, \
                             and a field of text with a value in single quotes as the field \
                             writes it (`verbale docs` shows the fields' values)",
                            shown(t),
                            shown(n)
                        )
                    }
                    _ => "numbers compare with numbers, text with text".to_string(),
                };
                return Err(cannot(expr, a, b, &why));
            }
        },
    })
}

fn arith(op: u8, a: Value, b: Value, expr: &str) -> Result<Value> {
    Ok(match (&a, &b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => match op {
            b'+' => x.checked_add(*y).map_or(Value::Null, Value::Int),
            b'-' => x.checked_sub(*y).map_or(Value::Null, Value::Int),
            b'*' => x.checked_mul(*y).map_or(Value::Null, Value::Int),
            // Division is exact, as in pandas, R and polars: 2015 / 2 is 1007.5.
            b'/' if *y == 0 => Value::Null,
            b'/' => Value::Float(*x as f64 / *y as f64),
            _ => x.checked_rem(*y).map_or(Value::Null, Value::Int),
        },
        (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
            let f = |v: &Value| match v {
                Value::Int(i) => *i as f64,
                Value::Float(x) => *x,
                _ => 0.0,
            };
            let (x, y) = (f(&a), f(&b));
            if matches!(op, b'/' | b'%') && y == 0.0 {
                return Ok(Value::Null);
            }
            Value::Float(match op {
                b'+' => x + y,
                b'-' => x - y,
                b'*' => x * y,
                b'/' => x / y,
                _ => x % y,
            })
        }
        _ => {
            return Err(Error::Invalid(format!(
                "'{expr}': arithmetic on {} and {} (it takes numbers)",
                shown(&a),
                shown(&b)
            )))
        }
    })
}

/// SQL LIKE: `%` matches any run of characters, `_` one character.
fn like(s: &str, pattern: &str, insensitive: bool) -> bool {
    let fold = |x: &str| -> Vec<char> {
        if insensitive {
            x.to_lowercase().chars().collect()
        } else {
            x.chars().collect()
        }
    };
    let (s, p) = (fold(s), fold(pattern));
    // Classic wildcard matching with one backtrack point for the last `%`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while i < s.len() {
        if j < p.len() && (p[j] == '_' || (p[j] != '%' && p[j] == s[i])) {
            i += 1;
            j += 1;
        } else if j < p.len() && p[j] == '%' {
            star = Some(j);
            mark = i;
            j += 1;
        } else if let Some(st) = star {
            j = st + 1;
            mark += 1;
            i = mark;
        } else {
            return false;
        }
    }
    p[j..].iter().all(|&c| c == '%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keeps(expr: &str, rows: &[Vec<Value>]) -> Vec<bool> {
        let cols = ["country".to_string(), "year".into(), "body".into()];
        let node = parse(expr, &cols, "country, year, body").unwrap();
        rows.iter()
            .map(|r| holds(&node, r, expr).unwrap())
            .collect()
    }

    fn rows() -> Vec<Vec<Value>> {
        let s = |x: &str| Value::Str(x.into());
        vec![
            vec![s("RUS"), Value::Int(2014), s("General Assembly")],
            vec![s("UKR"), Value::Int(2013), Value::Null],
            vec![Value::Null, Value::Int(2022), s("Human Rights Council")],
        ]
    }

    #[test]
    fn sql_conditions_keep_what_sql_keeps() {
        let r = rows();
        assert_eq!(
            keeps("year >= 2014 AND country = 'RUS'", &r),
            [true, false, false]
        );
        assert_eq!(keeps("country in ('RUS', 'UKR')", &r), [true, true, false]);
        // A missing value is unknown: neither = nor <> keeps it, NOT IN neither.
        assert_eq!(keeps("country <> 'RUS'", &r), [false, true, false]);
        assert_eq!(keeps("country NOT IN ('RUS')", &r), [false, true, false]);
        assert_eq!(
            keeps("country is null or year < 2014", &r),
            [false, true, true]
        );
        assert_eq!(
            keeps("NOT (year BETWEEN 2013 AND 2014)", &r),
            [false, false, true]
        );
        assert_eq!(keeps("body like '%Council'", &r), [false, false, true]);
        assert_eq!(
            keeps("body ilike 'general_assembly'", &r),
            [true, false, false]
        );
        assert_eq!(
            keeps("year % 2 = 0 and year - 2000 > 13", &r),
            [true, false, true]
        );
        assert_eq!(keeps("lower(country) = 'ukr'", &r), [false, true, false]);
        assert_eq!(
            keeps(r#"country = "RUS" or "year" = '2022'"#, &r),
            [true, false, true]
        );
        assert_eq!(keeps("1 = 1", &r), [true, true, true]);
        // Exact division (2013 / 2 is 1006.5), none by zero.
        assert_eq!(keeps("year / 2 = 1006.5", &r), [false, true, false]);
        assert_eq!(keeps("year / 2 = 1007", &r), [true, false, false]);
        assert_eq!(keeps("year / 0 is null", &r), [true, true, true]);
        // Names in any case, as SQL reads them; a word processor's curly quotes.
        assert_eq!(
            keeps("YEAR = 2013 or Country = ‘RUS’", &r),
            [true, true, false]
        );
        assert_eq!(keeps("“country” = 'UKR'", &r), [false, true, false]);
        assert_eq!(
            keeps("country = 'RUS' OR body IS NOT NULL AND year > 2020", &r),
            [true, false, true]
        );
    }

    #[test]
    fn bad_conditions_say_where_and_why() {
        let cols = ["year".to_string()];
        let err = |e: &str| match parse(e, &cols, "year") {
            Err(x) => x.to_string(),
            Ok(n) => holds(&n, &[Value::Int(2014)], e).unwrap_err().to_string(),
        };
        assert!(
            err("yeer > 1").contains("unknown field 'yeer' in 'yeer > 1' (did you mean 'year'?)")
        );
        assert!(err("year = RUS").contains("text is written in single quotes: 'RUS'"));
        let like = err("year like %20 10% and year > 1");
        assert!(
            like.contains("a pattern is text, written in single quotes: '%20 10%')"),
            "{like}"
        );
        assert!(!err("year > %").contains("a pattern"));
        // A field where there is none: no advice to quote it.
        let e = err("yr = 2005");
        assert!(
            e.contains("unknown field 'yr'") && !e.contains("quotes"),
            "{e}"
        );
        assert!(err("where year = 1").contains("leave out the word WHERE"));
        // A measure of `docs` is known only once the text is read.
        let e = err("tokens > 1000");
        assert!(
            e.contains("'tokens' is a measure of the text") && !e.contains("did you mean"),
            "{e}"
        );
        assert!(err("year >").contains("ends too soon"));
        assert!(err("year >= and").contains("found the keyword 'and' (character 9)"));
        assert!(err("year > 'x").contains("not closed"));
        assert!(err("year = 1 2").contains("goes on past its end (character 10)"));
        assert!(err("year + 1").contains("not a condition"));
        assert!(err("year = 'abc'").contains("cannot compare 2014 with 'abc'"));
        assert!(err("year = 'abc'").contains("'abc' is text, 2014 a number"));
        assert!(err("year = 'abc'").contains("a field of numbers with a number, without quotes"));
        // A folder given is no field; its documents' paths hold it.
        assert!(err("folder = 'x'").contains("compare the path: path like"));
        assert!(err("soundex(year) = 1").contains("no function 'soundex'"));
        assert!(err("year ; drop").contains("';' has no meaning here"));
    }

    /// Nesting that would overflow the stack is refused; deep but reasonable nesting holds. A
    /// condition is parsed on the main thread, whose stack (8 MB) the test gives itself: a
    /// debug build's frames are several times a release build's.
    #[test]
    fn deep_conditions_are_refused_before_the_stack_ends() {
        let run = || {
            let cols = ["year".to_string()];
            let err = |e: &str| match parse(e, &cols, "year") {
                Err(x) => x.to_string(),
                Ok(_) => String::new(),
            };
            let deep = |n: usize, open: &str, close: &str| {
                format!("{}year = 2014{}", open.repeat(n), close.repeat(n))
            };
            for e in [
                deep(100, "(", ")"),
                deep(100, "NOT ", ""),
                format!("year = {}2014", "-".repeat(100)),
                deep(100, "lower(", ")"),
            ] {
                assert!(
                    err(&e).contains("nests more than 64 levels"),
                    "{}",
                    &e[..20]
                );
            }
            for e in [
                format!("year = 0{}", "+0".repeat(20_000)),
                format!("year = 1{}", " or 1".repeat(20_000)),
            ] {
                assert!(err(&e).contains("more than 1000"), "{}", &e[..20]);
            }
            // The longest chains allowed (999 words and signs) evaluate.
            let sum = format!("year = 0{}", "+0".repeat(497));
            assert!(!holds(
                &parse(&sum, &cols, "year").unwrap(),
                &[Value::Int(2014)],
                &sum
            )
            .unwrap());
            let ok = format!("year = 2014{}", " or year = 1".repeat(249));
            assert!(holds(
                &parse(&ok, &cols, "year").unwrap(),
                &[Value::Int(2014)],
                &ok
            )
            .unwrap());
            let ok = deep(60, "(", ")");
            assert!(holds(
                &parse(&ok, &cols, "year").unwrap(),
                &[Value::Int(2014)],
                &ok
            )
            .unwrap());
        };
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(run)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn like_matches_sql_wildcards() {
        assert!(like("path/to/wh/file.txt", "%/wh/%", false));
        assert!(like("abc", "a_c", false));
        assert!(!like("abc", "a_", false));
        assert!(like("", "%", false));
        assert!(like("aXbXc", "a%b%c", false));
        assert!(!like("ABC", "abc", false));
        assert!(like("ABC", "abc", true));
    }
}
