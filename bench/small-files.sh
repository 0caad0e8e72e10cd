#!/usr/bin/env bash
# Many small files against one file of the same rows (issue 16), on a private PostgreSQL with durable settings:
#   [LAUNCHER=java] [JAR=...] bench/small-files.sh [N] [ROWS] [ROUNDS] [ENGINE] [SOURCE]
#     N files of ROWS rows each (defaults 1000 x 50), ROUNDS interleaved rounds (default 3), ENGINE local or spark,
#     SOURCE local (a folder) or s3 (the same files as keys in a bucket of a local S3Proxy, bench/s3proxy.sh).
# Each round: the N*ROWS rows as one file into a fresh schema; the N files into another fresh schema; a rerun over the
# N files (all loaded, --after keep); one file of ROWS rows into a fresh schema (the fixed cost of a run).
# Prints one line per measurement: what, wall seconds, then the CPU seconds of the loader, of S3Proxy (s3 only) and of
# PostgreSQL's backends. loan-etl runs through bin/loan-etl (LAUNCHER=java: plain `java -jar`). Needs Java 17,
# Python 3, /usr/bin/time, PostgreSQL's binaries.
set -euo pipefail
N=${1:-1000}
ROWS=${2:-50}
ROUNDS=${3:-3}
ENGINE=${4:-local}
SOURCE=${5:-local}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/app/target/loan-etl.jar}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
work="$root/bench/out/small-files"
rm -rf "$work" && mkdir -p "$work/in" "$work/one" "$work/single"
. "$root/bench/private-postgres.sh"
port=55433
start_private_postgres "$work/pg" "$port"
db="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"

java -jar "$jar" generate --rows $((N * ROWS)) --out "$work/all.csv" >/dev/null
python3 - "$work" "$N" "$ROWS" <<'PY'
import csv, io, sys
work, n, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
records = list(csv.reader(io.StringIO(open(f"{work}/all.csv", newline="").read())))
at = next(i for i, r in enumerate(records) if "loan_status" in r)
header = records[at]
data = [r for r in records[at + 1:] if len(r) == len(header)]
def write(path, part):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(part)
for k in range(n):
    write(f"{work}/in/f{k:05d}.csv", data[k * rows:(k + 1) * rows])
write(f"{work}/one/all.csv", data[:n * rows])
write(f"{work}/single/single.csv", data[:rows])
PY

source_of() { # folder -> what to load
  if [ "$SOURCE" = s3 ]; then echo "s3://bench/$1"; else echo "$work/$1"; fi
}
s3_args=()
if [ "$SOURCE" = s3 ]; then
  . "$root/bench/s3proxy.sh"
  start_s3proxy 58081 bench "$work/in" "$work/one" "$work/single"
  export LOANETL_S3_REGION=us-east-1
  s3_args=(--s3-endpoint "$S3_ENDPOINT" --s3-path-style)
fi
engine_args=(--engine "$ENGINE")
[ "$ENGINE" = spark ] && engine_args+=(--spark-master "local[2]")

# CPU seconds so far of a process: its own (fields 14, 15 of /proc/PID/stat) or its exited children's (16, 17; the
# postmaster's are the finished backends), 0 without a process
hz=$(getconf CLK_TCK)
cpu_of() { # pid first-field
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
  sed 's/.*) //' "/proc/$1/stat" | awk -v f="$2" -v hz="$hz" '{ printf "%.2f", ($(f - 2) + $(f - 1)) / hz }'
}
postmaster=$(head -1 "$work/pg/postmaster.pid")

timed() { # label schema source; prints: label, wall s, the loader's CPU s, S3Proxy's CPU s, PostgreSQL's CPU s
  local label=$1 schema=$2 src=$3
  local s3_before pg_before
  s3_before=$(cpu_of "${S3PROXY_PID:-}" 14); pg_before=$(cpu_of "$postmaster" 16)
  /usr/bin/time -f "%e %U %S" -o "$work/time" "${run[@]}" load "$src" --db "$db" --schema "$schema" \
      "${engine_args[@]}" "${s3_args[@]}" >"$work/$schema.log" 2>&1 || { echo "$label: failed, see $work/$schema.log"; tail -5 "$work/$schema.log"; exit 1; }
  sleep 0.2 # the backends' exit reaches the postmaster's account
  read -r wall user sys < <(tail -1 "$work/time")
  printf '%s\t%s\tloader-cpu %.2f\ts3proxy-cpu %.2f\tpostgres-cpu %.2f\n' "$label" "$wall" \
      "$(echo "$user + $sys" | bc)" "$(echo "$(cpu_of "${S3PROXY_PID:-}" 14) - $s3_before" | bc)" \
      "$(echo "$(cpu_of "$postmaster" 16) - $pg_before" | bc)"
}

# how loan-etl is started: bin/loan-etl (the launcher: class-data sharing, the JIT's thresholds; its archive written by
# a load before the timed runs), or LAUNCHER=java for plain `java -jar`
if [ "${LAUNCHER:-bin}" = java ]; then
  run=(java -jar "$jar")
else
  export LOANETL_JAR="$jar" LOANETL_CDS_DIR="$work/cds"
  run=("$root/bin/loan-etl")
  "${run[@]}" load "$(source_of single)" --db "$db" --schema warmup "${engine_args[@]}" "${s3_args[@]}" >"$work/warmup.log" 2>&1
fi

for round in $(seq "$ROUNDS"); do
  timed "one file of $((N * ROWS)) rows" "one_$round" "$(source_of one)"
  timed "$N files of $ROWS rows" "many_$round" "$(source_of in)"
  timed "rerun over the $N loaded files" "many_$round" "$(source_of in)"
  timed "one file of $ROWS rows" "single_$round" "$(source_of single)"
done
