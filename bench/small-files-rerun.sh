#!/usr/bin/env bash
# Many small files: loads N files of ROWS rows each once, then times reruns over them (all already loaded, --after
# keep), against the embedded PostgreSQL in a home of its own. With a second jar, runs alternate between the two jars.
#   bench/small-files-rerun.sh [N] [ROWS] [RUNS] [OTHER_JAR]      (defaults: 1000 files, 50 rows, 3 runs)
# Needs Java 17, Python 3 and /usr/bin/time; builds the jar if it is missing.
set -euo pipefail
N=${1:-1000}
ROWS=${2:-50}
RUNS=${3:-3}
other=${4:-}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/app/target/loan-etl.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
work="$root/bench/out/small-files"
rm -rf "$work" && mkdir -p "$work/in"
java -jar "$jar" generate --rows $((N * ROWS)) --out "$work/all.csv" >/dev/null
python3 - "$work" "$N" "$ROWS" <<'PY'
import csv, io, sys
work, n, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
records = list(csv.reader(io.StringIO(open(f"{work}/all.csv", newline="").read())))
at = next(i for i, r in enumerate(records) if "loan_status" in r)
header = records[at]
data = [r for r in records[at + 1:] if len(r) == len(header)]
for k in range(n):
    with open(f"{work}/in/f{k:05d}.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(data[k * rows:(k + 1) * rows])
PY
/usr/bin/time -f "first load: %e s wall" java -jar "$jar" load "$work/in" --home "$work/home" >"$work/first.log" 2>"$work/first.time"
tail -1 "$work/first.time"
for run in $(seq "$RUNS"); do
  for j in "$jar" ${other:+"$other"}; do
    /usr/bin/time -f "rerun $run, $(basename "$(dirname "$(dirname "$(dirname "$j")")")")/$(basename "$j"): %e s wall" \
        java -jar "$j" load "$work/in" --home "$work/home" >"$work/rerun.log" 2>"$work/rerun.time"
    tail -1 "$work/rerun.time"
  done
done
