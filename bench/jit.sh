#!/usr/bin/env bash
# The JIT thresholds bin/loan-etl sets (docs/benchmarks.md, "The JIT on many small files"): `java -jar` with the JVM's
# defaults against `java -jar` with C2's invocation thresholds raised tenfold, interleaved, on
#   one      one file of 50,000 generated rows
#   10k      the same rows as 10,000 files of 5 rows
#   1M       the generated 1M-row file (about 1 GB; left out with SKIP_BIG=1)
# each into a fresh schema of a private PostgreSQL with durable settings. Prints: the load, the flags, wall seconds and
# the JVM's CPU seconds (user + system); with CITIME=1 also the C1 and C2 compile times (-XX:+CITime).
#
#   bench/jit.sh [ROUNDS]        (default 2; JAR=... for another jar)
set -euo pipefail
ROUNDS=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
work="$out/jit"
jar=${JAR:-$root/app/target/loan-etl.jar}
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
rm -rf "$work" && mkdir -p "$work/one" "$work/10k" "$work/1M"
. "$root/bench/private-postgres.sh"
port=55441
start_private_postgres "$work/pg" "$port"
db="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"

java -jar "$jar" generate --rows 50000 --out "$work/all.csv" >/dev/null
python3 - "$work" <<'PY'
import csv, io, sys
work = sys.argv[1]
records = list(csv.reader(io.StringIO(open(f"{work}/all.csv", newline="").read())))
at = next(i for i, r in enumerate(records) if "loan_status" in r)
header, data = records[at], [r for r in records[at + 1:] if len(r) == len(records[at])]
def write(path, part):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows(part)
for k in range(10000):
    write(f"{work}/10k/f{k:05d}.csv", data[k * 5:(k + 1) * 5])
write(f"{work}/one/all.csv", data)
PY
loads=(one 10k)
if [ -z "${SKIP_BIG:-}" ]; then
  big="$out/loans-1000000.csv"
  [ -f "$big" ] || java -jar "$jar" generate --rows 1000000 --seed 42 --bad-share 0.01 --out "$big" >&2
  ln -f "$big" "$work/1M/" 2>/dev/null || cp "$big" "$work/1M/"
  loads+=(1M)
fi

tenfold="-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000"
n=0
for round in $(seq "$ROUNDS"); do
  for load in "${loads[@]}"; do
    for flags in default tenfold; do
      n=$((n + 1))
      opts=()
      [ "$flags" = tenfold ] && read -ra opts <<<"$tenfold"
      [ -n "${CITIME:-}" ] && opts+=(-XX:+UnlockDiagnosticVMOptions -XX:+CITime)
      /usr/bin/time -f "%e %U %S" -o "$work/time" java "${opts[@]}" -jar "$jar" load "$work/$load" --db "$db" \
          --schema "jit_$n" >"$work/jit_$n.log" 2>&1 || { echo "$load $flags: failed, see $work/jit_$n.log"; exit 1; }
      read -r wall user sys < <(tail -1 "$work/time")
      compile=""
      [ -n "${CITIME:-}" ] && compile=$(grep -E "C[12] Compile Time" "$work/jit_$n.log" | awk '{printf "\t%s %s", $1, $4}')
      printf '%s\t%s\twall %s\tcpu %.2f%s\n' "$load" "$flags" "$wall" "$(echo "$user + $sys" | bc)" "$compile"
    done
  done
done
