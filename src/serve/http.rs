//! The little HTTP/1.1 the preview server needs: read a request head with bounds on
//! size and time, parse it, write a response, and close without a reset.
//!
//! The head is read in full (up to the blank line) before anything is answered: a
//! server that answers after the request line and closes with the rest unread makes the
//! kernel reset the connection, and a client that sent its request in pieces then gets
//! a reset or a broken pipe instead of the response.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Largest request head accepted (request line and headers). Browsers send a few KB.
pub const MAX_HEAD_BYTES: usize = 32 * 1024;
/// Longest time a client may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// After answering, at most this much of what the client still sends is read (and
/// dropped) before closing, and for at most [`LINGER`].
const DRAIN_BYTES: usize = 1024 * 1024;
/// How long the server waits for the client to close after the response.
const LINGER: Duration = Duration::from_secs(2);

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The head is larger than [`MAX_HEAD_BYTES`] (answered with 431).
    TooLarge,
    /// The client took longer than [`HEAD_TIMEOUT`] (answered with 408).
    TimedOut,
    /// The connection ended before the head was complete (nothing to answer).
    Closed,
}

/// Reads bytes until the blank line that ends the head; returns the head without it.
pub fn read_head(stream: &mut TcpStream) -> Result<Vec<u8>, HeadError> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::TimedOut);
        }
        let _ = stream.set_read_timeout(Some(left));
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if is_timeout(&e) => return Err(HeadError::TimedOut),
            Err(_) => return Err(HeadError::Closed),
        };
        // Only the new bytes (and the three before them) can complete the terminator.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = head_end(&head[from..]) {
            head.truncate(from + end);
            return Ok(head);
        }
        if head.len() > MAX_HEAD_BYTES {
            return Err(HeadError::TooLarge);
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// The offset of the blank line ending a head (`\r\n\r\n`, or `\n\n` from lax
/// clients), if present.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = bytes.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD` …
    pub method: String,
    /// The request target as sent (`/playbooks/a.html?x=1`).
    pub target: String,
    /// The `Host` header, when exactly one was sent.
    pub host: Option<String>,
}

/// Parses a head; `None` when it is not an HTTP/1.x request (answered with 400).
pub fn parse_head(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || method.is_empty() || !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut hosts = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("host") {
            hosts.push(value.trim().to_string());
        }
    }
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        host: (hosts.len() == 1).then(|| hosts.remove(0)),
    })
}

/// True when `host` names this machine's loopback address with the server's port:
/// `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT` (the port may be left out only
/// on port 80). Anything else may be a DNS-rebinding page reaching the server through
/// the browser, and is refused.
pub fn host_allowed(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, given) = match host.rsplit_once(':') {
        Some((name, p)) if !name.is_empty() && !p.contains(']') => (name, p.parse::<u16>().ok()),
        _ => (host.as_str(), Some(80)),
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]") && given == Some(port)
}

/// Writes a complete response (`Connection: close`); `body` is left out for `HEAD`.
pub fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let allow = if status.starts_with("405") {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n{allow}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A short plain-text response (errors).
pub fn respond_text(stream: &mut TcpStream, status: &str, text: &str) -> std::io::Result<()> {
    respond(
        stream,
        status,
        "text/plain; charset=utf-8",
        text.as_bytes(),
        false,
    )
}

/// Closes without a reset: no more writes, then what the client still sends is read
/// and dropped (bounded in bytes and time) until it closes its side. Closing a socket
/// with unread input makes the kernel send RST, which can destroy the response before
/// the client has read it.
pub fn close_gracefully(mut stream: TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let deadline = Instant::now() + LINGER;
    let mut drained = 0;
    let mut buf = [0u8; 4096];
    while drained < DRAIN_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The request line and every header are read before answering.
    #[test]
    fn parses_a_head() {
        let r =
            parse_head(b"GET /a.html?x HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: */*").unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a.html?x");
        assert_eq!(r.host.as_deref(), Some("127.0.0.1:8000"));
        assert_eq!(parse_head(b"GET /\r\n"), None);
        assert_eq!(parse_head(b"GET / SPDY/3"), None);
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nno colon"), None);
        let two = parse_head(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b").unwrap();
        assert_eq!(two.host, None, "two Host headers are ambiguous");
    }

    // DNS rebinding: only loopback names with the server's own port are answered.
    #[test]
    fn allows_only_loopback_hosts_with_the_port() {
        for ok in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST:8000",
            "[::1]:8000",
        ] {
            assert!(host_allowed(ok, 8000), "{ok}");
        }
        for bad in [
            "evil.example:8000",
            "127.0.0.1:8001",
            "127.0.0.1",
            "localhost.evil.example:8000",
            "127.0.0.1.nip.io:8000",
            "[::1]",
            "",
            ":8000",
        ] {
            assert!(!host_allowed(bad, 8000), "{bad}");
        }
        assert!(host_allowed("localhost", 80));
    }

    // The terminator may arrive split across reads.
    #[test]
    fn finds_the_end_of_the_head() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\n"), Some(14));
        assert_eq!(head_end(b"GET / HTTP/1.1\n\n"), Some(14));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
