#!/usr/bin/env bash
# Loads a generated modern-layout LendingClub file with loan-etl's in-process engine, and COPYs the already-clean
# equivalent (exactly the rows loan-etl loaded, already typed) into the same table of the same PostgreSQL, interleaved,
# several times. Prints one line per run and a summary, and writes the same figures to
# bench/out/results/in-process-vs-copy.tsv, from which bench/report.py rewrites docs/benchmarks.md.
#
#   bench/in-process-vs-copy.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 3 runs)
#
# Needs: Java 17, and a PostgreSQL server's binaries (Debian's postgresql package; PGBIN=... to choose). The cluster is
# private to the benchmark (under bench/out/), runs with PostgreSQL's default, durable settings, and is stopped at exit.
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
mkdir -p "$out"
jar="$root/app/target/loan-etl.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
. "$root/bench/private-postgres.sh"
. "$root/bench/results.sh"

data="$out/loans-$ROWS.csv"
[ -f "$data" ] || java -jar "$jar" generate --rows "$ROWS" --seed 42 --bad-share 0.01 --out "$data" >&2

port=${PGPORT:-55433}
start_private_postgres "$out/pgdata" "$port"
url="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
psql=(psql -X -q -o /dev/null -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
clean="$out/clean-$ROWS.copy"
size_mb=$(( $(stat -c %s "$data") / 1048576 ))

results_begin in-process-vs-copy "bench/in-process-vs-copy.sh $ROWS $RUNS"
results_meta postgresql "$(postgres_version "$PGBIN/postgres")"
results_meta rows "$ROWS"
results_meta file "$(basename "$data")"
results_meta file_bytes "$(stat -c %s "$data")"
results_row run contender wall_s loaded rejected peak_mb

# peak resident memory of a command, in MB, and its wall time in seconds
measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/last.log" 2>&1; read -r wall kb <"$out/time.txt"; echo "$wall $((kb / 1024))"; }

printf "%-4s %-22s %8s %10s %8s %7s\n" run contender wall_s rows_per_s MB_per_s peak_MB
for run in $(seq 1 "$RUNS"); do
  schema="b$run"
  read -r wall peak < <(measure java -jar "$jar" load "$data" --db "$url" --schema "$schema" --threads 1)
  read -r loaded rejected < <(psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -F ' ' \
      -c "SELECT loaded, rejected FROM $schema.loaded_files WHERE source NOT LIKE '%#bytes=%'")
  printf "%-4s %-22s %8.2f %10.0f %8.1f %7s\n" "$run" "loan-etl in-process" "$wall" "$(echo "$loaded / $wall" | bc -l)" "$(echo "$size_mb / $wall" | bc -l)" "$peak"
  results_row "$run" "loan-etl in-process" "$wall" "$loaded" "$rejected" "$peak"
  if [ ! -f "$clean" ]; then
    "${psql[@]}" -c "\\copy (SELECT * FROM $schema.loans) TO '$clean'"
  fi
  "${psql[@]}" -c "CREATE TABLE $schema.loans_copy (LIKE $schema.loans INCLUDING ALL)"
  start=$(date +%s.%N)
  "${psql[@]}" -c "\\copy $schema.loans_copy FROM '$clean'"
  end=$(date +%s.%N)
  wall=$(echo "$end - $start" | bc -l)
  printf "%-4s %-22s %8.2f %10.0f %8s %7s\n" "$run" "COPY clean rows (psql)" "$wall" "$(echo "$loaded / $wall" | bc -l)" "-" "-"
  # the COPY's peak memory is psql's, not a loader's: not measured, left empty
  results_row "$run" "COPY clean rows" "$(printf %.2f "$wall")" "$loaded" "" ""
  "${psql[@]}" -c "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
done
results_end
echo "file: $data ($size_mb MB, $ROWS rows, $loaded loaded); PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'); $(nproc) cores"
