//! The default theme (`themes/default/`) and the sample project, embedded in the binary
//! at compile time by `build.rs`, plus the optional per-project override folder.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The bytes of a default-theme file, by its path relative to `themes/default/`.
pub fn default_file(path: &str) -> Option<&'static [u8]> {
    THEME_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, b)| *b)
}
