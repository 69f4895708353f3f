#!/usr/bin/env python3
"""Rewrites the expected outcome of every case in NAME.cases by asking the real OPA (opaeval).

A case is a header line `### v0|v1 QUERY`, the module text (no blank lines; a line `---` starts another
module: test-0.rego, test-1.rego, ...), and a line `>>> OUTCOME`:
  error CODE: MESSAGE   the first error OPA reports (newlines and tabs escaped as \\n, \\t)
  undefined             the query has no result
  JSON                  the value of the query's first expression (one result), or
  results JSON          a JSON array of those values when there are several results
Lines before the first header and lines starting with `#` outside modules are kept as they are.

usage: gen_cases.py [--check] NAME.cases ...   (--check: report differences, rewrite nothing)
"""
import json, os, subprocess, sys, tempfile
from decimal import Decimal

OPA = os.environ.get("OPAEVAL", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "../../../../../../shared/tools/opa/opaeval"))


def dump(v):
    """Compact JSON that keeps number literals as OPA printed them."""
    raws = []

    def conv(x):
        if isinstance(x, Decimal):
            raws.append(str(x))
            return "\u0000%d\u0000" % (len(raws) - 1)
        if isinstance(x, dict):
            return {k: conv(y) for k, y in x.items()}
        if isinstance(x, list):
            return [conv(y) for y in x]
        return x

    s = json.dumps(conv(v), separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    for i, r in enumerate(raws):
        s = s.replace('"\\u0000%d\\u0000"' % i, r)
    return s


def outcome(version, query, module):
    with tempfile.TemporaryDirectory() as d:
        cmd = [OPA] + (["-v0"] if version == "v0" else [])
        for i, text in enumerate(module.split("\n---\n")):
            path = os.path.join(d, "test-%d.rego" % i)
            with open(path, "w") as f:
                f.write(text if text.endswith("\n") else text + "\n")
            cmd += ["-d", "test-%d.rego" % i]
        out = subprocess.run(cmd + [query], capture_output=True, text=True, cwd=d).stdout
    d = json.loads(out, parse_float=Decimal, parse_int=Decimal)
    if "errors" in d:
        e = d["errors"][0]
        msg = e["message"].replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
        return "error %s: %s" % (e["code"], msg)
    results = d.get("result") or []
    if not results:
        return "undefined"
    values = [r["expressions"][0]["value"] for r in results]
    return dump(values[0]) if len(values) == 1 else "results " + dump(values)


def process(name, check):
    lines = open(name).read().split("\n")
    out, i, diffs = [], 0, 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("### "):
            out.append(line)
            i += 1
            continue
        parts = line[4:].split(None, 1)
        version, query = parts[0], parts[1] if len(parts) > 1 else "data"
        out.append(line)
        i += 1
        module = []
        while i < len(lines) and lines[i] and not lines[i].startswith((">>> ", "### ")):
            module.append(lines[i])
            i += 1
        out.extend(module)
        got = outcome(version, query, "\n".join(module) + "\n")
        old = None
        if i < len(lines) and lines[i].startswith(">>> "):
            old = lines[i][4:]
            i += 1
        if old != got:
            diffs += 1
            print("%s: %s\n  was: %s\n  opa: %s" % (name, line, old, got))
        out.append(">>> " + got)
    if not check:
        open(name, "w").write("\n".join(out))
    return diffs


if __name__ == "__main__":
    args = sys.argv[1:]
    check = "--check" in args
    total = sum(process(a, check) for a in args if a != "--check")
    sys.exit(1 if check and total else 0)
