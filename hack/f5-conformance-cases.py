#!/usr/bin/env python3
"""Turns the F5 NGINX Ingress Controller's own annotation-validation test tables into a JSON fixture of facts
(inputs and the exact error strings the controller's tests expect), for NginxIncConformanceTest.

Usage: hack/f5-conformance-cases.py GIT_DIR TAG > src/test/resources/conformance/nginx-inc-validation-TAG.json
GIT_DIR is a clone of github.com/nginx/kubernetes-ingress; TAG a release tag (e.g. v5.5.4). Reads
internal/k8s/validation_test.go (TestValidateNginxIngressAnnotations, TestValidateProxySetHeaderAnnotation,
TestValidateAddHeaderAnnotation) and resolves the configs.* annotation constants from internal/configs/annotations.go.
"""
import ast
import json
import re
import subprocess
import sys

git_dir, tag = sys.argv[1], sys.argv[2]


def show(path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{tag}:{path}"],
                          check=True, capture_output=True, text=True).stdout


constants = dict(re.findall(r'^(?:const )?\s*(\w+)\s*=\s*"([^"]+)"', show("internal/configs/annotations.go"), re.M))
# validation.go's error-text constants (e.g. annotationValueFmtErrMsg), which the tests concatenate
validation_go = show("internal/k8s/validation.go")
validation_texts = dict(re.findall(r'^\t(\w+)\s*=\s*`([^`]*)`', validation_go, re.M))
validation_texts.update(re.findall(r'^\t(\w+)\s*=\s*"([^"]*)"', validation_go, re.M))
source = show("internal/k8s/validation_test.go")

TOKEN = re.compile(r'`[^`]*`|"(?:[^"\\]|\\.)*"|configs\.\w+|\w+')


def go_string(expr, local):
    """A Go string expression: literals, configs.* constants and local variables joined with +."""
    sprintf = re.fullmatch(r'fmt\.Sprintf\((.*)\)', expr.strip(), re.S)
    if sprintf:
        pieces = [p for p in TOKEN.findall(sprintf.group(1))]
        fmt, args = go_string(pieces[0], local), [go_string(p, local) for p in pieces[1:]]
        return re.sub(r'%[sqd%]', lambda m: "%" if m.group() == "%%" else (
            json.dumps(args.pop(0)) if m.group() == "%q" else args.pop(0)), fmt)
    parts = []
    for tok in TOKEN.findall(expr):
        if tok.startswith("`"):
            parts.append(tok[1:-1])
        elif tok.startswith('"'):
            parts.append(ast.literal_eval(tok))
        elif tok.startswith("configs."):
            parts.append(constants[tok[len("configs."):]])
        elif tok in local:
            parts.append(local[tok])
        elif tok in validation_texts:
            parts.append(validation_texts[tok])
        else:
            raise ValueError(f"unresolved token {tok!r} in {expr!r}")
    return "".join(parts)


def body(func):
    start = source.index(f"func {func}(")
    end = source.index("\nfunc ", start + 1)
    return source[start:end]


def cases(func):
    text = body(func)
    local = {}
    for name, expr in re.findall(r'^\t(\w+) := (`[^`]*`)\s*$', text, re.M):
        local[name] = go_string(expr, local)
    table = text[text.index("}{") + 2:]
    depth, current, out = 0, [], []
    for line in table.splitlines():
        stripped = line.strip()
        if depth == 0 and stripped == "{":
            depth, current = 1, []
            continue
        if depth == 0:
            continue
        code = re.sub(r'`[^`]*`|"(?:[^"\\]|\\.)*"', '""', stripped)
        depth += code.count("{") - code.count("}")
        if depth == 0:
            out.append(parse_case("\n".join(current), local))
            continue
        current.append(line)
    return out


FIELD = re.compile(r'^\t\t\t(\w+):\s*(.*)$')


def parse_case(text, local):
    case, lines, i = {}, text.splitlines(), 0
    while i < len(lines):
        m = FIELD.match(lines[i])
        i += 1
        if not m:
            continue
        name, rest = m.group(1), m.group(2).rstrip(",").strip()
        if rest.endswith("{"):
            block = []
            while not lines[i].strip().startswith("}"):
                block.append(lines[i].strip())
                i += 1
            i += 1
            if rest.startswith("map[string]string"):
                case[name] = {go_string(k, local): go_string(v, local)
                              for k, v in (split_pair(b) for b in block if b)}
            elif rest.startswith("map[string]bool"):
                case[name] = sorted(go_string(split_pair(b)[0], local) for b in block if b)
            else:
                case[name] = [go_string(b.rstrip(","), local) for b in block if b and not b.startswith("//")]
        elif rest in ("true", "false"):
            case[name] = rest == "true"
        elif rest == "nil":
            case[name] = [] if name == "expectedErrors" else None
        elif rest == "map[string]bool{}":
            case[name] = []
        elif rest == "map[string]string{}":
            case[name] = {}
        else:
            case[name] = go_string(rest, local)
    return case


def split_pair(line):
    line = line.rstrip(",")
    depth, quote = 0, None
    for j, ch in enumerate(line):
        if quote:
            if ch == quote and (quote == "`" or line[j - 1] != "\\"):
                quote = None
        elif ch in "`\"":
            quote = ch
        elif ch == ":":
            return line[:j].strip(), line[j + 1:].strip()
    raise ValueError(line)


result = {"tag": tag, "file": "internal/k8s/validation_test.go", "annotationCases": cases("TestValidateNginxIngressAnnotations")}
for func, key in (("TestValidateProxySetHeaderAnnotation", "nginx.org/proxy-set-headers"),
                  ("TestValidateAddHeaderAnnotation", "nginx.org/add-header")):
    for c in cases(func):
        result["annotationCases"].append({
            "annotations": {key: c["value"]}, "specServices": [], "expectedErrors": c.get("expectedErrors", []),
            "msg": f'{func}: {c["name"]}'})
json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
print()
