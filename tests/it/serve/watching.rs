//! `prepbook serve` keeps following the handbook through the ways files and folders get saved.
