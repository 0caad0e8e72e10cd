#!/usr/bin/env bash
# What keeping loans_current costs (issue 18; docs/rules.md, "The current state of each loan"): the same generated
# modern-layout file loaded with and without --current-table, interleaved, into a private PostgreSQL with its
# default, durable settings. Two cases per run:
#   first   the file into a fresh schema: every loan is new to the current table (inserts)
#   again   a copy of the same file under another name into the same schema: a second snapshot of every loan, which
#           replaces the first (the later file wins a tie on the dates): the update path, the costliest
# Prints one line per load and the medians, and writes bench/out/results/current-table.tsv.
#
#   bench/current-table.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 3 runs; JAR=... for another jar)
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
jar=${JAR:-$root/app/target/loan-etl.jar}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
. "$root/bench/private-postgres.sh"
. "$root/bench/results.sh"

data="$out/loans-$ROWS.csv"
[ -f "$data" ] || java -jar "$jar" generate --rows "$ROWS" --seed 42 --bad-share 0.01 --out "$data" >&2
again="$out/current-again"
mkdir -p "$again"
cp "$data" "$again/loans-$ROWS-again.csv"

port=${PGPORT:-55433}
start_private_postgres "$out/pgdata" "$port"
url="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
psql=(psql -X -q -o /dev/null -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)

results_begin current-table "bench/current-table.sh $ROWS $RUNS"
results_meta postgresql "$(postgres_version "$PGBIN/postgres")"
results_meta rows "$ROWS"
results_row run case current_table wall_s loaded current_rows

load() { # schema file flag... -> wall seconds
  local schema=$1 file=$2; shift 2
  local start end
  start=$(date +%s.%N)
  java -jar "$jar" load "$file" --db "$url" --schema "$schema" --threads 1 "$@" >"$out/last.log" 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
count() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -c "$1"; }

printf "%-4s %-6s %-13s %8s %9s %12s\n" run case current_table wall_s loaded current_rows
for run in $(seq 1 "$RUNS"); do
  for flag in off on; do
    schema="ct_${flag}_$run"
    args=(); [ "$flag" = on ] && args=(--current-table)
    for case in first again; do
      file=$data; [ "$case" = again ] && file="$again/loans-$ROWS-again.csv"
      wall=$(load "$schema" "$file" "${args[@]}")
      loaded=$(count "SELECT sum(loaded) FROM $schema.loaded_files WHERE source NOT LIKE '%#bytes=%'")
      current=$(count "SELECT count(*) FROM $schema.loans_current")
      printf "%-4s %-6s %-13s %8.2f %9s %12s\n" "$run" "$case" "$flag" "$wall" "$loaded" "$current"
      results_row "$run" "$case" "$flag" "$(printf %.2f "$wall")" "$loaded" "$current"
    done
    "${psql[@]}" -c "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
  done
done
results_end
echo "file: $data ($ROWS rows); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'); $(nproc) cores"
