#!/usr/bin/env bash
# Runs the benchmarks of docs/benchmarks.md and rewrites that page's generated sections, bench/results-1m.tsv and
# docs/benchmarks.svg from what they measured (bench/report.py), so that no figure there is copied by hand.
#
#   bench/run-all.sh [--skip=LIST] [ROWS] [RUNS]      (defaults: 1000000 rows, 3 runs)
#
# On one generated file of ROWS rows, each RUNS times and interleaved: loan-etl against COPY of the clean rows (copy),
# against pgloader (pgloader) and against the hand-written Spark job (spark). Then the Spark engine against the
# in-process engine on 8 files of ROWS/20 rows each (sparkengine; BENCH_SPARK_ROWS to choose), and peak memory on a
# file of ROWS*0.105 and one of ROWS*2.2 rows (memory; BENCH_MEMORY_ROWS="SMALL LARGE" to choose): at the default ROWS
# these are the documented 50,000-row files, and ~100 MB and ~2 GB. Last, the domain's rows per second per core
# under JMH (jmh; bench/jmh-domain.sh -wi 2 -i 5, about 45 s after building the domain module with Maven; ROWS and
# RUNS do not apply, BENCH_JMH_OPTIONS="JMH options" to choose others).
# LIST, or BENCH_SKIP=LIST, is a comma-separated list of those names to leave out; their sections stay as they were.
# Needs what the scripts need: Java 17, PostgreSQL's server binaries, pgloader, /usr/bin/time, bc, Python 3, and
# Maven's wrapper for the hand-written Spark job and for JMH, whose scripts build before they run.
set -euo pipefail
skip=${BENCH_SKIP:-}
case "${1:-}" in --skip=*) skip=${1#--skip=}; shift ;; esac
ROWS=${1:-1000000}
RUNS=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
jar="$root/app/target/loan-etl.jar"

known=(copy pgloader spark sparkengine memory jmh)
for name in ${skip//,/ }; do
  [[ " ${known[*]} " == *" $name "* ]] || { echo "unknown benchmark '$name' to skip; known: ${known[*]}" >&2; exit 2; }
done
skipped() { [[ ",$skip," == *",$1,"* ]]; }
# whether any of the named contests is to run
any_runs() { local name; for name; do skipped "$name" || return 0; done; return 1; }

mkdir -p "$out"
# the application's jar, for every contest but jmh (which builds and runs the domain module's test classes)
if any_runs copy pgloader spark sparkengine memory && [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package)
fi
# Only this run's results may reach the page: an older result of a contest skipped now would otherwise be reported as
# new. The previous ones are kept aside, not deleted, in case they are wanted.
rm -rf "$out/results.previous"
[ ! -d "$out/results" ] || mv "$out/results" "$out/results.previous"

# One data file for the three contests on ROWS rows, made here once (the scripts make the same one if it is missing)
data="$out/loans-$ROWS.csv"
if any_runs copy pgloader spark && [ ! -f "$data" ]; then
  java -jar "$jar" generate --rows "$ROWS" --seed 42 --bad-share 0.01 --out "$data" >&2
fi

# Each script records this in its results, so the page can say which single command produced a section
export BENCH_VIA="${skip:+BENCH_SKIP=$skip }bench/run-all.sh $ROWS $RUNS"

ran=() failed=()
# One contest at a time, never two at once: on a small machine they would take each other's cores. A contest that
# fails does not stop the others; its section stays as it was and this script exits non-zero at the end.
contest() {
  local name=$1; shift
  if skipped "$name"; then echo "== $name: skipped"; return; fi
  echo "== $name: bench/$*"
  local start=$SECONDS
  local rc=0
  "$root/bench/$@" || rc=$?
  if [ "$rc" = 0 ]; then ran+=("$name"); echo "== $name: done in $((SECONDS - start)) s"
  else failed+=("$name"); echo "== $name: FAILED (exit $rc)" >&2; fi
}

contest copy in-process-vs-copy.sh "$ROWS" "$RUNS"
contest pgloader pgloader-vs-loan-etl.sh "$ROWS" "$RUNS"
contest spark handwritten-spark.sh "$ROWS" "$RUNS"
# the work folder holds 8 generated files and a database: not worth keeping after every run
BENCH_REMOVE_WORK=1 contest sparkengine spark-vs-in-process.sh "${BENCH_SPARK_ROWS:-$((ROWS / 20))}" "$RUNS"
read -r small large <<<"${BENCH_MEMORY_ROWS:-$((ROWS * 105 / 1000)) $((ROWS * 22 / 10))}"
contest memory memory-flat.sh "$small" "$large"
# JMH's options, split into words on purpose
# shellcheck disable=SC2086
contest jmh jmh-domain.sh ${BENCH_JMH_OPTIONS:--wi 2 -i 5}

echo "== report"
python3 "$root/bench/report.py"
echo "== ran: ${ran[*]:-none}; skipped: ${skip:-none}; failed: ${failed[*]:-none}"
[ ${#failed[@]} -eq 0 ]
