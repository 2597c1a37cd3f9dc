//! The 淘宝/天猫 export shape of `sample-data --preset taobao`: an 订单报表 (one row per
//! order, in the 2016 column order with 发货时间 added at the end, as newer 千牛 files
//! have it) and a 宝贝报表 (one row per item), both GBK with CRLF and `="…"` order
//! numbers. Every 50th order also gets an unpaid twin (等待买家付款), as real exports
//! list orders that were never paid.

use std::fmt::Write as _;
use std::io::Write;

use chrono::NaiveDate;

use super::Minutes;
use super::formats::{Line, Sink, StockLine, chinese_stock, q, ts};

/// 淘宝/天猫 classic export.
pub struct Taobao {
    /// Midnight after the last day: when the files were exported.
    pub export: Minutes,
    /// The last day with orders.
    pub end: NaiveDate,
}

/// The 2016 订单报表 header (six names end in a space, as in the real file) plus 发货时间.
const ORDER_HEADER: &str = "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,特权订金订单id,定金排名,修改后的sku,修改后的收货地址,异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易,发货时间";

const ITEM_HEADER: &str =
    "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码";

/// GBK bytes of `text` (every character of the sample exists in GBK).
fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

/// One order as the order report shows it.
struct OrderRow<'a> {
    id: u64,
    lines: &'a [Line],
    status: &'static str,
    close_reason: &'static str,
    paid: Option<Minutes>,
    shipped: Option<Minutes>,
}

impl Taobao {
    fn stamp(&self) -> String {
        format!(
            "{}0900",
            (self.end + chrono::Duration::days(1)).format("%Y%m%d")
        )
    }

    /// The order's status: every line of a 淘宝 order shares its first line's fate.
    fn row<'a>(&self, lines: &'a [Line]) -> OrderRow<'a> {
        let f = &lines[0].fate;
        let done = f.shipped.is_some_and(|s| s + 7 * 1440 < self.export);
        let (status, close_reason) = match f.status {
            "open" => ("买家已付款，等待卖家发货", "订单未关闭"),
            "shipped" if done => ("交易成功", "订单未关闭"),
            "shipped" => ("卖家已发货，等待买家确认", "订单未关闭"),
            "refunded" => ("交易关闭", "退款"),
            _ => ("交易关闭", "买家取消"),
        };
        OrderRow {
            id: 3_839_000_000_000_000_000 + lines[0].order_no * 100,
            lines,
            status,
            close_reason,
            paid: Some(lines[0].ordered),
            shipped: f.shipped,
        }
    }

    fn order_line(o: &OrderRow<'_>) -> String {
        let total: f64 = o.lines.iter().map(|l| l.amount).sum();
        let qty: u64 = o.lines.iter().map(|l| l.qty).sum();
        let paid_amount = if o.paid.is_some() { total } else { 0.0 };
        let tracking = o
            .shipped
            .map(|_| format!("YT{:013}", 7_100_000_000_000u64 + o.id % 10_000_000));
        let created = o.lines[0].ordered - 3;
        let mut row = String::with_capacity(512);
        let _ = write!(
            row,
            "=\"{}\",tb****88,***,{total:.2},0.00,0,{total:.2},0,{paid_amount:.2},0,{},,*丽,浙江省 杭州市 西湖区 文三路***号(310000),快递,,'138****5678,{},{},{},{},{},{},,{qty},0,示例旗舰店,{},0,0元,,手机订单,,,,,,,,,,{}\r\n",
            o.id,
            o.status,
            ts(created),
            o.paid.map(ts).unwrap_or_default(),
            q(&o.lines[0].name),
            o.lines.len(),
            tracking.clone().unwrap_or_default(),
            if tracking.is_some() {
                "圆通速递"
            } else {
                ""
            },
            o.close_reason,
            o.shipped.map(ts).unwrap_or_default(),
        );
        row
    }

    fn item_lines(o: &OrderRow<'_>) -> String {
        let mut rows = String::new();
        for l in o.lines {
            let _ = write!(
                rows,
                "=\"{}\",{},{:.2},{},,颜色分类：默认,,,{},{}\r\n",
                o.id,
                q(&l.name),
                l.price,
                l.qty,
                o.status,
                q(&l.sku)
            );
        }
        rows
    }
}

impl Sink for Taobao {
    fn files(&self) -> Vec<String> {
        let stamp = self.stamp();
        vec![
            format!("ExportOrderList{stamp}.csv"),
            format!("ExportOrderDetailList{stamp}.csv"),
        ]
    }

    fn header(&mut self, outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        outs[0].write_all(&gbk(&format!("{ORDER_HEADER}\r\n")))?;
        outs[1].write_all(&gbk(&format!("{ITEM_HEADER}\r\n")))
    }

    fn platform(&self) -> Option<usize> {
        Some(2)
    }

    fn order(&mut self, lines: &[Line], outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        let mut orders = vec![self.row(lines)];
        if lines[0].order_no % 50 == 0 {
            let mut unpaid = self.row(lines);
            unpaid.id += 1;
            unpaid.status = "等待买家付款";
            unpaid.close_reason = "订单未关闭";
            unpaid.paid = None;
            unpaid.shipped = None;
            orders.push(unpaid);
        }
        for o in &orders {
            outs[0].write_all(&gbk(&Self::order_line(o)))?;
            outs[1].write_all(&gbk(&Self::item_lines(o)))?;
        }
        Ok(())
    }

    fn stock_file(&self, rows: &[StockLine]) -> Vec<u8> {
        gbk(&chinese_stock(rows, "\r\n"))
    }
}
