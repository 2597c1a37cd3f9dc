//! Header presets for the real order exports of the platforms, and the generic Chinese
//! preset. Each platform preset says which headers hold which canonical column (first
//! present header first; a later one fills a cell the first leaves empty), which
//! headers identify the export ([`Preset::signatures`]), and which platform it is.
//!
//! Sources for every header and the points that could not be confirmed are listed in
//! `docs/exports.md`. Column names are compared after `columns::loose` (trimmed, lower
//! case, full-width brackets as ASCII, a unit suffix such as `(元)` dropped), so
//! `实付金额(元)`, `实付金额（元）` and `实付金额` are one name, and 淘宝's `订单付款时间 `
//! (with its trailing space) matches `订单付款时间`. Signatures are compared without
//! dropping the unit (`商品数量(件)` is 拼多多's, `商品数量` 抖店's).

/// How the rows of an export relate to order lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One row per order line (or per single-item order).
    Lines,
    /// One row per order, without SKUs (淘宝's 订单报表): its columns fill the rows of
    /// the paired item file, joined on `order_id`.
    OrderHeader,
    /// One row per item, without order times (淘宝's 宝贝报表): needs an `OrderHeader`
    /// file of the same export.
    Items,
}

/// Canonical column → header names, in priority order.
pub type Columns = &'static [(&'static str, &'static [&'static str])];

/// One built-in preset.
#[derive(Debug)]
pub struct Preset {
    /// Key used in `delaybook.yaml` (`preset: douyin`) and messages.
    pub key: &'static str,
    /// What the export is called, for messages.
    pub label: &'static str,
    /// Platform key of every row (unless the file has a platform column).
    pub platform: Option<&'static str>,
    /// Rows per order line, per order, or per item.
    pub shape: Shape,
    /// Header sets that identify the export: every header of one set must be present.
    pub signatures: &'static [&'static [&'static str]],
    /// Column mapping for the order file.
    pub columns: Columns,
}

/// 抖店 (抖音电商) order export, product dimension (one row per 子订单).
pub const DOUYIN: Preset = Preset {
    key: "douyin",
    label: "抖店订单导出",
    platform: Some("douyin"),
    shape: Shape::Lines,
    signatures: &[
        &["主订单编号", "子订单编号", "选购商品"],
        &["主订单编号", "子订单编号", "订单提交时间"],
    ],
    columns: &[
        ("order_id", &["主订单编号"]),
        ("sku", &["商家编码", "商品ID"]),
        ("quantity", &["商品数量"]),
        ("ordered_at", &["支付完成时间", "订单提交时间"]),
        ("promised_ship_by", &["承诺发货时间"]),
        ("shipped_at", &["发货时间"]),
        ("status", &["订单状态"]),
        ("amount", &["订单应付金额"]),
        ("unit_price", &["商品单价", "商品金额"]),
        ("line_id", &["子订单编号"]),
        ("paid_at", &["支付完成时间"]),
        ("presale", &["订单类型", "预售类型", "是否预售"]),
    ],
};

/// 拼多多 order export (商家后台 → 订单查询 → 导出), the 2019–2026 header generations.
pub const PINDUODUO: Preset = Preset {
    key: "pinduoduo",
    label: "拼多多订单导出",
    platform: Some("pinduoduo"),
    shape: Shape::Lines,
    signatures: &[
        &["订单号", "商品数量(件)"],
        &["订单号", "商家编码-规格维度"],
        &["订单号", "商家编码-sku维度"],
    ],
    columns: &[
        ("order_id", &["订单号"]),
        (
            "sku",
            &[
                "商家编码-规格维度",
                "商家编码-sku维度",
                "商家编码-商品维度",
                "样式id",
                "商品id",
            ],
        ),
        ("quantity", &["商品数量(件)"]),
        ("ordered_at", &["支付时间", "订单成交时间", "拼单成功时间"]),
        ("promised_ship_by", &["承诺发货时间"]),
        ("shipped_at", &["发货时间"]),
        ("status", &["订单状态"]),
        ("amount", &["用户实付金额(元)"]),
        ("unit_price", &["商品单价(元)"]),
        ("paid_at", &["支付时间", "订单成交时间", "拼单成功时间"]),
        ("presale", &["是否预售", "预售时间", "预售类型"]),
    ],
};

/// 淘宝/天猫 classic 订单报表 (`ExportOrderList<time>.csv`): one row per order.
pub const TAOBAO_ORDERS: Preset = Preset {
    key: "taobao",
    label: "淘宝/天猫订单报表",
    platform: Some("taobao"),
    shape: Shape::OrderHeader,
    signatures: &[
        &["订单编号", "买家会员名", "订单付款时间"],
        &["订单编号", "买家实际支付金额", "宝贝总数量"],
    ],
    columns: &[
        ("order_id", &["订单编号"]),
        ("ordered_at", &["订单付款时间"]),
        ("shipped_at", &["发货时间"]),
        ("status", &["订单状态"]),
        ("amount", &["买家实际支付金额"]),
        ("paid_at", &["订单付款时间"]),
        ("presale", &["分阶段订单信息", "预售订单", "是否预售"]),
    ],
};

/// 淘宝/天猫 classic 宝贝报表 (`ExportOrderDetailList<time>.csv`): one row per item.
pub const TAOBAO_ITEMS: Preset = Preset {
    key: "taobao-items",
    label: "淘宝/天猫宝贝报表",
    platform: Some("taobao"),
    shape: Shape::Items,
    signatures: &[
        &["订单编号", "标题", "购买数量"],
        &["订单编号", "商家编码", "购买数量", "价格"],
    ],
    columns: &[
        ("order_id", &["订单编号"]),
        ("sku", &["商家编码", "外部系统编号"]),
        ("quantity", &["购买数量"]),
        ("status", &["订单状态"]),
        ("unit_price", &["价格"]),
    ],
};

/// 淘宝/天猫 千牛 sub-order export (2023–): one row per 子订单, order times included.
pub const TAOBAO_SUBORDERS: Preset = Preset {
    key: "taobao-suborders",
    label: "淘宝/天猫子订单导出",
    platform: Some("taobao"),
    shape: Shape::Lines,
    signatures: &[
        &["子订单编号", "主订单编号", "商品标题"],
        &["子订单编号", "主订单编号", "购买数量"],
    ],
    columns: &[
        ("order_id", &["主订单编号"]),
        ("sku", &["商家编码", "商品id"]),
        ("quantity", &["购买数量"]),
        (
            "ordered_at",
            &["订单付款时间", "买家付款时间", "订单创建时间"],
        ),
        ("shipped_at", &["发货时间"]),
        ("status", &["订单状态"]),
        ("amount", &["买家实付金额"]),
        ("unit_price", &["商品价格"]),
        ("line_id", &["子订单编号"]),
        ("paid_at", &["订单付款时间", "买家付款时间"]),
        ("presale", &["分阶段订单信息", "预售订单", "是否预售"]),
    ],
};

/// 京东 order export, 2015 layout (one row per SKU line).
pub const JD: Preset = Preset {
    key: "jd",
    label: "京东订单导出",
    platform: Some("jd"),
    shape: Shape::Lines,
    signatures: &[&["订单号", "商品id", "订购数量"]],
    columns: &[
        ("order_id", &["订单号"]),
        ("sku", &["货号", "商品id"]),
        ("quantity", &["订购数量"]),
        ("ordered_at", &["付款确认时间", "下单时间"]),
        ("shipped_at", &["出库时间", "发货时间"]),
        ("status", &["订单状态"]),
        ("unit_price", &["京东价"]),
        ("paid_at", &["付款确认时间"]),
        ("presale", &["订单类型", "是否预售"]),
    ],
};

/// The platform presets, in detection order.
pub const PLATFORM_PRESETS: [&Preset; 6] = [
    &DOUYIN,
    &PINDUODUO,
    &TAOBAO_ORDERS,
    &TAOBAO_ITEMS,
    &TAOBAO_SUBORDERS,
    &JD,
];

/// The `zh-generic` preset: headers of a generic Chinese order export (an ERP, a
/// spreadsheet kept by hand). Applied after the platform preset.
pub const ZH_GENERIC_ORDERS: Columns = &[
    (
        "order_id",
        &[
            "订单号",
            "订单编号",
            "主订单编号",
            "子订单编号",
            "平台订单号",
            "平台单号",
        ],
    ),
    (
        "sku",
        &[
            "商品编码",
            "商家编码",
            "sku编码",
            "货品编码",
            "规格编码",
            "sku",
            "货号",
        ],
    ),
    (
        "quantity",
        &["数量", "购买数量", "商品数量", "订购数量", "件数"],
    ),
    (
        "platform",
        &["平台", "渠道", "销售平台", "店铺平台", "来源平台"],
    ),
    (
        "ordered_at",
        &[
            "付款时间",
            "支付时间",
            "订单付款时间",
            "支付完成时间",
            "买家付款时间",
            "下单时间",
            "订单提交时间",
            "订单创建时间",
            "创建时间",
        ],
    ),
    (
        "promised_ship_by",
        &[
            "承诺发货时间",
            "最晚发货时间",
            "发货截止时间",
            "预计发货时间",
        ],
    ),
    (
        "shipped_at",
        &["发货时间", "实际发货时间", "出库时间", "订单发货时间"],
    ),
    ("status", &["订单状态", "状态", "交易状态"]),
    ("delay_cause", &["延迟原因", "延误原因", "延迟原因代码"]),
    ("detected_at", &["发现时间", "发现问题时间"]),
    (
        "notified_at",
        &["通知时间", "通知买家时间", "首次通知时间", "告知时间"],
    ),
    ("resolution", &["处理方式", "处理结果"]),
    (
        "amount",
        &[
            "实付金额",
            "实付款",
            "买家实付",
            "买家实付金额",
            "用户实付金额",
            "买家实际支付金额",
            "订单应付金额",
            "应付金额",
            "支付金额",
        ],
    ),
    ("unit_price", &["单价", "商品单价", "售价", "价格"]),
    (
        "line_id",
        &[
            "子订单编号",
            "子订单号",
            "子单号",
            "订单明细编号",
            "订单明细id",
            "明细编号",
            "订单行号",
            "订单项id",
        ],
    ),
    (
        "paid_at",
        &[
            "付款时间",
            "支付时间",
            "订单付款时间",
            "支付完成时间",
            "买家付款时间",
            "付款确认时间",
        ],
    ),
    (
        "presale",
        &[
            "是否预售",
            "预售",
            "预售类型",
            "预售订单",
            "分阶段订单信息",
            "订单类型",
        ],
    ),
];

/// The `zh-generic` preset for stock.csv.
pub const ZH_GENERIC_STOCK: Columns = &[
    (
        "sku",
        &[
            "商品编码",
            "商家编码",
            "sku编码",
            "货品编码",
            "规格编码",
            "货号",
        ],
    ),
    ("name", &["商品名称", "名称", "货品名称", "商品标题"]),
    (
        "on_hand",
        &[
            "可用库存",
            "可用库存数",
            "可用数",
            "可用数量",
            "可售库存",
            "可售数",
            "可售数量",
            "库存",
            "现有库存",
            "实际库存",
            "实际库存数",
            "库存数量",
            "库存数",
            "在库数量",
        ],
    ),
    (
        "incoming",
        &[
            "在途数量",
            "在途库存",
            "采购在途",
            "采购在途数量",
            "采购在途数",
            "在途数",
            "在途",
            "在途量",
            "在途库存数",
            "采购中数量",
            "已采购未到货",
            "未到货数量",
        ],
    ),
    (
        "restock_eta",
        &[
            "预计到货日期",
            "预计到货时间",
            "预计到货",
            "预计到货日",
            "预计到仓时间",
            "预计到仓日期",
            "预计入库时间",
            "预计入库日期",
            "到货日期",
            "到货时间",
        ],
    ),
    (
        "lead_time_days",
        &[
            "采购周期",
            "交期",
            "采购提前期",
            "补货周期",
            "交货周期",
            "备货周期",
            "到货周期",
        ],
    ),
    ("supplier", &["供应商", "供应商名称", "供货商"]),
];

/// A preset by its key (`douyin`, `taobao` …).
pub fn by_key(key: &str) -> Option<&'static Preset> {
    PLATFORM_PRESETS.iter().copied().find(|p| p.key == key)
}

/// Every name accepted for `preset:` in delaybook.yaml.
pub fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = PLATFORM_PRESETS.iter().map(|p| p.key).collect();
    keys.extend(["auto", "none"]);
    keys
}

/// The header names of `col` in `columns`.
pub fn names_of(columns: Columns, col: &str) -> &'static [&'static str] {
    columns
        .iter()
        .find(|(c, _)| *c == col)
        .map_or(&[], |(_, names)| names)
}
