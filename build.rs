//! Generates the tables of embedded files: the default theme (`themes/default/`) and the
//! sample project (`delaybook.yaml` and `playbooks/`) used by `delaybook new`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let theme = theme_table(&root.join("themes/default"));
    let mut sample_files = vec![root.join("delaybook.yaml")];
    sample_files.extend(walk(&root.join("playbooks")));
    let mut sample = String::from(
        "/// Files of the sample project, as (relative path, bytes).\npub const SAMPLE_FILES: &[(&str, &[u8])] = &[\n",
    );
    for f in &sample_files {
        if f.is_file() {
            let rel = f
                .strip_prefix(&root)
                .unwrap_or(f)
                .to_string_lossy()
                .replace('\\', "/");
            let _ = writeln!(
                sample,
                "    ({rel:?}, include_bytes!({:?})),",
                f.display().to_string()
            );
        }
    }
    sample.push_str("];\n");
    std::fs::write(out.join("embedded.rs"), format!("{theme}\n{sample}"))
        .expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=playbooks");
    println!("cargo:rerun-if-changed=delaybook.yaml");
}

fn theme_table(dir: &Path) -> String {
    let mut s = String::from(
        "/// Files of the default theme, as (path relative to the theme folder, bytes).\npub const THEME_FILES: &[(&str, &[u8])] = &[\n",
    );
    for f in walk(dir) {
        let rel = f
            .strip_prefix(dir)
            .unwrap_or(&f)
            .to_string_lossy()
            .replace('\\', "/");
        let _ = writeln!(
            s,
            "    ({rel:?}, include_bytes!({:?})),",
            f.display().to_string()
        );
    }
    s.push_str("];\n");
    s
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out
}
