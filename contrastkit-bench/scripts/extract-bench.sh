#!/usr/bin/env bash
# Side-by-side extraction throughput on one kind of collection, all on the same folder, machine and run:
#   (a) contrastkit extract            all cores, into a fresh store, heap capped at 1 GB (--profile:
#                                      each stage's thread time per image is printed too)
#   (b) py_fast_extract.py             the Python/OpenCV anchor, one process per core
#   (c) contrastkit extract --decode-only   the same decoder and thread pool, no features, no store
# and prints images/s of each with the ratios extract/python and extract/decode-only (each collection's
# targets from issue 14 beside them). Benchmarks report ratios: bare times depend on the machine and load.
#
# Collections (COLLECTION=...), all made from Debian's wallpaper packages (photographs and renders):
#   wallpapers (default)  the packages' files as they are: JPEG, PNG and WebP up to 5120x2880
#   small                 2400 JPEG crops of 640x480 (COCO-sized), quality 90, cut from those files at
#                         full and half size: the images datasets have, where features set the speed
#   png                   320 PNGs of 0.25-2 MP, each a wallpaper resized (seeded) to a random area in
#                         that range: photographic PNGs, the slow case for PNG decoding and for features
#
# Usage: contrastkit-bench/scripts/extract-bench.sh [THREADS]
# Env:   COLLECTION (default wallpapers): which collection, as above
#        CONTRASTKIT_BENCH_CACHE (default /tmp/contrastkit-bench): downloaded packages and the folders
#        ROUNDS (default 1): the three runs this many times in turn, then each ratio's median and range
#        (this machine's load moves single runs by 10-20%)
#        BY_FORMAT=1: the same comparison again for the JPEG, PNG and WebP files on their own
#        PACKAGES (default "plasma-workspace-wallpapers gnome-backgrounds"): the Debian packages whose
#        images make the folder; another set wants its own CONTRASTKIT_BENCH_CACHE. A larger folder with
#        more photographs: PACKAGES="plasma-workspace-wallpapers gnome-backgrounds mate-backgrounds
#        ukui-wallpapers lomiri-wallpapers lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 sway-backgrounds"
#        PYTHON (default /usr/bin/python3)
#        ANCHORS (default ../shared/anchors beside the repository): where py_fast_extract.py lives
# Needs: apt-get (download only: no root needed for that), python3-opencv python3-scipy python3-numpy.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="${CONTRASTKIT_BENCH_CACHE:-/tmp/contrastkit-bench}"
anchors="${ANCHORS:-$repo/../shared/anchors}"
threads="${1:-$(nproc)}"
# Debian's python (the anchor's shebang), where python3-opencv installs, not a pyenv shim's.
py="${PYTHON:-/usr/bin/python3}"
photos="$cache/photos"

prepare() {
  if [ -n "$(find "$photos" -maxdepth 1 -type f 2>/dev/null | head -1)" ]; then
    return
  fi
  echo "bench: preparing $photos from Debian's wallpaper packages..." >&2
  mkdir -p "$cache/debs" "$cache/x" "$photos"
  # shellcheck disable=SC2086
  (cd "$cache/debs" && apt-get download ${PACKAGES:-plasma-workspace-wallpapers gnome-backgrounds} >/dev/null)
  for deb in "$cache"/debs/*.deb; do
    dpkg -x "$deb" "$cache/x"
  done
  # One flat folder (the Python anchor does not recurse); names keep the wallpaper and resolution.
  find "$cache/x" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) -print0 |
    while IFS= read -r -d '' f; do
      rel="${f#"$cache"/x/usr/share/}"
      cp "$f" "$photos/$(echo "$rel" | tr '/' '_')"
    done
}

# Derived collections: cut or resized from the wallpapers by OpenCV (which the anchor needs anyway), seeded.
derive() {
  local kind="$1" out="$2"
  if [ -n "$(find "$out" -maxdepth 1 -type f 2>/dev/null | head -1)" ]; then
    return
  fi
  echo "bench: making the $kind collection in $out..." >&2
  mkdir -p "$out"
  "$py" - "$kind" "$photos" "$out" <<'PYEOF'
import os, random, sys
import cv2
kind, src, out = sys.argv[1:]
rng = random.Random(14)
files = sorted(f for f in os.listdir(src) if f.lower().endswith((".jpg", ".jpeg", ".png", ".webp")))
made = 0
if kind == "small":
    want = 2400
    for scale in (1.0, 0.5):
        for f in files:
            img = cv2.imread(os.path.join(src, f), cv2.IMREAD_COLOR)
            if img is None:
                continue
            if scale != 1.0:
                img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
            h, w = img.shape[:2]
            for y in range(0, h - 479, 480):
                for x in range(0, w - 639, 640):
                    if made >= want:
                        break
                    cv2.imwrite(os.path.join(out, "%s_%g_%d_%d.jpg" % (os.path.splitext(f)[0], scale, y, x)),
                                img[y:y + 480, x:x + 640], [cv2.IMWRITE_JPEG_QUALITY, 90])
                    made += 1
elif kind == "png":
    want = 320
    while made < want:
        f = files[made % len(files)]
        img = cv2.imread(os.path.join(src, f), cv2.IMREAD_COLOR)
        if img is None:
            files.remove(f)
            continue
        h, w = img.shape[:2]
        area = rng.uniform(0.25e6, 2e6)
        s = min(1.0, (area / (w * h)) ** 0.5)
        img = cv2.resize(img, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA)
        cv2.imwrite(os.path.join(out, "%s_%d.png" % (os.path.splitext(f)[0], made)), img)
        made += 1
print("bench: %d files" % made, file=sys.stderr)
PYEOF
}

prepare
if ! "$py" -c 'import cv2, scipy, numpy' 2>/dev/null; then
  echo "bench: the Python anchor needs: apt-get install -y python3-opencv python3-scipy python3-numpy" >&2
  exit 2
fi
if [ ! -f "$anchors/py_fast_extract.py" ]; then
  echo "bench: no $anchors/py_fast_extract.py (set ANCHORS)" >&2
  exit 2
fi

echo "bench: building contrastkit..." >&2
(cd "$repo" && ./mvnw -q -B -DskipTests -pl contrastkit-app -am package)
# A private copy: a rebuild in the work tree (the launcher, another build) must not swap classes
# under a running benchmark.
rm -rf "$cache/app" && mkdir -p "$cache/app"
cp -r "$repo/contrastkit-app/target/contrastkit-app.jar" "$repo/contrastkit-app/target/lib" "$cache/app/"
jar="$cache/app/contrastkit-app.jar"
java_opts=(-Xmx1g)

collection="${COLLECTION:-wallpapers}"
case "$collection" in
  wallpapers) target_python=3; target_decode=- ;;
  small) derive small "$cache/small"; photos="$cache/small"; target_python=5; target_decode=0.5 ;;
  png) derive png "$cache/png"; photos="$cache/png"; target_python=2.5; target_decode=- ;;
  *) echo "bench: COLLECTION must be wallpapers, small or png, got '$collection'" >&2; exit 2 ;;
esac
n=$(find "$photos" -maxdepth 1 -type f | wc -l)
mb=$(du -sm "$photos" | cut -f1)
echo "folder: $photos: $n files, $mb MB; threads: $threads; cores: $(nproc)"

# Each tool reports its own rate over its processing phase (JVM and interpreter start excluded).
rate() { sed -n 's/.*(\([0-9.]*\) images\/s.*/\1/p; s/.*images_per_s=\([0-9.]*\).*/\1/p' | head -1; }

# The three runs on one folder, then the rates and ratios.
compare() {
  local dir="$1" label="$2"
  local store="$cache/bench.duckdb"
  rm -f "$store" "$store.wal"
  echo "== $label: $(find "$dir" -maxdepth 1 -type f | wc -l) files; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  local decode_out extract_out py_out decode extract python_rate
  decode_out=$(java "${java_opts[@]}" -jar "$jar" extract --decode-only --threads "$threads" "$dir" 2>"$cache/decode.err" || true)
  echo "decode-only: $(echo "$decode_out" | head -1)"
  extract_out=$(java "${java_opts[@]}" -jar "$jar" extract --profile --store "$store" --threads "$threads" "$dir" 2>"$cache/extract.err" || true)
  echo "extract:     $(echo "$extract_out" | head -1)"
  echo "             $(echo "$extract_out" | grep '^decoders:' || true)"
  echo "             $(echo "$extract_out" | grep '^stages' || true)"
  py_out=$("$py" "$anchors/py_fast_extract.py" --workers "$threads" "$dir" 2>/dev/null)
  echo "python:      $py_out"
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  decode=$(echo "$decode_out" | rate)
  extract=$(echo "$extract_out" | rate)
  python_rate=$(echo "$py_out" | rate)
  for v in decode extract; do
    if [ -z "${!v}" ]; then
      echo "bench: $v run gave no rate; its stderr ($cache/$v.err) ends:" >&2
      tail -5 "$cache/$v.err" >&2
      exit 1
    fi
  done
  python3 - "$extract" "$python_rate" "$decode" "$target_python" "$target_decode" <<'EOF'
import sys
e, p, d = (float(x) for x in sys.argv[1:4])
tp, td = sys.argv[4:6]
print(f"images/s: extract {e:.2f}, python {p:.2f}, decode-only {d:.2f} (decoding alone: {d / p:.2f}x python)")
print(f"extract/python      = {e / p:.2f}  (target >= {tp})")
print(f"extract/decode-only = {e / d:.2f}" + (f"  (target >= {td})" if td != "-" else ""))
EOF
  echo "$extract $python_rate $decode" >>"$cache/rounds.txt"
}

rm -f "$cache/rounds.txt"
rounds="${ROUNDS:-1}"
for ((round = 1; round <= rounds; round++)); do
  compare "$photos" "all formats$( ((rounds > 1)) && echo ", round $round of $rounds")"
done
if ((rounds > 1)); then
  python3 - "$cache/rounds.txt" "$target_python" "$target_decode" <<'EOF'
import statistics, sys
rows = [[float(x) for x in line.split()] for line in open(sys.argv[1]) if line.strip()]
tp, td = sys.argv[2:4]
print(f"decoding alone/python: median {statistics.median(r[2] / r[1] for r in rows):.2f} (the ceiling)")
for name, i, target in (("extract/python", 1, tp), ("extract/decode-only", 2, td)):
    r = [row[0] / row[i] for row in rows]
    met = "" if target == "-" else f" (target >= {target}; {sum(x >= float(target) for x in r)} of {len(r)} rounds meet it)"
    print(f"{name}: median {statistics.median(r):.2f}, range {min(r):.2f}-{max(r):.2f} over {len(r)} rounds{met}")
EOF
fi
if [ -n "${BY_FORMAT:-}" ]; then
  # The same comparison per format, on hard-linked copies of the folder's files.
  for ext in jpg png webp; do
    dir="$cache/by-format/$ext"
    rm -rf "$dir" && mkdir -p "$dir"
    find "$photos" -maxdepth 1 -type f -iname "*.$ext" -exec ln {} "$dir/" \;
    if [ -n "$(ls -A "$dir")" ]; then
      compare "$dir" "$ext only"
    fi
  done
fi
