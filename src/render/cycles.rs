//! Template cycles: a template that includes itself (directly or through others) or a macro
//! that calls itself recurses without end in Tera and overflows the stack, which kills the
//! process (a running `serve` too). They are found before anything is rendered.

use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, Node};
use tera::Tera;

/// A template, or a macro of a template.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
enum Item {
    Template(String),
    Macro { file: String, name: String },
}

impl Item {
    fn describe(&self) -> String {
        match self {
            Item::Template(t) => format!("`{t}`"),
            Item::Macro { file, name } => format!("macro `{name}` of `{file}`"),
        }
    }
}

/// A cycle: the template it starts in and a sentence describing it.
pub struct Cycle {
    pub template: String,
    pub message: String,
}

/// Finds every cycle of includes and macro calls, each reported once.
pub fn find(tera: &Tera) -> Vec<Cycle> {
    let mut edges: HashMap<Item, Vec<Item>> = HashMap::new();
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    for name in names {
        let t = &tera.templates[name];
        // `self::m` and `alias::m`, resolved to the file that defines them.
        let mut namespaces: HashMap<&str, &str> = HashMap::from([("self", name.as_str())]);
        for (file, alias) in &t.imported_macro_files {
            namespaces.insert(alias.as_str(), file.as_str());
        }
        let calls = |nodes: &[Node]| {
            let mut out = Vec::new();
            walk(nodes, &mut |target| match target {
                Target::Include(names) => {
                    // Tera renders the first include that exists.
                    if let Some(n) = names.iter().find(|n| tera.templates.contains_key(*n)) {
                        out.push(Item::Template(n.clone()));
                    }
                }
                Target::Macro(ns, m) => {
                    if let Some(file) = namespaces.get(ns) {
                        out.push(Item::Macro {
                            file: file.to_string(),
                            name: m.to_string(),
                        });
                    }
                }
            });
            out
        };
        let mut own = calls(&t.ast);
        // A parent that includes its child recurses as well.
        if let Some(parent) = &t.parent {
            own.push(Item::Template(parent.clone()));
        }
        let macros: Vec<(Item, Vec<Item>)> = t
            .macros
            .iter()
            .map(|(m, def)| {
                let item = Item::Macro {
                    file: name.clone(),
                    name: m.clone(),
                };
                (item, calls(&def.body))
            })
            .collect();
        edges.insert(Item::Template(name.clone()), own);
        edges.extend(macros);
    }
    cycles(&edges)
}

/// Every cycle of the graph, found by depth-first search; each reported from its first item.
fn cycles(edges: &HashMap<Item, Vec<Item>>) -> Vec<Cycle> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    let mut marks: HashMap<&Item, Mark> = HashMap::new();
    let mut found = Vec::new();
    let mut starts: Vec<&Item> = edges.keys().collect();
    starts.sort();
    for start in starts {
        if marks.contains_key(start) {
            continue;
        }
        // An explicit stack: (item, index of the next edge to follow).
        let mut stack: Vec<(&Item, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Open);
        while let Some((item, next)) = stack.last_mut() {
            let targets = edges.get(*item).map_or(&[][..], |v| v.as_slice());
            let Some(target) = targets.get(*next) else {
                marks.insert(item, Mark::Done);
                stack.pop();
                continue;
            };
            *next += 1;
            match marks.get(target) {
                None if edges.contains_key(target) => {
                    marks.insert(target, Mark::Open);
                    stack.push((target, 0));
                }
                Some(Mark::Open) => {
                    let from = stack.iter().position(|(i, _)| *i == target).unwrap_or(0);
                    let path: Vec<String> = stack[from..]
                        .iter()
                        .map(|(i, _)| i.describe())
                        .chain([target.describe()])
                        .collect();
                    let template = match target {
                        Item::Template(t) => t.clone(),
                        Item::Macro { file, .. } => file.clone(),
                    };
                    let message = if path.len() == 2 {
                        format!("{} calls itself", target.describe())
                    } else {
                        format!("a cycle: {}", path.join(" -> "))
                    };
                    found.push(Cycle { template, message });
                }
                _ => {}
            }
        }
    }
    found
}

enum Target<'a> {
    Include(&'a [String]),
    Macro(&'a str, &'a str),
}

fn walk<'a>(nodes: &'a [Node], f: &mut dyn FnMut(Target<'a>)) {
    for node in nodes {
        match node {
            Node::Include(_, names, _) => f(Target::Include(names)),
            Node::VariableBlock(_, e) => expr(e, f),
            Node::Set(_, s) => expr(&s.value, f),
            Node::FilterSection(_, s, _) => {
                s.filter.args.values().for_each(|e| expr(e, f));
                walk(&s.body, f);
            }
            Node::Block(_, b, _) => walk(&b.body, f),
            Node::Forloop(_, l, _) => {
                expr(&l.container, f);
                walk(&l.body, f);
                if let Some(body) = &l.empty_body {
                    walk(body, f);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    expr(cond, f);
                    walk(body, f);
                }
                if let Some((_, body)) = &i.otherwise {
                    walk(body, f);
                }
            }
            // Macro bodies are walked as their own items; the rest holds no call.
            _ => {}
        }
    }
}

fn expr<'a>(e: &'a Expr, f: &mut dyn FnMut(Target<'a>)) {
    for filter in &e.filters {
        filter.args.values().for_each(|a| expr(a, f));
    }
    match &e.val {
        ExprVal::MacroCall(m) => {
            f(Target::Macro(&m.namespace, &m.name));
            m.args.values().for_each(|a| expr(a, f));
        }
        ExprVal::FunctionCall(c) => c.args.values().for_each(|a| expr(a, f)),
        ExprVal::Math(m) => {
            expr(&m.lhs, f);
            expr(&m.rhs, f);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, f);
            expr(&l.rhs, f);
        }
        ExprVal::In(i) => {
            expr(&i.lhs, f);
            expr(&i.rhs, f);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr(a, f)),
        ExprVal::Array(items) => items.iter().for_each(|a| expr(a, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycles_of(templates: &[(&str, &str)]) -> Vec<String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        find(&tera).into_iter().map(|c| c.message).collect()
    }

    #[test]
    fn a_template_including_itself() {
        let c = cycles_of(&[("a.html", "x{% include \"a.html\" %}")]);
        assert_eq!(c, vec!["`a.html` calls itself"]);
    }

    #[test]
    fn an_include_cycle_through_blocks_and_conditions() {
        let c = cycles_of(&[
            ("a.html", "{% if x %}{% include \"b.html\" %}{% endif %}"),
            (
                "b.html",
                "{% for i in l %}{% include \"a.html\" %}{% endfor %}",
            ),
        ]);
        assert_eq!(c, vec!["a cycle: `a.html` -> `b.html` -> `a.html`"]);
    }

    #[test]
    fn a_recursive_macro_and_a_mutual_one() {
        let c = cycles_of(&[(
            "m.html",
            "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}\
             {% macro g(n) %}{{ self::h(n=n) | upper }}{% endmacro g %}\
             {% macro h(n) %}{% if n %}{{ self::g(n=n) }}{% endif %}{% endmacro h %}",
        )]);
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c.contains(&"macro `f` of `m.html` calls itself".to_string()));
        assert!(c
            .iter()
            .any(|m| m.contains("macro `g`") && m.contains("macro `h`")));
    }

    #[test]
    fn a_macro_imported_from_another_file_and_no_false_alarm() {
        let c = cycles_of(&[
            (
                "m.html",
                "{% macro f() %}{% include \"p.html\" %}{% endmacro f %}",
            ),
            ("p.html", "{% import \"m.html\" as m %}{{ m::f() }}"),
            (
                "q.html",
                "{% import \"m.html\" as m %}{{ m::f() }}{{ m::f() }}",
            ),
        ]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(
            c[0].contains("`p.html`") && c[0].contains("macro `f`"),
            "{c:?}"
        );
    }
}
