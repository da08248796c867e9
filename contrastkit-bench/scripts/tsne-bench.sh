#!/usr/bin/env bash
# Side-by-side t-SNE: scikit-learn (../shared/anchors/sk_bench.py) and contrastkit on the same matrix, back to
# back, both on OMP_NUM_THREADS threads (default 2). Prints both lines, the time ratio and both
# trustworthiness values. Build first: ./mvnw -q -B -pl contrastkit-learn,contrastkit-bench -am package -DskipTests
#   usage: contrastkit-bench/scripts/tsne-bench.sh [N=10000] [SEED=7]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-10000}"
seed="${2:-7}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
anchor="${SK_BENCH:-$root/../shared/anchors/sk_bench.py}"
[ -f "$anchor" ] || { echo "no sk_bench.py at $anchor (set SK_BENCH)" >&2; exit 2; }
jar="$root/contrastkit-bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar: build contrastkit-bench first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
matrix="$work/matrix.f64"
/usr/bin/python3 "$anchor" make "$matrix" "$n" "$seed" >/dev/null

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), OMP_NUM_THREADS=$OMP_NUM_THREADS, n=$n"
sk="$(/usr/bin/python3 "$anchor" tsne "$matrix" "$n")"
echo "scikit-learn: $sk"
ck="$(java -cp "$jar" io.contrastkit.bench.TsneBench "$matrix" "$n" "$OMP_NUM_THREADS")"
echo "contrastkit:  $ck"
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }  # leading space: not trust_seconds=
awk -v ts="$(field seconds "$sk")" -v tc="$(field seconds "$ck")" \
    -v ws="$(field trustworthiness "$sk")" -v wc="$(field trustworthiness "$ck")" 'BEGIN {
  printf "time ratio contrastkit/scikit-learn = %.3f (target <= 0.5)\n", tc / ts
  printf "trustworthiness k=10: scikit-learn %.4f, contrastkit %.4f (target >= %.4f)\n", ws, wc, ws - 0.005
}'
