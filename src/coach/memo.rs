//! What the coach said of each answer and story, kept between the dev server's loads: an
//! unchanged item is not reviewed again.

use std::sync::Arc;

use super::Note;
use crate::model::{Answer, Story};

/// What the coach said of each answer and story of the last load. For one configuration.
#[derive(Default)]
pub struct Memo {
    pub(super) answers: Notes<Answer>,
    pub(super) stories: Notes<Story>,
}

/// Notes by item. The load hands on the item of an unchanged file as the same shared value, so
/// an item that is the very one reviewed before has the notes it had; the memo holds the items,
/// so no other item can come to live at their address.
pub(super) struct Notes<T>(foldhash::HashMap<usize, (Arc<T>, Vec<Note>)>);

impl<T> Default for Notes<T> {
    fn default() -> Self {
        Notes(foldhash::HashMap::default())
    }
}

impl<T> Notes<T> {
    pub(super) fn get(&self, item: &Arc<T>) -> Option<Vec<Note>> {
        let key = Arc::as_ptr(item) as usize;
        self.0.get(&key).map(|(_, notes)| notes.clone())
    }

    /// Keeps this run's notes, and only those.
    pub(super) fn keep(&mut self, items: &[Arc<T>], notes: &[Vec<Note>]) {
        self.0 = items
            .iter()
            .zip(notes)
            .map(|(i, n)| (Arc::as_ptr(i) as usize, (i.clone(), n.clone())))
            .collect();
    }
}
