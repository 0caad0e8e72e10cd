# Sourced by the bench scripts. Besides the table each prints, a script writes its figures to
# bench/out/results/NAME.tsv so that bench/report.py can put them into docs/benchmarks.md without anyone copying
# numbers by hand. The file starts with "# key<TAB>value" lines saying what ran where (command, date, machine, Java,
# PostgreSQL), then one header line and one tab-separated line per run and contender.
#
#   results_begin NAME COMMAND   start the file (needs $out)     results_meta KEY VALUE   one more "# key" line
#   results_row FIELD...         one line of figures             results_end              publish the file
#
# The figures go to NAME.tsv.part first and are renamed only by results_end, so a run that fails or is interrupted
# leaves no half-written result for the report to take as a finished one.

results_begin() {
  local name=$1 command=$2
  mkdir -p "$out/results"
  results_file="$out/results/$name.tsv"
  results_part="$results_file.part"
  rm -f "$results_part"
  results_meta bench "$name"
  results_meta command "$command"
  # bench/run-all.sh says it ran this script, so the documentation can give the one command to repeat everything
  [ -z "${BENCH_VIA:-}" ] || results_meta via "$BENCH_VIA"
  results_meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  results_meta nproc "$(nproc)"
  results_meta cpu "$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//')"
  results_meta memory_kib "$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
  # the second line of `java -version` names the runtime and its exact build
  results_meta java "$(java -version 2>&1 | sed -n 2p)"
}

results_meta() { printf '# %s\t%s\n' "$1" "$2" >>"$results_part"; }

results_row() { local IFS=$'\t'; printf '%s\n' "$*" >>"$results_part"; }

results_end() { mv "$results_part" "$results_file"; }

# "PostgreSQL 15.18 (Debian 15.18-0+deb12u1)" from a server binary: the version a benchmark actually ran against
postgres_version() { "$1" --version | sed 's/^postgres (PostgreSQL) /PostgreSQL /'; }
