#!/usr/bin/env bash
# Benchmarks (BENCHMARKS.md). One command each, figures on stdout; not part of ./mvnw -B verify, whose
# BenchSmokeIT and ReconcileScaleIT run the same harnesses at a tiny size.
#   bash hack/bench.sh admission        latency/throughput of the webhooks over HTTPS vs the framework floor
#   bash hack/bench.sh footprint        start-up to serving webhooks and idle RSS, java -jar and as deployed
#   bash hack/bench.sh lint [N]         lint of a generated N-Ingress manifest (default 10000)
#   bash hack/bench.sh reconcile [N]    N WebSocketRoutes against the real kube-apiserver (default 1000), wsroute
#                                       as its own process: reconciles and CPU per route, the API server's floor
#   bash hack/bench.sh reconcile-it [N] the same load with wsroute inside the test JVM (ReconcileScaleIT: API
#                                       requests per route, heap per route)
# Knobs: BENCH_SECONDS (per admission run, default 15), BENCH_RATE (fixed rate, default 1000),
# BENCH_AS_DEPLOYED=true (server JVM with the image's and chart's settings), BENCH_JFR=true (reconcile: a JFR
# profile of wsroute over the creates), BENCH_BASELINE=JAR (admission, lint, footprint and reconcile: another build's
# quarkus-run.jar in the same run; reconcile measures it first against the same API server; footprint trains its own
# cache for it and deploys it with BENCH_BASELINE_GC=parallel|serial and BENCH_BASELINE_JVM="...", e.g. the
# ParallelGC sizing before SerialGC: FootprintBench.PARALLEL_SIZING_BEFORE; BENCH_BASELINE_PROFILES=true trains its
# server cache with JEP 515's method profiles, as before hack/aot-train.sh left them out), BENCH_RUNS (footprint,
# default 3), BENCH_WSROUTE_OPTIONS="-D... -XX:..." (reconcile: more options for every wsroute it starts), BENCH_AOT=true
# (reconcile: then the same build again as the image runs it, with the AOT cache hack/aot-train.sh trains).
# The machine is shared: runs take /tmp/wsroute-heavy.lock (as the team's heavy runs do) unless BENCH_NO_LOCK=1.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:?usage: bash hack/bench.sh admission|footprint|lint|reconcile|reconcile-it [N]}"
lock=(flock /tmp/wsroute-heavy.lock)
[[ "${BENCH_NO_LOCK:-}" == 1 ]] && lock=()

if [[ "$what" == reconcile-it ]]; then
  exec "${lock[@]}" nice ./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ReconcileScaleIT -Dbench.routes="${2:-1000}" -Dcyclonedx.skip=true
fi

# the packaged jar and the compiled harness, then a plain JVM for the load generator (no Maven, no JUnit around it)
./mvnw -B -q package -DskipTests -Dcyclonedx.skip=true
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
case "$what" in
  admission) exec "${lock[@]}" java -cp "$cp" -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.rate="${BENCH_RATE:-1000}" -Dbench.asDeployed="${BENCH_AS_DEPLOYED:-false}" \
               -Dbench.baseline="${BENCH_BASELINE:-}" \
               io.wsroute.bench.AdmissionBench ;;
  footprint) exec "${lock[@]}" java -cp "$cp" -Dbench.runs="${BENCH_RUNS:-3}" -Dbench.baseline="${BENCH_BASELINE:-}" \
               -Dbench.baselineGc="${BENCH_BASELINE_GC:-}" -Dbench.baselineJvm="${BENCH_BASELINE_JVM:-}" \
               -Dbench.baselineProfiles="${BENCH_BASELINE_PROFILES:-false}" \
               io.wsroute.bench.FootprintBench ;;
  lint) exec "${lock[@]}" java -cp "$cp" -Dbench.ingresses="${2:-10000}" -Dbench.baseline="${BENCH_BASELINE:-}" \
          io.wsroute.bench.LintBench ;;
  reconcile) bash hack/kube-binaries.sh >/dev/null
             exec "${lock[@]}" java -cp "$cp" -Dbench.routes="${2:-1000}" -Dbench.jfr="${BENCH_JFR:-false}" \
               -Dbench.baseline="${BENCH_BASELINE:-}" -Dbench.wsrouteOptions="${BENCH_WSROUTE_OPTIONS:-}" \
               -Dbench.aot="${BENCH_AOT:-false}" \
               io.wsroute.bench.ReconcileBench ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
