//! `delaybook serve`: serves the built site on 127.0.0.1, refuses paths outside the
//! output folder, and rebuilds (bumping the reload version) when a playbook changes.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Project;

/// Kills the server when the test ends, even on failure.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// (status code, body) of `GET path`.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (code, body)
}

// Authors preview their edits: the page must be served and rebuilt without a manual build.
#[test]
fn serve_serves_refuses_escapes_and_rebuilds_on_change() {
    let project = Project::from_layers(&["check/base"]);
    let child = Command::new(assert_cmd::cargo::cargo_bin("delaybook"))
        .arg("-C")
        .arg(project.root())
        .args(["--color", "never", "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the address line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();

    let (code, body) = get(&addr, "/");
    assert_eq!(code, 200);
    assert!(
        body.contains("测试手册") && body.contains("/__delaybook/version"),
        "{body}"
    );
    assert_eq!(get(&addr, "/../delaybook.yaml").0, 404);
    assert_eq!(get(&addr, "/%2e%2e/delaybook.yaml").0, 404);
    let (_, v1) = get(&addr, "/__delaybook/version");
    assert_eq!(v1.trim(), "1");

    let file = project.root().join("playbooks/out-of-stock.yaml");
    let yaml = std::fs::read_to_string(&file)
        .expect("read")
        .replace("下单后发现缺货", "下单后才发现缺货");
    std::fs::write(&file, yaml).expect("write");
    let started = Instant::now();
    loop {
        let (_, v) = get(&addr, "/__delaybook/version");
        if v.trim() == "2" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no rebuild after the edit (version {v})"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (code, page) = get(&addr, "/playbooks/out-of-stock.html");
    assert_eq!(code, 200);
    assert!(
        page.contains("下单后才发现缺货"),
        "the rebuilt page has the new title"
    );
    // The file on disk stays as `build` wrote it: the reload snippet is added on the fly.
    let on_disk =
        std::fs::read_to_string(project.root().join("public/playbooks/out-of-stock.html"))
            .expect("read");
    assert!(!on_disk.contains("__delaybook"));
}
