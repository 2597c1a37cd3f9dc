//! The 抖店 and 拼多多 export shapes of `sample-data --preset` (see `formats`).

use std::fmt::Write as _;
use std::io::Write;

use super::Minutes;
use super::formats::{Line, Sink, StockLine, chinese_stock, q, ts};

/// 抖店 order export, product dimension (one row per 子订单).
pub struct Douyin {
    /// Midnight after the last day: when the file was exported.
    pub export: Minutes,
}

const DOUYIN_HEADER: &str = "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,收件人,收件人手机号,省,市,区,详细地址,订单提交时间,支付完成时间,订单完成时间,订单状态,承诺发货时间,售后状态,取消原因,发货时间,商家备注";

/// `"\t…"`: how 抖店 keeps Excel from turning ids into numbers.
fn tab(s: &str) -> String {
    format!("\"\t{}\"", s.replace('"', "\"\""))
}

/// The time, or `-` (抖店's empty value).
fn dash(t: Option<Minutes>) -> String {
    t.map_or_else(|| "-".to_string(), ts)
}

impl Sink for Douyin {
    fn files(&self) -> Vec<String> {
        vec![format!("{}_订单导出.csv", self.export * 60 - 8 * 3600)]
    }

    fn header(&mut self, outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        outs[0].write_all(format!("\u{feff}{DOUYIN_HEADER}\n").as_bytes())
    }

    fn platform(&self) -> Option<usize> {
        Some(0)
    }

    fn order(&mut self, lines: &[Line], outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        let main = 6_917_000_000_000_000_000u64 + lines[0].order_no * 1_000;
        let mut row = String::with_capacity(512);
        for (i, l) in lines.iter().enumerate() {
            let f = &l.fate;
            let done = f.shipped.map(|s| s + 3 * 1440).filter(|d| *d < self.export);
            let status = match f.status {
                "open" => "待发货",
                "shipped" if done.is_some() => "已完成",
                "shipped" => "已发货",
                _ => "已关闭",
            };
            let after_sale = if f.status == "refunded" {
                "退款成功"
            } else {
                "-"
            };
            let sku_no = l.sku.trim_start_matches("SKU-");
            let _ = writeln!(
                row,
                "{},{},{},{},{},{},{},{:.2},{:.2},0.00,*丽,138****5678,浙江省,杭州市,西湖区,文三路***号,{},{},{},{status},{},{after_sale},,{},-",
                tab(&main.to_string()),
                tab(&(main + i as u64).to_string()),
                tab(&l.name),
                tab("默认规格"),
                l.qty,
                tab(&format!("3601{sku_no:0>8}")),
                tab(&l.sku),
                l.price,
                l.amount,
                ts(l.ordered - 2),
                ts(l.ordered),
                dash(done),
                ts(l.deadline),
                dash(f.shipped),
            );
        }
        outs[0].write_all(row.as_bytes())
    }

    fn stock_file(&self, rows: &[StockLine]) -> Vec<u8> {
        format!("\u{feff}{}", chinese_stock(rows, "\n")).into_bytes()
    }
}

/// 拼多多 order export (2023 column order), one row per order.
pub struct Pinduoduo {
    /// Midnight after the last day: when the file was exported.
    pub export: Minutes,
}

const PDD_HEADER: &str = "商品,订单号,订单状态,商品数量(件),是否审核中,支付时间,承诺发货时间,发货时间,确认收货时间,商品id,商品规格,样式ID,商家编码-规格维度,商家编码-商品维度,商家备注,买家留言,售后状态,订单成交时间,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),多多支付立减金额(元),用户实付金额(元),商家实收金额(元),快递单号,快递公司,省,市,区";

impl Sink for Pinduoduo {
    fn files(&self) -> Vec<String> {
        let date = crate::ingest::timestamp::date_of_day(self.export.div_euclid(1440));
        vec![format!("orders_export{}.csv", date.format("%Y-%m-%d"))]
    }

    fn header(&mut self, outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        outs[0].write_all(format!("{PDD_HEADER}\n").as_bytes())
    }

    fn platform(&self) -> Option<usize> {
        Some(1)
    }

    fn single_line_orders(&self) -> bool {
        true
    }

    fn order(&mut self, lines: &[Line], outs: &mut [&mut dyn Write]) -> std::io::Result<()> {
        let l = &lines[0];
        let f = &l.fate;
        let received = f.shipped.map(|s| s + 4 * 1440).filter(|d| *d < self.export);
        let (status, after_sale) = match f.status {
            "open" => ("待发货", "无售后或售后取消"),
            "shipped" if received.is_some() => ("已签收", "无售后或售后取消"),
            "shipped" => ("已发货，待签收", "无售后或售后取消"),
            "refunded" => ("未发货，退款成功", "退款成功"),
            _ => ("已取消", "无售后或售后取消"),
        };
        let date = crate::ingest::timestamp::date_of_day(l.ordered.div_euclid(1440));
        let order_no = format!(
            "{}-{:015}",
            date.format("%y%m%d"),
            607_198_974_000_000 + l.order_no
        );
        let tracking = f
            .shipped
            .map(|_| format!("YT{:013}", 7_300_000_000_000u64 + l.order_no));
        let sku_no = l.sku.trim_start_matches("SKU-");
        let row = format!(
            "{},{order_no},{status},{},否,{},{},{},{},7542995{sku_no:0>5},默认规格,{},{},SP{sku_no},,,{after_sale},{},{:.2},0.00,0.00,0.00,0.00,{:.2},{:.2},{},{},浙江省,杭州市,西湖区\n",
            q(&l.name),
            l.qty,
            ts(l.ordered),
            ts(l.deadline),
            f.shipped.map(ts).unwrap_or_default(),
            received.map(ts).unwrap_or_default(),
            1_000_000 + l.order_no % 9_000_000,
            q(&l.sku),
            ts(l.ordered),
            l.amount,
            l.amount,
            (l.amount * 0.994 * 100.0).round() / 100.0,
            tracking.clone().unwrap_or_default(),
            if tracking.is_some() {
                "圆通快递"
            } else {
                ""
            },
        );
        outs[0].write_all(row.as_bytes())
    }

    fn stock_file(&self, rows: &[StockLine]) -> Vec<u8> {
        format!("\u{feff}{}", chinese_stock(rows, "\n")).into_bytes()
    }
}
