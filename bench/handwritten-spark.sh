#!/usr/bin/env bash
# A hand-written Spark SQL job (bench/handwritten-spark: read.csv multiLine -> casts by column kind -> filters ->
# write.jdbc, local[2]) against loan-etl's in-process load of the same raw file, into the same private PostgreSQL.
# Prints one line per run and contender, and writes the same figures to bench/out/results/handwritten-spark.tsv for
# bench/report.py.
#   bench/handwritten-spark.sh [ROWS] [RUNS]      (defaults: 1000000 rows, 1 run)
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${2:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/bench/out"
jar="$root/app/target/loan-etl.jar"
data="$out/loans-$ROWS.csv"
mkdir -p "$out"
[ -f "$data" ] || java -jar "$jar" generate --rows "$ROWS" --seed 42 --bad-share 0.01 --out "$data" >&2
(cd "$root" && ./mvnw -q -B -pl domain -am install -DskipTests)
(cd "$root" && ./mvnw -q -B -f bench/handwritten-spark/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile="$out/handwritten-cp.txt")
cp="$root/bench/handwritten-spark/target/handwritten-spark-1.jar:$(cat "$out/handwritten-cp.txt")"
opens="-XX:+IgnoreUnrecognizedVMOptions"
for p in java.base/java.lang java.base/java.lang.invoke java.base/java.lang.reflect java.base/java.io java.base/java.net \
         java.base/java.nio java.base/java.util java.base/java.util.concurrent java.base/java.util.concurrent.atomic \
         java.base/jdk.internal.ref java.base/sun.nio.ch java.base/sun.nio.cs java.base/sun.security.action \
         java.base/sun.util.calendar java.security.jgss/sun.security.krb5; do opens="$opens --add-opens=$p=ALL-UNNAMED"; done
. "$root/bench/private-postgres.sh"
. "$root/bench/results.sh"
port=${PGPORT:-55436}
start_private_postgres "$out/pgdata-spark" "$port"
url="jdbc:postgresql://127.0.0.1:$port/postgres"
q() { psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -c "$1"; }
results_begin handwritten-spark "bench/handwritten-spark.sh $ROWS $RUNS"
results_meta postgresql "$(postgres_version "$PGBIN/postgres")"
# the Spark the job ran with, as its jar on the classpath names it (e.g. spark-sql_2.12-3.5.9)
results_meta spark "$(tr ':' '\n' <"$out/handwritten-cp.txt" | sed -n 's|.*/\(spark-sql_[^/]*\)\.jar$|\1|p' | head -1)"
results_meta rows "$ROWS"
results_meta file "$(basename "$data")"
results_meta file_bytes "$(stat -c %s "$data")"
results_row run contender wall_s loaded rejected
printf "%-4s %-28s %8s %10s\n" run contender wall_s loaded
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  java -jar "$jar" load "$data" --db "$url?user=postgres" --schema "lc$run" --threads 1 >"$out/last.log" 2>&1
  end=$(date +%s.%N)
  read -r loaded rejected < <(q "SELECT loaded || ' ' || rejected FROM lc$run.loaded_files WHERE source NOT LIKE '%#bytes=%'")
  wall=$(printf %.2f "$(echo "$end - $start" | bc -l)")
  printf "%-4s %-28s %8.2f %10s\n" "$run" "loan-etl in-process" "$wall" "$loaded"
  results_row "$run" "loan-etl in-process" "$wall" "$loaded" "$rejected"
  start=$(date +%s.%N)
  SPARK_LOCAL_IP=127.0.0.1 java $opens -cp "$cp" bench.HandwrittenSparkJob "$data" "$url" "hand_$run" >"$out/handwritten-$run.log" 2>&1
  end=$(date +%s.%N)
  wall=$(printf %.2f "$(echo "$end - $start" | bc -l)")
  loaded=$(q "SELECT count(*) FROM hand_$run")
  printf "%-4s %-28s %8.2f %10s\n" "$run" "hand-written Spark job" "$wall" "$loaded"
  # the job keeps no rejects: a bad value becomes NULL, so it has no count to give
  results_row "$run" "hand-written Spark job" "$wall" "$loaded" ""
done
results_end
