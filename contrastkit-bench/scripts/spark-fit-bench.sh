#!/usr/bin/env bash
# Model fitting at scale, on one machine: contrastkit-spark fit (FitModel) on local[*] over a synthetic
# feature table of SPARK_ROWS rows, against the local contrastkit cluster on a store of LOCAL_ROWS rows
# (the same generator and seed, imported with contrastkit import). Both tables come from
# SyntheticFeatureTable (a seeded mixture of eight clusters around fixture photographs' v1 vectors) in
# the store's Parquet export layout, in part files, so no table ever sits in memory whole.
#
# For each run: wall seconds (whole process: JVM and Spark start included), the stage's own times
# (FitModel's phases; cluster's progress lines), peak heap used (the largest heap before a GC pause,
# from -Xlog:gc) against the -Xmx given, and peak RSS (/usr/bin/time -v). The load average is printed
# before and after each run: the figures are only as good as the machine was quiet. ROUNDS > 1
# alternates the two and prints medians. Then a quick check that contrastkit predict loads the Spark
# model.
#
# Usage: contrastkit-bench/scripts/spark-fit-bench.sh
# Env:   SPARK_ROWS (default 10000000), LOCAL_ROWS (default 1000000), SEED (default 42),
#        DRIVER_XMX (Spark driver heap, local mode runs the executor in it; default 8g),
#        LOCAL_XMX (cluster's heap; default 4g), SPARK_MASTER (default local[*]), ROUNDS (default 1),
#        WORK (scratch folder, default a new one under /tmp; removed at the end unless KEEP=1)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
spark_rows="${SPARK_ROWS:-10000000}"
local_rows="${LOCAL_ROWS:-1000000}"
seed="${SEED:-42}"
driver_xmx="${DRIVER_XMX:-8g}"
local_xmx="${LOCAL_XMX:-4g}"
master="${SPARK_MASTER:-local[*]}"
rounds="${ROUNDS:-1}"
if [ -n "${WORK:-}" ]; then
  work="$WORK"; mkdir -p "$work"
else
  work="$(mktemp -d /tmp/spark-fit-bench.XXXXXX)"
fi
if [ "${KEEP:-0}" != 1 ]; then
  trap 'rm -rf "$work"' EXIT
fi
[ -x /usr/bin/time ] || { echo "spark-fit-bench: needs /usr/bin/time (Debian package time) for peak RSS" >&2; exit 2; }

(cd "$repo" && ./mvnw -q -B -DskipTests -pl contrastkit-app,contrastkit-spark,contrastkit-bench -am package)
"$repo/contrastkit" --version >/dev/null  # writes the CLI's class-data archive, so no measured run does
bench_cp="$repo/contrastkit-bench/target/benchmarks.jar"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
echo "free disk under $work: $(df -h --output=avail "$work" | tail -1 | tr -d ' ')"

now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# From a -Xlog:gc file, in MiB: the largest heap before a GC pause (peak used: G1 lets it grow towards
# -Xmx before it collects), the largest heap after one (what was live: the memory the run needed) and
# the largest committed heap.
heap_peaks() {
  grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$1" | sed -E 's/([0-9]+)M->([0-9]+)M\(([0-9]+)M\)/\1 \2 \3/' \
    | awk 'BEGIN {u = 0; l = 0; c = 0} {if ($1 > u) u = $1; if ($2 > l) l = $2; if ($3 > c) c = $3} END {print u, l, c}'
}
rss_mib() { awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$1"; }

gen() {  # rows folder
  java -cp "$bench_cp" io.contrastkit.bench.SyntheticFeatureTable --output "$2" --rows "$1" --seed "$seed"
  echo "  $(du -sh "$2" | cut -f1) on disk"
}
echo "generating $spark_rows rows for Spark, $local_rows for the local store (seed $seed)"
gen "$spark_rows" "$work/spark-table"
gen "$local_rows" "$work/local-table"
t=$(now)
"$repo/contrastkit" import --store "$work/local.duckdb" "$work/local-table"
echo "  import: $(printf '%.1f' "$(echo "$(now) - $t" | bc)") s, store $(du -sh "$work/local.duckdb" | cut -f1)"

declare -a spark_wall spark_stage local_wall
for r in $(seq 1 "$rounds"); do
  rm -f "$work/spark-model.json" "$work/local-model.json"
  l0=$(load); t=$(now)
  line=$(CONTRASTKIT_SPARK_MASTER="$master" CONTRASTKIT_JAVA_OPTS="-Xmx$driver_xmx -Xlog:gc:file=$work/spark-gc.log" \
    /usr/bin/time -v -o "$work/spark-time.txt" "$repo/contrastkit-spark/bin/contrastkit-spark" fit \
    --features "$work/spark-table" --model "$work/spark-model.json" --seed "$seed" 2>"$work/spark-err.txt") \
    || { tail -20 "$work/spark-err.txt" >&2; exit 1; }
  spark_wall+=("$(echo "$(now) - $t" | bc)")
  spark_stage+=("$(echo "$line" | sed -E 's/.* in ([0-9.]+) s \(.*/\1/')")
  read -r su sa sc < <(heap_peaks "$work/spark-gc.log")
  printf 'round %d: spark fit on %s, %s rows, -Xmx%s: wall %.1f s, peak heap used %s MiB (after GC %s, committed %s), peak RSS %s MiB; load %s -> %s\n' \
    "$r" "$master" "$spark_rows" "$driver_xmx" "${spark_wall[-1]}" "$su" "$sa" "$sc" "$(rss_mib "$work/spark-time.txt")" "$l0" "$(load)"
  echo "  $line"

  l0=$(load); t=$(now)
  CONTRASTKIT_JAVA_OPTS="-Xmx$local_xmx -Xlog:gc:file=$work/local-gc.log" \
    /usr/bin/time -v -o "$work/local-time.txt" "$repo/contrastkit" cluster --store "$work/local.duckdb" \
    --model "$work/local-model.json" --seed "$seed" >"$work/local-out.txt" 2>"$work/local-err.txt" \
    || { tail -20 "$work/local-err.txt" >&2; exit 1; }
  local_wall+=("$(echo "$(now) - $t" | bc)")
  read -r lu la lc < <(heap_peaks "$work/local-gc.log")
  printf 'round %d: contrastkit cluster, %s rows, -Xmx%s: wall %.1f s, peak heap used %s MiB (after GC %s, committed %s), peak RSS %s MiB; load %s -> %s\n' \
    "$r" "$local_rows" "$local_xmx" "${local_wall[-1]}" "$lu" "$la" "$lc" "$(rss_mib "$work/local-time.txt")" "$l0" "$(load)"
  echo "  $(head -1 "$work/local-out.txt")"
  echo "  stages (cumulative): $(grep -E '^cluster: .*\([0-9.]+ s\)$' "$work/local-err.txt" | sed -E 's/^cluster: //' | paste -sd';' | sed 's/;/; /g')"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(median "${spark_wall[@]}"); mo=$(median "${spark_stage[@]}"); ml=$(median "${local_wall[@]}")
printf 'medians over %d round(s), wall s: spark fit (%s rows) %.1f (stage %s), cluster (%s rows) %.1f\n' \
  "$rounds" "$spark_rows" "$ms" "$mo" "$local_rows" "$ml"
echo "spark fit wall / cluster wall: $(echo "scale=2; $ms / $ml" | bc) for $(echo "scale=1; $spark_rows / $local_rows" | bc)x the rows"

# The Spark model is a model like any other: predict loads it and groups a fixture photograph.
out=$("$repo/contrastkit" predict --model "$work/spark-model.json" \
  "$repo/contrastkit-core/src/test/resources/fixtures/images/camera.png")
if echo "$out" | grep -q '"group"'; then
  echo "predict with the Spark model: ok ($(echo "$out" | grep -oE '"group":[0-9]+,"group_name":"[^"]*"'))"
else
  echo "predict with the Spark model failed: $out" >&2; exit 1
fi
