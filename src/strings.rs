//! Every text the theme shows a reader, in one table per language (`themes/default/strings/`),
//! overridable from `book.toml`'s `[strings]`: the word for a principle, labels, plurals.
//! Templates read it through the `t` function; scripts through `assets/strings.js`, which
//! carries the `js_` texts ([`Strings::script`]).

use std::collections::BTreeMap;

use crate::config::{Config, StringValue, CONFIG_FILE};
use crate::diagnostic::{did_you_mean, Diagnostic};

/// The built-in tables, by language.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../themes/default/strings/en.toml")),
    ("fr", include_str!("../themes/default/strings/fr.toml")),
];

/// How a language chooses between the `one` and `other` forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PluralRule {
    /// English and most languages: `one` for exactly 1.
    OneIsSingular,
    /// French: `one` for 0 and 1.
    ZeroAndOneAreSingular,
}

/// The texts of one handbook, with the principle word and other placeholders filled in.
#[derive(Debug, Clone)]
pub struct Strings {
    texts: BTreeMap<String, StringValue>,
    rule: PluralRule,
}

/// The languages with a built-in table.
pub fn languages() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(l, _)| *l)
}

fn table(text: &str) -> BTreeMap<String, StringValue> {
    toml::from_str(text).expect("a built-in strings table is valid TOML")
}

/// `text` with its first letter in upper case.
fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

impl Strings {
    /// The built-in table of the handbook's language (English when there is none), with the
    /// handbook's own `[strings]` over it. An unknown key there is an error.
    pub fn for_config(config: &Config) -> Result<Strings, Vec<Diagnostic>> {
        let lang = config.language.split(['-', '_']).next().unwrap_or("en");
        let english = table(BUILT_IN[0].1);
        let mut texts = english.clone();
        if let Some((_, t)) = BUILT_IN.iter().find(|(l, _)| l.eq_ignore_ascii_case(lang)) {
            texts.extend(table(t));
        }
        let mut problems = Vec::new();
        for (key, value) in &config.strings {
            if english.contains_key(key) {
                texts.insert(key.clone(), value.clone());
            } else {
                let help = match did_you_mean(key, english.keys().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`? The built-in keys are in themes/default/strings/en.toml"),
                    None => "the built-in keys are in themes/default/strings/en.toml".into(),
                };
                let mut d = Diagnostic::error(format!("unknown string `{key}` in `[strings]`"))
                    .in_file(CONFIG_FILE)
                    .with_help(help);
                if let Some(&pos) = config.strings_at.get(key) {
                    d = d.at(pos);
                }
                problems.push(d);
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let rule = if lang.eq_ignore_ascii_case("fr") {
            PluralRule::ZeroAndOneAreSingular
        } else {
            PluralRule::OneIsSingular
        };
        let mut strings = Strings { texts, rule };
        strings.fill_words();
        Ok(strings)
    }

    /// Puts the handbook's word for a principle into every text (`{principle}`, `{principles}`,
    /// `{Principle}`, `{Principles}`).
    fn fill_words(&mut self) {
        let word = |k: &str| match self.texts.get(k) {
            Some(StringValue::One(s)) => s.clone(),
            _ => k.to_string(),
        };
        let (one, many) = (word("principle"), word("principles"));
        let words = [
            ("{principle}", one.clone()),
            ("{principles}", many.clone()),
            ("{Principle}", capitalized(&one)),
            ("{Principles}", capitalized(&many)),
        ];
        let fill = |s: &str| {
            words
                .iter()
                .fold(s.to_string(), |acc, (from, to)| acc.replace(from, to))
        };
        for v in self.texts.values_mut() {
            *v = match v {
                StringValue::One(s) => StringValue::One(fill(s)),
                StringValue::Plural { one, other } => StringValue::Plural {
                    one: fill(one),
                    other: fill(other),
                },
            };
        }
    }

    /// The text of `key`, in the form for `n` when given, with `{n}` and `{name}` placeholders
    /// filled from `args`. `None` for an unknown key.
    pub fn text(&self, key: &str, n: Option<i64>, args: &[(&str, String)]) -> Option<String> {
        let form = match (self.texts.get(key)?, n) {
            (StringValue::One(s), _) => s,
            (StringValue::Plural { one, other }, Some(n)) => {
                let singular = match self.rule {
                    PluralRule::OneIsSingular => n == 1,
                    PluralRule::ZeroAndOneAreSingular => n == 0 || n == 1,
                };
                if singular {
                    one
                } else {
                    other
                }
            }
            (StringValue::Plural { other, .. }, None) => other,
        };
        let mut out = form.clone();
        if let Some(n) = n {
            out = out.replace("{n}", &n.to_string());
        }
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        Some(out)
    }

    /// The text of `key` (its `other` form for a plural), or the key itself if unknown.
    pub fn get(&self, key: &str) -> String {
        self.text(key, None, &[]).unwrap_or_else(|| key.to_string())
    }

    /// `assets/strings.js`: the scripts' texts as `window.prepbookStrings` and the function
    /// that reads them, `window.prepbookT(key, n, args)`, the same rules as [`Strings::text`].
    pub fn script(&self) -> String {
        let json = serde_json::to_string(&self.for_scripts()).expect("strings serialize");
        format!("window.prepbookStrings = {json};\n{SCRIPT_T}")
    }

    /// The texts the scripts use (keys starting with `js_`), as JSON.
    pub fn for_scripts(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (k, v) in self.texts.iter().filter(|(k, _)| k.starts_with("js_")) {
            let value = match v {
                StringValue::One(s) => serde_json::Value::String(s.clone()),
                StringValue::Plural { one, other } => {
                    serde_json::json!({ "one": one, "other": other })
                }
            };
            map.insert(k.clone(), value);
        }
        map.insert(
            "plural_zero_is_one".into(),
            serde_json::Value::Bool(self.rule == PluralRule::ZeroAndOneAreSingular),
        );
        serde_json::Value::Object(map)
    }
}

/// Where the scripts find their texts.
pub const SCRIPT_FILE: &str = "assets/strings.js";

/// The scripts' `t`: a key's text, its form for `n`, `{n}` and `{name}` filled in; the key itself
/// when unknown, so a missing text shows where it belongs rather than nothing.
const SCRIPT_T: &str = r#"window.prepbookT = function (key, n, args) {
  "use strict";
  var texts = window.prepbookStrings || {};
  var v = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : undefined;
  var s;
  if (v && typeof v === "object") {
    var one = typeof n === "number" && (n === 1 || (texts.plural_zero_is_one === true && n === 0));
    s = String(one ? v.one : v.other);
  } else {
    s = typeof v === "string" ? v : key;
  }
  if (typeof n === "number") { s = s.split("{n}").join(String(n)); }
  if (args) { Object.keys(args).forEach(function (k) { s = s.split("{" + k + "}").join(String(args[k])); }); }
  return s;
};
"#;

/// The Tera function `t(key="...", n=3, name="...")`.
pub struct Translate(pub std::sync::Arc<Strings>);

impl tera::Function for Translate {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("`t` needs `key=\"...\"`"))?;
        let n = args.get("n").and_then(|v| v.as_i64());
        let rest: Vec<(&str, String)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key" && k.as_str() != "n")
            .map(|(k, v)| {
                let text = match v {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.as_str(), text)
            })
            .collect();
        self.0
            .text(key, n, &rest)
            .map(tera::Value::String)
            .ok_or_else(|| tera::Error::msg(format!("unknown string `{key}`")))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(toml: &str) -> Strings {
        let config = Config::parse(&format!("[book]\ntitle = \"T\"\n{toml}"), "book.toml").unwrap();
        Strings::for_config(&config).unwrap()
    }

    #[test]
    fn every_language_has_every_key_and_no_other() {
        let english = table(BUILT_IN[0].1);
        for (lang, text) in BUILT_IN {
            let t = table(text);
            let missing: Vec<&String> = english.keys().filter(|k| !t.contains_key(*k)).collect();
            let extra: Vec<&String> = t.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn plurals_follow_the_language() {
        let en = strings("");
        assert_eq!(
            en.text("count_questions", Some(1), &[]).unwrap(),
            "1 question"
        );
        assert_eq!(
            en.text("count_questions", Some(0), &[]).unwrap(),
            "0 questions"
        );
        let fr = strings("[book]\n".replace("[book]\n", "").as_str());
        let _ = fr;
        let config =
            Config::parse("[book]\ntitle = \"T\"\nlanguage = \"fr\"\n", "book.toml").unwrap();
        let fr = Strings::for_config(&config).unwrap();
        assert_eq!(
            fr.text("count_questions", Some(0), &[]).unwrap(),
            "0 question"
        );
        assert_eq!(
            fr.text("count_questions", Some(2), &[]).unwrap(),
            "2 questions"
        );
    }

    #[test]
    fn the_principle_word_reaches_every_text() {
        let s = strings("[strings]\nprinciple = \"value\"\nprinciples = \"values\"\n");
        assert_eq!(s.text("nav_principles", None, &[]).unwrap(), "Values");
        let config = Config::parse(
            "[book]\ntitle = \"T\"\n[strings]\nprincipel = \"x\"\n",
            "book.toml",
        )
        .unwrap();
        let e = Strings::for_config(&config).unwrap_err();
        assert!(e[0].message.contains("unknown string `principel`"));
        assert_eq!(
            e[0].to_string().lines().next().unwrap(),
            "book.toml:4:1: error: unknown string `principel` in `[strings]`"
        );
        assert!(e[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `principle`?"));
    }
}
