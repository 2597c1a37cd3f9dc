//! A small preview server for `delaybook serve`: serves the output folder on
//! 127.0.0.1, tells open pages to reload after a rebuild, and shows the problems of a
//! failed rebuild over every open page (see [`overlay`]).
//!
//! The files on disk stay exactly what `build` writes (deterministic, no server
//! code); the reload snippet is added to HTML responses only, on the fly. Only `GET`
//! and `HEAD` of regular files inside the output folder are answered: paths with `..`,
//! a backslash or a NUL, and symbolic links, are refused, so nothing outside the folder
//! can be read. Requests must name the server as `127.0.0.1`, `localhost` or `[::1]`
//! with its port (a web page using DNS rebinding cannot read the report), heads are
//! bounded in size and time (`serve/http.rs`), connections are bounded in number, and the
//! accept loop backs off when the process runs out of file descriptors.

mod http;
pub mod overlay;

use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

pub use http::{HEAD_TIMEOUT, MAX_HEAD_BYTES, host_allowed};
use http::{HeadError, close_gracefully, parse_head, read_head, respond, respond_text};
use overlay::RELOAD_SNIPPET;
pub use overlay::{BuildState, STATUS_PATH};

/// The path pages poll to learn the build number.
pub const VERSION_PATH: &str = "/__delaybook/version";

/// Most connections handled at once; more are closed at once (a preview has one
/// person and a few tabs).
pub const MAX_CONNECTIONS: usize = 64;

/// What every connection needs: the folder, the state of the last build and the port
/// (for the `Host` check).
struct Shared {
    root: PathBuf,
    state: Arc<BuildState>,
    port: u16,
    active: AtomicUsize,
}

/// Serves `root` on `listener` until the process ends; the caller records every
/// rebuild in `state` (success bumps the version, failure sets the overlay).
pub fn serve(listener: TcpListener, root: PathBuf, state: Arc<BuildState>) {
    let port = listener.local_addr().map_or(0, |a| a.port());
    let shared = Arc::new(Shared {
        root,
        state,
        port,
        active: AtomicUsize::new(0),
    });
    loop {
        match listener.accept() {
            Ok((stream, _)) => dispatch(stream, &shared),
            // Out of file descriptors (or another transient failure): the pending
            // connection stays queued, so wait instead of retrying at full speed.
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// Hands a connection to a thread of its own, unless too many are open.
fn dispatch(stream: TcpStream, shared: &Arc<Shared>) {
    if shared.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
        shared.active.fetch_sub(1, Ordering::SeqCst);
        return;
    }
    let mine = Arc::clone(shared);
    let spawned = std::thread::Builder::new()
        .name("serve-connection".into())
        .spawn(move || {
            connection(stream, &mine);
            mine.active.fetch_sub(1, Ordering::SeqCst);
        });
    if spawned.is_err() {
        shared.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads one request, answers it, and closes cleanly.
fn connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_write_timeout(Some(HEAD_TIMEOUT));
    let answered = match read_head(&mut stream) {
        Ok(head) => answer(&mut stream, &head, shared),
        Err(HeadError::TooLarge) => respond_text(
            &mut stream,
            "431 Request Header Fields Too Large",
            &crate::tr!("serve.head_too_large"),
        ),
        Err(HeadError::TimedOut) => respond_text(
            &mut stream,
            "408 Request Timeout",
            &crate::tr!("serve.timeout"),
        ),
        Err(HeadError::Closed) => return,
    };
    if answered.is_ok() {
        close_gracefully(stream);
    }
}

fn answer(stream: &mut TcpStream, head: &[u8], shared: &Shared) -> std::io::Result<()> {
    let Some(request) = parse_head(head) else {
        return respond_text(stream, "400 Bad Request", &crate::tr!("serve.bad_request"));
    };
    let Some(host) = &request.host else {
        return respond_text(stream, "400 Bad Request", &crate::tr!("serve.no_host"));
    };
    if !host_allowed(host, shared.port) {
        return respond_text(stream, "403 Forbidden", &crate::tr!("serve.forbidden_host"));
    }
    let head_only = match request.method.as_str() {
        "GET" => false,
        "HEAD" => true,
        _ => {
            return respond_text(
                stream,
                "405 Method Not Allowed",
                &crate::tr!("serve.method_not_allowed"),
            );
        }
    };
    if !request.target.starts_with('/') {
        return respond_text(stream, "400 Bad Request", &crate::tr!("serve.bad_target"));
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    match path {
        VERSION_PATH => {
            let body = shared.state.version().to_string();
            respond(stream, "200 OK", "text/plain", body.as_bytes(), head_only)
        }
        STATUS_PATH => {
            let body = shared.state.json();
            let kind = "application/json";
            respond(stream, "200 OK", kind, body.as_bytes(), head_only)
        }
        _ => answer_file(stream, path, shared, head_only),
    }
}

/// A file of the output (HTML with the reload script), or a 404.
fn answer_file(
    stream: &mut TcpStream,
    path: &str,
    shared: &Shared,
    head_only: bool,
) -> std::io::Result<()> {
    match resolve(&shared.root, path).and_then(|file| std::fs::read(&file).ok().map(|b| (file, b)))
    {
        Some((file, bytes)) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                with_reload(bytes)
            } else {
                bytes
            };
            respond(stream, "200 OK", kind, &body, head_only)
        }
        // A page that does not exist (yet: the first build failed) still gets the
        // script, so the overlay says why.
        None if is_page(path) => respond(
            stream,
            "404 Not Found",
            "text/html; charset=utf-8",
            &with_reload(NOT_FOUND_PAGE.as_bytes().to_vec()),
            head_only,
        ),
        None => respond(
            stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            crate::tr!("serve.not_found").as_bytes(),
            head_only,
        ),
    }
}

/// The 404 page of the preview (HTML requests only).
const NOT_FOUND_PAGE: &str = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>404</title></head><body><p>这个页面还没有生成（not built yet）。</p></body></html>";

fn is_page(path: &str) -> bool {
    path.ends_with('/') || path.ends_with(".html")
}

/// The file for a request path inside `root`, or `None` when it is outside, hidden
/// behind `..`, reached through a symbolic link, not a regular file, or missing. A
/// folder gives its `index.html`.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    let mut file = root.to_path_buf();
    for component in rel.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        file.push(name);
        // The output is written by delaybook and has no links; one found here was put
        // there by someone else and may point anywhere.
        if std::fs::symlink_metadata(&file)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let meta = std::fs::symlink_metadata(&file).ok()?;
    meta.file_type().is_file().then_some(file)
}

/// Decodes `%XX` escapes (UTF-8); `None` for a malformed escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn with_reload(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes);
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_SNIPPET}{}", &text[..i], &text[i..]).into_bytes(),
        None => bytes,
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// A cheap fingerprint of the inputs: the number of files and the latest modification
/// time under each path (folders are walked). Rebuild when it changes.
pub fn fingerprint(paths: &[PathBuf]) -> (usize, SystemTime) {
    let mut count = 0;
    let mut latest = SystemTime::UNIX_EPOCH;
    for p in paths {
        // Bounded like the playbooks walk: a link to a huge folder is not walked twice
        // a second for ever.
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
            .take(crate::fsx::MAX_WALK_ENTRIES)
            .flatten()
        {
            if let Ok(meta) = entry.metadata() {
                count += 1;
                if let Ok(m) = meta.modified() {
                    latest = latest.max(m);
                }
            }
        }
    }
    (count, latest)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The server must never hand out a file outside the output folder.
    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        std::fs::create_dir(dir.path().join("playbooks")).unwrap();
        std::fs::write(dir.path().join("playbooks/a.html"), "x").unwrap();
        assert!(resolve(dir.path(), "/").is_some());
        assert!(resolve(dir.path(), "/playbooks/a.html").is_some());
        assert!(resolve(dir.path(), "/playbooks/%61.html").is_some());
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/playbooks/../../x",
            "/a\\b",
            "/%zz",
            "/missing.html",
        ] {
            assert!(resolve(dir.path(), bad).is_none(), "{bad}");
        }
    }

    // A link inside the output may point anywhere: it is never followed (issue 14,
    // item 12), and neither is a FIFO (reading it would block the connection).
    #[cfg(unix)]
    #[test]
    fn refuses_links_and_special_files_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let secret = tempfile::tempdir().unwrap();
        std::fs::write(secret.path().join("key"), "secret").unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        std::fs::write(dir.path().join("d/ok.html"), "x").unwrap();
        std::os::unix::fs::symlink(secret.path().join("key"), dir.path().join("key.html")).unwrap();
        std::os::unix::fs::symlink(secret.path(), dir.path().join("linked")).unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("d/ok.html"),
            dir.path().join("d/index.html"),
        )
        .unwrap();
        assert!(resolve(dir.path(), "/d/ok.html").is_some());
        for bad in ["/key.html", "/linked/key", "/d/", "/d"] {
            assert!(resolve(dir.path(), bad).is_none(), "{bad}");
        }
    }

    // Pages reload after a rebuild, but the files on disk stay as built.
    #[test]
    fn reload_snippet_goes_before_body_end() {
        let out = String::from_utf8(with_reload(b"<html><body>hi</body></html>".to_vec())).unwrap();
        assert!(
            out.contains("hi<script>") && out.ends_with("</script></body></html>"),
            "{out}"
        );
    }
}
