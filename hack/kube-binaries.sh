#!/usr/bin/env bash
# Provisions a real kube-apiserver, etcd and kubectl for the integration tests, where fabric8's kube-api-test
# looks for them in offline mode: ~/.kubeapitest/k8s/<version>-linux-amd64/. Beside them goes a
# kube-controller-manager, which the tests start with only its garbage collector, to prove that deleting a
# WebSocketRoute removes its Ingress through the owner reference as in a real cluster.
#
# Why build: these machines have no container engine and no internet (kube-api-test's own download fails), but
# Debian's archive carries the Kubernetes 1.20.2 source (source package "kubernetes", vendored) and etcd 3.4
# (package etcd-server). So: fetch that source into a private apt list, build kube-apiserver with Debian's Go,
# and take etcd from Debian. Everything is cached outside the work tree; a second run is a quick no-op.
set -euo pipefail

KUBE_VERSION=1.20.2   # the version Debian bookworm ships as source
TARGET="${KUBE_BINARIES_DIR:-$HOME/.kubeapitest/k8s/${KUBE_VERSION}-linux-amd64}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/wsroute/kube-build"

say() { echo "kube-binaries: $*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Bumped whenever the build recipe changes, so older builds are rebuilt.
RECIPE="kube-${KUBE_VERSION}+reflect2-1.0.2"

have_binaries() {
  [ "$(cat "$TARGET/.recipe" 2>/dev/null)" = "$RECIPE" ] && [ -x "$TARGET/kube-apiserver" ] && [ -x "$TARGET/etcd" ] && [ -x "$TARGET/kubectl" ] \
    && [ -x "$TARGET/kube-controller-manager" ] \
    && "$TARGET/kube-apiserver" --version 2>/dev/null | grep -q "v${KUBE_VERSION}" \
    && "$TARGET/etcd" --version >/dev/null 2>&1
}

if have_binaries; then
  say "kube-apiserver v${KUBE_VERSION}, etcd and kubectl present in $TARGET"
  exit 0
fi

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

apt_install etcd-server golang-go rsync dpkg-dev make golang-github-modern-go-reflect2-dev
mkdir -p "$TARGET" "$CACHE"

if [ "$(cat "$CACHE/bin/.recipe" 2>/dev/null)" != "$RECIPE" ]; then
  src_dir=$(find "$CACHE" -maxdepth 1 -type d -name "kubernetes-${KUBE_VERSION}*" | head -n 1)
  if [ -z "$src_dir" ]; then
    # A private deb-src list for the same archive and suite as the system's own entry; the system list is untouched.
    say "downloading the kubernetes ${KUBE_VERSION} source package from Debian"
    mkdir -p "$CACHE/apt/lists/partial"
    chmod -R a+rwX "$CACHE/apt" 2>/dev/null || true
    cat > "$CACHE/apt/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
LIST
    apt_opts=(-o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o APT::Sandbox::User=root
              -o "Dir::State::Lists=$CACHE/apt/lists")
    apt-get "${apt_opts[@]}" update -qq
    (cd "$CACHE" && apt-get "${apt_opts[@]}" source --download-only kubernetes >/dev/null 2>&1)
    # Debian versions it 1.20.5+really1.20.2: the source is 1.20.2, which the --version check below confirms.
    (cd "$CACHE" && dpkg-source -x --no-check kubernetes_*.dsc "kubernetes-${KUBE_VERSION}" >/dev/null)
    src_dir="$CACHE/kubernetes-${KUBE_VERSION}"
  fi
  say "building kube-apiserver and kubectl in $src_dir (about 8 minutes on 2 cores)"
  (
    cd "$src_dir"
    # Kubernetes 1.20 vendors reflect2 1.0.1, which crashes under Debian's Go 1.19 when it encodes maps
    # (mapiterinit fault in json-iterator, e.g. on admission webhook warnings); 1.0.2 fixed it for Go 1.18+.
    rsync -a --delete --exclude=.git /usr/share/gocode/src/github.com/modern-go/reflect2/ vendor/github.com/modern-go/reflect2/
    # Start clean: a failed earlier make leaves a broken _output/, and a changed vendor tree must be rebuilt.
    rm -rf _output
    mkdir -p .go/src/k8s.io
    ln -sfn ../../.. .go/src/k8s.io/kubernetes
    export GOPATH="$PWD/.go" CGO_ENABLED=0 GOFLAGS=-mod=vendor
    make WHAT="cmd/kube-apiserver cmd/kubectl" >"$CACHE/make.log" 2>&1 || { tail -n 40 "$CACHE/make.log"; exit 1; }
    mkdir -p "$CACHE/bin"
    cp _output/bin/kube-apiserver _output/bin/kubectl "$CACHE/bin/"
    echo "$RECIPE" > "$CACHE/bin/.recipe"
  )
fi

if [ ! -x "$CACHE/bin/kube-controller-manager" ]; then
  # Added after the first recipe: built on its own, reusing the source tree and Go's build cache.
  src_dir=$(find "$CACHE" -maxdepth 1 -type d -name "kubernetes-${KUBE_VERSION}*" | head -n 1)
  say "building kube-controller-manager in $src_dir (a few minutes on 2 cores)"
  (
    cd "$src_dir"
    export GOPATH="$PWD/.go" CGO_ENABLED=0 GOFLAGS=-mod=vendor
    make WHAT="cmd/kube-controller-manager" >"$CACHE/make-kcm.log" 2>&1 || { tail -n 40 "$CACHE/make-kcm.log"; exit 1; }
    cp _output/bin/kube-controller-manager "$CACHE/bin/"
  )
fi

install -m 0755 "$CACHE/bin/kube-apiserver" "$TARGET/kube-apiserver"
install -m 0755 "$CACHE/bin/kubectl" "$TARGET/kubectl"
install -m 0755 "$CACHE/bin/kube-controller-manager" "$TARGET/kube-controller-manager"
ln -sfn "$(command -v etcd)" "$TARGET/etcd"
echo "$RECIPE" > "$TARGET/.recipe"

if ! have_binaries; then
  say "binaries in $TARGET do not report version v${KUBE_VERSION}"
  exit 1
fi
say "ready: $("$TARGET/kube-apiserver" --version), $("$TARGET/etcd" --version | head -n 1) in $TARGET"
