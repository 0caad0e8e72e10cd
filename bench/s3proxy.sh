# Sourced by the bench scripts: start_s3proxy PORT BUCKET DIR... starts S3Proxy (from the adapters-aws test classes and
# their Maven classpath) on 127.0.0.1:PORT, with every file under each DIR put into BUCKET as <DIR's name>/<path>; it
# stops when the script exits. Sets S3_ENDPOINT and exports the keys loan-etl logs in with.
start_s3proxy() {
  local port=$1 bucket=$2; shift 2
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  local cp="$root/bench/out/s3proxy.classpath"
  (cd "$root" && ./mvnw -q -B install -DskipTests -pl domain,adapters-aws -am >/dev/null \
     && ./mvnw -q -B dependency:build-classpath -pl adapters-aws -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null)
  mkfifo "$root/bench/out/s3proxy.in" 2>/dev/null || true
  java -cp "$root/adapters-aws/target/test-classes:$root/adapters-aws/target/classes:$(cat "$cp")" \
      org.loanetl.aws.s3.testing.BenchS3Server "$port" "$bucket" "$@" <"$root/bench/out/s3proxy.in" >"$root/bench/out/s3proxy.log" 2>&1 &
  S3PROXY_PID=$!
  exec 9>"$root/bench/out/s3proxy.in"   # holds the server's stdin open; closing it at exit stops the server
  until grep -q ready "$root/bench/out/s3proxy.log" 2>/dev/null; do
    kill -0 "$S3PROXY_PID" 2>/dev/null || { echo "S3Proxy did not start:"; cat "$root/bench/out/s3proxy.log"; exit 1; }
    sleep 0.5
  done
  S3_ENDPOINT="http://127.0.0.1:$port"
  export LOANETL_S3_ACCESS_KEY_ID=loanetl-test-key LOANETL_S3_SECRET_ACCESS_KEY=S3cr3t-must-NEVER-be-printed-7f2c
  export AWS_REGION=us-east-1
}
