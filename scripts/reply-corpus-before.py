#!/usr/bin/env python3
"""The "before" figures: the corpus (tests/replies/) through the phrase engine delaybook
had before issue 7 — lower case, white space removed, substring match — with the rules
of that time (playbooks/phrases.yaml at commit ab5ee7f). Kept so the improvement can be
re-measured; needs python3 with PyYAML and git.

usage: scripts/reply-corpus-before.py   (from the repository root)
"""
import collections
import subprocess

import yaml

OLD = "ab5ee7f"
rules = yaml.safe_load(subprocess.run(
    ["git", "show", f"{OLD}:playbooks/phrases.yaml"], check=True, capture_output=True, text=True
).stdout)["phrase_rules"]


def norm(s):
    return "".join(c for c in s if not c.isspace()).lower()


def hits(text):
    n = norm(text)
    return [(r["id"], p) for r in rules for p in r["phrases"] if norm(p) and norm(p) in n]


bad = yaml.safe_load(open("tests/replies/bad.yaml"))["replies"]
good = yaml.safe_load(open("tests/replies/good.yaml"))["replies"]
total, caught = collections.Counter(), collections.Counter()
for b in bad:
    total[b["category"]] += 1
    caught[b["category"]] += bool(hits(b["text"]))
print(f"bad replies flagged (recall): {sum(caught.values())}/{len(bad)} = "
      f"{100 * sum(caught.values()) / len(bad):.1f} %")
for c in sorted(total):
    print(f"  {c:<28} {caught[c]:>3}/{total[c]}")
flagged = [(g, hits(g["text"])) for g in good if hits(g["text"])]
print(f"good replies flagged (false positives): {len(flagged)}/{len(good)} = "
      f"{100 * len(flagged) / len(good):.1f} %")
for g, h in flagged:
    print(f"      flagged: {g['id']} {g['text']} → {h}")
