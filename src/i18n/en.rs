//! The English message table: `key → text`, `{name}` marks an argument.
//! Same keys, same order and same arguments as the other table (tested).

/// Every message, by key.
pub(super) const TABLE: &[(&str, &str)] = &[
    ("code.E001", "the file cannot be read"),
    ("code.E002", "a YAML file is larger than 2 MiB"),
    ("code.E003", "the file is not UTF-8"),
    ("code.E004", "the file is empty"),
    ("code.E005", "the playbooks folder does not exist"),
    ("code.E006", "the playbooks folder has no YAML file"),
    (
        "code.E007",
        "a link loop or an unreadable entry in the playbooks folder",
    ),
    ("code.E008", "a control character in a YAML file"),
    ("code.E009", "the playbooks folder holds too many files"),
    ("code.E010", "unknown field"),
    ("code.E011", "a required field is missing"),
    ("code.E012", "wrong type"),
    ("code.E013", "a value that is not allowed"),
    ("code.E014", "anchors and aliases expand too far"),
    ("code.E015", "a key appears twice"),
    ("code.E016", "malformed YAML"),
    ("code.E017", "nested too deeply"),
    ("code.E020", "an id is not a safe slug"),
    ("code.E021", "the same id is defined twice"),
    ("code.E022", "a reference to an unknown id"),
    ("code.E023", "an unknown platform key"),
    ("code.E024", "a text field is too long"),
    (
        "code.E025",
        "a cause alias is already used by another cause",
    ),
    ("code.E030", "a quiz question has fewer than two choices"),
    ("code.E031", "a quiz answer is not one of its choices"),
    ("code.E032", "a playbook has no steps"),
    ("code.E033", "a step deadline is not a duration"),
    ("code.E034", "a checklist has no items"),
    ("code.E035", "the triage tree is defined twice"),
    ("code.E040", "a template uses an undeclared placeholder"),
    ("code.E041", "a placeholder is declared but not used"),
    ("code.E042", "a placeholder is declared twice"),
    ("code.E043", "a placeholder name is not valid"),
    ("code.E050", "a reply is flagged by a phrase rule"),
    ("code.E051", "no phrase rule flags an anti-example"),
    ("code.E052", "a phrase rule has no phrases"),
    ("code.E053", "a phrase pattern is malformed"),
    ("code.E054", "a phrase pattern uses an unknown set"),
    ("code.E055", "a phrase rule does not flag its own example"),
    ("code.E056", "a phrase rule flags its own pass example"),
    ("code.E057", "a phrase set is circular or defined twice"),
    ("code.E061", "the triage start is not a question"),
    ("code.E062", "a triage dead end"),
    ("code.E063", "an answer has both next and playbook"),
    ("code.E064", "a triage cycle"),
    ("code.E070", "the theme folder cannot be used"),
    ("code.E080", "a cross-reference to an unknown id"),
    ("code.E081", "a tag that cannot be read or is misplaced"),
    ("code.E082", "an unknown platform rule"),
    ("code.E083", "a platform rule is malformed"),
    ("code.E084", "a date is not YYYY-MM-DD"),
    ("code.E085", "a step id is not valid or used twice"),
    ("code.E086", "a quiz question lists a choice twice"),
    ("code.E101", "unknown timezone"),
    ("code.E102", "a status is mapped onto an unknown state"),
    ("code.E103", "unknown column preset"),
    ("code.E104", "a number is out of range"),
    ("code.E105", "a timestamp format cannot be used"),
    ("code.E301", "a required column is missing"),
    ("code.E302", "the stock file does not exist"),
    ("code.E303", "no order file found"),
    ("code.E304", "the report cannot be made"),
    (
        "code.E305",
        "bytes that are not valid in the file's encoding",
    ),
    ("code.E306", "a record or field is too long"),
    ("code.E307", "NUL bytes in the file"),
    ("code.E308", "one half of a two-file export"),
    ("code.E309", "too many orders to join"),
    ("code.E310", "the report page could not be rendered"),
    ("code.E311", "Excel damage: ids in scientific notation"),
    ("code.E312", "Excel damage: long ids lost digits"),
    (
        "code.E313",
        "Excel damage: times turned into serial numbers",
    ),
    ("code.E314", "Excel damage: cells written as #####"),
    ("code.E315", "Excel damage: SKUs lost their leading zeros"),
    ("code.E316", "the stock file has no usable row"),
    ("code.E317", "a row holds several items (export by order)"),
    ("code.E318", "every order row was skipped"),
    (
        "code.E330",
        "a warehouse result table is missing or unreadable",
    ),
    ("code.E331", "a warehouse result table lacks a column"),
    (
        "code.E332",
        "a value in a warehouse result table cannot be read",
    ),
    ("code.E333", "a warehouse result table has too many rows"),
    (
        "code.E334",
        "the warehouse result tables do not fit the project",
    ),
    ("code.W050", "an old phrase category name"),
    ("code.W051", "a phrase rule cannot test itself"),
    ("code.W060", "no triage tree"),
    ("code.W065", "a triage question cannot be reached"),
    ("code.W066", "a playbook cannot be reached from triage"),
    ("code.W067", "a search synonym finds nothing"),
    ("code.W071", "the search index is large"),
    ("code.W072", "theme files not published"),
    ("code.W080", "a platform rule is overdue for verification"),
    ("code.W081", "a playbook is overdue for review"),
    ("code.W082", "a playbook has no owner or review date"),
    ("code.W083", "right answers cluster on one position"),
    ("code.W084", "the right answer is usually the longest"),
    ("code.W085", "straight double quotes in Chinese text"),
    ("code.W086", "half-width parentheses around Chinese text"),
    ("code.W087", "money placeholder without 元"),
    ("code.W088", "a date in the future"),
    (
        "code.E068",
        "a triage answer points at a step or template without a playbook",
    ),
    (
        "code.E069",
        "a triage answer's template is not used by its playbook",
    ),
    ("code.E090", "the course section is defined twice"),
    ("code.E091", "a playbook is listed by two course chapters"),
    ("code.E092", "a glossary term is defined twice"),
    ("code.E093", "a course chapter id is defined twice"),
    ("code.E106", "an unknown or repeated handbook chapter"),
    (
        "code.E107",
        "a shared placeholder name is not a placeholder name",
    ),
    ("code.W090", "course chapters the handbook leaves out"),
    ("code.W091", "playbooks in no printed chapter"),
    ("code.W092", "a shared placeholder no template uses"),
    ("code.W093", "a periodic checklist without reset"),
    ("code.W301", "a row was skipped"),
    ("code.W302", "a value was used but not recognised"),
    ("code.W304", "optional columns are missing"),
    ("code.W305", "a stock column is not read"),
    ("code.W306", "a deadline is unknown or implausible"),
    ("diag.error", "error"),
    ("diag.warning", "warning"),
    ("diag.field", "field"),
    ("diag.hint", "hint"),
    ("diag.detail", "detail (English)"),
    ("diag.did_you_mean", "did you mean `{word}`?"),
    ("cli.error", "error"),
    (
        "cli.no_root",
        "project folder `{dir}` does not exist (given with -C)",
    ),
    (
        "cli.failed_nothing_written",
        "failed: {summary}; nothing was written to `{out}`",
    ),
    ("cli.failed_out", "failed: nothing was written to `{out}`"),
    (
        "cli.failed_project",
        "failed: the project has errors; nothing was written",
    ),
    (
        "sql.failed_project",
        "failed: the project has errors; no SQL was printed",
    ),
    ("sql.cannot_write", "cannot write the SQL: {error}"),
    (
        "sql.bad_table",
        "{flag} `{name}` is not a table name; write it like orders or shop.orders",
    ),
    (
        "sql.too_many_examples",
        "--examples {n} is too many; at most {max}",
    ),
    (
        "sql.absent_required",
        "--absent `{name}`: this column is required (order_id, sku and ordered_at must be in the orders table)",
    ),
    (
        "sql.absent_unknown",
        "--absent `{name}` is not an optional order column; the optional ones are {list}",
    ),
    (
        "sql.absent_unknown_hint",
        "--absent `{name}` is not an optional order column ({hint}); the optional ones are {list}",
    ),
    ("check.ok", "ok: {summary}"),
    ("check.failed", "failed: {summary}"),
    (
        "check.summary",
        "{causes} causes, {playbooks} playbooks, {templates} templates, {rules} phrase rules, {checklists} checklists, {quiz} quiz questions, {errors} errors, {warnings} warnings",
    ),
    (
        "check.today_bad",
        "--today `{value}` is not a date; write YYYY-MM-DD, e.g. 2026-11-30",
    ),
    (
        "check.detail_read",
        "read {config} and the playbooks under {dir} in {secs} s",
    ),
    ("check.detail_data", "read the CSV data in {secs} s"),
    (
        "check.data_summary",
        "orders: {read} lines read, {used} used, {skipped} skipped; stock: {skus} SKUs",
    ),
    ("check.no_order_lines", "orders: 0 lines"),
    (
        "build.detail_loaded",
        "loaded and checked the playbooks in {secs} s",
    ),
    (
        "build.detail_rendered",
        "rendered {files} files and the search index in {secs} s",
    ),
    (
        "build.detail_wrote",
        "wrote {bytes} bytes to {out} in {secs} s",
    ),
    (
        "build.detail_report",
        "read the data and computed the report in {secs} s",
    ),
    (
        "build.summary",
        "built {out}: {pages} pages, {templates} reply templates, {theme} theme templates, search index {index} bytes",
    ),
    ("build.summary_report", "{summary}; report {week}: {report}"),
    ("build.summary_time", "{summary}, {secs} s"),
    (
        "build.theme_fix",
        "fix the file in the theme folder `{dir}`, or remove `theme:` from delaybook.yaml to use the built-in theme",
    ),
    (
        "build.theme_bug",
        "this is a bug in delaybook's built-in theme; please report it",
    ),
    (
        "build.index_large",
        "the search index is {mb} MB; search will be slow on phones",
    ),
    (
        "build.index_large_hint",
        "split the content into several projects, or shorten long Markdown fields",
    ),
    (
        "build.theme_skipped",
        "{count} files of the theme folder `{dir}` are not published: {files}",
    ),
    (
        "build.theme_skipped#one",
        "{count} file of the theme folder `{dir}` is not published: {files}",
    ),
    (
        "build.theme_skipped_more",
        "{count} files of the theme folder `{dir}` are not published: {files} and {more} more",
    ),
    (
        "build.theme_skipped_hint",
        "a theme holds templates/*.html, i18n/*.yaml and static files ({exts}); hidden files and links are never published",
    ),
    (
        "report.detail_rendered",
        "read the data and rendered the report in {secs} s",
    ),
    ("report.wrote", "wrote {out}/reports/{week}/: {summary}"),
    (
        "report.week_bad",
        "--week `{value}` is not an ISO week; write it like 2026-W47",
    ),
    (
        "report.as_of_bad",
        "--as-of `{value}` is not a timestamp; write it like \"2026-11-19 18:00\"",
    ),
    (
        "report.summary",
        "lines due {due}, delayed {delayed} ({rate}%), stock actions {actions}, at-risk lines {at_risk}",
    ),
    (
        "report.summary_unknown",
        "lines due {due}, delayed unknown (shipped lines without a ship time: {unknown}), stock actions {actions}, at-risk lines {at_risk}",
    ),
    ("report.read_as", "{file}: read as {read_as}"),
    ("report.progress", "reading orders"),
    ("data.stock_missing", "stock file not found"),
    (
        "data.stock_missing_hint",
        "set `inputs.stock` in delaybook.yaml or pass --stock FILE",
    ),
    ("data.orders_file", "orders file: {file}"),
    ("data.no_orders", "no order file found at `{spec}`"),
    (
        "data.no_orders_hint",
        "set `inputs.orders` in delaybook.yaml (a file, a folder or a glob such as data/orders-*.csv) or pass --orders",
    ),
    (
        "data.missing_column",
        "missing required column `{column}`; headers found: {found}",
    ),
    (
        "data.missing_column_preset",
        "missing required column `{column}` (read as {preset}); headers found: {found}",
    ),
    (
        "data.missing_column_map",
        "did you mean `{found}`? If so, map it in delaybook.yaml:\n      columns:\n        {section}:\n          {column}: [\"{found}\"]\n    (under an existing `columns:`, add only the lines below it)",
    ),
    (
        "data.missing_column_add",
        "add the column, or map your header onto it under `columns:` in delaybook.yaml",
    ),
    (
        "data.bad_encoding_fffd",
        "the text holds U+FFFD (the replacement character): characters lost by an earlier conversion, or bytes that are not valid {encoding}",
    ),
    ("data.bad_encoding", "bytes that are not valid {encoding}"),
    (
        "data.bad_encoding_hint",
        "the file was read as {encoding} (decided from its start); it mixes encodings or was damaged by a conversion. Export it again, or save it once in one encoding (UTF-8), or set `inputs.encoding` if the whole file is in another one",
    ),
    (
        "data.field_too_long",
        "a field is longer than {bytes} bytes",
    ),
    (
        "data.record_too_long",
        "a record is longer than {bytes} bytes",
    ),
    (
        "data.too_long_hint",
        "this is not an order export (or a quote is never closed): check that the file is the CSV export itself",
    ),
    (
        "data.nul_bytes",
        "the file contains NUL bytes: UTF-16 text without a byte-order mark, or not a text file",
    ),
    (
        "data.nul_bytes_hint",
        "in Excel: File → Save As → \"CSV UTF-8 (comma delimited)\"; or export the CSV again from the shop back office",
    ),
    ("data.unpaired", "{label} without its {needs}"),
    (
        "data.too_many_orders",
        "more than {limit} orders to join with the item report",
    ),
    (
        "data.too_many_orders_hint",
        "export a shorter period (one month at a time)",
    ),
    (
        "new.not_empty",
        "`{dir}` is not empty; `new` only writes into a new or empty folder",
    ),
    ("new.not_folder", "`{dir}` exists and is not a folder"),
    ("new.created", "created a new delaybook project in {dir}"),
    ("new.next", "next: cd {dir} && delaybook build"),
    (
        "sample.end_bad",
        "`{value}` is not a date; write --end like 2026-11-23",
    ),
    (
        "sample.foreign",
        "`{file}` was not written by sample-data (its header differs), so it is left alone; write the sample elsewhere with --dir, or move the file away first",
    ),
    (
        "sample.wrote",
        "wrote {orders} order lines over {weeks} weeks ending {end} to {dir}/: {files} (seed {seed})",
    ),
    (
        "sample.read_with",
        "read them with: delaybook report --orders {dir} --stock {dir}/stock.csv (or set inputs.orders: {dir} and inputs.stock: {dir}/stock.csv)",
    ),
    ("serve.rebuilding", "change detected, rebuilding"),
    ("handbook.wrote", "wrote {file}"),
    // Every error kind stops the report: Excel damage, and a file exported by order.
    (
        "quality.excel",
        "{count} errors to fix first (nothing written)",
    ),
    (
        "quality.excel#one",
        "{count} error to fix first (nothing written)",
    ),
    ("quality.skipped", "{count} rows skipped"),
    ("quality.skipped#one", "{count} row skipped"),
    ("quality.unpaid", "{count} unpaid orders left out"),
    ("quality.unpaid_one", "{count} unpaid order left out"),
    ("quality.listed_all", "all listed one by one in {path}"),
    (
        "quality.listed_first",
        "the first {count} listed one by one in {path}",
    ),
    ("quality.at", "at {places}"),
    ("quality.at_more", "at {places} (and {more} more)"),
    ("quality.in_column", " in column `{column}`"),
    ("quality.values", " ({count} values: {values})"),
    ("quality.value", " ({count} value: {values})"),
    (
        "quality.values_more",
        " (more than {count} values: {values}, …)",
    ),
    (
        "quality.g_status",
        "{n} rows skipped: unknown status{column}{values}",
    ),
    (
        "quality.g_status#one",
        "{n} row skipped: unknown status{column}{values}",
    ),
    (
        "quality.g_time",
        "{n} rows skipped: unreadable time{column}{values}",
    ),
    (
        "quality.g_time#one",
        "{n} row skipped: unreadable time{column}{values}",
    ),
    (
        "quality.g_number",
        "{n} rows skipped: unreadable or negative number{column}{values}",
    ),
    (
        "quality.g_number#one",
        "{n} row skipped: unreadable or negative number{column}{values}",
    ),
    (
        "quality.g_missing",
        "{n} rows skipped: required value empty{column}",
    ),
    (
        "quality.g_missing#one",
        "{n} row skipped: required value empty{column}",
    ),
    (
        "quality.g_before",
        "{n} rows skipped: shipped_at before ordered_at",
    ),
    (
        "quality.g_before#one",
        "{n} row skipped: shipped_at before ordered_at",
    ),
    (
        "quality.g_duplicate",
        "{n} repeated order lines: the last row of each is used, the earlier ones skipped",
    ),
    (
        "quality.g_duplicate#one",
        "{n} repeated order line: its last row is used, the earlier ones skipped",
    ),
    (
        "quality.g_unmatched",
        "{n} item rows skipped: their order is not in the paired order report",
    ),
    (
        "quality.g_unmatched#one",
        "{n} item row skipped: its order is not in the paired order report",
    ),
    (
        "quality.g_cause",
        "{n} unknown cause values{column}{values}: counted under their own text",
    ),
    (
        "quality.g_cause#one",
        "{n} unknown cause value{column}{values}: counted under its own text",
    ),
    (
        "quality.g_platform",
        "{n} unknown platform values{values}: default promise and compensation used",
    ),
    (
        "quality.g_platform#one",
        "{n} unknown platform value{values}: default promise and compensation used",
    ),
    (
        "quality.g_sku",
        "{n} SKUs are not in the stock file: their stock is taken as 0",
    ),
    (
        "quality.g_sku#one",
        "{n} SKU is not in the stock file: its stock is taken as 0",
    ),
    (
        "quality.g_absent",
        "{n} optional columns are in no order file: {names}; the figures that need them are unknown (null, shown as —)",
    ),
    (
        "quality.g_absent#one",
        "{n} optional column is in no order file: {names}; the figures that need it are unknown (null, shown as —)",
    ),
    (
        "quality.g_scientific",
        "{n} ids{column} in scientific notation: Excel turned them into numbers and their last digits are lost",
    ),
    (
        "quality.g_scientific#one",
        "{n} id{column} in scientific notation: Excel turned it into a number and its last digits are lost",
    ),
    (
        "quality.g_lost_digits",
        "{n} id columns lost digits in Excel",
    ),
    (
        "quality.g_lost_digits#one",
        "{n} id column lost digits in Excel",
    ),
    (
        "quality.g_serial",
        "{n} times{column} are Excel serial numbers: Excel reformatted the column",
    ),
    (
        "quality.g_serial#one",
        "{n} time{column} is an Excel serial number: Excel reformatted the column",
    ),
    (
        "quality.g_hashes",
        "{n} cells{column} are `#####`: Excel wrote what it showed in a column too narrow",
    ),
    (
        "quality.g_hashes#one",
        "{n} cell{column} is `#####`: Excel wrote what it showed in a column too narrow",
    ),
    (
        "quality.g_zeros",
        "{n} SKUs lost their leading zeros in Excel{values}",
    ),
    (
        "quality.g_zeros#one",
        "{n} SKU lost its leading zeros in Excel{values}",
    ),
    (
        "fix.cause",
        "add the value to the `aliases:` of the cause it means in the cause catalogue (playbooks/), e.g. `aliases: [断货, 没货]`, or write the cause's code or name",
    ),
    (
        "fix.status",
        "map each status onto open, shipped, cancelled or refunded",
    ),
    (
        "fix.multi_item",
        "in the 抖店 back office (订单管理 → 批量导出), choose 商品维度 (by item, one row per 子订单) instead of 订单维度 and export again",
    ),
    ("fix.status_guess", "guessed from “{word}”: check"),
    ("fix.status_unknown", "unknown word: check"),
    ("fix.timestamp", "time formats that read these values"),
    (
        "fix.platform_alias",
        "or add it to the aliases of an existing platform",
    ),
    (
        "fix.platform",
        "declare the platform (a new key gets the default rules)",
    ),
    (
        "fix.column",
        "if the export has such a column under another name, map it",
    ),
    ("fix.column_header", "<the header in your export>"),
    ("fix.add", "{why}; add to delaybook.yaml:"),
    (
        "fix.add_under",
        "{why}; add these lines under the existing `{at}:` in delaybook.yaml (keep its indentation):",
    ),
    (
        "fix.inline",
        "(`{key}:` is written inline on one line: rewrite it as a block first)",
    ),
    ("row.skipped", "{column}: {message}; row skipped"),
    ("row.column", "column `{column}`"),
    ("row.column_as", "column `{header}` ({column})"),
    ("row.shipped_before", "shipped_at is before ordered_at"),
    ("row.required_empty", "required value is empty"),
    (
        "row.id_hashes",
        "is `#####`: Excel wrote what it showed in a column too narrow",
    ),
    (
        "row.id_scientific",
        "`{value}` is in scientific notation: Excel turned the id into a number and its last digits are lost",
    ),
    (
        "row.time_serial",
        "`{value}` is an Excel serial number ({date}), not a time: Excel reformatted the column",
    ),
    (
        "row.time_hashes",
        "is `#####`: Excel wrote what it showed in a column too narrow for the time",
    ),
    (
        "row.time_bad",
        "cannot read `{value}` as a timestamp (expected e.g. `2026-11-20 14:30`; add other formats under `timestamp_formats`)",
    ),
    (
        "row.quantity_bad",
        "cannot read `{value}` as a quantity (a whole number ≥ 1)",
    ),
    (
        "row.amount_negative",
        "amount `{value}` is negative (a line amount paid is 0 or more)",
    ),
    ("row.amount_bad", "cannot read `{value}` as an amount"),
    (
        "row.status_unknown",
        "unknown status `{value}` (expected open, shipped, cancelled, refunded or a platform's own value such as 待发货, 已发货, 交易成功, 已关闭; map other values under `status_map`)",
    ),
    (
        "row.unmatched_item",
        "this item's order is not in the paired order report (订单报表): export both files together; row skipped",
    ),
    (
        "row.duplicate",
        "order `{order}` SKU `{sku}` appears {times} times; this last row is used, the {earlier} earlier skipped",
    ),
    (
        "row.lost_digits",
        "{column}: all {count} long ids end in zeros after the 15th digit (e.g. `{example}`): Excel kept only 15 digits, so different orders now share an id",
    ),
    (
        "row.unknown_cause",
        "unknown cause `{value}` on {n} lines{hint}: not a code, name or alias of the causes catalogue; counted under its own text, at-risk lines go to triage",
    ),
    (
        "row.unknown_platform",
        "unknown platform `{value}` on {n} lines{hint}: not a key, name or alias; the default promise hours and compensation are used",
    ),
    ("row.suggestion", " (did you mean `{word}`?)"),
    (
        "row.overflow_cause",
        "{n} more lines have other unknown cause values (more than {max} distinct values: not listed one by one)",
    ),
    (
        "row.overflow_cause#one",
        "{n} more line has another unknown cause value (more than {max} distinct values: not listed one by one)",
    ),
    (
        "row.overflow_platform",
        "{n} more lines have other unknown platform values (more than {max} distinct values: not listed one by one)",
    ),
    (
        "row.overflow_platform#one",
        "{n} more line has another unknown platform value (more than {max} distinct values: not listed one by one)",
    ),
    (
        "row.sku_zero_twin",
        "SKU `{sku}` is `{twin}` in {stock}: Excel dropped the leading zeros of one of the files, so the SKU codes no longer match",
    ),
    (
        "row.sku_missing",
        "SKU `{sku}` is not in {stock}; its stock is taken as 0",
    ),
    (
        "row.absent",
        "no order file has a `{column}` column ({name}): {effect}",
    ),
    (
        "row.absent_amount",
        "the compensation estimate is unknown (null, shown as —)",
    ),
    (
        "row.absent_notified_at",
        "the notification figures are unknown (null, shown as —)",
    ),
    (
        "row.absent_detected_at",
        "`within_2h` and `with_detected_at` are unknown (null, shown as —)",
    ),
    (
        "row.absent_delay_cause",
        "every delayed line is unattributed; the cause chart says so",
    ),
    (
        "row.absent_shipped_at",
        "shipped lines have no ship time: on time, late, delayed and the late rate are unknown (null, shown as —); overdue unshipped lines are still counted",
    ),
    (
        "row.stock_skipped",
        "column `{column}`: {message}; row skipped",
    ),
    (
        "row.stock_duplicate",
        "SKU `{sku}` appears {times} times; this last row is used, the {earlier} earlier skipped",
    ),
    ("row.stock_date_bad", "cannot read `{value}` as a date"),
    (
        "row.stock_excel",
        "SKU `{sku}` was damaged by Excel (scientific notation or `#####`)",
    ),
    ("row.number_bad", "cannot read `{value}` as {what}"),
    ("row.whole", "a whole number"),
    ("row.whole_nonneg", "a whole number ≥ 0"),
    ("row.days", "a number of days > 0"),
    (
        "excel.how_to_fix",
        "export the file again from the shop back office and do not open and re-save it in Excel; if it must go through Excel, import it with Data → From Text/CSV and set the id and time columns to Text before loading",
    ),
    ("list.sep", ", "),
    ("list.part", "; "),
    ("n.cause.1", "{n} cause"),
    ("n.cause.n", "{n} causes"),
    ("n.playbook.1", "{n} playbook"),
    ("n.playbook.n", "{n} playbooks"),
    ("n.template.1", "{n} template"),
    ("n.template.n", "{n} templates"),
    ("n.rule.1", "{n} phrase rule"),
    ("n.rule.n", "{n} phrase rules"),
    ("n.checklist.1", "{n} checklist"),
    ("n.checklist.n", "{n} checklists"),
    ("n.quiz.1", "{n} quiz question"),
    ("n.quiz.n", "{n} quiz questions"),
    ("n.error.1", "{n} error"),
    ("n.error.n", "{n} errors"),
    ("n.warning.1", "{n} warning"),
    ("n.warning.n", "{n} warnings"),
    (
        "serve.port_taken",
        "cannot listen on 127.0.0.1:{port}: {error}; is another `delaybook serve` running? choose another port with --port",
    ),
    (
        "serve.serving",
        "serving http://{addr}/ (Ctrl-C to stop); pages reload after every rebuild",
    ),
    ("handbook.failed", "failed: {summary}"),
    ("handbook.wrote_bytes", "wrote {file} ({bytes} bytes)"),
    (
        "handbook.no_chromium",
        "`--pdf` needs Chromium; install it (e.g. `apt-get install chromium`) or set CHROMIUM=/path/to/chrome",
    ),
    ("handbook.no_page", "cannot find `{file}`: {error}"),
    (
        "handbook.print_failed",
        "Chromium ({chromium}) could not print the handbook: {detail}",
    ),
    (
        "handbook.move_failed",
        "cannot move the PDF to `{file}`: {error}",
    ),
    (
        "week.given",
        "week {week} ({monday} – {sunday}): given with --week",
    ),
    (
        "week.default_sunday",
        "week {week} ({monday} – {sunday}): the latest order is on {date} ({weekday}), so the week it ends; pass --week to choose another",
    ),
    (
        "week.default_last",
        "week {week} ({monday} – {sunday}): the latest order is on {date} ({weekday}), so the last full week before it (Monday to Sunday); pass --week to choose another",
    ),
    ("weekday.1", "Monday"),
    ("weekday.2", "Tuesday"),
    ("weekday.3", "Wednesday"),
    ("weekday.4", "Thursday"),
    ("weekday.5", "Friday"),
    ("weekday.6", "Saturday"),
    ("weekday.7", "Sunday"),
    ("input.preset_named", "named by `preset:` in delaybook.yaml"),
    ("input.header_has", "its header has {columns}"),
    ("input.generic", "generic columns"),
    ("input.no_match", "no platform export matched its header"),
    (
        "input.platform",
        "{read_as}, platform `{platform}` from delaybook.yaml",
    ),
    (
        "error.no_data",
        "there are no order lines to report on; pass --week to build an empty report",
    ),
    (
        "error.bad_week",
        "`{value}` is not an ISO week; write it like 2026-W47",
    ),
    (
        "error.bad_as_of",
        "`{value}` is not a timestamp; write it like \"2026-11-19 18:00\"",
    ),
    ("error.csv", "cannot read the CSV: {message}"),
    (
        "data.unknown_encoding",
        "unknown encoding `{value}` in inputs.encoding",
    ),
    (
        "data.unknown_encoding_hint",
        "use `auto`, `utf-8`, `gb18030` or `utf-16`",
    ),
    ("quality.absent_name", "`{column}` ({name})"),
    ("quality.summary", "data: {problems} in {groups}"),
    ("n.problem.1", "{n} data problem"),
    ("n.problem.n", "{n} data problems"),
    ("n.group.1", "{n} group"),
    ("n.group.n", "{n} groups"),
    (
        "row.unknown_cause_one",
        "unknown cause `{value}` on {n} line{hint}: not a code, name or alias of the causes catalogue; counted under its own text, at-risk lines go to triage",
    ),
    (
        "row.unknown_platform_one",
        "unknown platform `{value}` on {n} line{hint}: not a key, name or alias; the default promise hours and compensation are used",
    ),
    ("input.preset", "{label} ({key})"),
    ("yaml.cannot_read", "cannot read file: {error}"),
    (
        "yaml.too_large",
        "file is {bytes} bytes; YAML files may be at most {max} bytes",
    ),
    (
        "yaml.too_large_hint",
        "split the content into several files, or move data exports out of the playbooks folder",
    ),
    ("yaml.not_utf8", "file is not valid UTF-8 text"),
    (
        "yaml.not_utf8_hint",
        "save the file as UTF-8 (in Notepad: Save As → Encoding: UTF-8)",
    ),
    ("yaml.empty", "file is empty"),
    ("yaml.empty_hint", "add content, or delete the file"),
    (
        "yaml.control",
        "control character U+{code}{name} in the text",
    ),
    (
        "yaml.control_more",
        "control character U+{code}{name} in the text; {more} more in this file",
    ),
    (
        "yaml.control_hint",
        "delete it (it is invisible in most editors; it often comes from copying out of a PDF or a chat tool); write `\\t` or `\\n` inside double quotes if you need a tab or a line break",
    ),
    (
        "yaml.too_deep",
        "YAML is nested more than {max} levels deep",
    ),
    (
        "yaml.too_deep_hint",
        "playbook files need a few levels; check for runaway `- - -` or `[[[` (a generated or corrupted file?)",
    ),
    (
        "yaml.alias_bomb",
        "YAML aliases expand to more than {max} values (an alias bomb?)",
    ),
    (
        "yaml.alias_bomb_hint",
        "write the content out instead of repeating it with anchors and aliases (`&a` / `*a`)",
    ),
    ("yaml.unknown_field", "unknown field `{field}`"),
    ("yaml.allowed_fields", "allowed fields here: {fields}"),
    ("yaml.missing_field", "missing required field `{field}`"),
    ("yaml.missing_field_hint", "add `{field}:` to this entry"),
    ("yaml.wrong_type", "wrong type: {raw}"),
    (
        "yaml.wrong_type_hint",
        "check the value's type: text, number, list (`- item`) or mapping (`key: value`)",
    ),
    ("yaml.unknown_value", "unknown value `{value}`"),
    ("yaml.allowed_values", "allowed values: {values}"),
    (
        "yaml.budget",
        "YAML is too large or too deeply nested (too many aliases, anchors or nodes)",
    ),
    (
        "yaml.budget_hint",
        "YAML anchors and aliases (`&a` / `*a`) are limited to 1,000; write the content out instead",
    ),
    ("yaml.duplicate", "{raw}"),
    (
        "yaml.duplicate_hint",
        "each key may appear once in a mapping",
    ),
    ("yaml.duplicate_key", "duplicate mapping key: {key}"),
    ("yaml.malformed", "malformed YAML: {raw}"),
    (
        "yaml.malformed_hint",
        "check the indentation and that every `key:` is followed by a space",
    ),
    ("yaml.wrong_type_reason", "wrong type: {reason}"),
    ("yaml.malformed_reason", "malformed YAML: {reason}"),
    (
        "fs.too_many",
        "the folder holds more than {max} files and folders; stopped reading it",
    ),
    (
        "fs.too_many_hint",
        "keep only playbook files in it; a link to a large folder (or to `/`) is followed",
    ),
    (
        "fs.link_hint",
        "remove the link or point it outside the playbooks folder",
    ),
    ("config.out_of_range", "`{key}` is out of range: {value}"),
    ("config.expected", "expected {expected}"),
    ("config.timezone", "unknown timezone `{value}`"),
    (
        "config.timezone_hint",
        "use an IANA name such as `Asia/Shanghai`",
    ),
    (
        "config.status_target",
        "status `{raw}` maps to unknown status `{target}`",
    ),
    (
        "config.status_target_hint",
        "map to one of `open`, `shipped`, `cancelled`, `refunded`",
    ),
    ("config.preset", "unknown column preset `{value}`"),
    ("config.input_preset", "unknown preset `{value}`"),
    ("config.known_presets", "known presets: {list}"),
    (
        "config.timestamp_format",
        "timestamp format `{value}` {problem}",
    ),
    (
        "config.timestamp_format_hint",
        "write a chrono strftime pattern with a date, e.g. \"%m/%d/%Y %H:%M\" or \"%Y年%m月%d日 %H:%M\"",
    ),
    (
        "fs.link_loop",
        "symbolic link loop: this folder links back to one of its parents",
    ),
    ("fs.cannot_read", "cannot read: {error}"),
    ("kind.cause", "cause"),
    ("kind.playbook", "playbook"),
    ("kind.template", "template"),
    ("kind.phrase_rule", "phrase rule"),
    ("kind.triage", "triage question"),
    ("kind.checklist", "checklist"),
    ("kind.quiz", "quiz question"),
    ("links.unsafe_id", "id `{id}` is not a safe slug"),
    (
        "links.unsafe_id_hint",
        "use lowercase letters, digits, `-` and `_` only, e.g. `{example}`",
    ),
    ("links.duplicate", "duplicate {section} id `{id}`"),
    (
        "links.duplicate_hint",
        "first defined at {file}:{line}; ids must be unique across all files",
    ),
    ("links.unknown", "unknown {kind} `{id}`"),
    (
        "links.unknown_hint",
        "no {kind} has this id; check the spelling or add it",
    ),
    ("links.unknown_platform", "unknown platform `{key}`"),
    (
        "links.known_platforms",
        "known platforms: {list} (add others under `platforms:` in delaybook.yaml)",
    ),
    ("links.no_items", "a checklist needs at least one item"),
    ("links.triage_twice", "the triage tree is defined twice"),
    (
        "links.triage_twice_hint",
        "it is already defined at {file}:{line}; keep one",
    ),
    (
        "links.few_choices",
        "a quiz question needs at least two choices",
    ),
    (
        "links.answer_hint",
        "copy the right choice exactly into `answer`",
    ),
    (
        "links.answer",
        "answer `{answer}` is not one of the choices",
    ),
    ("links.no_steps", "a playbook needs at least one step"),
    (
        "links.deadline_hint",
        "write a number and a unit: `10m`, `2h`, `24h`, `3d`",
    ),
    ("links.deadline", "deadline `{value}` is not a duration"),
    ("typo.write", "write {fixed}"),
    (
        "typo.quotes",
        "straight double quotes in Chinese text ({count} in this field)",
    ),
    (
        "typo.parens",
        "half-width parentheses in Chinese text ({count} in this field)",
    ),
    ("typo.yuan", "amount `{marker}` is not followed by 元"),
    ("typo.yuan_hint", "write `{marker}元`"),
    ("gov.what_rule", "rule `{key}`"),
    ("gov.what_playbook", "playbook `{id}`"),
    (
        "gov.future_verified",
        "{what} was verified on {date}, after today ({today})",
    ),
    (
        "gov.future_reviewed",
        "{what} was reviewed on {date}, after today ({today})",
    ),
    ("gov.future_hint", "check the date; `--today` sets today"),
    (
        "gov.old_verified",
        "{what} was last verified on {date}, {age} days before {today} (limit {limit} days)",
    ),
    (
        "gov.old_reviewed",
        "{what} was last reviewed on {date}, {age} days before {today} (limit {limit} days)",
    ),
    (
        "gov.old_rule_hint",
        "check the rule in the platform's back office, then update `value` and `verified_on`",
    ),
    (
        "gov.old_playbook_hint",
        "have the owner read the playbook again, then update `reviewed` (and `change_note`)",
    ),
    ("gov.no_owner", "playbook `{id}` has no `owner`"),
    ("gov.no_reviewed", "playbook `{id}` has no `reviewed`"),
    (
        "gov.no_owner_reviewed",
        "playbook `{id}` has no `owner` and `reviewed`",
    ),
    (
        "gov.no_owner_hint",
        "add `owner:` (who keeps it correct) and `reviewed:` (YYYY-MM-DD, when it was last read through)",
    ),
    ("gov.not_date", "`{value}` is not a date"),
    (
        "gov.not_date_hint",
        "write the review date as YYYY-MM-DD, e.g. 2026-11-02",
    ),
    ("course.twice", "the course is defined twice"),
    (
        "course.twice_hint",
        "keep one `course:` section; the first is in {first}",
    ),
    (
        "course.unsafe_chapter",
        "chapter id `{id}` is not a safe slug",
    ),
    (
        "course.unsafe_chapter_hint",
        "use lowercase letters, digits, `-` and `_` only",
    ),
    ("course.chapter_twice", "chapter `{id}` is defined twice"),
    (
        "course.chapter_twice_hint",
        "merge the two entries into one",
    ),
    (
        "course.taught_twice",
        "playbook `{id}` is in chapter `{first}` and in `{second}`",
    ),
    (
        "course.taught_twice_hint",
        "teach each playbook in one chapter; link to it from the other with [[playbook:…]]",
    ),
    (
        "course.term_twice",
        "glossary term `{term}` is defined twice",
    ),
    ("course.term_twice_hint", "first defined at {file}:{line}"),
    (
        "course.no_reset",
        "checklist `{id}` is done `{cadence}` but its ticks are never cleared",
    ),
    (
        "course.no_reset_hint",
        "add `reset: {period}` (or `reset: never` to keep the ticks)",
    ),
    ("course.unknown_chapter", "unknown handbook chapter `{id}`"),
    (
        "course.unknown_chapter_hint",
        "built-in chapters: {builtin}; or define `{id}` under `course.chapters`",
    ),
    (
        "course.listed_twice",
        "handbook chapter `{id}` is listed twice",
    ),
    ("course.listed_twice_hint", "list each chapter once"),
    (
        "course.unprinted",
        "{n} chapter(s) of the course are not in `handbook.chapters` and are not printed: {ids}",
    ),
    (
        "course.unprinted_hint",
        "add them to `handbook.chapters`, or delete their `course.chapters` entries",
    ),
    (
        "course.untaught",
        "{n} playbook(s) are in no printed chapter: {ids}",
    ),
    (
        "course.untaught_hint",
        "add `situations` to `handbook.chapters` (it takes every playbook no other chapter lists)",
    ),
    ("course.bad_shared", "`{name}` is not a placeholder name"),
    (
        "course.bad_shared_hint",
        "write the name used in templates, without braces, e.g. `shop_name`",
    ),
    (
        "course.unused_shared",
        "no template has the placeholder `{name}`",
    ),
    (
        "course.unused_shared_hint",
        "remove it here, or use the name in a template's `placeholders`",
    ),
    (
        "ph.declare_hint",
        "declare it under `placeholders:` (name: {name}, label, kind, example)",
    ),
    (
        "ph.undeclared",
        "template `{id}` uses placeholder `{{{name}}}` that is not declared",
    ),
    ("ph.bad_name", "placeholder name `{name}` is not valid"),
    (
        "ph.bad_name_hint",
        "use ASCII letters, digits and `_`, e.g. `ship_date`",
    ),
    ("ph.twice", "placeholder `{name}` is declared twice"),
    (
        "ph.unused",
        "placeholder `{name}` is declared but never used in the text of template `{id}`",
    ),
    (
        "ph.unused_hint",
        "use it as `{{{name}}}` in `text`, or remove the declaration",
    ),
    ("reply.template", "template `{id}`"),
    ("reply.better", "the better reply"),
    (
        "reply.flagged",
        "{what} contains `{text}`, flagged by phrase rule `{rule}`: {reason}",
    ),
    ("reply.say_instead", "say instead: {better}"),
    ("reply.uncaught", "no phrase rule catches this anti-example"),
    (
        "reply.uncaught_hint",
        "add a pattern to a rule under `phrase_rules:` (and this reply to its `examples.flag`) so that `check my reply` warns about it too",
    ),
    ("triage.none", "no triage tree is defined"),
    (
        "triage.none_hint",
        "add a `triage:` section so staff can find the right playbook",
    ),
    (
        "triage.bad_start",
        "triage start `{start}` is not a question",
    ),
    (
        "triage.dead_question",
        "triage question `{id}` is a dead end: it needs at least two answers",
    ),
    (
        "triage.dead_answer",
        "answer `{label}` is a dead end: it leads nowhere",
    ),
    (
        "triage.dead_answer_hint",
        "add `next:` (a question id) or `playbook:` (a playbook id)",
    ),
    (
        "triage.both",
        "answer `{label}` has both `next` and `playbook`",
    ),
    (
        "triage.both_hint",
        "keep one: an answer leads to a question or ends at a playbook",
    ),
    ("triage.unknown_question", "unknown triage question `{id}`"),
    ("triage.unknown_playbook", "unknown playbook `{id}`"),
    (
        "triage.cycle",
        "triage cycle: answer `{label}` of `{from}` leads back to `{to}`",
    ),
    (
        "triage.cycle_hint",
        "every path of questions must end at a playbook",
    ),
    (
        "triage.unreachable",
        "triage question `{id}` cannot be reached from `{start}`",
    ),
    (
        "triage.orphan",
        "playbook `{id}` cannot be reached from the triage tree",
    ),
    ("triage.orphan_hint", "add an answer with `playbook: {id}`"),
    (
        "triage.target_without_playbook",
        "answer `{label}` has `{field}` but no `playbook`",
    ),
    (
        "triage.target_without_playbook_hint",
        "a step or template is only shown at the end of the questions: add `playbook:` (and remove `next:`)",
    ),
    (
        "triage.no_step_ids",
        "give the step an `id:` in playbook `{id}`",
    ),
    ("triage.step_ids", "steps of `{id}` with an id: {steps}"),
    (
        "triage.unknown_step",
        "unknown step `{step}` of playbook `{id}`",
    ),
    ("triage.templates_of", "templates of `{id}`: {templates}"),
    (
        "triage.templates_of_or_add",
        "templates of `{id}`: {templates}; or add `{template}` to one of its steps",
    ),
    ("triage.unknown_template", "unknown template `{id}`"),
    (
        "triage.template_not_used",
        "template `{template}` is not used by playbook `{id}`",
    ),
    ("pb.no_folder", "playbooks folder not found"),
    (
        "pb.no_folder_hint",
        "create it, or set `inputs.playbooks` in delaybook.yaml",
    ),
    ("pb.no_files", "no playbook files found"),
    (
        "pb.no_files_hint",
        "add `.yaml` files, e.g. with `delaybook new`",
    ),
    (
        "syn.says",
        "the content says `{word}`: make it the word, or use a word the playbooks use",
    ),
    (
        "syn.use_word",
        "use a word the playbooks use, or delete the group",
    ),
    (
        "syn.dead_word",
        "search synonym `{word}` occurs nowhere in the content, so its variants find nothing",
    ),
    (
        "syn.dead_group",
        "dead search synonym group: neither `{word}` nor any of its variants occurs in the content",
    ),
    (
        "alias.clash_id",
        "alias `{alias}` of cause `{cause}` is already the id of cause `{other}`",
    ),
    (
        "alias.clash_name",
        "alias `{alias}` of cause `{cause}` is already the name of cause `{other}`",
    ),
    (
        "alias.clash_alias",
        "alias `{alias}` of cause `{cause}` is already the alias of cause `{other}`",
    ),
    (
        "alias.clash_hint",
        "a word in the cause column must mean one cause: remove the alias from one of them",
    ),
    ("xref.label", "`{tag}` is not rendered in this field"),
    (
        "xref.label_hint",
        "titles, names and labels are shown as written; put tags in Markdown fields such as `details` or `applies_when`",
    ),
    (
        "xref.in_reply",
        "reply text cannot contain the cross-reference `{tag}`",
    ),
    (
        "xref.in_reply_hint",
        "the buyer does not know our playbooks: write the words out",
    ),
    ("xref.unknown", "unknown {kind} `{target}` in `{tag}`"),
    ("xref.unknown_rule", "unknown platform rule in `{tag}`"),
    (
        "xref.syntax",
        "write `[[kind:id]]` with kind one of {kinds}, or `{{rule:platform.key}}`",
    ),
    ("xref.no_id", "no {kind} has this id"),
    ("xref.no_playbook", "no playbook has the id `{id}`"),
    (
        "xref.give_step_id",
        "give the step an `id:` in playbook `{id}`",
    ),
    ("xref.step_ids", "steps of `{id}` with an id: {steps}"),
    (
        "xref.no_rules",
        "no platform has rules yet; add a `platform_rules:` section",
    ),
    ("xref.platforms", "platforms with rules: {list}"),
    ("xref.rules", "rules defined here: {list}"),
    (
        "quiz.twice",
        "choice `{choice}` appears twice in question `{id}`",
    ),
    (
        "quiz.cluster",
        "the right answer is shown as choice {letter} in {count} of {n} questions ({pct} %)",
    ),
    (
        "quiz.cluster_hint",
        "choices are shuffled by question id; questions with `shuffle: false` keep their stored order: reorder those choices, or let them shuffle",
    ),
    (
        "quiz.longest",
        "the right answer is the longest choice in {count} of {n} questions",
    ),
    (
        "quiz.longest_hint",
        "write wrong choices as specific as the right one, or shorten the right one: {ids}",
    ),
    ("diag.hint_en", "hint (English)"),
    ("overlay.title", "Rebuild failed: {n} errors"),
    ("overlay.title#one", "Rebuild failed: {n} error"),
    (
        "overlay.intro",
        "This page is the last good build. Fix the problems below and save; this notice goes away by itself.",
    ),
    (
        "overlay.no_diagnostic",
        "The build failed; the terminal running delaybook serve says why.",
    ),
    ("overlay.problem", "error[{code}]: {message}"),
    ("overlay.hint_label", "hint: "),
    (
        "range.governance_days",
        "a whole number of days from 1 to 3660, e.g. 90",
    ),
    (
        "range.service_level",
        "a number between 0.5 and 1, e.g. 0.95",
    ),
    (
        "range.hot_share",
        "a fraction greater than 0 and at most 1, e.g. 0.2",
    ),
    (
        "range.hot_stock_share",
        "a share greater than 0 and at most 10, e.g. 0.5",
    ),
    (
        "range.hours",
        "a number of hours greater than 0 and at most {max} (one year)",
    ),
    ("range.days", "a whole number of days from {low} to {max}"),
    (
        "range.count",
        "a whole number of {what} from {low} to {high}",
    ),
    (
        "range.lead_time",
        "a number of days greater than 0 and at most {max}",
    ),
    (
        "range.presale_min",
        "a whole number of days from 0 to `delist_after_days`",
    ),
    ("range.rows", "rows"),
    ("range.problems", "problems"),
    ("range.weeks", "weeks"),
    ("range.skus", "SKUs"),
    (
        "range.promise_hours",
        "a number of hours greater than 0 and at most {max}, e.g. 48",
    ),
    ("range.rate", "a fraction between 0 and 1, e.g. 0.05"),
    ("range.cap", "an amount from 0 to 1000000, e.g. 30"),
    (
        "range.fraction_pct",
        "a fraction between 0 and 1, e.g. 0.04 for 4 %",
    ),
    ("range.p90", "a number of hours from 0 to 8784, e.g. 72"),
    (
        "range.compensation",
        "an amount from 0 to 1000000000, e.g. 500",
    ),
    (
        "data.no_stock_rows",
        "the stock file has no usable row (it is empty, has only a header, or every row was skipped): every SKU's stock would be taken as 0",
    ),
    (
        "data.no_stock_rows_hint",
        "export the stock (库存) list again from the shop back office, or point `inputs.stock` / --stock at the right file",
    ),
    (
        "data.workbook",
        "this is an Excel workbook (.{kind}), not a CSV file",
    ),
    (
        "data.workbook_hint",
        "open it in Excel and choose File → Save As → \"CSV UTF-8 (comma delimited)\", or export the CSV from the shop back office instead of the Excel file",
    ),
    ("guard.what_config", "the configuration file"),
    ("guard.what_playbooks", "the playbooks folder"),
    ("guard.what_orders_folder", "the orders folder"),
    ("guard.what_orders_file", "the orders file"),
    ("guard.what_stock", "the stock file"),
    ("guard.what_theme", "the theme folder"),
    ("guard.root_fs", "it is the root of the file system"),
    ("guard.home_is", "it is your home folder"),
    ("guard.home_contains", "it contains your home folder"),
    ("guard.project_is", "it is the project folder"),
    ("guard.project_contains", "it contains the project folder"),
    ("guard.input_is", "it is {what} `{path}`"),
    ("guard.input_contains", "it contains {what} `{path}`"),
    ("guard.input_inside", "it is inside {what} `{path}`"),
    (
        "output.not_ours",
        "refusing to replace `{path}`: it is not empty and was not created by delaybook (no `{marker}` file inside)",
    ),
    (
        "output.not_ours_hint",
        "choose another folder with --out, empty `{path}`, or pass --force to replace it",
    ),
    ("output.not_a_dir", "`{path}` exists and is not a folder"),
    (
        "output.unsafe_path",
        "output path `{path}` is not a safe relative path",
    ),
    (
        "output.protected",
        "refusing to write the output to `{path}`: {why}",
    ),
    (
        "output.protected_hint",
        "the output folder is replaced as a whole on every build: give it a folder of its own, e.g. --out public (the default)",
    ),
    (
        "output.locked",
        "another delaybook build is writing `{path}` right now; wait for it to finish (or stop `delaybook serve` if it is running for this project) and try again",
    ),
    ("fs.cannot_read_path", "cannot read `{path}`: {reason}"),
    ("fs.cannot_write", "cannot write `{path}`: {reason}"),
    (
        "fs.cannot_create_folder",
        "cannot create folder `{path}`: {reason}",
    ),
    (
        "fs.cannot_read_folder",
        "cannot read folder `{path}`: {reason}",
    ),
    ("fs.cannot_open", "cannot open `{path}`: {reason}"),
    ("fs.cannot_lock", "cannot lock `{path}`: {reason}"),
    ("fs.cannot_remove", "cannot remove `{path}`: {reason}"),
    (
        "fs.cannot_move_aside",
        "cannot move aside `{path}`: {reason}",
    ),
    (
        "fs.cannot_move_into_place",
        "cannot move into place `{path}`: {reason}",
    ),
    (
        "fs.cannot_remove_leftover",
        "cannot remove the leftover folder `{path}`: {reason}",
    ),
    (
        "fs.cannot_restore",
        "cannot restore the previous output `{path}`: {reason}",
    ),
    ("fs.cannot_other", "cannot use `{path}`: {reason}"),
    ("io.not_found", "No such file or directory"),
    ("io.permission_denied", "Permission denied"),
    ("io.already_exists", "File exists"),
    ("io.storage_full", "No space left on device"),
    ("io.read_only", "Read-only file system"),
    ("io.is_a_directory", "Is a directory"),
    ("io.not_a_directory", "Not a directory"),
    ("io.directory_not_empty", "Directory not empty"),
    ("io.invalid_filename", "Invalid file name"),
    ("io.crosses_devices", "Cannot move across devices"),
    ("io.busy", "Resource busy"),
    ("pat.too_long", "pattern is longer than {max} characters"),
    (
        "pat.too_long_hint",
        "split it into several shorter patterns",
    ),
    ("pat.unexpected", "unexpected `{c}`"),
    ("pat.unexpected_hint", "a `)` closes a `(` opened before it"),
    ("pat.empty", "empty pattern"),
    ("pat.empty_hint", "write the words to look for"),
    ("pat.starts_gap", "a pattern cannot start with a gap `…`"),
    ("pat.ends_gap", "a pattern cannot end with a gap `…`"),
    ("pat.gap_joins", "a gap joins two parts: `{example}`"),
    ("pat.too_deep", "parentheses nested too deeply"),
    ("pat.too_deep_hint", "use at most {max} levels of `(`"),
    ("pat.close_brace", "`}` without `{`"),
    (
        "pat.brace_hint",
        "a set is written `{name}`; for the character itself write `{full}`",
    ),
    ("pat.backslash", "`\\` is not an escape in a pattern"),
    (
        "pat.backslash_hint",
        "characters stand for themselves (`?` too); for `(`, `|`, `{` write `（`, `｜`, `｛`",
    ),
    ("pat.unclosed_paren", "`(` is never closed"),
    (
        "pat.unclosed_paren_hint",
        "close the alternatives with `)`: `(微信|vx)`",
    ),
    ("pat.empty_group", "empty group `()`"),
    (
        "pat.empty_group_hint",
        "write the alternatives inside: `(微信|vx)`",
    ),
    ("pat.unclosed_brace", "`{` is never closed"),
    ("pat.empty_set", "empty set name `{}`"),
    ("pat.empty_set_hint", "write the name of a set: `{微信}`"),
    ("pat.number_set", "`{{set}}` is a number, not a set name"),
    (
        "pat.number_set_hint",
        "a number in braces sets the reach of a gap and must follow it: `…{12}`",
    ),
    ("pat.limit", "`{{set}}`: the limit is not a whole number"),
    ("pat.limit_hint", "write the limit in digits: `{数字>30}`"),
    ("pat.many_gaps", "too many `…` in a row"),
    (
        "pat.many_gaps_hint",
        "`…` is a gap in the same clause, `……` a gap in the same sentence",
    ),
    (
        "pat.gap_len",
        "gap length `{n}` is not a number from 1 to {max}",
    ),
    (
        "pat.gap_len_hint",
        "write the most characters the gap may skip: `…{12}`",
    ),
    (
        "pat.set_cycle",
        "the set `{set}` refers to itself (through `{…}`)",
    ),
    (
        "pat.set_cycle_hint",
        "a set may use other sets, but not in a circle",
    ),
    (
        "pat.matches_nothing",
        "this pattern can match nothing (every part of it is optional)",
    ),
    (
        "pat.matches_nothing_hint",
        "make at least one part required: `加(个|)微信`, not `(加|)`",
    ),
    (
        "pat.builtin_set",
        "`{set}` is a built-in set and cannot be redefined",
    ),
    ("pat.bad_set_name", "`{set}` cannot be a set name"),
    (
        "pat.set_name_hint",
        "name sets with words, without spaces, brackets, `|` or `…`",
    ),
    ("pat.unknown_set", "unknown set `{{set}}`"),
    (
        "pat.unknown_set_hint_dym",
        "{first}; define it under `phrase_sets:`",
    ),
    (
        "pat.unknown_set_hint_known",
        "known sets: {names}; define it under `phrase_sets:`",
    ),
    (
        "pat.no_rule_number",
        "`{数字>rule:{key}}`: no platform rule `{key}` with a number",
    ),
    (
        "pat.no_rule_number_hint",
        "write a rule of platform_rules as platform.key; rules with a number: {rules}",
    ),
    (
        "ph.set_twice",
        "set `{name}` is defined twice; this definition is ignored",
    ),
    (
        "ph.category_twice",
        "category defaults `{name}` is defined twice; this definition is ignored",
    ),
    (
        "ph.twice_hint",
        "it is first defined in {file}; keep one definition",
    ),
    ("ph.pattern", "pattern `{pattern}`: {problem}"),
    ("ph.no_phrases", "phrase rule `{rule}` has no phrases"),
    (
        "ph.no_phrases_hint",
        "list what the rule looks for under `phrases:`",
    ),
    ("ph.old_category", "category `{category}` is an old name"),
    (
        "ph.old_category_hint",
        "write `{category}` (or the closer category from docs/playbook-format.md §6)",
    ),
    (
        "ph.no_flag_examples",
        "phrase rule `{rule}` has no `flag` examples, so it cannot test itself",
    ),
    (
        "ph.no_pass_examples",
        "phrase rule `{rule}` has no `pass` examples, so it cannot test itself",
    ),
    (
        "ph.examples_hint",
        "add `examples: {flag: [...], pass: [...]}`: replies the rule must flag and look-alikes it must let pass",
    ),
    (
        "ph.misses_flag",
        "rule `{rule}` does not flag its own example",
    ),
    (
        "ph.misses_flag_hint",
        "widen a pattern (alternatives, a gap `…`) or check the exceptions; if the reply is fine after all, move it to `pass`",
    ),
    (
        "ph.flags_pass",
        "rule `{rule}` flags its `pass` example at `{text}`",
    ),
    (
        "ph.flags_pass_hint",
        "make the pattern more specific or add an exception (`unless_before`, `unless_after`, `unless_reply_has`); if the reply is bad after all, move it to `flag`",
    ),
    ("rules.unknown_platform", "unknown platform `{platform}`"),
    (
        "rules.twice",
        "rule `{rule}` of platform `{platform}` is defined twice",
    ),
    (
        "rules.twice_hint",
        "first defined at {file}:{line}; keep one",
    ),
    ("rules.bad_key", "rule key `{rule}` is not a safe slug"),
    ("rules.wrong_unit", "rule `{rule}` must have unit `{unit}`"),
    (
        "rules.wrong_unit_hint",
        "the report reads `{rule}` as {unit}",
    ),
    ("rules.not_date", "`{value}` is not a date"),
    (
        "rules.not_date_hint",
        "write the day the rule was checked as YYYY-MM-DD, e.g. 2026-11-02",
    ),
    ("rules.no_value", "the rule has no value"),
    ("rules.no_value_hint", "write the rule in one sentence"),
    (
        "rules.text_number",
        "unit `text` needs a sentence, not the number {n}",
    ),
    (
        "rules.text_number_hint",
        "give a unit: `hours`, `days`, `percent` or `yuan`",
    ),
    (
        "rules.not_number",
        "`{value}` is not a number (unit `{unit}`)",
    ),
    (
        "rules.not_number_hint",
        "write the figure only, e.g. `48` for 48小时 or `5` for 5%",
    ),
    (
        "rules.out_of_range",
        "{n} is out of range for unit `{unit}`",
    ),
    (
        "rules.expect_percent",
        "expected a percentage from 0 to 100, e.g. 5 for 5%",
    ),
    ("rules.expect_positive", "expected a number greater than 0"),
    ("rules.expect_amount", "expected an amount of 0 or more"),
    (
        "xref.m_syntax",
        "a cross-reference is written `[[kind:id]]`: `{tag}`",
    ),
    ("xref.m_kind", "unknown kind of cross-reference: `{tag}`"),
    ("xref.m_no_id", "the cross-reference names no id: `{tag}`"),
    (
        "xref.m_step",
        "a step is referenced as `[[step:playbook-id/step-id]]`: `{tag}`",
    ),
    (
        "xref.m_rule",
        "a rule value is written `{{rule:platform.key}}` or `{{rule:key}}`: `{tag}`",
    ),
    (
        "len.too_long",
        "`{field}` is {chars} characters long; at most {limit} are allowed",
    ),
    (
        "len.too_long_hint",
        "shorten it, or split the content into several entries",
    ),
    ("links.step_id_bad", "step id `{id}` is not a safe slug"),
    (
        "links.step_id_bad_hint",
        "use lowercase letters, digits, `-` and `_`, with at least one letter, e.g. `notify-buyer`",
    ),
    (
        "links.step_id_twice",
        "step id `{id}` is used twice in playbook `{playbook}`",
    ),
    (
        "links.step_id_twice_hint",
        "step ids must be unique within their playbook",
    ),
    (
        "theme.missing",
        "theme folder `{path}` (set by `theme:` in delaybook.yaml) does not exist or is not a folder",
    ),
    (
        "theme.outside",
        "theme folder `{path}` (set by `theme:` in delaybook.yaml) is outside the project folder; its files would be published",
    ),
    (
        "theme.outside_hint",
        "move the theme folder into the project, or pass --allow-external-theme if its files are meant to be published",
    ),
    (
        "theme.too_large",
        "theme file `{path}` is {bytes} bytes; theme files may be at most {max} bytes",
    ),
    (
        "theme.too_many",
        "theme folder `{path}` holds more than {max} files and folders; is `theme:` pointing at the right folder?",
    ),
    ("theme.walk", "cannot read theme folder `{path}`: {reason}"),
    ("theme.skip_hidden", "hidden file"),
    ("theme.skip_hidden_folder", "hidden folder"),
    ("theme.skip_link", "link or special file"),
    ("theme.skip_template", "not a template (.html)"),
    ("theme.skip_i18n", "not an interface-string file (.yaml)"),
    ("theme.skip_kind", "not a kind of file a theme publishes"),
    ("theme.skipped_item", "`{path}` ({why})"),
    (
        "render.not_text",
        "theme file `{path}` is not valid UTF-8 text",
    ),
    ("render.templates", "theme templates do not load: {reason}"),
    (
        "render.render",
        "cannot render template `{template}`: {reason}",
    ),
    (
        "render.i18n_invalid",
        "theme file `{path}` is not valid: {reason}",
    ),
    (
        "render.i18n_twice",
        "interface string `{key}` in `{path}` is already defined in another i18n file",
    ),
    (
        "render.i18n_missing",
        "interface string `{key}` has no `{lang}` translation",
    ),
    (
        "serve.forbidden_host",
        "this preview server only answers requests for 127.0.0.1, localhost or [::1] with its port",
    ),
    ("serve.not_found", "not found"),
    ("serve.head_too_large", "request head too large"),
    ("serve.timeout", "request timeout"),
    ("serve.bad_request", "bad request"),
    ("serve.no_host", "missing Host header"),
    ("serve.method_not_allowed", "method not allowed"),
    ("serve.bad_target", "bad request target"),
    (
        "serve.no_address",
        "cannot tell the address of the preview server: {reason}",
    ),
    ("schema.failed", "cannot print the schema: {reason}"),
    (
        "reply.theme_strings",
        "cannot load the theme's interface strings: {reason}",
    ),
    ("reply.json_failed", "cannot write JSON: {reason}"),
    (
        "reply.stdout_failed",
        "cannot write to standard output: {reason}",
    ),
    ("reply.cannot_read", "cannot read `{file}`: {reason}"),
    (
        "reply.too_large",
        "`{file}` is {bytes} bytes; a draft may be at most {max} bytes",
    ),
    (
        "reply.not_utf8",
        "`{file}` is not UTF-8 text (first bad byte at offset {offset}); save it as UTF-8",
    ),
    (
        "reply.empty",
        "`{file}` is empty: there is no reply to check",
    ),
    ("reply.stdin_failed", "cannot read standard input: {reason}"),
    (
        "reply.stdin_too_large",
        "standard input is longer than {max} bytes; a draft may be at most that",
    ),
    (
        "sample.orders_range",
        "--orders must be from 1 to {max}, not {value}",
    ),
    (
        "sample.weeks_range",
        "--weeks must be from 1 to {max} (ten years), not {value}",
    ),
    (
        "sample.years_range",
        "--end {end} with --weeks {weeks} gives dates outside the years {first}–{last}; choose a later --end or fewer --weeks",
    ),
    ("yaml.at", "line {line}, column {column}: {problem}"),
    ("yaml.too_deep_plain", "nested more than {max} levels deep"),
    (
        "yaml.alias_bomb_plain",
        "aliases expand to more than {max} values (an alias bomb?)",
    ),
    (
        "ts.bad_pattern",
        "is not a valid chrono pattern (an unknown or incomplete `%` code)",
    ),
    ("ts.cannot_check", "cannot be checked"),
    (
        "ts.no_date",
        "can never read a date (it needs at least a year, a month and a day)",
    ),
    (
        "data.unpaired_items",
        "淘宝/天猫宝贝报表 (item report, ExportOrderDetailList…) without its 订单报表 (order report, ExportOrderList…) of the same export: put both files in the orders folder or list both under `inputs.orders`",
    ),
    (
        "data.unpaired_orders",
        "淘宝/天猫订单报表 (order report, ExportOrderList…) without its 宝贝报表 (item report, ExportOrderDetailList…) of the same export, which has the SKUs (商家编码) and quantities: put both files in the orders folder or list both under `inputs.orders`",
    ),
    ("data.folder_empty", "it is empty"),
    ("data.folder_holds", "it holds {files}"),
    ("data.folder_holds_more", "it holds {files}, …"),
    (
        "data.no_orders_in",
        "no order file in the folder `{spec}`: {holds}",
    ),
    (
        "data.no_orders_in_hint",
        "order files are read from .csv files (and from Excel's \"Unicode text\" .txt): export the orders as CSV from the shop back office, or in Excel use File → Save As → \"CSV UTF-8 (comma delimited)\"",
    ),
    (
        "data.all_skipped",
        "none of the {rows} order rows could be used: every one was skipped (the problems reported with this say why), so there is nothing to report on",
    ),
    (
        "data.all_skipped_hint",
        "fix those problems and run again: a file damaged by Excel must be exported again from the shop back office (do not open and save it in Excel); times in another format can be added under `timestamp_formats` in delaybook.yaml",
    ),
    (
        "fix.platform_typo",
        "`{value}` looks like a typo of `{name}` ({key}): correct it in the export, or if it really is another name of {key}, add it to the `aliases:` of `{key}` under `platforms:` in delaybook.yaml",
    ),
    (
        "fix.cause_typo",
        "`{value}` looks like a typo of `{name}` ({code}): correct it in the export, or add it to the `aliases:` of `{code}` in the cause catalogue (playbooks/)",
    ),
    (
        "quality.g_multi_item",
        "{n} rows hold several items each{values}: the file is exported by order (订单维度), not by item",
    ),
    (
        "quality.g_multi_item#one",
        "{n} row holds several items{values}: the file is exported by order (订单维度), not by item",
    ),
    (
        "quality.g_unread_stock_field",
        "{n} stock values{column} cannot be read{values}: those values are unknown, the rows are used",
    ),
    (
        "quality.g_unread_stock_field#one",
        "{n} stock value{column} cannot be read{values}: the value is unknown, the row is used",
    ),
    (
        "quality.g_unread_stock_column",
        "{n} stock columns are not read{values}",
    ),
    (
        "quality.g_unread_stock_column#one",
        "{n} stock column is not read{values}",
    ),
    (
        "quality.g_presale_no_deadline",
        "{n} 预售 lines have no ship-by date: their deadline is unknown; left out of due, delayed and at-risk",
    ),
    (
        "quality.g_presale_no_deadline#one",
        "{n} 预售 line has no ship-by date: its deadline is unknown; left out of due, delayed and at-risk",
    ),
    (
        "quality.g_long_overdue",
        "{n} open lines are far past the default deadline (no ship-by column in the export){values}",
    ),
    (
        "quality.g_long_overdue#one",
        "{n} open line is far past the default deadline (no ship-by column in the export){values}",
    ),
    (
        "row.presale_no_deadline",
        "order `{order}` SKU `{sku}` is a 预售 (presale) line and the export gives no ship-by date: its deadline is unknown, so it is left out of due, delayed and at-risk (it counts as placed, in demand and in backlog); export or map the ship-by date under `columns: orders: promised_ship_by:`",
    ),
    (
        "row.long_overdue",
        "{n} open lines are more than {days} days past their deadline, which no order file gives (the default promise hours were used), e.g. order `{order}` SKU `{sku}`, {hours} h overdue: if they are 预售 or made-to-order lines, export the ship-by date (承诺发货时间) or map it under `columns: orders: promised_ship_by:`; otherwise they really are overdue",
    ),
    (
        "row.long_overdue#one",
        "{n} open line is more than {days} days past its deadline, which no order file gives (the default promise hours were used), e.g. order `{order}` SKU `{sku}`, {hours} h overdue: if it is a 预售 or made-to-order line, export the ship-by date (承诺发货时间) or map it under `columns: orders: promised_ship_by:`; otherwise it really is overdue",
    ),
    ("wh.table_place", "table {table}"),
    ("wh.examples", " (e.g. {list})"),
    ("wh.list_sep", ", "),
    (
        "wh.example_order_value",
        "order `{order}` SKU `{sku}`: `{value}`",
    ),
    ("wh.example_order", "order `{order}` SKU `{sku}`"),
    ("wh.example_value", "SKU `{sku}`: `{value}`"),
    ("wh.example_sku", "SKU `{sku}`"),
    (
        "wh.check.missing_value",
        "{n} rows of table `{table}` have no `{column}`; those rows are skipped{examples}",
    ),
    (
        "wh.check.missing_value#one",
        "{n} row of table `{table}` has no `{column}`; the row is skipped{examples}",
    ),
    (
        "wh.check.unknown_status",
        "{n} rows of table `{table}` have a status nothing maps to open, shipped, cancelled or refunded (map it under `status_map`); those rows are skipped{examples}",
    ),
    (
        "wh.check.unknown_status#one",
        "{n} row of table `{table}` has a status nothing maps to open, shipped, cancelled or refunded (map it under `status_map`); the row is skipped{examples}",
    ),
    (
        "wh.check.bad_quantity",
        "{n} rows of table `{table}` have a quantity below 1; those rows are skipped{examples}",
    ),
    (
        "wh.check.bad_quantity#one",
        "{n} row of table `{table}` has a quantity below 1; the row is skipped{examples}",
    ),
    (
        "wh.check.negative_amount",
        "{n} rows of table `{table}` have a negative amount; those rows are skipped{examples}",
    ),
    (
        "wh.check.negative_amount#one",
        "{n} row of table `{table}` has a negative amount; the row is skipped{examples}",
    ),
    (
        "wh.check.shipped_before_ordered",
        "{n} rows of table `{table}` have shipped_at before ordered_at; those rows are skipped{examples}",
    ),
    (
        "wh.check.shipped_before_ordered#one",
        "{n} row of table `{table}` has shipped_at before ordered_at; the row is skipped{examples}",
    ),
    (
        "wh.check.missing_seq",
        "{n} rows of table `{table}` have no `_seq`: which row of a repeated (order_id, sku) wins is not defined{examples}",
    ),
    (
        "wh.check.missing_seq#one",
        "{n} row of table `{table}` has no `_seq`: which row of a repeated (order_id, sku) wins is not defined{examples}",
    ),
    (
        "wh.check.stock_duplicate",
        "{n} rows of table `{table}` are superseded by a row of the same SKU with a higher `_seq`; those rows are skipped{examples}",
    ),
    (
        "wh.check.stock_duplicate#one",
        "{n} row of table `{table}` is superseded by a row of the same SKU with a higher `_seq`; the row is skipped{examples}",
    ),
    (
        "wh.check.duplicate",
        "{n} rows of table `{table}` are superseded by a row of the same (order_id, sku) with a higher `_seq`; those rows are skipped{examples}",
    ),
    (
        "wh.check.duplicate#one",
        "{n} row of table `{table}` is superseded by a row of the same (order_id, sku) with a higher `_seq`; the row is skipped{examples}",
    ),
    (
        "wh.check.seq_tie",
        "{n} rows of table `{table}` are repeated (order_id, sku) pairs whose highest `_seq` is shared: the engine picks one; give every row its own `_seq`{examples}",
    ),
    (
        "wh.check.seq_tie#one",
        "{n} row of table `{table}` is a repeated (order_id, sku) pair whose highest `_seq` is shared: the engine picks one; give every row its own `_seq`{examples}",
    ),
    (
        "wh.check.unknown_cause",
        "{n} rows of table `{table}` have a cause that is not a code, name or alias of the causes catalogue; counted under their own text, at-risk lines go to triage{examples}",
    ),
    (
        "wh.check.unknown_cause#one",
        "{n} row of table `{table}` has a cause that is not a code, name or alias of the causes catalogue; counted under their own text, at-risk lines go to triage{examples}",
    ),
    (
        "wh.check.unknown_platform",
        "{n} rows of table `{table}` have a platform that is not a key, name or alias; the default promise hours and compensation are used{examples}",
    ),
    (
        "wh.check.unknown_platform#one",
        "{n} row of table `{table}` has a platform that is not a key, name or alias; the default promise hours and compensation are used{examples}",
    ),
    (
        "wh.check.sku_not_in_stock",
        "{n} rows of table `{table}` have a SKU missing from the stock table; its stock is taken as 0{examples}",
    ),
    (
        "wh.check.sku_not_in_stock#one",
        "{n} row of table `{table}` has a SKU missing from the stock table; its stock is taken as 0{examples}",
    ),
    (
        "wh.check.negative_incoming",
        "{n} rows of table `{table}` have incoming below 0; those rows are skipped{examples}",
    ),
    (
        "wh.check.negative_incoming#one",
        "{n} row of table `{table}` has incoming below 0; the row is skipped{examples}",
    ),
    (
        "wh.check.bad_lead_time",
        "{n} rows of table `{table}` have lead_time_days of 0 or less; those rows are skipped{examples}",
    ),
    (
        "wh.check.bad_lead_time#one",
        "{n} row of table `{table}` has lead_time_days of 0 or less; the row is skipped{examples}",
    ),
    (
        "wh.check.other",
        "{n} rows of table `{table}` failed the check `{check}`{examples}",
    ),
    (
        "wh.check.other#one",
        "{n} row of table `{table}` failed the check `{check}`{examples}",
    ),
    (
        "wh.absent_column",
        "table `{table}` has no `{column}` column ({zh}): its figures are unknown (null, shown as —)",
    ),
    ("wh.run_rows", "dbk_run has {n} rows; it has exactly one"),
    (
        "wh.run_again",
        "run `delaybook sql` again with this project and this delaybook, then the SQL",
    ),
    (
        "wh.no_week",
        "the orders table has no used order line, so the SQL could not choose a week",
    ),
    (
        "wh.no_week_hint",
        "pass --week to `delaybook sql` to report on an empty week",
    ),
    ("wh.unknown_absent", "unknown absent column in `{list}`"),
    (
        "wh.format",
        "dbk_run says `{found}`; this delaybook reads {expected}",
    ),
    (
        "wh.timezone",
        "the SQL used timezone {found}, delaybook.yaml says {expected}",
    ),
    (
        "wh.settings",
        "the SQL was generated with other settings (promise hours, compensation, thresholds, status map, platform or cause names changed since)",
    ),
    (
        "wh.week_start",
        "week start: engine {engine}, delaybook {ours}",
    ),
    ("wh.week_end", "week end: engine {engine}, delaybook {ours}"),
    ("wh.as_of", "as_of: engine {engine}, delaybook {ours}"),
    (
        "wh.demand_first_day",
        "first day of the demand window: engine {engine}, delaybook {ours}",
    ),
    (
        "wh.trend_count",
        "{engine} trend weeks, delaybook has {ours}",
    ),
    ("wh.trend_week", "trend week {k}: engine {week} at {start}"),
    ("wh.detail_sep", "; "),
    (
        "wh.week_mismatch",
        "the engine's week does not match delaybook's in {timezone}: {details}",
    ),
    (
        "wh.week_mismatch_hint",
        "the engine's timezone database differs from delaybook's for these dates; update the engine's tzdata (or delaybook)",
    ),
    (
        "wh.note_latest",
        "week {week} ({monday} – {sunday}): computed by {engine} (latest order on {date})",
    ),
    (
        "wh.note",
        "week {week} ({monday} – {sunday}): computed by {engine}",
    ),
    (
        "wh.negative_count",
        "column `{column}` is negative: not a count",
    ),
    (
        "wh.over_budget",
        "column `{column}` of {table} adds up to more than the `lines_used` of dbk_counts",
    ),
    ("wh.unknown_count", "unknown count `{name}`"),
    ("wh.day_outside", "day {date} is outside the demand window"),
    (
        "wh.shards_differ",
        "this folder's run ({week}, as_of {as_of}, absent {absent}) differs from {first}'s ({first_week}, as_of {first_as_of}, absent {first_absent}): shards of one report share the week, as_of and columns",
    ),
    ("wh.no_folder", "the aggregates folder does not exist"),
    (
        "wh.no_folder_hint",
        "export every dbk_ table the SQL of `delaybook sql` left (docs/warehouse.md) into this folder",
    ),
    ("wh.folder_unreadable", "cannot read the folder: {error}"),
    ("wh.table_missing", "the result table `{table}` is missing"),
    (
        "wh.table_missing_hint",
        "run the whole script of `delaybook sql`, then export {table} with a header as {table}.csv (docs/warehouse.md)",
    ),
    (
        "wh.more_values",
        "… and {n} more unreadable values in {table}",
    ),
    ("wh.file_unreadable", "cannot be read: {error}"),
    (
        "wh.not_csv",
        "not a CSV file as written by the engine: {error}",
    ),
    (
        "wh.too_many_rows",
        "more than {max} rows in {table}: not a result table of `delaybook sql`",
    ),
    ("wh.header_unreadable", "the header cannot be read: {error}"),
    (
        "wh.missing_columns",
        "{table} has no column {columns} (its header has: {found})",
    ),
    (
        "wh.missing_columns_hint",
        "export the table with its header (DuckDB: COPY … (HEADER); ClickHouse: FORMAT CSVWithNames; Spark: header 'true'), from the SQL of this delaybook version",
    ),
    (
        "wh.not_int",
        "column `{column}`: `{value}` is not a whole number",
    ),
    (
        "wh.not_date",
        "column `{column}`: `{value}` is not a date (YYYY-MM-DD)",
    ),
    (
        "wh.not_decimal",
        "column `{column}`: `{value}` is not a decimal number",
    ),
    ("wh.empty_value", "column `{column}` is empty"),
    ("parser.csv_utf8", "field {field} is not valid UTF-8 text"),
    (
        "parser.csv_fields",
        "this row has {found} fields, the header has {expected}",
    ),
    ("parser.csv_other", "the CSV reader says: {raw}"),
    (
        "parser.yaml_type",
        "{expected} expected here, found {found}",
    ),
    (
        "parser.yaml_value",
        "{expected} expected here, found {found}",
    ),
    ("parser.yaml_type_here", "{expected} expected here"),
    ("parser.kind_list", "a list (`- item`)"),
    ("parser.kind_map", "a mapping (`key: value`)"),
    ("parser.kind_bool", "true or false"),
    ("parser.kind_int", "a whole number"),
    ("parser.kind_number", "a number"),
    ("parser.kind_text", "text"),
    ("parser.kind_scalar", "a single value"),
    ("parser.kind_other", "{raw}"),
    (
        "parser.kind_paths",
        "a path, or a list of paths and `{ path, platform, preset }` entries",
    ),
    (
        "parser.kind_path",
        "a path, or a `{ path, platform, preset }` entry",
    ),
    ("parser.found_text", "the text “{value}”"),
    ("parser.found_number", "the number {value}"),
    ("parser.found_bool", "{value}"),
    ("parser.found_list", "a list"),
    ("parser.found_map", "a mapping"),
    ("parser.found_empty", "nothing"),
    ("parser.found_other", "{value}"),
    (
        "parser.yaml_tab",
        "a tab is used for indentation: indent YAML with spaces only",
    ),
    (
        "parser.yaml_expected_key",
        "a line here is not a `key: value` of this mapping: its indentation is probably wrong, or a `:` is missing",
    ),
    (
        "parser.yaml_colon",
        "a `: ` where none may be: put the value in quotes if it contains “: ”, or check the indentation",
    ),
    (
        "parser.yaml_dash",
        "a list item (`- `) where none may start: check the indentation",
    ),
    (
        "parser.yaml_list_indent",
        "the items of this list are not indented alike",
    ),
    (
        "parser.yaml_quoted_indent",
        "a quoted text continues on the next line with too little indentation, or its closing quote is missing",
    ),
    ("parser.yaml_indent", "the indentation is wrong"),
    ("parser.yaml_quote", "a quote is not closed"),
    (
        "parser.yaml_escape",
        "a backslash escape in double quotes is not valid (write `\\\\` for a backslash, or use single quotes)",
    ),
    ("parser.yaml_after_quote", "text follows the closing quote"),
    (
        "parser.yaml_bracket",
        "a `[` … `]` list is not closed, or a bracket is out of place",
    ),
    (
        "parser.yaml_brace",
        "a `{` … `}` mapping is not closed, or a comma is missing",
    ),
    (
        "parser.yaml_anchor",
        "an alias (`*name`) refers to an anchor (`&name`) that is not defined before it",
    ),
    (
        "parser.yaml_anchor_twice",
        "an anchor (`&name`) is defined twice",
    ),
    (
        "parser.yaml_anchor_name",
        "an anchor or alias name is missing or not valid",
    ),
    ("parser.yaml_must_quote", "this value must be put in quotes"),
    (
        "parser.yaml_eof",
        "the file ends in the middle of a list or mapping",
    ),
    ("parser.yaml_no_value", "a value is missing here"),
    ("parser.yaml_colon_missing", "a `key:` is missing its colon"),
    (
        "parser.yaml_character",
        "a character that YAML does not allow here",
    ),
    (
        "row.multi_item",
        "this row holds several items (SKU `{sku}`, quantity `{quantity}`): the file is exported by order (订单维度); export it again by item (商品维度, one row per 子订单)",
    ),
    (
        "row.stock_unread_incoming",
        "column `{column}`: {reason}; incoming units unknown (shown as —; the restock quantity does not subtract them), the rest of the row is used",
    ),
    (
        "row.stock_unread_restock",
        "column `{column}`: {reason}; restock date unknown (as if none were given), the rest of the row is used",
    ),
    (
        "row.stock_unread_lead_time",
        "column `{column}`: {reason}; the default lead time is taken instead, the rest of the row is used",
    ),
    (
        "row.stock_column_unread",
        "column `{column}` is not read: if it holds incoming units, the restock date or the lead time, map it under `columns: stock:` in delaybook.yaml (incoming, restock_eta, lead_time_days)",
    ),
];
