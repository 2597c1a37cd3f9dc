//! `delaybook schema` describes the files `check` accepts, and `delaybook new` creates a
//! project that passes `check`.

mod common;

use std::path::Path;

use serde_json::Value;

/// Runs the binary with `args` in `dir` and returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("delaybook")
        .expect("binary")
        .arg("-C")
        .arg(dir)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn schema(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(Path::new("."), args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("schema is JSON")
}

/// A small JSON Schema checker covering what schemars emits (type, properties,
/// required, additionalProperties, items, enum, $ref, anyOf/oneOf/allOf). Returns the
/// first problem as `path: message`.
fn validate(root: &Value, schema: &Value, value: &Value, path: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let target = root
            .pointer(&format!("/$defs/{name}"))
            .ok_or_else(|| format!("dangling $ref {r}"))?;
        return validate(root, target, value, path);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let ok = options
                .iter()
                .filter(|s| validate(root, s, value, path).is_ok())
                .count();
            if ok == 0 || (key == "oneOf" && ok > 1) {
                return Err(format!("{path}: matches {ok} of the {key} options"));
            }
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(root, s, value, path)?;
        }
    }
    check_type(schema, value, path)?;
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Err(format!("{path}: {value} is not one of {allowed:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        return Err(format!("{path}: expected {c}"));
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            validate(root, items, v, &format!("{path}[{i}]"))?;
        }
    }
    if let Some(obj) = value.as_object() {
        validate_object(root, schema, obj, path)?;
    }
    Ok(())
}

fn validate_object(
    root: &Value,
    schema: &Value,
    obj: &serde_json::Map<String, Value>,
    path: &str,
) -> Result<(), String> {
    let props = schema.get("properties").and_then(Value::as_object);
    for req in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = req.as_str().unwrap_or_default();
        if !obj.contains_key(key) {
            return Err(format!("{path}: missing required `{key}`"));
        }
    }
    for (k, v) in obj {
        match props.and_then(|p| p.get(k)) {
            Some(s) => validate(root, s, v, &format!("{path}.{k}"))?,
            None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                return Err(format!("{path}: unknown field `{k}`"));
            }
            None => {}
        }
    }
    Ok(())
}

fn check_type(schema: &Value, value: &Value, path: &str) -> Result<(), String> {
    let Some(t) = schema.get("type") else {
        return Ok(());
    };
    let types: Vec<&str> = match t {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => return Ok(()),
    };
    let ok = types.iter().any(|t| match *t {
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    });
    if ok {
        Ok(())
    } else {
        Err(format!("{path}: expected {types:?}, got {value}"))
    }
}

fn yaml_to_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("read yaml");
    serde_saphyr::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// Editors validate with this schema: the bundled sample content must pass it.
#[test]
fn sample_playbooks_validate_against_schema() {
    let schema = schema(&["schema"]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut n = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            let value = yaml_to_json(entry.path());
            if let Err(e) = validate(&schema, &schema, &value, "") {
                panic!("{}: {e}", entry.path().display());
            }
            n += 1;
        }
    }
    assert!(n >= 5, "expected the sample playbook files, found {n}");
}

// The schema must actually reject what `check` rejects, or the test above proves nothing.
#[test]
fn schema_rejects_unknown_field_and_wrong_enum() {
    let schema = schema(&["schema"]);
    let bad_field = serde_json::json!({"playbooks": [{"id": "x", "titel": "x"}]});
    let err = validate(&schema, &schema, &bad_field, "").expect_err("unknown field");
    assert!(
        err.contains("titel") || err.contains("missing required"),
        "{err}"
    );
    let bad_enum = serde_json::json!({"templates": [{"id": "t", "title": "t", "channel": "fax", "text": "x"}]});
    assert!(validate(&schema, &schema, &bad_enum, "").is_err());
}

// The config schema covers delaybook.yaml, including the sample config.
#[test]
fn sample_config_validates_against_config_schema() {
    let schema = schema(&["schema", "--config"]);
    let value = yaml_to_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("delaybook.yaml"));
    validate(&schema, &schema, &value, "").expect("sample config matches its schema");
}

// A new user's first command must give a project that passes check.
#[test]
fn new_creates_a_project_that_passes_check() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("shop");
    let (code, _, stderr) = run(tmp.path(), &["new", "shop"]);
    assert_eq!(code, 0, "{stderr}");
    // Two lines, not one with a visible `\n` in the middle.
    assert!(!stderr.contains("\\n"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("created a new delaybook project in "),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("next: cd ") && lines[1].ends_with(" && delaybook build"),
        "{stderr}"
    );
    assert!(dir.join("delaybook.yaml").is_file());
    assert!(dir.join("playbooks/causes.yaml").is_file());
    assert!(dir.join("data/orders.csv").is_file() && dir.join("data/stock.csv").is_file());
    let (code, _, stderr) = run(&dir, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("ok: "), "{stderr}");
}

// `new` must never write into a folder that already has files.
#[test]
fn new_refuses_non_empty_folder() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("keep.txt"), "mine").expect("write");
    let (code, _, stderr) = run(tmp.path(), &["new", "."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).expect("read"),
        "mine"
    );
}

// Mistyped command-line values are usage errors (exit 2), reported before any data is
// read, with the expected form.
#[test]
fn usage_errors_exit_2() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, stderr) = run(Path::new("/nonexistent-delaybook-root"), &["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("project folder `/nonexistent-delaybook-root` does not exist"),
        "{stderr}"
    );
    let (code, _, stderr) = run(root, &["report", "--week", "2026-W99"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--week `2026-W99` is not an ISO week; write it like 2026-W47"),
        "{stderr}"
    );
    let (code, _, stderr) = run(root, &["report", "--as-of", "yesterday"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--as-of `yesterday` is not a timestamp"),
        "{stderr}"
    );
    let (code, _, stderr) = run(root, &["build", "--colour", "never"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--color"),
        "clap suggests the right flag: {stderr}"
    );
}
