#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml): lint on the files pre-commit passes, with wsroute's single jar.
# The jar is built once, in pre-commit's copy of this repository, on first use; WSROUTE_CLI_JAR names another one.
# Options for lint go in the hook's args (e.g. args: [--fail-on, warning]); they come before the files.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="${WSROUTE_CLI_JAR:-$here/target/wsroute-cli.jar}"
if [ ! -f "$jar" ]; then
  echo "wsroute: building $jar once (a minute or two)" >&2
  (cd "$here" && ./mvnw -B -q package -DskipTests) >&2
fi
exec "${JAVA:-java}" -jar "$jar" lint "$@"
