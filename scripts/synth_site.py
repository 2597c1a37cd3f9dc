#!/usr/bin/env python3
"""Writes a synthetic delaybook project with N playbooks (default 1,000) for
scripts/bench-build.sh: delaybook.yaml plus playbooks/ with causes, phrase rules,
two reply templates per playbook, a checklist per ten playbooks, a quiz question per
playbook and a triage tree. The text is deterministic pseudo-random Chinese built from
fixed fragments, so every run writes the same bytes and the project passes `check`.

Usage: python3 scripts/synth_site.py OUT_DIR [N]
"""

import json
import os
import random
import sys

SITUATIONS = ["买家催发货", "延迟发货", "下单后缺货", "快递单号填错", "物流不更新",
              "供应商未发货", "预售超时", "系统故障", "定制生产延误", "仓库漏发"]
FRAGMENTS = ["先确认订单状态", "在后台核对物流信息", "主动联系买家说明原因", "告知新的发货时间",
             "不要承诺做不到的时间", "按平台规则赔付", "记录在交接表里", "通知仓库优先处理",
             "联系快递公司查件", "提供换货或退款两个选择", "在48小时内发货", "超过72小时升级给主管",
             "按订单金额的5%补偿", "检查SKU库存数量", "同步预售标记", "核对收货地址和电话",
             "截图留存聊天记录", "更新商品详情页的发货说明", "每天下午复盘未发货订单"]
DEADLINES = ["10m", "30m", "1h", "2h", "24h", "48h", "3d"]
CHANNELS = ["chat", "phone", "sms", "supplier_message", "supplier_email"]
PLATFORMS = ["douyin", "pinduoduo", "taobao", "tiktok_shop"]
CAUSES = ["stockout", "logistics", "order_error", "production", "system_failure",
          "supplier_delay", "wrong_tracking", "carrier_no_scan"]


def q(s):
    """A YAML scalar: JSON strings are valid YAML double-quoted strings."""
    return json.dumps(s, ensure_ascii=False)


def sentence(rng, n=3):
    return "，".join(rng.choice(FRAGMENTS) for _ in range(n)) + "。"


def causes_yaml():
    out = ["causes:"]
    for i, c in enumerate(CAUSES):
        out += [f"  - id: {c}", f"    name: {q('原因' + str(i + 1))}",
                f"    summary: {q('合成的延迟原因。')}", f"    owner: {q('仓储')}",
                f"    playbook: pb-{i:04d}"]
    return "\n".join(out) + "\n"


def phrases_yaml():
    return (
        "phrase_rules:\n"
        "  - id: rude\n    category: rude\n    phrases: [催什么催, 烦不烦]\n"
        "    reason: 不耐烦的话会换来投诉。\n    better: 先回应买家的着急，再给出最晚发货时间。\n"
        "  - id: vague\n    category: vague\n    phrases: [过几天, 尽快吧]\n"
        "    reason: 没有具体时间。\n    better: 给出具体日期。\n"
    )


def playbook_yaml(rng, i, n):
    pid = f"pb-{i:04d}"
    lines = [
        f"  - id: {pid}",
        f"    title: {q(SITUATIONS[i % len(SITUATIONS)] + '处理流程' + str(i))}",
        f"    situation: {q(SITUATIONS[i % len(SITUATIONS)])}",
        f"    summary: {q(sentence(rng, 2))}",
        f"    applies_when: {q(sentence(rng, 4))}",
        f"    platforms: [{rng.choice(PLATFORMS)}]",
        f"    causes: [{CAUSES[i % len(CAUSES)]}]",
        f"    owner: {q('客服主管')}",
        "    reviewed: 2026-11-02",
        "    steps:",
    ]
    for s in range(5):
        lines += [f"      - title: {q(rng.choice(FRAGMENTS))}",
                  f"        deadline: {rng.choice(DEADLINES)}",
                  f"        from: {q('发现问题')}",
                  f"        owner: {q('客服')}",
                  f"        details: {q(sentence(rng, 5))}"]
        if s == 0:
            lines.append(f"        templates: [tpl-{i:04d}-a]")
    lines += [
        f"    templates: [tpl-{i:04d}-a, tpl-{i:04d}-b]",
        "    anti_examples:",
        f"      - bad: {q('过几天就发了')}",
        f"        why: {q('没有具体日期。')}",
        f"        better: {q('最晚明天18点前发出。')}",
        f"    escalation: {q(sentence(rng, 3))}",
        f"    checklists: [cl-{i // 10:03d}]",
        f"    related: [pb-{(i + 1) % n:04d}]",
    ]
    return "\n".join(lines)


def templates_yaml(rng, i):
    out = []
    for suffix in "ab":
        out += [
            f"  - id: tpl-{i:04d}-{suffix}",
            f"    title: {q('模板' + str(i) + suffix)}",
            f"    channel: {rng.choice(CHANNELS)}",
            f"    use_when: {q(sentence(rng, 1))}",
            "    placeholders:",
            "      - { name: order_id, label: 订单号, kind: order_id, example: \"2611190001\" }",
            "      - { name: ship_date, label: 发货日期, kind: date, example: \"11月20日\" }",
            f"    text: {q('亲，您的订单 {{order_id}} ' + sentence(rng, 3) + '最晚 {{ship_date}} 发出。')}",
        ]
    return "\n".join(out)


def misc_yaml(rng, n):
    out = ["checklists:"]
    for c in range((n + 9) // 10):
        out += [f"  - id: cl-{c:03d}", f"    title: {q('检查清单' + str(c))}",
                f"    items: [{q(rng.choice(FRAGMENTS))}, {q(rng.choice(FRAGMENTS))}]"]
    out.append("quiz:")
    for i in range(n):
        out += [f"  - id: quiz-{i:04d}", f"    playbook: pb-{i:04d}",
                f"    question: {q('第' + str(i) + '题：发现缺货后多久要通知买家？')}",
                "    choices: [2 小时内, 3 天后]", "    answer: 2 小时内",
                f"    explanation: {q(sentence(rng, 2))}"]
    out += ["triage:", "  start: t0", "  nodes:"]
    for t in range(10):
        nxt = f"next: t{t + 1}" if t < 9 else f"playbook: pb-{(t * 97) % n:04d}"
        out += [f"    - id: t{t}", f"      question: {q('问题' + str(t) + '？')}", "      answers:",
                f"        - {{ label: 是, playbook: pb-{(t * 13) % n:04d} }}",
                f"        - {{ label: 否, {nxt} }}"]
    return "\n".join(out) + "\n"


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "target/synth-site"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(1)
    pb_dir = os.path.join(out_dir, "playbooks")
    os.makedirs(pb_dir, exist_ok=True)
    files = {
        os.path.join(out_dir, "delaybook.yaml"): "site:\n  title: 合成测试手册\n",
        os.path.join(pb_dir, "causes.yaml"): causes_yaml(),
        os.path.join(pb_dir, "phrases.yaml"): phrases_yaml(),
        os.path.join(pb_dir, "templates.yaml"):
            "templates:\n" + "\n".join(templates_yaml(rng, i) for i in range(n)) + "\n",
        os.path.join(pb_dir, "misc.yaml"): misc_yaml(rng, n),
    }
    # One file per playbook, as authors lay it out (and under the 2 MB per-file limit).
    os.makedirs(os.path.join(pb_dir, "scenarios"), exist_ok=True)
    for i in range(n):
        path = os.path.join(pb_dir, "scenarios", f"pb-{i:04d}.yaml")
        files[path] = "playbooks:\n" + playbook_yaml(rng, i, n) + "\n"
    for path, text in files.items():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {n} playbooks to {out_dir}")


if __name__ == "__main__":
    main()
