#!/usr/bin/env python3
"""Writes N distinct input documents for `ecs-guard bench`, made from events-samples/inputs.

Each output is one of the sample input documents (in turn) with its values varied the way real
events vary: account, ids and ARNs, task and container names, image registry / repository / tag /
digest, environment values, tags, times and caller addresses. The shape of the document and the
rules it touches stay those of its sample, so the policies take the same paths on different strings
(which is what defeats caches keyed on the exact string, such as the regex/glob answer memo).
Deterministic: the same N gives the same files.

usage: vary-inputs.py OUTDIR [N]     (N defaults to 64)
"""
import hashlib, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "inputs")
ACCOUNTS = ["111122223333", "444455556666", "777788889999", "123456789012"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"]


def hexid(seed, n):
    return hashlib.sha256(seed.encode()).hexdigest()[:n]


def image(i, original):
    digest = "sha256:" + hashlib.sha256(("img%d" % i).encode()).hexdigest()
    account, region = ACCOUNTS[i % len(ACCOUNTS)], REGIONS[i % len(REGIONS)]
    choices = [
        "%s.dkr.ecr.%s.amazonaws.com/app-%d:1.%d.%d" % (account, region, i, i % 7, i % 3),
        "%s.dkr.ecr.%s.amazonaws.com/svc-%d@%s" % (account, region, i, digest),
        "docker.io/library/nginx:1.%d" % (20 + i % 7),
        "public.ecr.aws/team%d/worker:latest" % i,
        "ghcr.io/org%d/tool:%d.0@%s" % (i, i, digest),
        original.split(":")[0] + ":v%d" % i,
        "registry.example.com:5000/base/image-%d" % i,
        "%s.dkr.ecr.%s.amazonaws.com.evil.example/x-%d:1" % (account, region, i),
    ]
    return choices[i % len(choices)]


def vary(v, i, key=""):
    if isinstance(v, dict):
        return {k: vary(x, i, k) for k, x in v.items()}
    if isinstance(v, list):
        return [vary(x, i, key) for x in v]
    if not isinstance(v, str):
        return v
    if key == "image":
        return image(i, v)
    if key == "imageDigest":
        return "sha256:" + hashlib.sha256(("digest%d%s" % (i, v)).encode()).hexdigest()
    if key in ("id", "eventID", "requestID"):
        return "%s-%s-%s-%s-%s" % (hexid(v + str(i), 8), hexid(v + "a" + str(i), 4), hexid(v + "b" + str(i), 4),
                                   hexid(v + "c" + str(i), 4), hexid(v + "d" + str(i), 12))
    if key in ("name", "family", "group", "containerName") or key.endswith("Arn") or key in ("arn", "cluster", "taskDefinition"):
        # one mapping for every occurrence, so container names and overrides stay consistent
        return v + "-%d" % i if "/" not in v and ":" not in v else v + "-%s" % hexid(v + str(i), 6)
    if key in ("value",):
        return v + "-%d" % i
    if key in ("time", "eventTime", "createdAt", "startedAt", "registeredAt") and len(v) >= 19:
        return v[:17] + "%02d" % (i % 60) + v[19:]
    if key in ("sourceIp", "sourceIPAddress") and v.count(".") == 3:
        return ".".join(v.split(".")[:3] + [str(1 + i % 250)])
    if key == "userAgent":
        return v + " build/%d" % i
    return v


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 64
    samples = sorted(f for f in os.listdir(SAMPLES) if f.endswith(".json"))
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        name = samples[i % len(samples)]
        with open(os.path.join(SAMPLES, name)) as f:
            doc = json.load(f)
        text = json.dumps(vary(doc, i), sort_keys=False)
        text = text.replace("111122223333", ACCOUNTS[i % len(ACCOUNTS)])
        with open(os.path.join(out, "%03d-%s" % (i, name)), "w") as f:
            f.write(text)
    print("wrote %d inputs to %s" % (n, out))


main()
