#!/usr/bin/env bash
# Side-by-side extraction on one folder, machine and run, in alternating rounds:
#   (a) contrastkit extract --threads 2   into a fresh store
#   (b) contrastkit-spark extract on local[1]
#   (c) contrastkit-spark extract on local[2]
# Prints each round's wall seconds (whole process: JVM and Spark start included) and the stage's own
# seconds (Spark: ExtractFeatures' reported time), then the medians and the ratios
# local[2]/local[1] throughput and Spark local[2] / extract --threads 2 time (Spark's overhead on the
# same cores). Benchmarks report ratios: bare times depend on the machine and its load.
#
# Usage: contrastkit-bench/scripts/spark-bench.sh
# Env:   FOLDER (default: the 31 core fixture images, copied COPIES times into a temp folder)
#        COPIES (default 8), ROUNDS (default 3)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${ROUNDS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
folder="${FOLDER:-}"
if [ -z "$folder" ]; then
  folder="$work/images"
  for c in $(seq 1 "${COPIES:-8}"); do
    mkdir -p "$folder/copy$c"
    cp "$repo"/contrastkit-core/src/test/resources/fixtures/images/* "$folder/copy$c/"
    # Each copy differs by one byte at the end, so no two files are the same image (and every file is measured).
    for f in "$folder/copy$c"/*; do printf '%s' "$c" >> "$f"; done
  done
fi
n="$(find "$folder" -type f | wc -l)"
(cd "$repo" && ./mvnw -q -B -o -DskipTests -pl contrastkit-app,contrastkit-spark -am package)
echo "folder: $folder ($n files), $(nproc) cores, rounds: $rounds"

now() { date +%s.%N; }
declare -a ext s1 s2 ext_own s1_own s2_own
for r in $(seq 1 "$rounds"); do
  rm -rf "$work/store.duckdb" "$work/out1" "$work/out2"
  t=$(now); out=$("$repo/contrastkit" extract --store "$work/store.duckdb" --threads 2 "$folder" 2>&1 | tail -1 || true)  # exit 1: some images failed (truncated.jpg)
  ext+=("$(echo "$(now) - $t" | bc)")
  t=$(now); l1=$(CONTRASTKIT_SPARK_MASTER='local[1]' "$repo/contrastkit-spark/bin/contrastkit-spark" extract --output "$work/out1" "$folder" 2>/dev/null)
  s1+=("$(echo "$(now) - $t" | bc)"); s1_own+=("$(echo "$l1" | sed -E 's/.*\(([0-9.]+) s\)$/\1/')")
  t=$(now); l2=$(CONTRASTKIT_SPARK_MASTER='local[2]' "$repo/contrastkit-spark/bin/contrastkit-spark" extract --output "$work/out2" "$folder" 2>/dev/null)
  s2+=("$(echo "$(now) - $t" | bc)"); s2_own+=("$(echo "$l2" | sed -E 's/.*\(([0-9.]+) s\)$/\1/')")
  printf 'round %d: extract --threads 2 %.1f s | spark local[1] %.1f s (stage %s s) | spark local[2] %.1f s (stage %s s)\n' \
    "$r" "${ext[-1]}" "${s1[-1]}" "${s1_own[-1]}" "${s2[-1]}" "${s2_own[-1]}"
  echo "  extract: $out"
  echo "  local[2]: $l2"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
me=$(median "${ext[@]}"); m1=$(median "${s1[@]}"); m2=$(median "${s2[@]}")
o1=$(median "${s1_own[@]}"); o2=$(median "${s2_own[@]}")
echo "medians (wall s): extract --threads 2 $me, spark local[1] $m1, spark local[2] $m2; stage s: local[1] $o1, local[2] $o2"
echo "throughput local[2]/local[1]: wall $(echo "scale=2; $m1 / $m2" | bc), stage $(echo "scale=2; $o1 / $o2" | bc)"
echo "spark local[2] time / extract --threads 2 time (wall): $(echo "scale=2; $m2 / $me" | bc)"
