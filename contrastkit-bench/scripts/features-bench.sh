#!/usr/bin/env bash
# Features of one working image, single-threaded, JMH: today's extractor (ExtractBench.extractOnly) and the
# frozen pre-issue-14 copy (extractOnlyBaseline) in the same JVM fork, ROUNDS forks; prints each round's ms per
# image for both and their ratio, then the medians (issue 14's target: <= 4 ms for a 512x512 working image),
# and the per-stage split (FeatureStageProfile). On a busy machine only the ratio means much.
# Build first: ./mvnw -q -B -pl contrastkit-bench -am package -DskipTests
#   usage: contrastkit-bench/scripts/features-bench.sh [IMAGE=samples/photos/astronaut.png] [ROUNDS=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
image="${1:-$root/samples/photos/astronaut.png}"
rounds="${2:-5}"
jar="$root/contrastkit-bench/target/benchmarks.jar"
[ -f "$jar" ] || { echo "missing $jar: build contrastkit-bench first" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), image $image"
for r in $(seq 1 "$rounds"); do
  # One fork per round holds both benchmarks, so each ratio compares them under the same load.
  java -jar "$jar" 'ExtractBench.extractOnly(Baseline)?$' -p image="$image" -p nativeCodecs=true \
      -f 1 -wi 3 -w 2 -i 5 -r 1 -rf csv -rff "$work/round$r.csv" >"$work/round$r.log" 2>&1 \
      || { tail -20 "$work/round$r.log" >&2; exit 1; }
done
/usr/bin/python3 - "$work" "$rounds" <<'PY'
import csv, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
new, old, ratio = [], [], []
for r in range(1, rounds + 1):
    score = {row["Benchmark"].rsplit(".", 1)[1]: float(row["Score"])
             for row in csv.DictReader(open(f"{work}/round{r}.csv"))}
    new.append(score["extractOnly"]); old.append(score["extractOnlyBaseline"])
    ratio.append(new[-1] / old[-1])
    print(f"round {r}: extractOnly {new[-1]:.3f} ms, extractOnlyBaseline {old[-1]:.3f} ms, ratio {ratio[-1]:.3f}")
print(f"median of {rounds}: extractOnly {statistics.median(new):.3f} ms/image, "
      f"extractOnlyBaseline {statistics.median(old):.3f} ms/image, "
      f"ratio new/baseline {statistics.median(ratio):.3f} (target: <= 4 ms)")
PY
java -cp "$jar" io.contrastkit.core.FeatureStageProfile "$image"
