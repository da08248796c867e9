#!/usr/bin/env bash
# VAE training throughput (issue 15): contrastkit's `train vae` against ../shared/anchors/torch_vae_bench.py
# (Debian's python3-torch) in one run, alternating rounds, same thread count; prints each round's images/s
# and the median ratio contrastkit / anchor.
#
#   contrastkit-bench/scripts/vae-bench.sh FOLDER [ROUNDS] [THREADS]
#     FOLDER: photos to train on (100+; e.g. Debian wallpaper packages, never committed)
#     env: ANCHOR (default ../shared/anchors/torch_vae_bench.py), JAR (default contrastkit-app/target/contrastkit-app.jar)
#
# Same network on both sides: 64 px, batch 32, widths 64/128/256, latent 32, Adam 1e-3 (VaeOptions.defaults).
# Differences, against contrastkit: its loss adds the vertical gradient term and the soft-histogram term, and
# it reads real images from its tensor cache instead of random tensors. contrastkit's figure is the median
# images/s of epochs 2.. (epoch 1 warms up; the held-back evaluation and checkpoints are outside the timing).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
FOLDER=$(realpath "$1"); ROUNDS=${2:-3}; THREADS=${3:-$(nproc)}
ANCHOR=${ANCHOR:-../shared/anchors/torch_vae_bench.py}
JAR=${JAR:-contrastkit-app/target/contrastkit-app.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/contrastkit-vae-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
java -jar "$JAR" extract --store "$work/s.duckdb" "$FOLDER" > /dev/null 2>&1 || true
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  a=$(/usr/bin/python3 "$ANCHOR" --size 64 --batch 32 --steps 30 --threads "$THREADS" | sed -n 's/.*images_per_s=\([0-9.]*\).*/\1/p')
  rm -rf "$work/run"
  java -jar "$JAR" train vae --store "$work/s.duckdb" --out "$work/run" --image-size 64 --batch 32 --epochs 5 \
      --patience 5 --threads "$THREADS" > /dev/null 2> "$work/train.err"
  c=$(grep -o '[0-9.]* images/s' "$work/train.err" | awk 'NR>1 {print $1}' | sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')
  ratio=$(awk -v c="$c" -v a="$a" 'BEGIN {printf "%.3f", c / a}')
  ratios+=("$ratio")
  echo "round $r: anchor $a images/s, contrastkit $c images/s, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {m = (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "median ratio contrastkit/anchor: %.3f (%d rounds, %s threads)\n", m, NR, "'"$THREADS"'"}'
