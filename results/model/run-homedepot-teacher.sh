#!/usr/bin/env bash
# Home Depot teacher ablation: the recipe at width 64 (results/model/recipe/default.json) trained without the
# teacher, with initialisation only, distillation only, both, and both plus joint distillation; then width 128
# (results/model/recipe/dim-128.json, the built-in default until 2026-12-07) without the teacher and with it, width 256
# (results/model/recipe/dim-256.json) and the built-in default (the same with query spelling correction,
# results/model/recipe/dim-256-spelling.json: what mgdspr train --dataset homedepot runs). Each
# is evaluated with its fitted fusion; prints one Markdown row per run, then BM25 and the teacher zero-shot on the
# same test queries.
# Usage: results/model/run-homedepot-teacher.sh [out-dir] [run-name ...]   (default: all, into /tmp/mgdspr-teacher)
# Runs whose results are already in out-dir are not run again. The teacher's vectors are cached under
# $MGDSPR_CACHE_DIR/teacher (else ~/.cache/mgdspr/teacher): delete that directory to time a cold cache.
# Needs ../shared/data/homedepot (or MGDSPR_SHARED_DIR); skips cleanly without it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="${MGDSPR_SHARED_DIR:-$repo/../shared}/data/homedepot"
out="${1:-/tmp/mgdspr-teacher}"
shift || true
if [[ ! -f "$data/judgments.csv.gz" || ! -f "$data/products.csv.gz" ]]; then
  echo "no Home Depot data under $data: nothing to run" >&2
  exit 0
fi
dim64="--config $here/recipe/default.json"
dim128="--config $here/recipe/dim-128.json"
declare -A runs=(
  [no-teacher]="$dim64 --no-teacher"
  [init]="$dim64 --teacher-mode init"
  [distill]="$dim64 --teacher-mode distill"
  [both]="$dim64"
  [joint]="$dim64 --joint-distillation"
  [dim128-no-teacher]="$dim128 --no-teacher"
  [dim128]="$dim128"
  [dim256]="--config $here/recipe/dim-256.json"
  [default]=""
)
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  names=(no-teacher init distill both joint dim128-no-teacher dim128 dim256 default)
fi
mkdir -p "$out"
for name in "${names[@]}"; do
  [[ -v "runs[$name]" ]] || { echo "unknown run [$name]; runs: ${!runs[*]}" >&2; exit 2; }
  if [[ ! -f "$out/$name.json" ]]; then
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$repo/model/bin/mgdspr" train --dataset homedepot --judgments "$data/judgments.csv.gz" \
      --products "$data/products.csv.gz" ${runs[$name]} --threads 1 --out "$out/$name.zip" > "$out/$name.train.log" 2>&1
    echo "$(( $(date +%s) - start ))" > "$out/$name.seconds"
    "$repo/model/bin/mgdspr" eval --model "$out/$name.zip" --dataset homedepot --judgments "$data/judgments.csv.gz" \
      --products "$data/products.csv.gz" --teacher all-minilm-l6-v2 --threads 1 --json "$out/$name.json" \
      > /dev/null 2> "$out/$name.eval.log"
  fi
done
echo "| run | R@10 | R@100 | R@1000 | nDCG@10 | fitted fusion | fusion auto R@100 / nDCG@10 | train s |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${names[@]}"; do
  python3 - "$out" "$name" <<'PY'
import json, sys
out, name = sys.argv[1], sys.argv[2]
m = json.load(open(f"{out}/{name}.json"))
fit = m["evaluation"].get("fitted_fusion", "-")
auto = m.get("fusion", {}).get("auto")
fused = "%.3f / %.3f" % (auto["recall@100"], auto["ndcg@10"]) if auto else "-"
seconds = open(f"{out}/{name}.seconds").read().strip()
print("| %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |" % (name, m["recall@10"], m["recall@100"], m["recall@1000"],
      m["ndcg@10"], fit, fused, seconds))
PY
done
python3 - "$out" "${names[@]}" <<'PY'
import json, sys
out, names = sys.argv[1], sys.argv[2:]
reports = [json.load(open(f"{out}/{name}.json")) for name in names]
for system in ("bm25", "teacher"):
    s = next(r[system] for r in reports if system in r)
    print("| %s | %.3f | %.3f | %.3f | %.3f | | | |" % (system, s["recall@10"], s["recall@100"], s["recall@1000"],
          s["ndcg@10"]))
PY
