#!/usr/bin/env bash
# Prints the java of a JDK 25 or newer (what the AOT cache needs), or nothing when this machine has none:
# WSROUTE_JDK25 (a JDK home) if set, else the newest such JDK under /usr/lib/jvm.
set -euo pipefail
if [ -n "${WSROUTE_JDK25:-}" ]; then
  [ -x "$WSROUTE_JDK25/bin/java" ] && echo "$WSROUTE_JDK25/bin/java"
  exit 0
fi
best=""; best_version=0
for release in /usr/lib/jvm/*/release; do
  [ -f "$release" ] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  if [ -n "$version" ] && [ "$version" -ge 25 ] && [ "$version" -gt "$best_version" ] && [ -x "$(dirname "$release")/bin/java" ]; then
    best="$(dirname "$release")/bin/java"; best_version=$version
  fi
done
[ -n "$best" ] && echo "$best"
exit 0
