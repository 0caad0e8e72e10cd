#!/usr/bin/env bash
# Peak resident memory of the in-process engine on a ~100 MB and a ~2 GB file, with the JVM's default heap and with
# a 256 MB heap (JDK_JAVA_OPTIONS), loading into the embedded PostgreSQL (a separate process, not counted).
#   bench/memory-flat.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/app/target/loan-etl.jar"
out="$root/bench/out"
mkdir -p "$out"
[ -f "$out/loans-105000.csv" ] || java -jar "$jar" generate --rows 105000 --seed 5 --out "$out/loans-105000.csv" >&2
[ -f "$out/loans-2200000.csv" ] || java -jar "$jar" generate --rows 2200000 --seed 6 --out "$out/loans-2200000.csv" >&2
export LOANETL_NO_PROGRESS=1
printf "%-22s %8s %-18s %8s %8s\n" file MB heap wall_s peak_MB
for heap in default -Xmx256m; do
  for rows in 105000 2200000; do
    file="$out/loans-$rows.csv"
    home=$(mktemp -d)
    if [ "$heap" = default ]; then unset JDK_JAVA_OPTIONS; else export JDK_JAVA_OPTIONS="$heap"; fi
    /usr/bin/time -f "%e %M" -o "$out/mem.txt" java -jar "$jar" load "$file" --home "$home" --threads 1 >/dev/null 2>&1
    read -r wall kb <"$out/mem.txt"
    printf "%-22s %8d %-18s %8.1f %8d\n" "$(basename "$file")" $(( $(stat -c %s "$file") / 1048576 )) "$heap" "$wall" $((kb / 1024))
    rm -rf "$home"
  done
done
