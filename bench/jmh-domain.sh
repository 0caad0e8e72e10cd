#!/usr/bin/env bash
# The domain's rows per second per core (JMH, one thread): read, cast, filter, over real-header rows.
#   bench/jmh-domain.sh [JMH options...]      e.g. bench/jmh-domain.sh -wi 2 -i 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p "$root/bench/out"
./mvnw -q -B -pl domain -am install -DskipTests
./mvnw -q -B -pl domain dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$root/bench/out/domain-cp.txt"
java -Dloanetl.fixtures="$root/fixtures" -cp "domain/target/test-classes:domain/target/classes:$(cat "$root/bench/out/domain-cp.txt")" \
    org.openjdk.jmh.Main RowsPerSecondBenchmark -t 1 "$@"
