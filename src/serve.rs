//! A small preview server for `delaybook serve`: serves the output folder on
//! 127.0.0.1 and tells open pages to reload after a rebuild.
//!
//! The files on disk stay exactly what `build` writes (deterministic, no server
//! code); the reload snippet is added to HTML responses only, on the fly. Only `GET`
//! and `HEAD` of files inside the output folder are answered; paths with `..`, a
//! backslash or a NUL are refused, so nothing outside the folder can be read.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The path pages poll to learn the build number.
pub const VERSION_PATH: &str = "/__delaybook/version";

/// Added before `</body>` of every served HTML page: polls the build number and
/// reloads the page when it changes. Never written to disk.
const RELOAD_SNIPPET: &str = "<script>(function(){var v=null;function poll(){var x=new XMLHttpRequest();x.open('GET','/__delaybook/version');x.onload=function(){if(v!==null&&x.responseText!==v){location.reload();}v=x.responseText;};x.send();}poll();setInterval(poll,1000);})();</script>";

/// Serves `root` on `listener` until the process ends; `version` is bumped by the
/// caller after each successful rebuild.
pub fn serve(listener: TcpListener, root: PathBuf, version: Arc<AtomicU64>) {
    let root = Arc::new(root);
    for stream in listener.incoming().flatten() {
        let root = Arc::clone(&root);
        let version = Arc::clone(&version);
        std::thread::spawn(move || {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = handle(stream, &root, &version);
        });
    }
}

fn handle(mut stream: TcpStream, root: &Path, version: &AtomicU64) -> std::io::Result<()> {
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed",
            false,
        );
    }
    let head_only = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_PATH {
        let body = version.load(Ordering::Relaxed).to_string();
        return respond(
            &mut stream,
            "200 OK",
            "text/plain",
            body.as_bytes(),
            head_only,
        );
    }
    match resolve(root, path).and_then(|file| std::fs::read(&file).ok().map(|b| (file, b))) {
        Some((file, bytes)) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                with_reload(bytes)
            } else {
                bytes
            };
            respond(&mut stream, "200 OK", kind, &body, head_only)
        }
        None => respond(
            &mut stream,
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found",
            head_only,
        ),
    }
}

/// The file for a request path inside `root`, or `None` when it is outside, hidden
/// behind `..`, or missing. A folder gives its `index.html`.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
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

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A cheap fingerprint of the inputs: the number of files and the latest modification
/// time under each path (folders are walked). Rebuild when it changes.
pub fn fingerprint(paths: &[PathBuf]) -> (usize, SystemTime) {
    let mut count = 0;
    let mut latest = SystemTime::UNIX_EPOCH;
    for p in paths {
        for entry in walkdir::WalkDir::new(p)
            .follow_links(true)
            .into_iter()
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
