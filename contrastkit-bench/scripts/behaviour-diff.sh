#!/usr/bin/env bash
# Behaviour diff of two contrastkit builds ("behaviour unchanged", issue 11): runs BEFORE_JAR and then AFTER_JAR
# on the same inputs with SOURCE_DATE_EPOCH set and compares, byte for byte,
#   - demo --out: the sha256 of the demo's model.json (bundled samples/photos and their ladders);
#   - features (csv), extract + export (csv), cluster --json (and the sha256 of its model file), predict and
#     validate --json on the compatibility fixture collection (12 images, one truncated), with their stderr
#     where it has no durations, and every exit code.
# Prints one line per comparison and exits 0 when all are the same, 1 when any differs (a diff of the first
# differing lines follows), 2 when a jar cannot run.
#
#   contrastkit-bench/scripts/behaviour-diff.sh BEFORE_JAR AFTER_JAR
#     env: IMAGES (default contrastkit-app/src/test/resources/compat/0.1.0/images), SAMPLES (default
#     samples/photos), SOURCE_DATE_EPOCH (default 1700000000), KEEP=1 keeps the work folder, JAVA_OPTS.
#
# Each jar needs its lib/ folder beside it, as contrastkit-app/target has after ./mvnw package.
# Both sides run in one and the same folder, one after the other (then moved aside): the store records absolute
# image paths and the model records the store's path and its representatives' paths, so two different folders
# would give two different models for that reason alone.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
[ $# -eq 2 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
BEFORE=$(realpath "$1") AFTER=$(realpath "$2")
IMAGES=$(realpath "${IMAGES:-$REPO/contrastkit-app/src/test/resources/compat/0.1.0/images}")
SAMPLES=$(realpath "${SAMPLES:-$REPO/samples/photos}")
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/contrastkit-behaviour-diff.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
run=$work/run

for jar in "$BEFORE" "$AFTER"; do
  if ! java ${JAVA_OPTS:-} -jar "$jar" --version >/dev/null 2>"$work/version.err"; then
    echo "behaviour-diff: $jar does not run (is its lib/ folder beside it?):" >&2
    head -3 "$work/version.err" >&2
    exit 2
  fi
done

# Runs every command of one side into $work/<side>/.
side() {  # side name, jar
  local name=$1 jar=$2 t0=$SECONDS
  rm -rf "$run" && mkdir -p "$run" && cp -r "$IMAGES" "$run/images"
  ck() {  # output name, arguments...; stdout to name.out, stderr to name.err, exit code to exit-codes.txt
    local out=$1; shift
    (cd "$run" && java ${JAVA_OPTS:-} -jar "$jar" "$@") >"$run/$out.out" 2>"$run/$out.err"
    echo "$out $?" >>"$run/exit-codes.txt"
  }
  ck features features "$run/images"
  ck extract extract --store "$run/store.duckdb" "$run/images"
  ck export export --store "$run/store.duckdb" --format csv --out "$run/export.csv"
  ck cluster cluster --store "$run/store.duckdb" --k 3 --model "$run/model.json" --json
  ck predict predict --model "$run/model.json" "$run/images"
  ck validate validate --json --store "$run/store.duckdb" --model "$run/model.json"
  ck demo demo --out "$run/demo" --samples "$SAMPLES"
  mv "$run" "$work/$name"
  echo "$name: $jar ($((SECONDS - t0)) s)"
}
side before "$BEFORE"
side after "$AFTER"

differences=0
same() {  # label, file relative to each side's folder
  local label=$1 file=$2
  if cmp -s "$work/before/$file" "$work/after/$file"; then
    echo "same      $label"
  else
    echo "DIFFERENT $label"
    diff "$work/before/$file" "$work/after/$file" | head -8 | cut -c1-240 | sed 's/^/    /'
    differences=$((differences + 1))
  fi
}
sha() { if [ -f "$1" ]; then sha256sum <"$1" | cut -c1-64; else echo missing; fi; }
same_sha() {  # label, file
  local b a
  b=$(sha "$work/before/$2") a=$(sha "$work/after/$2")
  if [ "$b" = "$a" ] && [ "$b" != missing ]; then
    echo "same      $1 (sha256 $b)"
  else
    echo "DIFFERENT $1 (sha256 before $b, after $a)"
    [ -f "$work/before/$2" ] && [ -f "$work/after/$2" ] \
      && diff "$work/before/$2" "$work/after/$2" | head -8 | cut -c1-240 | sed 's/^/    /'
    differences=$((differences + 1))
  fi
}
same_sha "demo model.json" demo/model.json
same "exit codes" exit-codes.txt
same "features stdout" features.out
same "features stderr" features.err
same "export csv" export.csv
same "export stdout" export.out
same_sha "cluster model.json" model.json
same "cluster --json stdout" cluster.out
same "predict stdout" predict.out
same "predict stderr" predict.err
same "validate --json stdout" validate.out
# Not compared: extract's stdout and the stderr of extract, cluster and demo (durations and rates).

[ "${KEEP:-}" = 1 ] && echo "outputs kept in $work/before and $work/after"
if [ "$differences" -gt 0 ]; then
  echo "behaviour-diff: $differences difference(s) between $BEFORE and $AFTER"
  exit 1
fi
echo "behaviour-diff: no differences (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
