//! The kinds of content, described once: the folder their files live in, what they are called,
//! where they are published and which sections their pages carry. Discovery, validation, links,
//! rendering and `serve` all read this description, and every `match` on a kind is exhaustive,
//! so adding a kind makes the compiler list each place that must learn about it.

/// A kind of content, each in its own folder of the content folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Principle,
    Question,
    Answer,
    Tip,
    Page,
    Story,
}

/// Where the items of a kind are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Home {
    /// A page of its own: `<folder>/<id>.html`, or `<id>.html` at the top with no folder.
    OwnPage(Option<&'static str>),
    /// A section of a shared page, `<page>#<anchor prefix><id>`.
    SectionOf(&'static str, &'static str),
    /// A section of the page of the question it answers (`questions/<q>.html#answer-<id>`).
    InQuestion,
}

/// What every stage needs to know about a kind.
#[derive(Debug)]
pub struct KindInfo {
    /// The folder in the content folder, and the plural used in messages.
    pub folder: &'static str,
    /// What one item is called in messages.
    pub noun: &'static str,
    pub home: Home,
    /// The anchors its page template gives every page of the kind, besides the body's own
    /// headings; `None` when it has no page of its own that a link may point into.
    pub sections: Option<&'static [&'static str]>,
}

const PRINCIPLE: KindInfo = KindInfo {
    folder: "principles",
    noun: "principle",
    home: Home::OwnPage(Some("principles")),
    sections: Some(&[
        "explanation",
        "signals",
        "pitfalls",
        "questions",
        "primary",
        "secondary",
        "tips",
        "stories",
    ]),
};
const QUESTION: KindInfo = KindInfo {
    folder: "questions",
    noun: "question",
    home: Home::OwnPage(Some("questions")),
    sections: Some(&["notes", "follow-ups", "answers", "stories"]),
};
const ANSWER: KindInfo = KindInfo {
    folder: "answers",
    noun: "sample answer",
    home: Home::InQuestion,
    sections: None,
};
const TIP: KindInfo = KindInfo {
    folder: "tips",
    noun: "tip",
    home: Home::SectionOf("tips.html", "tip-"),
    sections: None,
};
const PAGE: KindInfo = KindInfo {
    folder: "pages",
    noun: "page",
    home: Home::OwnPage(None),
    sections: Some(&[]),
};
const STORY: KindInfo = KindInfo {
    folder: "stories",
    noun: "story",
    home: Home::OwnPage(Some("stories")),
    sections: None,
};

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Principle,
        Kind::Question,
        Kind::Answer,
        Kind::Tip,
        Kind::Page,
        Kind::Story,
    ];

    /// The one description of this kind.
    pub const fn info(self) -> &'static KindInfo {
        match self {
            Kind::Principle => &PRINCIPLE,
            Kind::Question => &QUESTION,
            Kind::Answer => &ANSWER,
            Kind::Tip => &TIP,
            Kind::Page => &PAGE,
            Kind::Story => &STORY,
        }
    }

    pub fn folder(self) -> &'static str {
        self.info().folder
    }

    pub fn noun(self) -> &'static str {
        self.info().noun
    }

    /// The kind whose files live in content folder `name`.
    pub fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }

    /// The output path of item `id`'s own page, if the kind has pages of its own.
    pub fn page(self, id: &str) -> Option<String> {
        match self.info().home {
            Home::OwnPage(Some(folder)) => Some(format!("{folder}/{id}.html")),
            Home::OwnPage(None) => Some(format!("{id}.html")),
            Home::SectionOf(..) | Home::InQuestion => None,
        }
    }

    /// The anchor of item `id` on a shared page, if the kind is shown as sections of one.
    pub fn anchor(self, id: &str) -> Option<String> {
        match self.info().home {
            Home::SectionOf(_, prefix) => Some(format!("{prefix}{id}")),
            Home::InQuestion => Some(format!("answer-{id}")),
            Home::OwnPage(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_distinct_and_found_again() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_folder(k.folder()), Some(k));
            assert!(k.page("x").is_some() != k.anchor("x").is_some(), "{k:?}");
        }
    }
}
