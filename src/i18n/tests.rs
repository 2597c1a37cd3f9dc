use super::*;

fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Text outside backticks, with `{placeholders}`, codes and file-like words removed.
fn prose(text: &str) -> String {
    let outside: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    let mut out = String::new();
    let mut skip = false;
    for c in outside.chars() {
        match c {
            '{' => skip = true,
            '}' => skip = false,
            c if !skip => out.push(c),
            _ => {}
        }
    }
    out
}

/// An English sentence fragment: three or more lowercase ASCII words in a row, separated
/// by single spaces (commands such as `delaybook build` and lists such as `open、shipped`
/// are not sentences).
fn has_ascii_sentence(text: &str) -> bool {
    let mut run = 0;
    for word in prose(text).split(' ') {
        let word = word.trim_end_matches([',', '.', ';', ':']);
        if word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase() || c == '\'') {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

// A key missing from one table would print the other language (or nothing).
#[test]
fn both_tables_have_the_same_keys_and_arguments() {
    // English singular forms (`key#one`) have no Chinese counterpart, but a base key
    // with the same arguments.
    let (singular, en_table): (Vec<_>, Vec<_>) =
        en::TABLE.iter().partition(|(k, _)| k.ends_with("#one"));
    for (k, t) in singular {
        let base = k.trim_end_matches("#one");
        assert!(has(base), "`{k}` has no base key");
        assert_eq!(placeholders(t), placeholders(text(Lang::En, base)), "{k}");
    }
    assert_eq!(en_table.len(), zh_cn::TABLE.len());
    for ((ke, te), &(kz, tz)) in en_table.into_iter().zip(zh_cn::TABLE) {
        assert_eq!(ke, kz, "tables out of order");
        assert_eq!(
            placeholders(te),
            placeholders(tz),
            "arguments of `{ke}` differ"
        );
        assert!(
            !te.trim().is_empty() && !tz.trim().is_empty(),
            "`{ke}` is empty"
        );
    }
    let mut keys: Vec<&str> = keys().collect();
    keys.sort_unstable();
    let n = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key is defined twice");
}

// Chinese messages are Chinese: no English sentence outside the quoted codes and values.
#[test]
fn chinese_table_has_no_english_sentences() {
    let english: Vec<&str> = zh_cn::TABLE
        .iter()
        .filter(|(_, t)| has_ascii_sentence(t))
        .map(|(k, _)| *k)
        .collect();
    assert!(english.is_empty(), "English left in zh-CN: {english:?}");
    // Nor a Latin word or two with no Chinese at all (a copied English entry).
    let cjk = |c: char| matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}');
    let latin_only: Vec<&str> = zh_cn::TABLE
        .iter()
        .filter(|(_, t)| {
            let p = prose(t);
            !p.chars().any(cjk)
                && p.split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w.len() >= 2)
        })
        .map(|(k, _)| *k)
        .collect();
    assert!(latin_only.is_empty(), "no Chinese in zh-CN: {latin_only:?}");
    assert!(has_ascii_sentence("文件 the file cannot be read"));
    assert!(!has_ascii_sentence(
        "在 `data/orders.csv` 没有找到 {spec} 订单文件"
    ));
}

/// Every code the source pushes (`"E050"`) and every code docs/errors.md lists.
fn all_codes() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut codes = Vec::new();
    let mut texts = vec![std::fs::read_to_string(root.join("docs/errors.md")).unwrap()];
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    for text in &texts {
        let bytes = text.as_bytes();
        for i in 0..bytes.len().saturating_sub(3) {
            let word = &bytes[i..i + 4];
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + 4).copied();
            if matches!(word[0], b'E' | b'W')
                && word[1..].iter().all(u8::is_ascii_digit)
                && before.is_some_and(|b| b == b'"' || b == b' ' || b == b'|')
                && after.is_some_and(|b| b == b'"' || b == b' ')
            {
                codes.push(String::from_utf8_lossy(word).into_owned());
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes.retain(|c| c != "W001" && c != "W303");
    codes
}

// Every diagnostic code has a Chinese headline, so no diagnostic is English-only.
#[test]
fn every_code_has_a_title_in_both_languages() {
    let codes = all_codes();
    assert!(codes.len() > 90, "{codes:?}");
    for code in &codes {
        let key = format!("code.{code}");
        assert!(has(&key), "no catalogue title for {code}");
        let zh = text(Lang::ZhCn, &key);
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !has_ascii_sentence(zh),
            "{code}: {zh}"
        );
    }
}

// --lang beats the project, the project beats the environment, zh-CN is the default.
#[test]
fn language_precedence() {
    let env = |k: &str| (k == "LANG").then(|| "en_US.UTF-8".to_string());
    let none = |_: &str| None;
    assert_eq!(choose(Some(Lang::En), Some(Lang::ZhCn), none), Lang::En);
    assert_eq!(choose(None, Some(Lang::ZhCn), env), Lang::ZhCn);
    assert_eq!(choose(None, None, env), Lang::En);
    assert_eq!(choose(None, None, none), Lang::ZhCn);
    let c = |k: &str| (k == "LC_ALL").then(|| "C".to_string());
    assert_eq!(choose(None, None, c), Lang::En);
    assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::ZhCn));
    assert_eq!(Lang::parse("fr_FR"), None);
}

// Arguments fill their place in either language; unknown braces stay.
#[test]
fn formats_arguments() {
    let n = 3;
    let s = format(Lang::ZhCn, "quality.skipped", &[("count", &n)]);
    assert_eq!(s, "跳过 3 行");
    assert_eq!(
        format(Lang::ZhCn, "quality.skipped", &[("count", &1)]),
        "跳过 1 行"
    );
    assert_eq!(
        format(Lang::En, "quality.skipped", &[("count", &1)]),
        "1 row skipped"
    );
    assert_eq!(
        format(Lang::En, "quality.skipped", &[("count", &2)]),
        "2 rows skipped"
    );
    assert_eq!(fill("{a} {b} {", &[("a", &1)]), "1 {b} {");
}

// A project without `site.language` is Chinese (the config's default); a broken config
// still gives its declared language, so its own errors are in that language.
#[test]
fn project_language_of_a_config_text() {
    assert_eq!(declared_language("site:\n  language: en\n"), Some(Lang::En));
    assert_eq!(declared_language("site:\n  title: x\n"), None);
    assert_eq!(
        declared_language("site:\n  language: en   # 界面语言\n  bad: [\n"),
        Some(Lang::En)
    );
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(project_language(dir.path()), None);
    std::fs::write(
        dir.path().join("delaybook.yaml"),
        "timezone: Asia/Shanghai\n",
    )
    .unwrap();
    assert_eq!(project_language(dir.path()), Some(Lang::ZhCn));
}

// docs/errors.zh-CN.md lists every code with its catalogue title, so the doc stays true.
#[test]
fn chinese_code_table_matches_the_catalogue() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/errors.zh-CN.md")).unwrap();
    for code in all_codes() {
        let row = format!("| {code} | {} |", text(Lang::ZhCn, &format!("code.{code}")));
        assert!(doc.contains(&row), "docs/errors.zh-CN.md lacks {row}");
    }
}

/// String literals outside the catalogue and outside tests that read as English prose:
/// four lowercase words in a row outside backticks, as `file:line: text`.
fn english_literals() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let skip =
            rel.starts_with("src/i18n/") || rel.ends_with("tests.rs") || rel.contains("_tests");
        if skip || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            // Comments and lint `reason = "…"`s are for contributors, not users.
            if line.trim_start().starts_with("//") || line.trim_start().starts_with("reason = ") {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                let prose: String = literal.split('`').step_by(2).collect::<Vec<_>>().join(" ");
                let words: Vec<&str> = prose.split([' ', ',', ';', ':', '(', ')']).collect();
                let english = words.windows(4).any(|w| {
                    w.iter()
                        .all(|x| x.len() >= 2 && x.chars().all(|c| c.is_ascii_lowercase()))
                });
                if english {
                    found.push(format!("{rel}:{}: {literal}", i + 1));
                }
            }
        }
    }
    found
}

// Every sentence a person reads on the terminal comes from the catalogue: no English
// prose literal is left in the source, except the ones below, which are not shown as
// they are: I/O actions mapped to catalogue keys (fsx, output/swap), serde's
// `expecting` text (mapped by `parser::kind_key`), the output marker file, the
// library's `Display` of errors that `commands/data.rs` reports through the catalogue
// (ReportError, IngestError, the too-long record inside an io::Error, the 淘宝
// half-export labels matched by prefix), the reference implementation's own texts (a
// test oracle, never run by the binary), a CSS comment, and the comments of the SQL
// script `delaybook sql` prints (code for the warehouse's engineers, the same for every
// project).
#[test]
fn no_english_sentence_outside_the_catalogue() {
    const NOT_SHOWN_AS_IS: &[&str] = &[
        "src/fsx.rs:",
        "src/output/swap.rs:",
        "src/output.rs: This folder is written by delaybook",
        "src/inputs.rs: a path, or a list of paths",
        "src/report/mod.rs:",
        "src/ingest/limits.rs: a record starting on line",
        "src/ingest/mod.rs: the text holds U+FFFD",
        "src/ingest/mod.rs: bytes that are not valid",
        "src/ingest/mod.rs: no order file found at",
        "src/ingest/mod.rs: orders to join with the item file",
        "src/ingest/plan.rs: 订单报表 (order report, ExportOrderList…) of the same export",
        "src/ingest/plan.rs: 宝贝报表 (item report, ExportOrderDetailList…) of the same export",
        "src/report/reference/",
        "src/render/handbook/mod.rs: Running headers of the printed handbook",
        "src/warehouse/mod.rs: lines due in the week, classified",
        "src/warehouse/mod.rs: the week before, as of its end",
        "src/warehouse/mod.rs: weekly delay report aggregates",
        "src/warehouse/mod.rs: end of the week",
    ];
    let literals = english_literals();
    assert!(
        literals
            .iter()
            .any(|l| l.contains("This folder is written by delaybook")),
        "the scan finds nothing: {literals:?}"
    );
    let left: Vec<String> = literals
        .into_iter()
        .filter(|l| {
            !NOT_SHOWN_AS_IS.iter().any(|allowed| {
                let (file, text) = allowed.split_once(": ").unwrap_or((allowed, ""));
                l.starts_with(file.trim_end_matches(':')) && l.contains(text)
            })
        })
        .collect();
    assert!(
        left.is_empty(),
        "English outside the catalogue:\n{}",
        left.join("\n")
    );
}
