#!/usr/bin/env bash
# Trains wsroute's AOT caches (JDK 25: JEP 483 class loading and linking, JEP 514 one-step creation, JEP 515 method
# profiles) on real work, so a later start maps what this one loaded, linked and profiled:
#   OUT/wsroute.aot  the server: start-up, the informers (and their sync when KUBECONFIG names a cluster), a few
#                    hundred admissions of each kind on both Ingress endpoints and the ConfigMap endpoint; classes
#                    loaded and linked, without JEP 515's method profiles unless SERVER_PROFILES=true: the whole
#                    cache stays resident, and the profiles cost about 9 MiB of idle RSS for no start-up gain
#                    measured (BENCHMARKS.md)
#   OUT/lint.aot     lint over the examples, repeated so its hot paths get profiled
# The same script trains the container image's caches (src/main/docker/Dockerfile.jvm), hack/run-local.sh's and the
# footprint benchmark's. A cache only serves a JVM of the same build, the same jar and the same object layout, so
# JAVA_OPTIONS must hold what the runtime will use that changes them (README "Requirements": -XX:+UseCompactObjectHeaders).
#
# usage: hack/aot-train.sh OUT_DIR
# env:   JAVA          a JDK 25+ java (default: java on PATH)
#        APP           the application directory (default: target/quarkus-aot-app, the image's aot-jar build: with
#                      every jar on the JVM's class path the cache holds the application's classes too; Quarkus's
#                      fast-jar class loader, target/quarkus-app, is one the cache cannot serve)
#        TRAINING      a directory holding src/test/resources/admission/*.json and deploy/examples/ (default: the repository)
#        JAVA_OPTIONS  JVM options of the runtime (default: -XX:+UseCompactObjectHeaders)
#        ROUNDS        admissions per review body and endpoint (default: 200)
#        KUBECONFIG    when set, the server trains against that cluster (informer sync); otherwise against none
#        SERVER_PROFILES  true: keep JEP 515's method profiles in the server cache too (default false)
set -euo pipefail

out="${1:?usage: hack/aot-train.sh OUT_DIR}"
here="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA:-java}"
app="${APP:-$here/target/quarkus-aot-app}"
training="${TRAINING:-$here}"
rounds="${ROUNDS:-200}"
read -r -a options <<< "${JAVA_OPTIONS:--XX:+UseCompactObjectHeaders}"
say() { echo "aot-train: $*"; }

version=$("$java" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ -z "$version" ] || [ "$version" -lt 25 ]; then
  say "$java is Java ${version:-unknown}; AOT caches need JDK 25 or newer" >&2
  exit 2
fi
mkdir -p "$out"
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo 18480)
cluster=()
if [ -z "${KUBECONFIG:-}" ]; then
  # no cluster: the informers start and retry in the background, the webhooks serve on defaults (README)
  cluster=(-Dquarkus.kubernetes-client.api-server-url=https://127.0.0.1:1)
fi

# The webhooks are served over HTTPS as deployed, so the TLS handshake and record paths get trained too; without
# openssl to make a throw-away certificate, over plain HTTP (still the same admission code).
tls=()
scheme=http
admission_port=$port
if command -v openssl >/dev/null 2>&1; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
  admission_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo 18443)
  tls=(-Dwsroute.tls.cert="$work/tls.crt" -Dwsroute.tls.key="$work/tls.key" -Dquarkus.http.ssl-port="$admission_port")
  scheme=https
fi

say "training the server cache with $("$java" -version 2>&1 | head -1), admissions over $scheme"
rm -f "$out/wsroute.aot"
profiles=()
[ "${SERVER_PROFILES:-false}" = true ] || profiles=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining)
"$java" "${options[@]}" "${profiles[@]}" -XX:AOTCacheOutput="$out/wsroute.aot" -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$port" -Dwsroute.probe.mode=off "${tls[@]}" "${cluster[@]}" -jar "$app/quarkus-run.jar" \
  > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null || { tail -n 30 "$work/server.log" >&2; exit 1; }

# One curl process sends every request of a round (a config file, one block per request), so the training is the
# server's work, not process starts.
config="$work/requests.curl"
: > "$config"
for body in "$training"/src/test/resources/admission/*.json; do
  if grep -q '"kind": *"ConfigMap"' "$body"; then endpoints=(configmap/validate); else endpoints=(ingress/validate ingress/mutate); fi
  for endpoint in "${endpoints[@]}"; do
    [ -s "$config" ] && echo next >> "$config"
    printf 'url = "%s://127.0.0.1:%s/admission/%s"\ninsecure\nheader = "Content-Type: application/json"\ndata-binary = "@%s"\noutput = "/dev/null"\n' \
      "$scheme" "$admission_port" "$endpoint" "$body" >> "$config"
  done
done
# the HTTPS listener and the certificate can come a moment after the health endpoint
for _ in $(seq 1 60); do curl -sf --config "$config" && break; sleep 0.5; done
failed=0
for _ in $(seq 1 "$rounds"); do curl -sf --config "$config" || failed=$((failed + 1)); done
[ "$failed" -lt "$rounds" ] || { tail -n 30 "$work/server.log" >&2; say "every admission round failed" >&2; exit 1; }
curl -s "http://127.0.0.1:$port/q/metrics" -o /dev/null || true
say "$(grep -c '^url' "$config") reviews x $rounds rounds sent ($failed rounds with a failed request); stopping the server (the JVM writes the cache as it exits)"
kill -TERM "$server"
wait "$server" || true
server=""
[ -s "$out/wsroute.aot" ] || { tail -n 30 "$work/server.log" >&2; say "no server cache written" >&2; exit 1; }

say "training the lint cache"
rm -f "$out/lint.aot"
for i in $(seq 1 50); do
  for f in "$training"/deploy/examples/*.yaml; do printf -- '---\n'; sed "s/name: \(.*\)/name: \1-$i/" "$f"; done
done > "$work/manifests.yaml"
status=0
"$java" "${options[@]}" -XX:AOTCacheOutput="$out/lint.aot" -jar "$app/quarkus-run.jar" lint "$work/manifests.yaml" \
  > "$work/lint.log" 2>&1 || status=$?
# lint exits 1 on error findings, which the examples hold on purpose; 2 would be bad input
[ "$status" -le 1 ] || { tail -n 30 "$work/lint.log" >&2; exit 1; }
[ -s "$out/lint.aot" ] || { say "no lint cache written" >&2; exit 1; }
say "wrote $out/wsroute.aot ($(du -h "$out/wsroute.aot" | cut -f1)) and $out/lint.aot ($(du -h "$out/lint.aot" | cut -f1))"
