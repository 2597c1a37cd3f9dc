#!/bin/sh
# Prints how the sample's phrase rules do on the labelled reply corpus (tests/replies/):
# recall on bad replies and the false-positive rate on hard good ones, per category and
# kind, with every miss and every wrongly flagged reply. Then the same for tuning.yaml
# (replies used to broaden the rules: a regression guard, not a measure).
#
# usage: scripts/reply-corpus.sh        (from the repository root)
set -eu
cd "$(dirname "$0")/.."
REPLY_CORPUS_REPORT=1 cargo test --quiet --test reply_corpus -- --nocapture --test-threads 1 2>&1 \
  | sed 's/^\.*//' | grep -v -e '^running ' -e '^test result' -e '^$'
