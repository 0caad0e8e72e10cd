#!/usr/bin/env bash
# pgloader (Debian's package) on the same raw file loan-etl loads, with the closest rules it can express: every
# column as text (pgloader cannot parse "10.65%", "Dec-2011" or " 36 months" into numbers and dates without custom
# Lisp), the notice line skipped, the footers rejected by its parser, then the three filters applied by DELETE.
# Interleaved with loan-etl's in-process load of the same file into the same private PostgreSQL. Prints one line per
# run and contender, and writes the same figures to bench/out/results/pgloader-vs-loan-etl.tsv for bench/report.py.
#   bench/pgloader-vs-loan-etl.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 2 runs)
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
jar="$root/app/target/loan-etl.jar"
data="$out/loans-$ROWS.csv"
mkdir -p "$out"
command -v pgloader >/dev/null || { echo "pgloader is not installed (apt-get install pgloader)" >&2; exit 2; }
[ -f "$data" ] || java -jar "$jar" generate --rows "$ROWS" --seed 42 --bad-share 0.01 --out "$data" >&2
. "$root/bench/private-postgres.sh"
. "$root/bench/results.sh"
port=${PGPORT:-55435}
start_private_postgres "$out/pgdata-pgloader" "$port"
psql=(psql -X -q -o /dev/null -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
header=$(sed -n 2p "$data" | tr -d '"\r')
columns=$(echo "$header" | tr ',' '\n' | sed 's/^desc$/description/' | awk '{printf "%s\"%s\" text", (NR>1?", ":""), $0}')
names=$(echo "$header" | tr ',' '\n' | sed 's/^desc$/description/' | paste -sd, -)
results_begin pgloader-vs-loan-etl "bench/pgloader-vs-loan-etl.sh $ROWS $RUNS"
results_meta postgresql "$(postgres_version "$PGBIN/postgres")"
results_meta pgloader "$(pgloader --version 2>&1 | head -1)"
results_meta rows "$ROWS"
results_meta file "$(basename "$data")"
results_meta file_bytes "$(stat -c %s "$data")"
# pgloader_s: pgloader alone, without the DELETE that applies the filters (empty for loan-etl, which does both at once)
results_row run contender wall_s loaded rejected pgloader_s
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 || true; read -r wall kb <"$out/time.txt"; echo "$wall"; }

printf "%-4s %-28s %8s %10s\n" run contender wall_s loaded
for run in $(seq 1 "$RUNS"); do
  schema="lc$run"
  wall=$(measure java -jar "$jar" load "$data" --db "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" --schema "$schema" --threads 1)
  read -r loaded rejected < <(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -F ' ' \
      -c "SELECT loaded, rejected FROM $schema.loaded_files WHERE source NOT LIKE '%#bytes=%'")
  printf "%-4s %-28s %8.2f %10s\n" "$run" "loan-etl in-process" "$wall" "$loaded"
  results_row "$run" "loan-etl in-process" "$wall" "$loaded" "$rejected" ""

  "${psql[@]}" -c "DROP TABLE IF EXISTS raw_loans; CREATE TABLE raw_loans ($columns)"
  cat > "$out/load.pgl" <<PGL
LOAD CSV FROM '$data' ($names)
  INTO postgresql://postgres@127.0.0.1:$port/postgres?tablename=raw_loans ($names)
  WITH skip header = 2, fields optionally enclosed by '"', fields escaped by double-quote,
       fields terminated by ',', batch rows = 10000, workers = 2, concurrency = 1;
PGL
  start=$(date +%s.%N)
  pgloader --quiet --root-dir "$out/pgloader-$run" "$out/load.pgl" >"$out/pgloader-$run.log" 2>&1 || true
  loaded_at=$(date +%s.%N)
  "${psql[@]}" -c "DELETE FROM raw_loans WHERE lower(regexp_replace(trim(loan_status), '\\s+', ' ', 'g')) IN
      ('charged off', 'does not meet the credit policy. status:charged off')
      OR lower(trim(purpose)) = 'other'
      OR nullif(trim(last_fico_range_low), '') IS NULL
      OR (trim(last_fico_range_low) ~ '^[0-9]+(\\.0+)?$' AND trim(last_fico_range_low)::numeric < 700)"
  end=$(date +%s.%N)
  kept=$(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -c "SELECT count(*) FROM raw_loans")
  printf "%-4s %-28s %8.2f %10s\n" "$run" "pgloader + DELETE (text)" "$(echo "$end - $start" | bc -l)" "$kept"
  results_row "$run" "pgloader + DELETE" "$(printf %.2f "$(echo "$end - $start" | bc -l)")" "$kept" "" \
      "$(printf %.2f "$(echo "$loaded_at - $start" | bc -l)")"
  "${psql[@]}" -c "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE; DROP TABLE raw_loans"
done
results_end
