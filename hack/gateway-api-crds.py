#!/usr/bin/env python3
"""Writes the CRDs the real-API-server tier installs for Gateway API: the standard-channel GatewayClass, Gateway,
HTTPRoute and BackendTLSPolicy of kubernetes-sigs/gateway-api, and NGINX Gateway Fabric's ProxySettingsPolicy.
The schemas are kept as upstream wrote them (types, patterns, enums, CEL rules) with two removals: description
texts, which the API server does not use, and string defaults of "" (the group of a core-group reference):
kube-apiserver 1.20, the newest the test tier builds, reads default: "" as null and refuses the whole CRD; without
the default the group is absent, which Gateway API and wsroute read as the core group just as "".

Usage: hack/gateway-api-crds.py GATEWAY_API_GIT_DIR GATEWAY_API_TAG NGF_GIT_DIR NGF_TAG OUT_DIR
e.g. hack/gateway-api-crds.py gateway-api.git v1.5.1 nginx-gateway-fabric.git v2.6.7 src/test/resources/crds/gateway-api
(v1.5.1 is the Gateway API release NGF v2.6.7's go.mod requires).
"""
import subprocess
import sys

import yaml

gateway_api, gateway_api_tag, ngf, ngf_tag, out = sys.argv[1:6]

SOURCES = [
    (gateway_api, gateway_api_tag, f"config/crd/standard/gateway.networking.k8s.io_{kind}.yaml")
    for kind in ("gatewayclasses", "gateways", "httproutes", "backendtlspolicies")
] + [(ngf, ngf_tag, "config/crd/bases/gateway.nginx.org_proxysettingspolicies.yaml")]


def show(git_dir, tag, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{tag}:{path}"],
                          check=True, capture_output=True, text=True).stdout


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "description" and not (k == "default" and v == "")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


for git_dir, tag, path in SOURCES:
    crd = yaml.safe_load(show(git_dir, tag, path))
    crd = strip(crd)
    name = path.rsplit("/", 1)[1]
    with open(f"{out}/{name}", "w") as f:
        f.write(f"# {path} at {tag}, descriptions removed by hack/gateway-api-crds.py\n")
        yaml.safe_dump(crd, f, sort_keys=False, width=120)
