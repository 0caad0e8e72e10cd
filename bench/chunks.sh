#!/usr/bin/env bash
# One big file in chunks (issue 19; docs/spark.md, "One file, many tasks"). Against a private PostgreSQL with its
# default, durable settings, the generated 1M-row file (about 1 GB) loaded, interleaved per round:
#   local      in-process, --threads 2, whole (--chunk-size 0) and in chunks of 64MB and 128MB
#   spark      --engine spark --spark-master local[2], whole (one task for the file) and in 64MB chunks (a task each)
# then the resume case: a ~2 GB file (the 1M-row file twice over) loaded whole once for the full-load time, then
# loaded in 64MB chunks and killed with SIGKILL once about 60% of it is in (60% of its chunks committed), and rerun
# (as is, and with --trust-unchanged): the rerun's wall time, and the exact counts (ledger and tables) against the
# full load's. Each line gives the wall time, the peak resident memory of
# the JVM that ran the load (the driver, under Spark local mode the executors too), the chunks and the rows loaded.
# Writes bench/out/results/chunks.tsv.
#
#   bench/chunks.sh [ROUNDS]      (default 2; JAR=... for another jar; SKIP_RESUME=1 to leave the 2 GB case out)
set -euo pipefail
ROUNDS=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
jar=${JAR:-$root/app/target/loan-etl.jar}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
. "$root/bench/private-postgres.sh"
. "$root/bench/results.sh"

rows=1000000
data="$out/loans-$rows.csv"
[ -f "$data" ] || java -jar "$jar" generate --rows "$rows" --seed 42 --bad-share 0.01 --out "$data" >&2
one="$out/chunks-one"
mkdir -p "$one"
ln -f "$data" "$one/loans-$rows.csv" 2>/dev/null || cp "$data" "$one/loans-$rows.csv"

port=${PGPORT:-55433}
start_private_postgres "$out/pgdata" "$port"
url="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
q() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -v ON_ERROR_STOP=1 -c "$1"; }

results_begin chunks "bench/chunks.sh $ROUNDS"
results_meta postgresql "$(postgres_version "$PGBIN/postgres")"
results_meta file "$(basename "$data") ($(stat -c %s "$data") bytes)"
results_row round case wall_s peak_rss_mib chunks loaded

# schema case folder args... -> prints "wall rss chunks loaded"
load() {
  local schema=$1 case=$2 folder=$3; shift 3
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/chunks-rss.txt" java -jar "$jar" load "$folder" --db "$url" --schema "$schema" \
    --report "$out/chunks-report.json" "$@" >"$out/chunks-last.log" 2>&1 || { cat "$out/chunks-last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  local wall rss chunks loaded
  wall=$(echo "$end - $start" | bc -l)
  rss=$(( $(tail -1 "$out/chunks-rss.txt") / 1024 ))
  chunks=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(f.get('chunks',0) for f in r['files']))" "$out/chunks-report.json")
  loaded=$(q "SELECT coalesce(sum(loaded), 0) FROM $schema.loaded_files WHERE source NOT LIKE '%#bytes=%'")
  printf "%-5s %-16s %8.2f %8s %6s %9s\n" "$round" "$case" "$wall" "$rss" "$chunks" "$loaded"
  results_row "$round" "$case" "$(printf %.2f "$wall")" "$rss" "$chunks" "$loaded"
  q "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE" >/dev/null
}

printf "%-5s %-16s %8s %8s %6s %9s\n" round case wall_s rss_mib chunks loaded
for round in $(seq 1 "$ROUNDS"); do
  load "ch_lw_$round" local-whole "$one" --threads 2 --chunk-size 0
  load "ch_l64_$round" local-64MB "$one" --threads 2 --chunk-size 64MB
  load "ch_l128_$round" local-128MB "$one" --threads 2 --chunk-size 128MB
  load "ch_l64t1_$round" local-64MB-t1 "$one" --threads 1 --chunk-size 64MB
  load "ch_sw_$round" spark-whole "$one" --engine spark --spark-master 'local[2]' --chunk-size 0
  load "ch_s64_$round" spark-64MB "$one" --engine spark --spark-master 'local[2]' --chunk-size 64MB
done

if [ -z "${SKIP_RESUME:-}" ]; then
  big="$out/chunks-big"
  mkdir -p "$big"
  if [ ! -f "$big/loans-2x.csv" ]; then
    { cat "$data"; tail -n +2 "$data"; } >"$big/loans-2x.csv.part" && mv "$big/loans-2x.csv.part" "$big/loans-2x.csv"
  fi
  round=resume
  results_meta big_file "loans-2x.csv ($(stat -c %s "$big/loans-2x.csv") bytes)"
  # the full load, whole, for the time to beat and the counts to match
  start=$(date +%s.%N)
  java -jar "$jar" load "$big" --db "$url" --schema ch_full --threads 2 --chunk-size 0 >"$out/chunks-last.log" 2>&1
  full=$(echo "$(date +%s.%N) - $start" | bc -l)
  expected=$(q "SELECT loaded || ' ' || rejected || ' ' || data_rows FROM ch_full.loaded_files")
  printf "%-5s %-16s %8.2f %8s %6s %9s\n" "$round" full-whole "$full" - 0 "${expected%% *}"
  results_row "$round" full-whole "$(printf %.2f "$full")" - 0 "${expected%% *}"
  # killed at about 60% of the file, in 64MB chunks, then rerun: as is, and with --trust-unchanged (the rerun
  # then takes the file's version from its saved chunk plan instead of hashing 2 GB again)
  for how in plain trust; do
    schema=ch_resume_$how
    extra=(); [ "$how" = trust ] && extra=(--trust-unchanged)
    java -jar "$jar" load "$big" --db "$url" --schema "$schema" --threads 2 --chunk-size 64MB "${extra[@]}" \
      >"$out/chunks-killed.log" 2>&1 &
    victim=$!
    # SIGKILL once about 60% of the file is in: 60% of its chunks (from its saved plan) committed
    while kill -0 "$victim" 2>/dev/null; do
      done_share=$(q "SELECT CASE WHEN p.n > 0 THEN (SELECT count(*) FROM $schema.loaded_files WHERE source LIKE
        '%#bytes=%')::float / p.n ELSE 0 END FROM (SELECT coalesce(max(array_length(starts, 1)), 0) AS n FROM
        $schema.chunk_plans) p" 2>/dev/null || echo 0)
      if [ "$(echo "${done_share:-0} >= 0.6" | bc -l)" = 1 ]; then break; fi
      sleep 0.2
    done
    pkill -9 -f "schema $schema" || true
    wait "$victim" 2>/dev/null || true
    committed=$(q "SELECT count(*) FROM $schema.loaded_files WHERE source LIKE '%#bytes=%'" 2>/dev/null || echo 0)
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$out/chunks-rss.txt" java -jar "$jar" load "$big" --db "$url" --schema "$schema" \
      --threads 2 --chunk-size 64MB "${extra[@]}" --report "$out/chunks-report.json" >"$out/chunks-last.log" 2>&1
    rerun=$(echo "$(date +%s.%N) - $start" | bc -l)
    got=$(q "SELECT loaded || ' ' || rejected || ' ' || data_rows FROM $schema.loaded_files WHERE chunks IS NOT NULL")
    held=$(q "SELECT (SELECT count(*) FROM $schema.loans) || ' ' || (SELECT count(*) FROM $schema.loan_rejects)")
    rss=$(( $(tail -1 "$out/chunks-rss.txt") / 1024 ))
    chunks=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(f.get('chunks',0) for f in r['files']))" "$out/chunks-report.json")
    printf "%-5s %-16s %8.2f %8s %6s %9s  (%s of %s chunks committed before the kill; ledger %s, tables %s; full %s)\n" \
      "$round" "rerun-$how" "$rerun" "$rss" "$chunks" "${got%% *}" "$committed" "$chunks" "$got" "$held" "$expected"
    results_row "$round" "rerun-$how" "$(printf %.2f "$rerun")" "$rss" "$chunks" "${got%% *}"
    results_meta "resume_$how" "killed with $committed of $chunks chunks committed; rerun ledger $got, tables $held; full load ledger $expected"
    [ "$got" = "$expected" ] || { echo "counts differ: $got vs $expected" >&2; exit 1; }
    [ "$held" = "$(echo "$expected" | awk '{print $1" "$2}')" ] || { echo "tables hold $held, ledger $expected" >&2; exit 1; }
    q "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE" >/dev/null
  done
  q "SET client_min_messages = warning; DROP SCHEMA ch_full CASCADE" >/dev/null
fi
results_end
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'); $(nproc) cores"
