#!/usr/bin/env bash
# The domain's rows per second per core (JMH, one thread): read, cast, filter, over real-header rows.
# Besides JMH's own table, writes the figures to bench/out/results/jmh-domain.tsv for bench/report.py, converted from
# the CSV that JMH writes itself (bench/out/jmh-domain.csv, -rf csv -rff: this script sets those two options).
#   bench/jmh-domain.sh [JMH options...]      e.g. bench/jmh-domain.sh -wi 2 -i 3
# Needs Java 17, Maven's wrapper (it builds the domain module first) and Python 3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
csv="$out/jmh-domain.csv"
for arg in "$@"; do
  case "$arg" in
    -rf|-rf=*|-rff|-rff=*) echo "bench/jmh-domain.sh writes JMH's results to $csv itself; leave out $arg" >&2; exit 2 ;;
  esac
done
# Unless told otherwise, a benchmark that throws makes JMH exit non-zero instead of leaving its line out of the results
foe=(-foe true)
for arg in "$@"; do case "$arg" in -foe|-foe=*) foe=() ;; esac; done
cd "$root"
mkdir -p "$out"
. "$root/bench/results.sh"
./mvnw -q -B -pl domain -am install -DskipTests
./mvnw -q -B -pl domain dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/domain-cp.txt"
cp=$(cat "$out/domain-cp.txt")
results_begin jmh-domain "bench/jmh-domain.sh${*:+ $*}"
jmh=$(tr ':' '\n' <<<"$cp" | sed -n 's|.*/jmh-core-\(.*\)\.jar$|JMH \1|p' | head -1)
[ -z "$jmh" ] || results_meta jmh "$jmh"
rm -f "$csv"
java -Dloanetl.fixtures="$root/fixtures" -cp "domain/target/test-classes:domain/target/classes:$cp" \
    org.openjdk.jmh.Main RowsPerSecondBenchmark -t 1 "${foe[@]}" -rf csv -rff "$csv" "$@"
# JMH writes no results when told only to list or explain (-l, -lp, -h): then there is nothing to publish
if [ ! -f "$csv" ]; then rm -f "$results_part"; exit 0; fi
# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit" and one "Param: NAME" column
# per @Param. One line per benchmark and parameters: the benchmark without its package, each parameter under its own
# name, then mode, threads, samples (measurement iterations times forks), score, error (99.9%) and unit.
python3 - "$csv" >>"$results_part" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='') as f:
    rows = list(csv.DictReader(f))
if not rows:
    sys.exit(f'{sys.argv[1]}: no results')
params = [c for c in rows[0] if c.startswith('Param: ')]
print('\t'.join(['benchmark', *(p.removeprefix('Param: ') for p in params),
                 'mode', 'threads', 'samples', 'score', 'error', 'unit']))
for r in rows:
    figure = lambda v: 'NaN' if v.strip().lower() == 'nan' else f'{float(v):.3f}'
    print('\t'.join(['.'.join(r['Benchmark'].split('.')[-2:]),
                     *(r[p] for p in params), r['Mode'], r['Threads'], r['Samples'],
                     figure(r['Score']), figure(r['Score Error (99.9%)']), r['Unit']]))
EOF
results_end
