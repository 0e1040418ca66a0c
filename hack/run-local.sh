#!/usr/bin/env bash
# Runs wsroute locally on an embedded default: a real kube-apiserver and etcd on 127.0.0.1 (from
# hack/kube-binaries.sh), wsroute with its webhooks registered over HTTPS, then deploy/examples/ applied one file
# at a time, printing what happened to each Ingress: stored, changed by the mutating webhook, or refused and why.
# Keeps running until Ctrl-C (or exits after the report with --once), then stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

once=false
[ "${1:-}" = "--once" ] && once=true

say() { echo "run-local: $*"; }

bash hack/kube-binaries.sh
BIN="${KUBE_BINARIES_DIR:-$HOME/.kubeapitest/k8s/1.20.2-linux-amd64}"
JAR=target/quarkus-app/quarkus-run.jar
# the image's packaging (aot-jar), which a JDK 25 runs with the AOT cache below
AOT_APP=target/quarkus-aot-app
if [ ! -f "$JAR" ] || [ ! -f "$AOT_APP/quarkus-run.jar" ]; then
  say "building wsroute"
  ./mvnw -B -q package -DskipTests
fi

WORK=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ETCD_PORT=$(free_port); PEER_PORT=$(free_port); API_PORT=$(free_port); HOOK_PORT=$(free_port); HTTP_PORT=$(free_port)

# One throw-away CA signs the API server's serving certificate, an admin client certificate and wsroute's
# serving certificate (which the API server trusts through the webhooks' caBundle).
cd "$WORK"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=wsroute-local-ca" -keyout ca.key -out ca.crt 2>/dev/null
issue() { # name subject san
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}
issue apiserver "/CN=kube-apiserver" "IP:127.0.0.1,DNS:localhost"
issue admin "/O=system:masters/CN=admin" "DNS:admin"
issue wsroute "/CN=wsroute" "IP:127.0.0.1,DNS:localhost"
openssl genrsa -out sa.key 2048 2>/dev/null && openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
cd - >/dev/null

say "starting etcd and kube-apiserver $("$BIN/kube-apiserver" --version | cut -d' ' -f2) on 127.0.0.1:$API_PORT"
"$BIN/etcd" --data-dir "$WORK/etcd" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" --listen-peer-urls "http://127.0.0.1:$PEER_PORT" \
  > "$WORK/etcd.log" 2>&1 &
pids+=($!)
"$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" --bind-address 127.0.0.1 \
  --advertise-address 127.0.0.1 --secure-port "$API_PORT" --tls-cert-file "$WORK/apiserver.crt" \
  --tls-private-key-file "$WORK/apiserver.key" --client-ca-file "$WORK/ca.crt" --authorization-mode RBAC \
  --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$WORK/sa.pub" \
  --service-account-signing-key-file "$WORK/sa.key" --service-cluster-ip-range 10.0.0.0/24 \
  --cert-dir "$WORK/certs" > "$WORK/apiserver.log" 2>&1 &
pids+=($!)

export KUBECONFIG="$WORK/kubeconfig"
touch "$KUBECONFIG"
"$BIN/kubectl" config set-cluster local --server "https://127.0.0.1:$API_PORT" --certificate-authority "$WORK/ca.crt" \
  --embed-certs >/dev/null
"$BIN/kubectl" config set-credentials admin --client-certificate "$WORK/admin.crt" --client-key "$WORK/admin.key" \
  --embed-certs >/dev/null
"$BIN/kubectl" config set-context local --cluster local --user admin >/dev/null
"$BIN/kubectl" config use-context local >/dev/null
kubectl() { "$BIN/kubectl" "$@"; }

for _ in $(seq 1 60); do
  kubectl get --raw /readyz >/dev/null 2>&1 && break
  sleep 1
done
kubectl get --raw /readyz >/dev/null || { tail -n 20 "$WORK/apiserver.log"; exit 1; }

# The WebSocketRoute CRD, as the chart installs it, before wsroute's route controller starts watching.
kubectl apply -f crds/ >/dev/null
kubectl wait --for condition=established --timeout=30s crd/websocketroutes.wsroute.io >/dev/null

# As the image runs it: on a JDK 25 with the AOT cache trained by hack/aot-train.sh (against this cluster, so the
# informers' sync is trained too), retrained when the jar is newer than the cache. Java 17 otherwise.
JAVA=java
JVM_OPTIONS=()
JAVA25=$(bash hack/jdk25.sh)
if [ -n "$JAVA25" ]; then
  JAVA="$JAVA25"
  JAR="$AOT_APP/quarkus-run.jar"
  JVM_OPTIONS=(-XX:+UseCompactObjectHeaders)
  CACHE=target/aot/wsroute.aot
  if [ ! -s "$CACHE" ] || [ "$JAR" -nt "$CACHE" ]; then
    say "training the AOT cache (once per build; hack/aot-train.sh)"
    JAVA="$JAVA25" APP="$AOT_APP" JAVA_OPTIONS="${JVM_OPTIONS[*]}" ROUNDS=100 bash hack/aot-train.sh target/aot | sed 's/^/  /'
  fi
  JVM_OPTIONS+=(-XX:AOTCache="$CACHE")
  say "JVM: $("$JAVA" -version 2>&1 | head -1) with the AOT cache $CACHE"
else
  say "JVM: $(java -version 2>&1 | head -1) (no JDK 25 here, so no AOT cache: see README \"Requirements\")"
fi

say "starting wsroute (webhooks on https://127.0.0.1:$HOOK_PORT)"
# No NGINX controller runs here, so there is nothing to probe handshakes through (wsroute.probe.mode=off).
WSROUTE_PROBE_MODE=off \
WSROUTE_TLS_CERT="$WORK/wsroute.crt" WSROUTE_TLS_KEY="$WORK/wsroute.key" QUARKUS_HTTP_SSL_PORT="$HOOK_PORT" \
  QUARKUS_HTTP_PORT="$HTTP_PORT" QUARKUS_HTTP_HOST=127.0.0.1 "$JAVA" "${JVM_OPTIONS[@]}" -jar "$JAR" \
  > "$WORK/wsroute.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/live" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$HTTP_PORT/q/health/live" >/dev/null || { tail -n 30 "$WORK/wsroute.log"; exit 1; }

CA_BUNDLE=$(base64 -w0 < "$WORK/ca.crt")
for kind in Validating Mutating; do
  verb=$( [ $kind = Validating ] && echo validate || echo mutate )
  extra=$( [ $kind = Mutating ] && echo "  reinvocationPolicy: IfNeeded" || true )
  kubectl apply -f - >/dev/null <<YAML
apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}WebhookConfiguration
metadata:
  name: wsroute-local-${verb}
webhooks:
- name: ingress.${verb}.wsroute.io
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: Fail
  timeoutSeconds: 5
${extra}
  namespaceSelector:
    matchExpressions:
    - {key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system, wsroute-system]}
  rules:
  - {apiGroups: [networking.k8s.io], apiVersions: [v1], resources: [ingresses], operations: [CREATE, UPDATE]}
  clientConfig:
    url: https://127.0.0.1:${HOOK_PORT}/admission/ingress/${verb}
    caBundle: ${CA_BUNDLE}
YAML
done

kubectl create namespace demo >/dev/null
# IngressClasses and the chat Service first, then each example file on its own.
kubectl apply -f deploy/examples/ingress-classes.yaml -f deploy/examples/chat-service.yaml >/dev/null
# Let wsroute's informers see the classes and Services before the Ingresses arrive.
sleep 2
say "applying deploy/examples/:"
for file in deploy/examples/*.yaml; do
  case "$file" in */ingress-classes.yaml|*/chat-service.yaml) continue ;; esac
  if output=$(kubectl create -f "$file" 2>&1); then
    echo "$output" | sed -n 's|^websocketroute.wsroute.io/\([^ ]*\) created|  '"$(basename "$file")"': WebSocketRoute \1 stored (its Ingress follows below)|p'
    names=$(echo "$output" | sed -n 's|^ingress.networking.k8s.io/\([^ ]*\) created|\1|p')
    for name in $names; do
      added=$(kubectl get ingress -n demo "$name" -o go-template='{{range $k, $v := .metadata.annotations}}{{$k}}={{$v}} {{end}}')
      echo "  $(basename "$file"): Ingress $name stored; annotations now: ${added:-none}"
    done
    echo "$output" | grep '^Warning:' | sed 's/^/      /' || true
  else
    echo "  $(basename "$file"): refused"
    echo "$output" | sed 's/^/      /'
  fi
done

# WebSocketRoutes among the examples: what the reconciler made of them.
if kubectl get websocketroutes -n demo -o name 2>/dev/null | grep -q .; then
  # Until every route has a status (Ready True or False, with the reason).
  for _ in $(seq 1 30); do
    total=$(kubectl get websocketroutes -n demo -o name | wc -l)
    done_=$(kubectl get websocketroutes -n demo -o jsonpath='{range .items[*]}{.status.observedGeneration}{" "}{end}' | wc -w)
    [ "$done_" -ge "$total" ] && break
    sleep 1
  done
  say "WebSocketRoutes:"
  kubectl get websocketroutes -n demo | sed 's/^/  /'
  for route in $(kubectl get websocketroutes -n demo -o jsonpath='{.items[*].metadata.name}'); do
    kubectl get websocketroute -n demo "$route" -o go-template='{{range .status.conditions}}  {{.type}}={{.status}} {{.reason}}: {{.message}}{{"\n"}}{{end}}'
    if kubectl get ingress -n demo "$route" >/dev/null 2>&1; then
      added=$(kubectl get ingress -n demo "$route" -o go-template='{{range $k, $v := .metadata.annotations}}{{$k}}={{$v}} {{end}}')
      echo "  Ingress $route (owned by the route): ${added}"
    fi
  done
fi

if $once; then
  exit 0
fi
say "running; KUBECONFIG=$KUBECONFIG ($BIN/kubectl works against it). Ctrl-C stops everything."
wait
