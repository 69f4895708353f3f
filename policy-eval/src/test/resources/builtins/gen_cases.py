#!/usr/bin/env python3
"""Regenerates NAME.cases from NAME.in by asking the real OPA (opaeval) for each call.

Each line of NAME.in is a builtin call with Rego literal arguments, e.g. `plus(1.1, 2.2)`
(blank lines and lines starting with # are kept as comments). Arguments that are plain JSON
are passed through `input`, so OPA's compile-time type checker does not see them and type
errors surface as they do at run time; other arguments (sets...) are written inline as
`[input.nil, LITERAL][input.one]`, whose static type is any, for the same reason.
Output lines: CALL <TAB> RESULT, where RESULT is the value as `opa eval` prints it (JSON),
`undefined`, or `error TYPE|BUILTIN: message` (strict builtin errors).

usage: gen_cases.py [--opa PATH] NAME.in ...
"""
import json, os, subprocess, sys, tempfile

OPA = os.environ.get("OPAEVAL", os.path.join(os.path.dirname(__file__), "../../../../../../shared/tools/opa/opaeval"))


def split_call(line):
    i = line.index("(")
    name = line[:i].strip()
    inner = line[i + 1:line.rindex(")")]
    args, depth, cur, q, esc = [], 0, "", False, False
    for c in inner:
        if q:
            cur += c
            if esc: esc = False
            elif c == "\\": esc = True
            elif c == '"': q = False
            continue
        if c == '"': q = True
        elif c in "[{(": depth += 1
        elif c in "]})": depth -= 1
        if c == "," and depth == 0:
            args.append(cur.strip()); cur = ""
            continue
        cur += c
    if cur.strip(): args.append(cur.strip())
    return name, args


def go_quote(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"': out.append('\\"')
        elif ch == "\\": out.append("\\\\")
        elif ch == "\n": out.append("\\n")
        elif ch == "\r": out.append("\\r")
        elif ch == "\t": out.append("\\t")
        elif ch in "<>&" or o < 0x20 or o in (0x2028, 0x2029): out.append("\\u%04x" % o)
        else: out.append(ch)
    out.append('"')
    return "".join(out)


class Num(str):
    pass


def enc(v):
    if isinstance(v, Num): return str(v)
    if v is None: return "null"
    if v is True: return "true"
    if v is False: return "false"
    if isinstance(v, str): return go_quote(v)
    if isinstance(v, list): return "[" + ",".join(enc(x) for x in v) + "]"
    if isinstance(v, dict): return "{" + ",".join(go_quote(k) + ":" + enc(x) for k, x in v.items()) + "}"
    raise TypeError(v)


def loads(text):
    return json.loads(text, parse_float=Num, parse_int=Num)


def run(name, args, v0):
    inp, params = {}, []
    for i, a in enumerate(args):
        try:
            json.loads(a)
            inp["a%d" % i] = a
            params.append("input.a%d" % i)
        except ValueError:
            # [input.nil, LIT][input.one] has type any, so the type checker lets mistyped literals through.
            inp["nil"], inp["one"] = "null", "1"
            params.append("[input.nil, %s][input.one]" % a)
    with tempfile.TemporaryDirectory() as d:
        mod = os.path.join(d, "m.rego")
        with open(mod, "w") as f:
            f.write("package p\n" + ("r = x { x := %s(%s) }\n" if v0 else "r := %s(%s)\n") % (name, ", ".join(params)))
        inf = os.path.join(d, "in.json")
        with open(inf, "w") as f:
            f.write("{" + ",".join('"%s":%s' % (k, v) for k, v in inp.items()) + "}")
        cmd = [OPA] + (["-v0"] if v0 else []) + ["-strict-builtin-errors", "-i", inf, "-d", mod, "data.p.r"]
        p = subprocess.run(cmd, capture_output=True, text=True)
    d = loads(p.stdout)
    if "result" in d:
        return enc(d["result"][0]["expressions"][0]["value"])
    if "errors" in d:
        e = d["errors"][0]
        kind = {"eval_type_error": "TYPE", "eval_builtin_error": "BUILTIN"}.get(e["code"], e["code"])
        if kind not in ("TYPE", "BUILTIN"):
            print("WARNING: %s(%s): %s %s" % (name, ", ".join(args), e["code"], e["message"]), file=sys.stderr)
        return "error %s: %s" % (kind, e["message"])
    return "undefined"


V0_ONLY = {"any", "all", "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object"}

for path in sys.argv[1:]:
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            out.append(line)
            continue
        name, args = split_call(line)
        out.append(line + "\t" + run(name, args, name in V0_ONLY))
    with open(path[:-3] + ".cases", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
