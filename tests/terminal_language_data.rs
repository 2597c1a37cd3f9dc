//! The rest of issue 9, item 5: on a Chinese project, bad order and stock exports, YAML
//! the parser cannot read, `delaybook sql` and the warehouse route speak Chinese on the
//! terminal (codes, places and field paths as they are); `--lang en` keeps English.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use std::path::Path;

use common::*;

/// Every message line Chinese: no English sentence (source lines quoted under a
/// diagnostic are the user's own text and skipped), no English fallback label.
fn assert_all_chinese(case: &str, text: &str) {
    for line in text.lines() {
        let quoted = line.trim_start().starts_with('|')
            || line.trim_start().starts_with('^')
            || line.split(" |").next().is_some_and(|n| {
                !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit())
            });
        // The header names a file holds are its own words, listed as found.
        let line = line.split("表头里有：").next().unwrap_or(line);
        if !quoted {
            assert!(
                english_sentence(line).is_none(),
                "{case}: English in a Chinese run: {line:?}\n{text}"
            );
        }
    }
    assert!(!text.contains("（英文）"), "{case}: untranslated\n{text}");
}

const HEADER: &str = "order_id,sku,quantity,platform,ordered_at,promised_ship_by,shipped_at,status,delay_cause,detected_at,notified_at,resolution,amount\n";
const GOOD: &str = "ok1,A,1,,2026-11-16 10:00,,,open,,,,,10\n";
const STOCK: &str =
    "sku,name,on_hand,incoming,restock_eta,lead_time_days,supplier\nA,杯子A,10,0,,,甲厂\n";

/// (case, orders.csv, stock.csv): one export per class of bad rows.
fn bad_exports() -> Vec<(&'static str, Vec<u8>, String)> {
    let orders = |rows: &str| format!("{HEADER}{rows}{GOOD}").into_bytes();
    let stock = STOCK.to_string();
    vec![
        (
            "wrong header",
            b"Ref,Item,Qty,When\n1,A,1,2026-11-16\n".to_vec(),
            stock.clone(),
        ),
        (
            "bad dates",
            orders("d1,A,1,,2026-13-45 10:00,,,open,,,,,1\nd2,A,1,,16/11/2026 x,,,open,,,,,1\nd3,A,1,,2026-11-16 10:00,,soon,shipped,,,,,1\n"),
            stock.clone(),
        ),
        (
            "bad numbers",
            orders("n1,A,-3,,2026-11-16 10:00,,,open,,,,,1\nn2,A,1,,2026-11-16 10:00,,,open,,,,,-5\nn3,A,1,,2026-11-16 10:00,,,open,,,,,¥abc\n"),
            stock.clone(),
        ),
        (
            "short rows and empty cells",
            orders("s1,A,1\ns2,,1,,2026-11-16 10:00,,,open,,,,,1\n"),
            stock.clone(),
        ),
        (
            "Excel damage",
            orders("6.93812E+18,A,1,,2026-11-16 10:00,,,open,,,,,1\ne2,A,1,,#####,,,open,,,,,1\ne3,A,1,,46342.42,,,open,,,,,1\n"),
            stock.clone(),
        ),
        (
            "unknown status, platform, cause; duplicates",
            orders("u1,A,1,moon,2026-11-16 10:00,,,weird,,,,,1\nu2,A,1,,2026-11-16 10:00,,,open,aliens,,,,1\nu2,A,1,,2026-11-16 10:00,,,open,aliens,,,,1\n"),
            stock.clone(),
        ),
        (
            "several items in a row",
            orders("m1,A;B,1;2,,2026-11-16 10:00,,,open,,,,,1\n"),
            stock.clone(),
        ),
        (
            "bad stock values",
            orders(""),
            "sku,name,on_hand,incoming,restock_eta,lead_time_days,到货数量预计\nA,杯子A,10,abc,someday,-2,5\nB,杯子B,x,0,,,3\n,杯子C,1,0,,,1\n".to_string(),
        ),
    ]
}

/// Bad files as a whole: encoding, binary, size, half an export, a stock file without
/// its columns.
fn bad_files() -> Vec<(&'static str, Vec<u8>, String)> {
    let orders = |rows: &str| format!("{HEADER}{rows}{GOOD}").into_bytes();
    let stock = STOCK.to_string();
    vec![
        (
            "bad encoding",
            [HEADER.as_bytes(), b"g1,\xff\xfe\xfd,1,,2026-11-16 10:00,,,open,,,,,1\n"].concat(),
            stock.clone(),
        ),
        ("NUL bytes", b"order_id\x00,sku\n1\x00,2\n".to_vec(), stock.clone()),
        (
            "an Excel workbook",
            [b"PK\x03\x04".as_slice(), &[0u8; 64]].concat(),
            stock.clone(),
        ),
        (
            "a record too long",
            orders(&format!("l1,{},1,,2026-11-16 10:00,,,open,,,,,1\n", "A".repeat(70_000))),
            stock.clone(),
        ),
        (
            "half of a 淘宝 export",
            "订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间,发货时间\n1,x,10,等待卖家发货,2026-11-16 10:00,2026-11-16 10:00,\n".as_bytes().to_vec(),
            stock,
        ),
        ("no stock header", orders(""), "name,qty\nfoo,1\n".to_string()),
    ]
}

// Every class of bad export, through `check` and `report`: the whole terminal output is
// Chinese on a Chinese project (issue 9: "error texts translated where they are
// reported", verified rather than assumed).
#[test]
fn bad_exports_are_reported_in_chinese() {
    for (case, orders, stock) in bad_exports().into_iter().chain(bad_files()) {
        let dir = project("base");
        write(dir.path(), "data/orders.csv", &orders);
        write(dir.path(), "data/stock.csv", &stock);
        for args in [&["check"][..], &["report", "--week", "2026-W47"]] {
            let out = run_in_project_language(dir.path(), args);
            let err = stderr(&out);
            assert!(err.contains("data/"), "{case}: no data problem:\n{err}");
            assert_all_chinese(case, &err);
        }
    }
}

// The messages that were English on a Chinese project, each by its sentence, and the
// same places in English with `--lang en`.
#[test]
fn stock_and_multi_item_problems_in_both_languages() {
    let dir = project("base");
    write(
        dir.path(),
        "data/orders.csv",
        format!("{HEADER}m1,A;B,1;2,,2026-11-16 10:00,,,open,,,,,1\n{GOOD}"),
    );
    write(
        dir.path(),
        "data/stock.csv",
        "sku,name,on_hand,incoming,restock_eta,lead_time_days,到货数量预计\nA,杯子A,10,abc,someday,-2,5\n",
    );
    let zh = stderr(&run_in_project_language(dir.path(), &["check"]));
    for want in [
        "data/stock.csv:2:4: 警告[W302]：列 `incoming`：",
        "在途数量按未知处理（显示为 —，建议补货量不扣除在途），这一行的其他内容照常使用",
        "到货日期按未知处理（当作没有填写）",
        "改用默认补货周期",
        "data/stock.csv:1:7: 警告[W305]：没有读取列 `到货数量预计`",
        "data/orders.csv:2:3: 错误[E317]：列 `quantity`：这一行包含多件商品（SKU `A;B`，数量 `1;2`）",
        "提示：请在抖店后台（订单管理 → 批量导出）选择“商品维度”",
        // A file exported by order is not Excel damage, but it stops the report too.
        "1 处错误要先改好（没有写入任何内容）",
    ] {
        assert!(zh.contains(want), "missing `{want}` in\n{zh}");
    }
    // An English project reports the same rows by their English sentences.
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\nsite:\n  language: en\n",
    );
    let en = stderr(&run_in_project_language(dir.path(), &["check"]));
    for want in [
        "data/stock.csv:2:4: warning[W302]: ",
        "incoming units unknown (shown as —; the restock quantity does not subtract them)",
        "data/orders.csv:2:3: error[E317]: ",
        "in the 抖店 back office (订单管理 → 批量导出), choose 商品维度",
    ] {
        assert!(en.contains(want), "missing `{want}` in\n{en}");
    }
}

// What the YAML parser says becomes a Chinese sentence at the same place; English keeps
// the parser's words.
#[test]
fn yaml_parser_errors_are_chinese_sentences() {
    let cases = [
        (
            "playbooks:\n  - id: \"unclosed\n",
            "错误[E016]：YAML 格式错误：引号里的文字换行后缩进不够，或者少了结尾的引号",
            "multiline quoted scalar",
        ),
        (
            "playbooks:\n\t- a\n",
            "错误[E016]：YAML 格式错误：用了 Tab 键缩进：YAML 只能用空格缩进",
            "tab",
        ),
        (
            "playbooks:\n  - id: a: b\n",
            "YAML 格式错误：这里不能出现冒号：如果值里有“: ”，请给整个值加上引号",
            "mapping values are not allowed",
        ),
        (
            "playbooks: 3\n",
            "错误[E012]：类型不对：这里应该是列表（每项一行，以 `- ` 开头）",
            "wrong type",
        ),
        (
            "playbooks:\n  - id: a\n    title: b\n    title: c\n",
            "错误[E015]：同一个映射里有重复的键 `title`",
            "duplicate mapping key: title",
        ),
    ];
    for (yaml, zh_want, en_want) in cases {
        let dir = project("base");
        write(dir.path(), "playbooks/zz.yaml", yaml);
        let zh = stderr(&run_in_project_language(
            dir.path(),
            &["check", "--no-data"],
        ));
        assert!(zh.contains("playbooks/zz.yaml:"), "{zh}");
        assert!(zh.contains(zh_want), "missing `{zh_want}` in\n{zh}");
        assert!(!zh.contains("解析器原文"), "{zh}");
        assert_all_chinese(yaml, &zh);
        let en = stderr(&run(dir.path(), &["check", "--no-data"]));
        assert!(en.contains(en_want), "missing `{en_want}` in\n{en}");
    }
    // A config value of the wrong kind names what is expected and what was written.
    let dir = project("base");
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\ninputs:\n  orders: 3\nreport:\n  at_risk_hours: abc\n",
    );
    let zh = stderr(&run_in_project_language(
        dir.path(),
        &["check", "--no-data"],
    ));
    assert!(
        zh.contains("类型不对：这里应该是一个路径，或者由路径和 `{ path, platform, preset }` 项组成的列表，写的却是数字 3")
            || zh.contains("这里应该是数字"),
        "{zh}"
    );
    assert_all_chinese("config", &zh);
}

/// The metrics project with the golden aggregates (DuckDB's export) in `agg/`.
fn warehouse_project() -> tempfile::TempDir {
    let dir = project("metrics");
    let golden =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warehouse/aggregates/metrics");
    for e in std::fs::read_dir(golden).unwrap() {
        let p = e.unwrap().path();
        write(
            dir.path(),
            &format!("agg/{}", p.file_name().unwrap().to_string_lossy()),
            std::fs::read(&p).unwrap(),
        );
    }
    dir
}

// `delaybook sql`'s flag errors in Chinese; English with --lang en.
#[test]
fn sql_flags_speak_chinese() {
    let dir = warehouse_project();
    let root = dir.path();
    for (args, want) in [
        (
            &["sql", "--dialect", "duckdb", "--absent", "notifed_at"][..],
            "--absent `notifed_at` 不是可缺失的订单列（是不是要写 `notified_at`？）；可缺失的列有：",
        ),
        (
            &["sql", "--dialect", "duckdb", "--absent", "sku"],
            "--absent `sku`：这一列是必需的",
        ),
        (
            &["sql", "--dialect", "duckdb", "--orders-table", "a..b"],
            "--orders-table `a..b` 不是表名；请写成 orders 或 shop.orders 这样",
        ),
        (
            &["sql", "--dialect", "duckdb", "--examples", "5000"],
            "--examples 5000 太多了；最多 1000",
        ),
    ] {
        let out = run_in_project_language(root, args);
        let err = stderr(&out);
        assert_ne!(out.status.code(), Some(0), "{err}");
        assert!(err.contains(want), "missing `{want}` in\n{err}");
        assert_all_chinese("sql", &err);
    }
    let en = stderr(&run(
        root,
        &["sql", "--dialect", "duckdb", "--absent", "sku"],
    ));
    assert!(en.contains("this column is required"), "{en}");
}

// The warehouse route: its summary line, the checks of the engine's tables, every
// unreadable table, in Chinese; English with --lang en.
#[test]
fn warehouse_route_speaks_chinese() {
    let dir = warehouse_project();
    let root = dir.path();

    // A good folder: the summary and the failed checks are Chinese.
    let out = run_in_project_language(root, &["--out", "wh", "report", "--aggregates", "agg"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("2026-W47（2026-11-16 至 2026-11-22）：由 duckdb 计算"),
        "{err}"
    );
    assert!(err.contains("数据表 orders: 警告[W302]："), "{err}");
    assert_all_chinese("aggregates", &err);
    let json = std::fs::read_to_string(root.join("wh/reports/2026-W47/report.json")).unwrap();
    assert!(
        json.contains("数据表 `orders` 有 1 行的延迟原因不是原因目录里的代码、名称或别名"),
        "the report's data quality is in the report's language"
    );

    // Broken folders: a missing table, a bad value, a missing column, no folder.
    std::fs::remove_file(root.join("agg/dbk_delays.csv")).unwrap();
    let due = std::fs::read_to_string(root.join("agg/dbk_due.csv")).unwrap();
    write(root, "agg/dbk_due.csv", due.replacen(",1,0,", ",x1,0,", 1));
    let run_table = std::fs::read_to_string(root.join("agg/dbk_run.csv")).unwrap();
    let (head, rest) = run_table.split_once('\n').unwrap();
    write(
        root,
        "agg/dbk_run.csv",
        format!("{},oops\n{rest}", head.replacen("week", "wk", 1)),
    );
    let out = run_in_project_language(
        root,
        &["--out", "wh2", "report", "--aggregates", "agg", "missing"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for want in [
        "agg/dbk_delays.csv: 错误[E330]：缺少结果表 `dbk_delays`",
        "提示：请完整运行 `delaybook sql` 生成的脚本，再把 dbk_delays 连同表头导出为 dbk_delays.csv",
        "错误[E332]：",
        "不是整数",
        "agg/dbk_run.csv:1: 错误[E331]：dbk_run 缺少列 `week`",
        "missing: 错误[E330]：汇总结果文件夹不存在",
    ] {
        assert!(err.contains(want), "missing `{want}` in\n{err}");
    }
    assert_all_chinese("broken aggregates", &err);
    let en = stderr(&run(
        root,
        &["--out", "wh2", "report", "--aggregates", "agg", "missing"],
    ));
    assert!(
        en.contains("agg/dbk_delays.csv: error[E330]: the result table `dbk_delays` is missing"),
        "{en}"
    );
}

// `--help` stays English (clap's own words) but says where the Chinese docs are, and
// every document it names exists.
#[test]
fn help_names_the_chinese_docs() {
    let dir = project("base");
    let out = run_in_project_language(dir.path(), &["--help"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    // clap wraps the paragraph to the terminal's width: read it up to its full stop.
    let from = text
        .find("中文说明：")
        .unwrap_or_else(|| panic!("no pointer to the Chinese docs:\n{text}"));
    let line: String = text[from..]
        .split('。')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs: Vec<&str> = line
        .split(['：', '，', '。'])
        .filter(|w| w.starts_with("docs/"))
        .collect();
    assert!(docs.len() >= 3, "{line}");
    for doc in docs {
        assert!(doc.contains(".zh-CN."), "{doc}");
        assert!(root.join(doc).is_file(), "{doc} does not exist");
    }
}

// An unknown `inputs.encoding` is a located config problem in Chinese (it was the
// library's English text under a generic title).
#[test]
fn unknown_encoding_setting_speaks_chinese() {
    let dir = project("row_problems");
    write(
        dir.path(),
        "delaybook.yaml",
        "timezone: Asia/Shanghai\ninputs:\n  encoding: latin1\n",
    );
    let zh = stderr(&run_in_project_language(dir.path(), &["check"]));
    assert!(
        zh.contains("delaybook.yaml: 错误[E304]：`inputs.encoding` 里的编码 `latin1` 无法识别"),
        "{zh}"
    );
    assert!(zh.contains("  = 字段：inputs.encoding"), "{zh}");
    assert_all_chinese("encoding", &zh);
    let en = stderr(&run(dir.path(), &["check"]));
    assert!(
        en.contains("delaybook.yaml: error[E304]: unknown encoding `latin1` in inputs.encoding"),
        "{en}"
    );
}
