#!/usr/bin/env bash
# The picture in docs/operations.md ("What it looks like"): what Prometheus shows after a few loan-etl runs pushed
# their metrics to a Pushgateway.
#   bench/dashboard-picture.sh [JAR] [OUT.png]
#     JAR     the loan-etl jar (default app/target/loan-etl.jar)
#     OUT     where the screenshot goes (default docs/operations-prometheus.png)
# Starts, on free loopback ports and with everything under one temporary folder: a private PostgreSQL
# (bench/private-postgres.sh), a Pushgateway, and a Prometheus that scrapes it every 2 s with honor_labels. Then,
# about 20 s apart, with LOANETL_METRICS_GROUPING_KEY=instance=nightly:
#   run 1  loads 3 generated files of 20,000 rows
#   run 2  loads 2 more, and a real file whose footer does not add up (fixtures/real/loanstats-2016Q2-...)
#   run 3  reruns over all 6 (skips them all)
#   run 4  loads one large file, and the database is stopped under it (--wait-for-database 0): the run fails
#          (exit 1), pushes outcome "fail" and keeps the last success
# and screenshots Prometheus's graph page with headless Chromium. Stops everything it started when it exits.
# Needs Java 17, Python 3, curl, PostgreSQL's server binaries, and the Debian packages prometheus,
# prometheus-pushgateway, chromium and pngquant (installed with apt-get when missing and run as root). Takes ~2 minutes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$(realpath "${1:-$root/app/target/loan-etl.jar}")
out=$(realpath -m "${2:-$root/docs/operations-prometheus.png}")
[ -f "$jar" ] || { echo "no jar at $jar (build it: ./mvnw -DskipTests package)" >&2; exit 2; }

missing=()
for p in prometheus prometheus-pushgateway chromium pngquant; do   # each package's command has its name
  command -v "$p" >/dev/null || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: ${missing[*]} (apt-get install them, or run as root)" >&2; exit 2; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/loan-etl-dashboard.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pg_port=$(free_port); pgw_port=$(free_port); prom_port=$(free_port)
pids=()
. "$root/bench/private-postgres.sh"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$work/pg/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1
  rm -rf "$work"
}
start_private_postgres "$work/pg" "$pg_port"
trap cleanup EXIT   # replaces the trap start_private_postgres set; cleanup stops PostgreSQL too
db="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"

wait_ready() { for _ in $(seq 100); do curl -sf "$1" >/dev/null && return; sleep 0.2; done; echo "$1 never came up" >&2; exit 1; }
# --persistence.file= : Debian's default keeps groups in /var/lib/prometheus/pushgateway.data, shared by every run
prometheus-pushgateway --web.listen-address="127.0.0.1:$pgw_port" --persistence.file= >"$work/pushgateway.log" 2>&1 &
pids+=($!)
cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
scrape_configs:
  - job_name: pushgateway
    honor_labels: true          # keep the job/instance labels loan-etl pushed
    static_configs:
      - targets: ['127.0.0.1:$pgw_port']
EOF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$pgw_port/-/ready"
wait_ready "http://127.0.0.1:$prom_port/-/ready"

mkdir -p "$work/in"
for i in 1 2 3 4 5; do
  java -jar "$jar" generate --rows 20000 --seed "$i" --out "$work/gen-$i.csv" >/dev/null
done
java -jar "$jar" generate --rows 200000 --seed 6 --out "$work/gen-6.csv" >/dev/null
export LOANETL_METRICS_GROUPING_KEY=instance=nightly
run() {  # run NAME EXPECTED_EXIT ARGS...: one loan-etl load into schema demo, pushing to the Pushgateway
  local name=$1 expected=$2 rc=0; shift 2
  java -jar "$jar" load "$work/in" --schema demo --when-no-credit-score skip-filter \
    --pushgateway "http://127.0.0.1:$pgw_port" "$@" >"$work/$name.log" 2>&1 || rc=$?
  echo "$name: exit $rc"
  [ "$rc" = "$expected" ] || { echo "$name: expected exit $expected" >&2; cat "$work/$name.log" >&2; exit 1; }
}

started=$(date +%s)
sleep 5
mv "$work"/gen-{1,2,3}.csv "$work/in/"
run run1 0 --db "$db"
sleep 20
mv "$work"/gen-{4,5}.csv "$work/in/"
cp "$root/fixtures/real/loanstats-2016Q2-99col-excel-footers.csv" "$work/in/"
run run2 0 --db "$db"                             # the footer mismatch only warns (--control-totals warn)
sleep 20
run run3 0 --db "$db"                             # everything loaded before: all 6 skipped
sleep 20
mv "$work/gen-6.csv" "$work/in/"
run run4 1 --db "$db" --wait-for-database 0 &     # a database lost mid-run: the file fails at once
running='loanetl_last_run_outcome{instance="nightly",job="loan-etl",outcome="running"} 1'
for _ in $(seq 300); do curl -s "http://127.0.0.1:$pgw_port/metrics" | grep -qF "$running" && break; sleep 0.2; done
sleep 2                                           # into the load (a database down at the start pushes nothing)
as_pg "$PGBIN/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null
wait $!
sleep 30                                          # the age of the last success keeps climbing

# the graph page, one panel per query, over the whole scenario
range=$(( $(date +%s) - started + 8 ))s
url="http://127.0.0.1:$prom_port/graph?"
n=0
for expr in 'loanetl_rows_loaded_total' \
            'loanetl_files_total' \
            'loanetl_last_run_outcome{outcome="fail"}' \
            'time() - loanetl_last_success_timestamp_seconds'; do
  q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$expr")
  url+="g$n.expr=$q&g$n.tab=0&g$n.range_input=$range&"
  n=$((n + 1))
done
sleep 3                                           # a last scrape
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium" \
  --screenshot="$work/shot.png" --window-size=1280,2975 --virtual-time-budget=10000 "$url" \
  >"$work/chromium.log" 2>&1
pngquant --force --quality 60-90 --output "$out" "$work/shot.png"
echo "wrote $out ($(stat -c %s "$out") bytes); graph page: $url"
