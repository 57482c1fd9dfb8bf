#!/usr/bin/env bash
# Table-2-style ablation on a simulated world: trains and evaluates each config of results/model/ablation/ and
# prints one Markdown row per variant. Usage: results/model/run-ablation.sh [size] [out-dir]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
size="${1:-small}"
out="${2:-/tmp/mgdspr-ablation}"
mkdir -p "$out"
for name in base plus-mgs plus-trm plus-tau plus-mgs-trm-tau plus-imix all; do
  "$repo/model/bin/mgdspr" train --dataset simulated --size "$size" --config "$here/ablation/$name.json" \
    --threads 1 --out "$out/$name.zip" 2> "$out/$name.train.log"
  "$repo/model/bin/mgdspr" eval --model "$out/$name.zip" --dataset simulated --size "$size" --no-bm25 \
    --cutoffs 10,100,1000 --threads 1 --json "$out/$name.json" > /dev/null 2> "$out/$name.eval.log"
done
echo "| variant | recall@100 | recall@1000 | p_good@100 | ambiguous recall@100 (no user) | train ex/s |"
echo "|---|---|---|---|---|---|"
for name in base plus-mgs plus-trm plus-tau plus-mgs-trm-tau plus-imix all; do
  python3 - "$out/$name.json" "$out/$name.train.log" "$name" <<'PY'
import json, re, sys
m = json.load(open(sys.argv[1]))
rate = re.findall(r"\(([0-9.]+) examples/s\)", open(sys.argv[2]).read())
amb = m["segments"]["ambiguous"]
print("| %s | %.4f | %.4f | %.4f | %.4f (%.4f) | %s |" % (sys.argv[3], m["recall@100"], m["recall@1000"],
      m["p_good@100"], amb["mgdspr"]["recall@100"], amb["mgdspr_no_user"]["recall@100"], rate[-1] if rate else "?"))
PY
done
