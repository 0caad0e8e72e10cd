# Sourced by the bench scripts: start_private_postgres DIR PORT starts a throwaway PostgreSQL cluster (the machine's
# server binaries, default durable settings, trust auth on loopback) in DIR on PORT, stopped when the script exits.
# PostgreSQL will not run as root, so as root it runs as the postgres user. Sets PGBIN.
start_private_postgres() {
  local pgdata=$1 port=$2
  PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [ -x "$PGBIN/postgres" ] || { echo "no PostgreSQL server binaries found; set PGBIN" >&2; exit 2; }
  rm -rf "$pgdata"; mkdir -p "$pgdata"
  [ "$(id -u)" = 0 ] && chown postgres "$pgdata" "$(dirname "$pgdata")"
  as_pg "$PGBIN/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$pgdata" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$pgdata.log" -w start >/dev/null
  trap "as_pg '$PGBIN/pg_ctl' -D '$pgdata' -m fast -w stop >/dev/null" EXIT
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
