#!/usr/bin/env bash
# Provisions Debian's nginx and openssl for the tests that send real WebSocket traffic through nginx
# (src/test/java/io/wsroute/nginx/live, and the probe tests). The build runs it before the tests; a quick no-op
# once both are present. When nothing can be installed (no root, no sudo, no archive) it says so loudly: under
# CI=true it fails the build at once (the tests would fail anyway), elsewhere the nginx tests skip with the same message.
set -uo pipefail

say() { echo "nginx-provision: $*"; }

give_up() {
  if [ "${CI:-}" = "true" ]; then
    say "ERROR: $*: CI=true, so the real-nginx tests cannot run and the build fails"
    exit 1
  fi
  say "WARNING: $*: the real-nginx tests will be SKIPPED"
  exit 0
}

nginx_bin() { command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; }; }

missing=()
[ -n "$(nginx_bin)" ] || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -eq 0 ]; then
  say "$("$(nginx_bin)" -v 2>&1) and $(openssl version) present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  give_up "${missing[*]} missing and neither root nor passwordless sudo"
fi

say "installing ${missing[*]} from Debian's archive"
# The package's maintainer script may try to start a system nginx on port 80; that is harmless (the tests use
# their own prefix and random loopback ports), and in containers invoke-rc.d refuses it anyway.
if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
       && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null; }; then
  give_up "apt-get could not install ${missing[*]}"
fi
if [ -z "$(nginx_bin)" ]; then
  give_up "nginx still not found after installing"
fi
say "ready: $("$(nginx_bin)" -v 2>&1), $(openssl version)"
