#!/usr/bin/env bash
# How k is chosen, on a folder of photos (issue 13): runs extract, cluster --k auto --json and report on FOLDER
# with the built contrastkit, then prints the chosen k, its reason, the mean bootstrap ARI of the report's own
# stability check (validate's: 50 resamples), the largest group's share, and the trade-off table per k.
#
#   contrastkit-bench/scripts/k-choice.sh FOLDER [extra cluster options, e.g. --features all]
#     env: JAR (default contrastkit-app/target/contrastkit-app.jar, lib/ beside it), KEEP=1 keeps the work folder
#
# A collection to try: Debian wallpaper packages, never committed:
#   cd /tmp && apt-get download desktop-base gnome-backgrounds plasma-workspace-wallpapers ukui-wallpapers
#   for d in *.deb; do dpkg-deb -x "$d" x; done    # then copy the JPEG/PNG files into one folder
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
FOLDER=$(realpath "$1"); shift
JAR=${JAR:-contrastkit-app/target/contrastkit-app.jar}
work=$(mktemp -d "${TMPDIR:-/tmp}/contrastkit-k-choice.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$work"' EXIT
ck() { java ${JAVA_OPTS:-} -jar "$JAR" "$@"; }
ck extract --store "$work/s.duckdb" "$FOLDER" > /dev/null 2> "$work/extract.err" || true
ck cluster --store "$work/s.duckdb" --k auto --model "$work/m.json" --json "$@" > "$work/cluster.json" 2> "$work/cluster.err"
ck validate --json --store "$work/s.duckdb" --model "$work/m.json" > "$work/validate.json" 2> "$work/validate.err"
ck report --store "$work/s.duckdb" --model "$work/m.json" --out "$work/report" > /dev/null 2> "$work/report.err"
python3 - "$work/cluster.json" "$work/validate.json" "$work/report/index.html" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); v = json.load(open(sys.argv[2]))
rows = c["rows"]; sizes = [g["size"] for g in c["groups"]]
def find(node, key):
    if isinstance(node, dict):
        for k, x in node.items():
            if k == key and not isinstance(x, (dict, list)):
                return x
            r = find(x, key)
            if r is not None:
                return r
    elif isinstance(node, list):
        for x in node:
            r = find(x, key)
            if r is not None:
                return r
    return None
ari = find(v, "bootstrap_ari")
print(f"images {rows}, chosen k {c['k']}, largest group {max(sizes)} ({100 * max(sizes) / rows:.0f}%), "
      f"anomalies {c['anomalies']}, grouping features {c.get('grouping_features', 'all')}")
print("reason:", c["k_selection"]["reason"])
print("validate stability:", find(v, "verdict"), "| bootstrap ARI", ari)
print(" k  silhouette  bootstrapARI  smallest  largest  stable usable")
for t in c["k_selection"].get("tradeoff", []):
    print(f"{t['k']:2d}  {t['silhouette']:10.3f}  {t['bootstrap_ari']:12.3f}  {t['smallest_group']:8d}  "
          f"{100 * t['largest_share']:6.0f}%  {str(t['stable']):6s} {t['usable']}")
html = open(sys.argv[3]).read()
print("report shows the reason:", c["k_selection"]["reason"][:40] in html.replace("&#39;", "'"))
PY
