#!/usr/bin/env bash
# The Spark engine (local[2]) against the in-process engine on the same 8 generated files, into separate schemas of
# one embedded PostgreSQL, interleaved. Usage: bench/spark-vs-in-process.sh [ROWS_PER_FILE] [ROUNDS]
# Needs app/target/loan-etl.jar (./mvnw -q -DskipTests package) and /usr/bin/time.
set -euo pipefail
rows=${1:-50000}
rounds=${2:-3}
jar=$(cd "$(dirname "$0")/.." && pwd)/app/target/loan-etl.jar
work=$(mktemp -d /tmp/loanetl-spark-bench.XXXXXX)
mkdir -p "$work/in"
for n in 1 2 3 4 5 6 7 8; do
    java -jar "$jar" generate --rows "$rows" --seed "$n" --out "$work/in/gen-$n.csv" >/dev/null
done
du -sh "$work/in"
export LOANETL_NO_PROGRESS=1
java -jar "$jar" status --home "$work/home" >/dev/null 2>&1 || true   # unpack and init the embedded server once
for round in $(seq 1 "$rounds"); do
    /usr/bin/time -f "round $round in-process (--threads 2): wall %e s, cpu user %U s, sys %S s, max rss %M KB" \
        java -jar "$jar" load "$work/in" --home "$work/home" --schema inproc$round >/dev/null 2>"$work/err"
    tail -1 "$work/err"
    /usr/bin/time -f "round $round spark local[2]:           wall %e s, cpu user %U s, sys %S s, max rss %M KB" \
        java -jar "$jar" load "$work/in" --home "$work/home" --schema spark$round --engine spark \
        --spark-master 'local[2]' >/dev/null 2>"$work/err"
    tail -1 "$work/err"
    uptime
done
echo "work folder (delete when done): $work"
