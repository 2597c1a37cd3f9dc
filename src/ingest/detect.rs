//! Which platform export a file is, from its header row alone.
//!
//! A preset matches when every header of one of its signatures is present; among the
//! presets that match, the one whose column names cover most of the file's headers
//! wins (ties: the first in [`PLATFORM_PRESETS`] order). The result names the headers
//! that decided it, for `-v`.

use super::columns::normalize;
use super::presets::{PLATFORM_PRESETS, Preset};

/// A detected preset and why.
#[derive(Debug, Clone)]
pub struct Detection {
    /// The preset.
    pub preset: &'static Preset,
    /// The signature headers found (as written in the file).
    pub matched: Vec<String>,
    /// How many of the file's headers the preset knows.
    pub score: usize,
}

/// The preset a header row belongs to, if any.
pub fn detect(headers: &[String]) -> Option<Detection> {
    let norm: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let position = |name: &str| norm.iter().position(|h| *h == normalize(name));
    let mut best: Option<Detection> = None;
    for preset in PLATFORM_PRESETS {
        let Some(sig) = preset
            .signatures
            .iter()
            .find(|sig| sig.iter().all(|h| position(h).is_some()))
        else {
            continue;
        };
        let matched = sig
            .iter()
            .filter_map(|h| position(h))
            .map(|i| headers[i].trim().to_string())
            .collect();
        let score = preset
            .columns
            .iter()
            .flat_map(|(_, names)| names.iter())
            .filter(|n| position(n).is_some())
            .count();
        if best.as_ref().is_none_or(|b| score > b.score) {
            best = Some(Detection {
                preset,
                matched,
                score,
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    // Each platform's real header row picks its own preset.
    #[test]
    fn detects_each_platform() {
        let douyin = strs(&[
            "主订单编号",
            "子订单编号",
            "选购商品",
            "商品数量",
            "商家编码",
            "订单提交时间",
        ]);
        assert_eq!(detect(&douyin).unwrap().preset.key, "douyin");
        let pdd = strs(&[
            "商品",
            "订单号",
            "订单状态",
            "商品数量(件)",
            "支付时间",
            "商家编码-SKU维度",
        ]);
        assert_eq!(detect(&pdd).unwrap().preset.key, "pinduoduo");
        let tb = strs(&["订单编号", "买家会员名", "订单付款时间 ", "宝贝标题 "]);
        assert_eq!(detect(&tb).unwrap().preset.key, "taobao");
        let items = strs(&[
            "订单编号",
            "标题",
            "价格",
            "购买数量",
            "外部系统编号",
            "商家编码",
        ]);
        assert_eq!(detect(&items).unwrap().preset.key, "taobao-items");
        let jd = strs(&["订单号", "商品ID", "商品名称", "订购数量", "下单时间"]);
        assert_eq!(detect(&jd).unwrap().preset.key, "jd");
        let generic = strs(&["订单号", "商品编码", "数量", "下单时间"]);
        assert!(detect(&generic).is_none());
    }
}
