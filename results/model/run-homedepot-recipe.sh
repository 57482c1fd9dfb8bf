#!/usr/bin/env bash
# Home Depot recipe ablation: trains and evaluates the previous default (homedepot-small-long.json) and every config
# of results/model/recipe/ (the default and one change from it each), without the teacher (the paper's recipe alone;
# run-homedepot-teacher.sh measures the teacher), and prints one Markdown row per config.
# Usage: results/model/run-homedepot-recipe.sh [out-dir] [config-name ...]   (default: all, into /tmp/mgdspr-recipe)
# A config whose results are already in out-dir is not run again: use a fresh out-dir after changing code or configs.
# Needs ../shared/data/homedepot (or MGDSPR_SHARED_DIR); skips cleanly without it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${MGDSPR_SHARED_DIR:-$repo/../shared}/data/homedepot"
out="${1:-/tmp/mgdspr-recipe}"
shift || true
if [[ ! -f "$data/judgments.csv.gz" || ! -f "$data/products.csv.gz" ]]; then
  echo "no Home Depot data under $data: nothing to run" >&2
  exit 0
fi
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  names=(previous-default)
  for config in "$here"/recipe/*.json; do names+=("$(basename "$config" .json)"); done
fi
mkdir -p "$out"
for name in "${names[@]}"; do
  config="$here/recipe/$name.json"
  [[ "$name" == previous-default ]] && config="$here/homedepot-small-long.json"
  if [[ ! -f "$out/$name.json" ]]; then
    start=$(date +%s)
    "$repo/model/bin/mgdspr" train --dataset homedepot --judgments "$data/judgments.csv.gz" \
      --products "$data/products.csv.gz" --config "$config" --no-teacher --threads 1 --out "$out/$name.zip" \
      > "$out/$name.train.log" 2>&1
    echo "$(( $(date +%s) - start ))" > "$out/$name.seconds"
    "$repo/model/bin/mgdspr" eval --model "$out/$name.zip" --dataset homedepot --judgments "$data/judgments.csv.gz" \
      --products "$data/products.csv.gz" --threads 1 --json "$out/$name.json" > /dev/null 2> "$out/$name.eval.log"
  fi
done
echo "| config | R@10 | R@100 | R@1000 | nDCG@10 | R@100 seen / unseen targets | best epoch | train s |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${names[@]}"; do
  python3 - "$out" "$name" <<'PY'
import json, re, sys
out, name = sys.argv[1], sys.argv[2]
m = json.load(open(f"{out}/{name}.json"))
seg = m.get("segments", {})
seen = seg.get("targets clicked in the train split", {}).get("mgdspr", {}).get("recall@100", float("nan"))
unseen = seg.get("targets never clicked in the train split", {}).get("mgdspr", {}).get("recall@100", float("nan"))
log = open(f"{out}/{name}.train.log").read()
steps = re.findall(r"step (\d+) \(epoch (\d+)\)", log)
best = re.findall(r"best validation recall@\d+ [0-9.]+ at step (\d+)", log)
epoch = next((e for s, e in steps if best and s == best[-1]), "?")
seconds = open(f"{out}/{name}.seconds").read().strip()
print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f / %.3f | %s | %s |" % (name, m["recall@10"], m["recall@100"],
      m["recall@1000"], m["ndcg@10"], seen, unseen, epoch, seconds))
PY
done
