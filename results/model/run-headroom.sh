#!/usr/bin/env bash
# Personalization headroom on the simulated shop: trains each given config on the `small` world (default world
# seed 1, the demo's), evaluates it beside the simulator's oracles and prints one Markdown row per config (ambiguous
# and specific recall@100: with context / without / oracle / oracle without preference / gap closed; then all
# requests). A config is a path, or `preset` for the demo's `--preset small`.
# Usage: results/model/run-headroom.sh [-s world-seed] [-o out-dir] config...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seed=1
out=/tmp/mgdspr-headroom
while getopts "s:o:" flag; do
  case "$flag" in
    s) seed="$OPTARG" ;;
    o) out="$OPTARG" ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
mkdir -p "$out"
data=(--dataset simulated --size small --world-seed "$seed")
for config in "$@"; do
  name="$(basename "$config" .json)-seed$seed"
  if [ "$config" = preset ]; then model_args=(--preset small); else model_args=(--config "$config"); fi
  "$repo/model/bin/mgdspr" train "${data[@]}" "${model_args[@]}" --threads 1 --out "$out/$name.zip" \
    > "$out/$name.train.log" 2>&1
  "$repo/model/bin/mgdspr" eval --model "$out/$name.zip" "${data[@]}" --no-bm25 --threads 1 \
    --json "$out/$name.json" > /dev/null 2> "$out/$name.eval.log"
  python3 - "$out/$name.json" "$name" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
cells = [sys.argv[2]]
for segment in ("ambiguous", "specific"):
    s = m["segments"][segment]
    cells += ["%.3f" % s[system]["recall@100"] for system in ("mgdspr", "mgdspr_no_user", "oracle", "oracle_no_preference")]
    cells.append("%.0f %%" % (100 * m["gap_closed"][segment]["recall@100"]))
cells += ["%.3f" % m["recall@100"], "%.3f" % m["no_user_context"]["recall@100"]]
print("| " + " | ".join(cells) + " |")
PY
done
