#!/usr/bin/env bash
# Writes this folder's store.duckdb, model.json and expected/ with a contrastkit jar (the one built from
# the revision in README.md; its lib/ folder must sit beside it, as in contrastkit-app/target):
#   contrastkit-app/src/test/resources/compat/0.1.0/capture.sh JAR
# Run it only to re-create the fixtures of 0.1.0 from that same revision; later code is checked against
# them by CompatibilityTest, never used to rewrite them.
set -uo pipefail
jar="$(realpath "${1:?usage: capture.sh JAR}")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The store and the model record absolute paths; the test maps this folder to @ROOT@.
root=/tmp/contrastkit-compat-0.1.0
export SOURCE_DATE_EPOCH=1700000000
rm -rf "$root" && mkdir -p "$root" && cp -r "$here/images" "$root/images"
exp="$here/expected"
rm -rf "$exp" && mkdir -p "$exp"
: > "$exp/exit-codes.txt"
ck() { # name, then arguments; stdout to expected/name.out, stderr to expected/name.err
  local name="$1"; shift
  (cd "$root" && java -jar "$jar" "$@") > "$exp/$name.out" 2> "$exp/$name.err"
  echo "$name $?" >> "$exp/exit-codes.txt"
}
ck features features "$root/images"
ck features-json features --format json "$root/images/camera.png" "$root/images/horse.png" "$root/images/truncated.jpg"
ck extract extract --store "$root/store.duckdb" "$root/images"
cp "$root/store.duckdb" "$here/store.duckdb"   # the store as extract left it, before cluster adds predictions
ck failures failures --store "$root/store.duckdb"
ck export export --store "$root/store.duckdb" --format csv --out "$root/export.csv"
cp "$root/export.csv" "$exp/export.csv"
ck cluster cluster --store "$root/store.duckdb" --k 3 --model "$root/model.json" --json
cp "$root/model.json" "$here/model.json"
ck model-show model show --json "$root/model.json"
ck predict predict --model "$root/model.json" "$root/images"
ck validate validate --json --store "$root/store.duckdb" --model "$root/model.json"
# extract's and cluster's stderr carry durations and rates; extract's stdout too (kept for the README's sake only).
rm -f "$exp/extract.err" "$exp/cluster.err" "$exp/extract.out"
# Normalise: the absolute root to @ROOT@; cluster --json's model_id (a hash of the model file, which holds
# created_at, java and os) to @MODEL_ID@.
for f in "$exp"/*; do
  sed -i "s#$root#@ROOT@#g" "$f"
done
sed -i 's#"model_id":"[0-9a-f]\{16\}"#"model_id":"@MODEL_ID@"#' "$exp/cluster.out"
ls -la "$here" "$exp"
