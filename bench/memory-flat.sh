#!/usr/bin/env bash
# Peak resident memory of the in-process engine on a ~100 MB and a ~2 GB file, with the JVM's default heap and with
# a 256 MB heap (JDK_JAVA_OPTIONS), loading into the embedded PostgreSQL (a separate process, not counted).
# Besides its table, writes the figures to bench/out/results/memory-flat.tsv for bench/report.py.
#   bench/memory-flat.sh [SMALL_ROWS LARGE_ROWS]      (defaults: 105000 and 2200000 rows, ~100 MB and ~2 GB)
set -euo pipefail
small=${1:-105000}
large=${2:-2200000}
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/app/target/loan-etl.jar"
out="$root/bench/out"
mkdir -p "$out"
. "$root/bench/results.sh"
[ -f "$out/loans-$small.csv" ] || java -jar "$jar" generate --rows "$small" --seed 5 --out "$out/loans-$small.csv" >&2
[ -f "$out/loans-$large.csv" ] || java -jar "$jar" generate --rows "$large" --seed 6 --out "$out/loans-$large.csv" >&2
export LOANETL_NO_PROGRESS=1
home=
trap 'rm -rf "$home"' EXIT   # a load that fails leaves no embedded database behind in /tmp
results_begin memory-flat "bench/memory-flat.sh $small $large"
results_row file rows bytes heap wall_s peak_mb
printf "%-22s %8s %-18s %8s %8s\n" file MB heap wall_s peak_MB
for heap in default -Xmx256m; do
  for rows in "$small" "$large"; do
    file="$out/loans-$rows.csv"
    home=$(mktemp -d)
    if [ "$heap" = default ]; then unset JDK_JAVA_OPTIONS; else export JDK_JAVA_OPTIONS="$heap"; fi
    /usr/bin/time -f "%e %M" -o "$out/mem.txt" java -jar "$jar" load "$file" --home "$home" --threads 1 >/dev/null 2>&1
    read -r wall kb <"$out/mem.txt"
    printf "%-22s %8d %-18s %8.1f %8d\n" "$(basename "$file")" $(( $(stat -c %s "$file") / 1048576 )) "$heap" "$wall" $((kb / 1024))
    # the embedded server's binaries are unpacked into the home folder: its version, before the folder goes
    if [ -z "${pg_version:-}" ]; then
      pg_version=$(postgres_version "$(ls "$home"/pg/*/bin/postgres | head -1)")
      results_meta postgresql "$pg_version (embedded)"
    fi
    results_row "$(basename "$file")" "$rows" "$(stat -c %s "$file")" "$heap" "$wall" $((kb / 1024))
    rm -rf "$home"
  done
done
results_end
