#!/usr/bin/env bash
# Side-by-side learning benchmark: contrastkit (Java) vs scikit-learn (sk_bench.py) on the same matrix,
# both on all cores, run back to back. Prints each side's line and the time ratio java/sklearn per
# operation (< 1 means Java is faster). Timings on a shared machine are noisy: rerun before quoting.
#
#   contrastkit-bench/scripts/learn-bench.sh            (env: N=1000000 SIL_N=20000 SEED=0 DATA=... )
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
N=${N:-1000000}
SIL_N=${SIL_N:-20000}
SEED=${SEED:-0}
CORES=$(nproc)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$CORES}
export OPENBLAS_NUM_THREADS=$OMP_NUM_THREADS MKL_NUM_THREADS=$OMP_NUM_THREADS
PY=${PY:-/usr/bin/python3}
SK=${SK_BENCH:-$(cd "$REPO/.." && pwd)/shared/anchors/sk_bench.py}
DATA=${DATA:-${TMPDIR:-/tmp}/contrastkit-learn-bench-$N-$SEED.f64}
JAR=$REPO/contrastkit-bench/target/benchmarks.jar
JAVA_OPTS=${JAVA_OPTS:--Xmx6g}

[ -f "$SK" ] || { echo "sk_bench.py not found at $SK (set SK_BENCH)" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  ./mvnw -q -B -pl contrastkit-bench -am package -DskipTests
fi
[ -f "$DATA" ] || "$PY" "$SK" make "$DATA" "$N" "$SEED"

seconds() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$1"; }
compare() {  # name, java args..., -- python args...
  local name=$1; shift
  local jargs=() pargs=()
  while [ "$1" != "--" ]; do jargs+=("$1"); shift; done; shift
  pargs=("$@")
  local jl pl
  jl=$(java $JAVA_OPTS -cp "$JAR" io.contrastkit.bench.LearnBench "${jargs[@]}")
  pl=$("$PY" "$SK" "${pargs[@]}" 2>/dev/null)
  echo "java    $jl"
  echo "sklearn $pl"
  awk -v n="$name" -v j="$(seconds "$jl")" -v p="$(seconds "$pl")" \
    'BEGIN { printf "ratio   %-14s java/sklearn = %.2f  (%.3fs / %.3fs)\n\n", n, j / p, j, p }'
}

echo "cores=$CORES OMP_NUM_THREADS=$OMP_NUM_THREADS data=$DATA (N=$N)"
compare "kmeans k=8"  kmeans "$DATA" 8  -- kmeans "$DATA" 8
compare "kmeans k=32" kmeans "$DATA" 32 -- kmeans "$DATA" 32
compare "silhouette"  silhouette "$DATA" "$SIL_N" 8 -- silhouette "$DATA" "$SIL_N" 8
compare "pca"         pca "$DATA" -- pca "$DATA"
