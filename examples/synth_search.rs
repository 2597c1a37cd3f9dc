//! Writes the search index of a synthetic site with N playbooks (default 1,000), for
//! `scripts/bench-search.mjs`. The pages imitate the rendered playbook markup
//! (sections with ids, steps as `h3`, template cards `tpl-…`) with deterministic
//! pseudo-random Chinese text, plus a home page, a template library and cause pages.
//!
//! Usage: `cargo run --release --example synth_search -- OUT_DIR [N]`

use std::fmt::Write as _;
use std::path::PathBuf;

use delaybook::config::Config;
use delaybook::output::OutputTree;
use delaybook::playbooks::model::{ContentFile, Synonym};
use delaybook::validate::content_from_files;

const SITUATIONS: &[&str] = &[
    "买家催发货",
    "延迟发货",
    "下单后缺货",
    "快递单号填错",
    "物流不更新",
    "供应商未发货",
    "预售超时",
    "系统故障",
    "定制生产延误",
    "仓库漏发",
];
const PHRASES: &[&str] = &[
    "先确认订单状态",
    "在后台核对物流信息",
    "主动联系买家说明原因",
    "告知新的发货时间",
    "不要承诺做不到的时间",
    "按平台规则赔付",
    "记录在交接表里",
    "通知仓库优先处理",
    "联系快递公司查件",
    "提供换货或退款两个选择",
    "在48小时内发货",
    "超过72小时升级给主管",
    "按订单金额的5%补偿",
    "检查SKU库存数量",
    "同步预售标记",
    "给买家发送安抚话术",
    "核对收货地址和电话",
    "截图留存聊天记录",
    "更新商品详情页的发货说明",
    "每天下午复盘未发货订单",
];
const WORDS: &[&str] = &[
    "客服",
    "仓储",
    "运营",
    "订单",
    "物流",
    "库存",
    "退款",
    "补发",
    "投诉",
    "差评",
    "平台",
    "抖音",
    "拼多多",
    "淘宝",
    "承诺",
    "时效",
    "赔付",
    "优惠券",
    "工单",
    "主管",
];

/// A tiny deterministic generator (LCG), so the file is the same on every run.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        list[((self.0 >> 33) as usize) % list.len()]
    }

    fn sentence(&mut self, parts: usize) -> String {
        let mut s = String::new();
        for i in 0..parts {
            s.push_str(self.pick(PHRASES));
            s.push_str(if i % 3 == 2 { "。" } else { "，" });
            s.push_str(self.pick(WORDS));
        }
        s.push('。');
        s
    }
}

fn page(title: &str, kind: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><title>{title} · 手册</title></head><body>\
         <header><nav><a href=\"index.html\">首页</a></nav></header>\
         <main id=\"content\" data-search-kind=\"{kind}\"><h1>{title}</h1>\n{main}\n</main></body></html>"
    )
}

fn playbook(rng: &mut Rng, i: usize) -> (String, String) {
    let title = format!("{}（第 {i} 号场景）", rng.pick(SITUATIONS));
    let mut m = format!(
        "<p class=\"lead\">{}</p><section><h2 id=\"applies\">适用情况</h2><p>{}</p></section>",
        rng.sentence(2),
        rng.sentence(4)
    );
    m.push_str("<section><h2 id=\"steps\">处理步骤</h2><ol>");
    for k in 1..=6 {
        let _ = write!(
            m,
            "<li><h3 id=\"step-{k}\">{}</h3><p>时限：{}h · 负责人：客服</p><p>{}</p></li>",
            rng.pick(PHRASES),
            k * 4,
            rng.sentence(3)
        );
    }
    m.push_str("</ol></section><section><h2 id=\"templates\">回复模板</h2>");
    for k in 0..2 {
        let _ = write!(
            m,
            "<h3 id=\"tpl-t{i}-{k}\">{}话术 {i}-{k}</h3><pre>亲，{}</pre><button>复制</button>",
            rng.pick(WORDS),
            rng.sentence(3)
        );
    }
    let _ = write!(
        m,
        "</section><section><h2 id=\"anti-examples\">反面例子</h2><blockquote>{}</blockquote><p>{}</p></section>\
         <section><h2 id=\"escalation\">升级</h2><p>{}</p></section>",
        rng.sentence(1),
        rng.sentence(2),
        rng.sentence(2)
    );
    (title, m)
}

fn synthetic_tree(n: usize) -> OutputTree {
    let mut rng = Rng(42);
    let mut tree = OutputTree::new();
    let mut home = String::from("<h2 id=\"playbooks\">处理手册</h2><ul>");
    for i in 0..n {
        let (title, main) = playbook(&mut rng, i);
        let _ = write!(
            home,
            "<li><a href=\"playbooks/p{i:04}.html\">{title}</a>：{}</li>",
            rng.pick(PHRASES)
        );
        tree.insert(
            format!("playbooks/p{i:04}.html"),
            page(&title, "playbook", &main),
        );
    }
    home.push_str("</ul>");
    tree.insert("index.html", page("店铺客服手册", "home", &home));
    for c in 0..50 {
        let main = format!("<p>{}</p>", rng.sentence(3));
        tree.insert(
            format!("causes/c{c}.html"),
            page(
                &format!("原因 {c}：{}", rng.pick(SITUATIONS)),
                "cause",
                &main,
            ),
        );
    }
    tree
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "target/synth-search".into()));
    let n = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let content = content_from_files(vec![ContentFile {
        synonyms: vec![Synonym {
            word: "退款".into(),
            variants: vec!["退钱".into()],
        }],
        ..ContentFile::default()
    }]);
    let tree = synthetic_tree(n);
    let bytes = delaybook::search::build_index(&tree, &content, &Config::default());
    if let Err(e) = std::fs::create_dir_all(&out)
        .and_then(|()| std::fs::write(out.join("search-index.js"), &bytes))
    {
        eprintln!("cannot write {}: {e}", out.display());
        std::process::exit(2);
    }
    println!(
        "{} pages, {} bytes of HTML -> {} ({} bytes)",
        tree.len(),
        tree.total_bytes(),
        out.join("search-index.js").display(),
        bytes.len()
    );
}
