//! `delaybook serve`: serves the built site on 127.0.0.1, refuses paths outside the
//! output folder, rebuilds (bumping the reload version) when a playbook changes, and
//! holds up against hostile or clumsy clients (issue 14, item 12): requests in pieces,
//! oversized heads, foreign `Host` headers, links inside the output, a taken port, and
//! running out of file descriptors.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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

/// Starts `serve --port 0` on `project` (through `sh -c` with `prefix`, e.g. a ulimit)
/// and returns the server and its `127.0.0.1:port`.
fn start(project: &Project, prefix: &str) -> (Server, String) {
    start_with(project, prefix, "")
}

/// [`start`] with extra global flags (e.g. `--lang en`) before `serve`.
fn start_with(project: &Project, prefix: &str, flags: &str) -> (Server, String) {
    let bin = assert_cmd::cargo::cargo_bin("delaybook");
    let script = format!("{prefix} exec \"$0\" -C \"$1\" --color never {flags} serve --port 0");
    let child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(bin)
        .arg(project.root())
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
    (server, addr)
}

/// Sends `request` as given (in the pieces given), then reads the whole response.
fn exchange(addr: &str, pieces: &[&[u8]], pause: Duration) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    for piece in pieces {
        stream.write_all(piece).expect("send");
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
    }
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("read the response");
    response
}

/// The status code of a raw response.
fn status(response: &[u8]) -> u16 {
    String::from_utf8_lossy(response)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// (status code, body) of `GET path`, written with `write!` (in several pieces).
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
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status(&response), body)
}

// Authors preview their edits: the page must be served and rebuilt without a manual build.
#[test]
fn serve_serves_refuses_escapes_and_rebuilds_on_change() {
    let project = Project::from_layers(&["check/base"]);
    let (_server, addr) = start(&project, "");

    let (code, body) = get(&addr, "/");
    assert_eq!(code, 200);
    assert!(
        body.contains("测试手册") && body.contains("/__delaybook/status"),
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

// The server answered after the request line and closed with the rest unread, so the
// kernel reset the connection: a request in five pieces got a reset or a broken pipe
// (155 of 200 without pauses, 200 of 200 with 0.5 ms pauses). Every one must succeed.
#[test]
fn answers_requests_sent_in_pieces() {
    let project = Project::from_layers(&["check/base"]);
    let (_server, addr) = start(&project, "");
    let host = format!("Host: {addr}\r\n");
    let pieces: [&[u8]; 5] = [
        b"GET /index.html HTTP/1.1\r\n",
        host.as_bytes(),
        b"User-Agent: pieces\r\n",
        b"Accept: */*\r\n",
        b"\r\n",
    ];
    for pause in [
        Duration::ZERO,
        Duration::from_micros(500),
        Duration::from_millis(5),
    ] {
        for _ in 0..40 {
            let response = exchange(&addr, &pieces, pause);
            assert_eq!(status(&response), 200, "pause {pause:?}");
            assert!(response.ends_with(b"</html>\n") || response.ends_with(b"</html>"));
        }
    }
}

// 64 KB of headers reset the connection; a request line without a newline grew the
// server's memory one for one. Both now get a 431 and a clean close.
#[test]
fn answers_oversized_heads_with_431() {
    let project = Project::from_layers(&["check/base"]);
    let (_server, addr) = start(&project, "");
    let headers = format!(
        "GET / HTTP/1.1\r\nHost: {addr}\r\n{}\r\n",
        "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
            .repeat(900)
    );
    assert!(headers.len() > 64 * 1024);
    let response = exchange(&addr, &[headers.as_bytes()], Duration::ZERO);
    assert_eq!(status(&response), 431);
    // The project is Chinese: a person who sees the body reads Chinese.
    assert!(
        body(&response).contains("请求头太大"),
        "{}",
        body(&response)
    );
    let endless = vec![b'A'; 256 * 1024];
    let response = exchange(&addr, &[&endless], Duration::ZERO);
    assert_eq!(status(&response), 431);
    // The server is still there.
    assert_eq!(get(&addr, "/").0, 200);
}

/// The body of a raw response.
fn body(response: &[u8]) -> String {
    let text = String::from_utf8_lossy(response);
    text.split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string())
}

// Protocol errors a browser may show: a Chinese body on a Chinese project, English with
// `--lang en`; the status line is standard HTTP in both.
#[test]
fn protocol_errors_speak_the_project_language() {
    let project = Project::from_layers(&["check/base"]);
    let ask = |addr: &str, request: &str| {
        let response = exchange(addr, &[request.as_bytes()], Duration::ZERO);
        (status(&response), body(&response))
    };
    let (_zh, addr) = start(&project, "");
    let cases = [
        (
            "PUT / HTTP/1.1\r\nHost: ADDR\r\n\r\n",
            405,
            "只接受 GET 和 HEAD",
            "method not allowed",
        ),
        (
            "GET / HTTP/1.1\r\n\r\n",
            400,
            "缺少 Host",
            "missing Host header",
        ),
        ("GARBAGE\r\n\r\n", 400, "请求格式不对", "bad request"),
    ];
    for (request, code, zh, _) in cases {
        let (got, text) = ask(&addr, &request.replace("ADDR", &addr));
        assert_eq!(got, code, "{request}");
        assert!(text.contains(zh), "{request}: {text}");
    }
    let (_en, addr) = start_with(&project, "", "--lang en");
    for (request, code, _, en) in cases {
        let (got, text) = ask(&addr, &request.replace("ADDR", &addr));
        assert_eq!((got, text.as_str()), (code, en), "{request}");
    }
}

// DNS rebinding: a page on another site must not read the report through the browser.
#[test]
fn answers_only_loopback_host_names_with_the_port() {
    let project = Project::from_layers(&["check/base"]);
    let (_server, addr) = start(&project, "");
    let port = addr.rsplit(':').next().expect("port");
    let ask = |host: Option<&str>| {
        let header = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
        let request = format!("GET / HTTP/1.1\r\n{header}\r\n");
        status(&exchange(&addr, &[request.as_bytes()], Duration::ZERO))
    };
    for ok in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask(Some(&ok)), 200, "{ok}");
    }
    for bad in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        "127.0.0.1:1".to_string(),
    ] {
        assert_eq!(ask(Some(&bad)), 403, "{bad}");
    }
    assert_eq!(ask(None), 400);
}

// A link put inside the output may point anywhere (the project, a key): never followed.
#[cfg(unix)]
#[test]
fn does_not_follow_links_inside_the_output() {
    let project = Project::from_layers(&["check/base"]);
    let (_server, addr) = start(&project, "");
    let public = project.root().join("public");
    std::os::unix::fs::symlink(
        project.root().join("delaybook.yaml"),
        public.join("config.html"),
    )
    .expect("link");
    std::os::unix::fs::symlink(project.root(), public.join("project")).expect("link");
    assert_eq!(get(&addr, "/config.html").0, 404);
    assert_eq!(get(&addr, "/project/delaybook.yaml").0, 404);
}

// When the port is taken, serve must fail at once, before building anything.
#[test]
fn fails_before_building_when_the_port_is_taken() {
    let project = Project::from_layers(&["check/base"]);
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = project.run(&["serve", "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = project.stderr(&out);
    assert!(stderr.contains("cannot listen on 127.0.0.1:"), "{stderr}");
    assert!(
        !project.root().join("public").exists(),
        "built before failing"
    );
}

/// CPU time (user + system) of process `pid` so far, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the stat line, 12 and 13 after the name.
    field(11) + field(12)
}

// At the file-descriptor limit the accept loop retried at full speed (100 % CPU).
#[cfg(target_os = "linux")]
#[test]
fn accept_loop_does_not_spin_at_the_descriptor_limit() {
    let project = Project::from_layers(&["check/base"]);
    let (server, addr) = start(&project, "ulimit -n 48;");
    let pid = server.0.id();
    // Idle connections that never finish their request hold the server's descriptors.
    let hogs: Vec<TcpStream> = (0..80)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    // A spinning loop burns about 200 ticks in 2 s; a waiting one a handful.
    assert!(
        used < 60,
        "the server used {used} ticks of CPU in 2 s while saturated"
    );
    drop(hogs);
    let started = Instant::now();
    while get_status_or_zero(&addr) != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not recover after the connections closed"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn get_status_or_zero(addr: &str) -> u16 {
    let Ok(mut stream) = TcpStream::connect(addr) else {
        return 0;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return 0;
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    status(&response)
}
