//! What real exports do to a report, case by case: Chinese cause and platform names,
//! a platform per input file, Excel damage, thousands of repeated problems, missing
//! columns, the week a person means. Small inline fixtures on top of `base/`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly on broken fixtures"
)]

#[path = "report_common.rs"]
mod common;

use common::*;
use serde_json::Value;

/// A project with `orders` as data/orders.csv and the standard stock file.
fn with_orders(orders: &str) -> tempfile::TempDir {
    let dir = project("base");
    write(dir.path(), "data/orders.csv", orders);
    write(dir.path(), "data/stock.csv", STOCK);
    dir
}

fn row(id: &str, platform: &str, cause: &str, status: &str) -> String {
    // Ordered Mon 11-16 10:00 (D 11-18 10:00), not shipped: overdue in W47.
    format!("{id},A,1,{platform},2026-11-16 10:00,,,{status},{cause},,,,10\n")
}

// A cause written as its Chinese name or a declared alias is the code: one bar, not two.
#[test]
fn cause_names_and_aliases_count_as_the_code() {
    let dir = with_orders(&format!(
        "{HEADER}{}{}{}{}",
        row("c1", "", "stockout", ""),
        row("c2", "", "缺货", ""),
        row("c3", "", "断货", ""),
        row("c4", "", "天气", "")
    ));
    let content = std::fs::read_to_string(dir.path().join("playbooks/content.yaml")).unwrap();
    let content = content.replace(
        "    name: 缺货\n",
        "    name: 缺货\n    aliases: [断货, 没货]\n",
    );
    write(dir.path(), "playbooks/content.yaml", content);
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["causes"][0]["code"], "stockout");
    assert_eq!(r["causes"][0]["count"], 3);
    assert_eq!(r["causes"][1]["code"], "天气");
    let problems = r["data_quality"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("延迟原因 `天气` 无法识别")
    );
}

// Platform values in Chinese or English land on one key; its promise hours apply; an
// unknown one gets a "did you mean".
#[test]
fn platform_names_aliases_and_did_you_mean() {
    let dir = with_orders(&format!(
        "{HEADER}{}{}{}{}",
        row("p1", "抖音", "", ""),
        row("p2", "抖店", "", ""),
        row("p3", "TikTok", "", ""),
        row("p4", "pinduodou", "", "")
    ));
    write(
        dir.path(),
        "delaybook.yaml",
        "platforms:\n  douyin: { name: 抖音, promise_hours: 24 }\n  tiktok_shop: { aliases: [TT小店] }\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    let platforms: Vec<(String, u64)> = r["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["platform"].as_str().unwrap().into(),
                p["due"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        platforms,
        [
            ("douyin".into(), 2),
            ("pinduodou".into(), 1),
            ("tiktok_shop".into(), 1)
        ]
    );
    // douyin's 24 h promise: D 11-17 10:00, so 134 h overdue at 11-23 00:00.
    assert!(close(&r["delay_hours"]["max"], 134.0));
    let msg = r["data_quality"]["problems"][0]["message"]
        .as_str()
        .unwrap();
    assert!(msg.contains("平台 `pinduodou` 无法识别"), "{msg}");
    assert!(msg.contains("是不是要写 `pinduoduo`？"), "{msg}");
}

// Single-platform exports have no platform column: the input says which platform it is;
// where a file has a platform value, the value wins.
#[test]
fn platform_per_input_file() {
    let dir = project("base");
    write(dir.path(), "data/stock.csv", STOCK);
    write(
        dir.path(),
        "data/dy.csv",
        "订单号,商品编码,付款时间,订单状态\nd1,A,2026-11-16 10:00,待发货\n",
    );
    write(
        dir.path(),
        "data/mixed.csv",
        format!(
            "{HEADER}{}{}",
            row("m1", "拼多多", "", ""),
            row("m2", "", "", "")
        ),
    );
    write(
        dir.path(),
        "delaybook.yaml",
        "inputs:\n  orders:\n    - path: data/dy.csv\n      platform: 抖音\n    - path: data/mixed.csv\n      platform: taobao\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    let keys: Vec<&str> = r["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["platform"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["douyin", "pinduoduo", "taobao"]);
}

/// Runs `report` on `orders` and asserts the Excel-damage failure: exit 1, nothing
/// written, the code and words in stderr (the project's language: Chinese).
fn assert_excel_error(orders: &str, stock: &str, code: &str, words: &[&str]) {
    let dir = project("base");
    write(dir.path(), "data/orders.csv", orders);
    write(dir.path(), "data/stock.csv", stock);
    let out = run_in_project_language(dir.path(), &["report", "--week", "2026-W47"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("错误[{code}]")),
        "{code} not in {err}"
    );
    assert!(err.contains("Excel"), "{err}");
    for w in words {
        assert!(err.contains(w), "{w} not in {err}");
    }
    assert!(
        !dir.path().join("public").exists(),
        "nothing may be written"
    );
}

// `6.938E+18`: the ids are no longer ids.
#[test]
fn scientific_ids_are_an_error() {
    let orders = format!(
        "{HEADER}{}{}",
        row("6.93812E+18", "", "", ""),
        row("6.93812E+18", "", "", "")
    );
    assert_excel_error(&orders, STOCK, "E311", &["科学计数法", "设为“文本”"]);
}

// 19-digit ids whose last four digits are all zero, in every row: Excel kept 15 digits.
#[test]
fn ids_that_lost_digits_are_an_error() {
    let orders = format!(
        "{HEADER}{}{}",
        row("6938123456789010000", "", "", ""),
        row("6938123456789020000", "", "", "")
    );
    assert_excel_error(
        &orders,
        STOCK,
        "E312",
        &["第 15 位之后都是 0", "6938123456789010000"],
    );
    // One zero-tailed id among real ones is not damage.
    let dir = with_orders(&format!(
        "{HEADER}{}{}",
        row("6938123456789010000", "", "", ""),
        row("6938123456789012345", "", "", "")
    ));
    assert!(
        run(dir.path(), &["report", "--week", "2026-W47"])
            .status
            .success()
    );
}

// Times turned into serial numbers, and `#####` for a column too narrow.
#[test]
fn serial_dates_and_hashes_are_errors() {
    let serial = format!("{HEADER}x1,A,1,,46342.4166666667,,,,,,,,\n");
    assert_excel_error(
        &serial,
        STOCK,
        "E313",
        &["Excel 序列数（2026-11-16 10:00）"],
    );
    let hashes = format!("{HEADER}x1,A,1,,########,,,,,,,,\n");
    assert_excel_error(&hashes, STOCK, "E314", &["#####"]);
}

// `00123` in the stock file and `123` in the orders: the codes no longer match.
#[test]
fn skus_that_lost_leading_zeros_are_an_error() {
    let orders = format!("{HEADER}z1,123,1,,2026-11-16 10:00,,,,,,,,\n");
    let stock = "sku,name,on_hand\n00123,杯子,5\n";
    assert_excel_error(&orders, stock, "E315", &["`00123`", "去掉了开头的 0"]);
}

// 5,000 rows with unknown statuses are one grouped entry with the count, the first
// lines, and status_map lines to add under the existing `status_map:`; the summary is
// the last thing on the terminal; report.json keeps the first 1,000. (One more row is
// usable: a file where every row is skipped is an error, see report_qa.rs.)
#[test]
fn repeated_problems_print_one_grouped_entry() {
    let mut orders = String::from(HEADER);
    for i in 0..5000 {
        let status = if i % 5 == 0 {
            "退款中啦"
        } else {
            "交易已关闭"
        };
        orders.push_str(&row(&format!("g{i}"), "", "", status));
    }
    // One usable row: a file where every row is skipped is an error (E318).
    orders.push_str(&row("ok", "", "", ""));
    let dir = with_orders(&orders);
    write(
        dir.path(),
        "delaybook.yaml",
        "status_map:\n  已签收: shipped\n",
    );
    let out = run(dir.path(), &["report", "--week", "2026-W47"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(err.matches("warning[W301]").count(), 1, "{err}");
    assert!(
        err.contains("5,000 rows skipped: unknown status in column `status` (2 values: `交易已关闭` ×4,000, `退款中啦` ×1,000)"),
        "{err}"
    );
    assert!(
        err.contains("at data/orders.csv:2, 3, 4, 5, 6 (and 4,995 more)"),
        "{err}"
    );
    assert!(err.contains("under the existing `status_map:`"), "{err}");
    assert!(
        err.contains("\n      \"交易已关闭\": cancelled   # guessed from “关闭”: check"),
        "{err}"
    );
    assert!(err.contains("\n      \"退款中啦\": refunded"), "{err}");
    assert!(
        !err.contains("\n      status_map:"),
        "no second status_map key: {err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    let summary = lines
        .iter()
        .position(|l| l.starts_with("data: 5,000 data problems"))
        .unwrap();
    assert_eq!(
        summary,
        lines.len() - 2,
        "summary before the final line: {err}"
    );
    let r = read_json(dir.path(), "2026-W47");
    assert_eq!(
        r["data_quality"]["problems"].as_array().unwrap().len(),
        1000
    );
    assert_eq!(r["data_quality"]["rows_skipped"], 5000);
}

// Missing is not zero: no amount, notified_at, detected_at, delay_cause columns → null
// in report.json, "—" with the reason on the page and in report.md, and one warning per
// column; a trend week with nothing due has a null late rate and a gap in the chart.
#[test]
fn absent_columns_are_null_and_dash_with_the_reason() {
    let dir = with_orders(
        "order_id,sku,ordered_at,shipped_at\nm1,A,2026-11-16 10:00,2026-11-19 10:00\nm2,B,2026-11-02 10:00,2026-11-03 10:00\n",
    );
    let r = report(dir.path(), "2026-W47", &[]);
    assert_eq!(r["notification"], Value::Null);
    assert_eq!(r["compensation_estimate"], Value::Null);
    assert_eq!(r["totals"]["late_rate"], 1.0);
    let columns: Vec<&str> = r["data_quality"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["column"].as_str().unwrap())
        .collect();
    assert_eq!(
        columns,
        ["amount", "delay_cause", "detected_at", "notified_at"]
    );
    // W40–W44 and W46 had nothing due: null, not 0; W45 (m2) is 0 % and W47 100 %.
    let rates: Vec<Value> = r["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["late_rate"].clone())
        .collect();
    assert_eq!(
        rates[..5],
        [
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null
        ]
    );
    assert_eq!(
        (rates[5].as_f64(), rates[6].clone(), rates[7].as_f64()),
        (Some(0.0), Value::Null, Some(1.0))
    );
    let html =
        std::fs::read_to_string(dir.path().join("public/reports/2026-W47/index.html")).unwrap();
    for reason in [
        "导出里没有告知时间列",
        "导出里没有实付金额列",
        "导出里没有延迟原因列",
    ] {
        assert!(html.contains(reason), "{reason} not on the page");
    }
    assert!(
        !html.contains("0.00</span>"),
        "compensation must not show 0.00"
    );
    let md = std::fs::read_to_string(dir.path().join("public/reports/2026-W47/report.md")).unwrap();
    assert!(
        md.contains("| 预计赔付 | —（导出里没有实付金额列） |"),
        "{md}"
    );
    assert!(
        md.contains("| 第46周 11月9日–11月15日 | 0 | 0 | —（本周没有到期订单） |"),
        "{md}"
    );
    assert!(!md.contains("0.0%（"), "{md}");
}

/// The default week of an export whose last order is at `last`.
fn default_week_of(last: &str) -> (String, String) {
    let dir = with_orders(&format!(
        "{HEADER}w1,A,1,,2026-11-18 10:00,,2026-11-19 10:00,,,,,,\nw2,A,1,,{last},,,,,,,,\n"
    ));
    let out = run(dir.path(), &["report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let week = err.split("wrote public/reports/").nth(1).unwrap()[..8].to_string();
    (week, err)
}

// An export running to Sunday 23:59 or to Monday 00:01 reports the week that just
// ended, and says so with its dates; one ending on a Wednesday reports the week before.
#[test]
fn default_week_is_the_week_a_person_means() {
    let (sunday, err) = default_week_of("2026-11-22 23:59");
    assert_eq!(sunday, "2026-W47");
    assert!(err.contains("week 2026-W47 (2026-11-16 – 2026-11-22): the latest order is on 2026-11-22 (Sunday), so the week it ends"), "{err}");
    let (monday, err) = default_week_of("2026-11-23 00:01");
    assert_eq!(monday, "2026-W47");
    assert!(
        err.contains("2026-11-23 (Monday), so the last full week before it"),
        "{err}"
    );
    assert_eq!(default_week_of("2026-11-25 12:00").0, "2026-W47");
    assert_eq!(default_week_of("2026-11-29 18:00").0, "2026-W48");
}

// `build --week` builds that week; the home page and the index link the newest report
// in the output folder, even one an earlier `report --week` wrote.
#[test]
fn build_takes_a_week_and_links_the_newest_report() {
    let dir = project("metrics");
    let out = run(
        dir.path(),
        &["build", "--week", "2026-W46", "--as-of", "2026-11-15 12:00"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        read_json(dir.path(), "2026-W46")["as_of"],
        "2026-11-15T12:00:00+08:00"
    );
    let out = run(dir.path(), &["report", "--week", "2026-W48"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let home = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(
        home.contains("reports/2026-W48/index.html"),
        "home links the newest"
    );
    let index = std::fs::read_to_string(dir.path().join("public/reports/index.html")).unwrap();
    let newest = index.find("class=\"newest\"").unwrap();
    assert!(
        index[newest..].starts_with("class=\"newest\"><td><a href=\"2026-W48/"),
        "{index}"
    );
    let bad = run(dir.path(), &["build", "--week", "2026-W99"]);
    assert_eq!(bad.status.code(), Some(2));
}

// The export of the issue: a generic Chinese shape in GBK with CRLF, 19-digit order
// numbers with a leading tab, 实付金额(元), Chinese statuses, a Chinese stock file — a
// correct report with nothing in delaybook.yaml but the input path (no status_map, no
// --week, no column mapping, no typed-in columns).
#[test]
fn generic_chinese_export_of_the_issue_needs_no_config() {
    let header = "订单编号,商品ID,商家编码,商品名称,数量,下单时间,支付时间,发货时间,订单状态,快递公司,运单号,省份,实付金额(元)";
    let rows = [
        // paid 16 10:00 → D 18 10:00; shipped 17 → on time.
        "\"\t6917926768823643751\",3601,A,保温杯,1,2026-11-16 09:58,2026-11-16 10:00,2026-11-17 10:00,已签收,圆通,YT1,浙江,59.00",
        // paid 17 10:00 → D 19 10:00; shipped 20 10:00 → late 24 h.
        "\"\t6917926768823643752\",3602,B,马克杯,2,2026-11-17 09:58,2026-11-17 10:00,2026-11-20 10:00,交易成功,圆通,YT2,浙江,58.00",
        // paid 18 10:00 → D 20 10:00; open → overdue 62 h.
        "\"\t6917926768823643753\",3601,A,保温杯,1,2026-11-18 09:58,2026-11-18 10:00,,待发货,,,浙江,59.00",
        // closed before shipping, no cause → buyer-cancelled.
        "\"\t6917926768823643754\",3602,B,马克杯,1,2026-11-19 09:58,2026-11-19 10:00,,已关闭,,,浙江,29.00",
        // Sunday night: the export ends in W47.
        "\"\t6917926768823643755\",3601,A,保温杯,1,2026-11-22 23:50,2026-11-22 23:59,,待发货,,,浙江,59.00",
    ];
    let text = format!("{header}\r\n{}\r\n", rows.join("\r\n"));
    let dir = project("base");
    write(
        dir.path(),
        "data/orders.csv",
        encoding_rs::GBK.encode(&text).0,
    );
    let stock = "商家编码,商品名称,可用库存,在途数量,预计到货日期,采购周期(天),供应商\r\nA,保温杯,20,0,,7,甲厂\r\nB,马克杯,1,0,,7,乙厂\r\n";
    write(
        dir.path(),
        "data/stock.csv",
        encoding_rs::GBK.encode(stock).0,
    );
    let out = run(dir.path(), &["report"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let r = read_json(dir.path(), "2026-W47");
    let t = &r["totals"];
    let got: Vec<u64> = [
        "orders_placed",
        "due",
        "on_time",
        "shipped_late",
        "overdue_unshipped",
        "delayed",
    ]
    .iter()
    .map(|k| t[k].as_u64().unwrap())
    .collect();
    assert_eq!(got, [5, 3, 1, 1, 1, 2]);
    assert!(
        close(&r["compensation_estimate"], 0.0),
        "the amount column is read"
    );
    assert_eq!(r["at_risk"]["rows"][0]["order_id"], "6917926768823643753");
    assert!(!err.contains("W301"), "no status needs mapping: {err}");
}

// `-v` says why a file was read as a platform's export.
#[test]
fn verbose_says_why_a_preset_matched() {
    let dir = project("douyin");
    let out = run(dir.path(), &["-v", "report"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "data/1795449600_订单导出.csv: its header has 主订单编号, 子订单编号, 选购商品"
        ),
        "{err}"
    );
}

// An alias that already means another cause is refused: 物流异常 cannot also mean stockout.
#[test]
fn a_cause_alias_means_one_cause() {
    let dir = project("base");
    let content = std::fs::read_to_string(dir.path().join("playbooks/content.yaml")).unwrap();
    let content = content.replace(
        "    name: 缺货\n",
        "    name: 缺货\n    aliases: [断货, 物流异常]\n",
    );
    write(dir.path(), "playbooks/content.yaml", content);
    let out = run(dir.path(), &["check", "--no-data"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E025]: alias `物流异常` of cause `stockout` is already the name of cause `logistics`"),
        "{err}"
    );
}
