#!/bin/sh
# The image's entrypoint. `lint ...`, `migrate ...`, `--help` and `--version` run the command line straight on the
# JVM, so stdout carries nothing but the command's output (a SARIF report must not start with a launcher's log line)
# and stdin reaches the command:
#
#   docker run --rm -i IMAGE lint -o sarif - < manifests.yaml
#
# Everything else (no arguments: the server; webhook-tls: the chart's init container) goes through the base image's
# run-java.sh, which sizes the heap from the container's memory limit and appends JAVA_OPTS_APPEND.
# The paths can be overridden for tests of this script (EntrypointTest).
set -eu
app="${WSROUTE_APP:-/deployments}"
case "${1:-}" in
  lint | migrate | --help | -h | --version | -V)
    # The options the lint cache was trained with (hack/aot-train.sh): a cache only serves the same object layout.
    # A JVM that cannot use it says so on stderr and runs without it.
    exec "${WSROUTE_JAVA:-java}" -XX:+UseCompactObjectHeaders "-XX:AOTCache=$app/aot/lint.aot" \
      -jar "$app/quarkus-run.jar" "$@"
    ;;
esac
exec "${WSROUTE_RUN_JAVA:-/opt/jboss/container/java/run/run-java.sh}" "$@"
