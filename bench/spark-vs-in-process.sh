#!/usr/bin/env bash
# The Spark engine (local[2]) against the in-process engine on the same 8 generated files, into separate schemas of
# one embedded PostgreSQL, interleaved. Usage: bench/spark-vs-in-process.sh [ROWS_PER_FILE] [ROUNDS]
# Needs app/target/loan-etl.jar (./mvnw -q -DskipTests package) and /usr/bin/time. Besides the lines it prints, writes
# the figures to bench/out/results/spark-vs-in-process.tsv for bench/report.py.
set -euo pipefail
rows=${1:-50000}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
jar=$root/app/target/loan-etl.jar
. "$root/bench/results.sh"
work=$(mktemp -d /tmp/loanetl-spark-bench.XXXXXX)
mkdir -p "$work/in"
for n in 1 2 3 4 5 6 7 8; do
    java -jar "$jar" generate --rows "$rows" --seed "$n" --out "$work/in/gen-$n.csv" >/dev/null
done
du -sh "$work/in"
export LOANETL_NO_PROGRESS=1
java -jar "$jar" status --home "$work/home" >/dev/null 2>&1 || true   # unpack and init the embedded server once
results_begin spark-vs-in-process "bench/spark-vs-in-process.sh $rows $rounds"
results_meta postgresql "$(postgres_version "$(ls "$work"/home/pg/*/bin/postgres | head -1)") (embedded)"
results_meta rows_per_file "$rows"
results_meta files 8
results_meta input_bytes "$(cat "$work"/in/*.csv | wc -c)"
results_row round engine wall_s user_s sys_s peak_mb loaded rejected

# one load under /usr/bin/time; prints the time line as before and keeps its figures and the load's counts
timed_load() {
    local round=$1 engine=$2 label=$3; shift 3
    /usr/bin/time -f "$label wall %e s, cpu user %U s, sys %S s, max rss %M KB" \
        java -jar "$jar" load "$work/in" --home "$work/home" --report "$work/report.json" "$@" >/dev/null 2>"$work/err"
    local line; line=$(tail -1 "$work/err")
    echo "$line"
    read -r wall user sys kb < <(echo "$line" |
        sed -E 's/.*wall ([0-9.]+) s, cpu user ([0-9.]+) s, sys ([0-9.]+) s, max rss ([0-9]+) KB$/\1 \2 \3 \4/')
    # the load's own JSON report has the rows loaded and rejected, so the two engines' counts can be compared
    read -r loaded rejected < <(python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["totals"]["rows"]; print(t["loaded"], t["rejected"])' "$work/report.json")
    results_row "$round" "$engine" "$wall" "$user" "$sys" $((kb / 1024)) "$loaded" "$rejected"
}

for round in $(seq 1 "$rounds"); do
    timed_load "$round" in-process "round $round in-process (--threads 2):" --schema inproc$round
    timed_load "$round" spark "round $round spark local[2]:          " --schema spark$round --engine spark \
        --spark-master 'local[2]'
    uptime
done
results_end
# bench/run-all.sh asks for the folder to go (it holds 8 generated files and a database); alone, it stays to look at
if [ -n "${BENCH_REMOVE_WORK:-}" ]; then rm -rf "$work"; echo "work folder removed: $work"
else echo "work folder (delete when done): $work"; fi
