#!/usr/bin/env bash
# The Lambda function's cold start without SnapStart: a fresh JVM per run (the java21 runtime's
# JVM options: C1 only, serial GC) constructs the handler (SDK clients, the starter policies read
# from SSM under POLICY_PATH, compiled, their tests run) and decides one event, against a
# moto_server started here. Prints each run's figures (dev.ecsguard.handler.ColdStartProbe) and
# GNU time's CPU, then the medians.
#
#   mvn -B -pl lambda -am package -DskipTests      (once: the jar and the test classes)
#   bench/lambda-cold-start.sh [RUNS] [EVENT]      (default 7; the RegisterTaskDefinition sample,
#                                                  which carries its task definition: no ECS call)
# Needs moto_server, the aws CLI (any version) and GNU time (/usr/bin/time).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${1:-7}
EVENT=${2:-events-samples/cloudtrail/registertaskdefinition-privileged.json}
source .ci/jdk.sh
ecs_guard_select_jdk
CP=lambda/target/ecs-guard.jar:lambda/target/test-classes
[[ -f lambda/target/test-classes/dev/ecsguard/handler/ColdStartProbe.class ]] \
  || { echo "lambda-cold-start.sh: build first: mvn -B -pl lambda -am package -DskipTests" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tmp=$(mktemp -d)
moto_server -H 127.0.0.1 -p "$port" >"$tmp/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2>/dev/null; rm -rf "$tmp"' EXIT
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL=http://127.0.0.1:$port POLICY_PATH=/ecs-guard/policy
for _ in $(seq 50); do curl -sf "$AWS_ENDPOINT_URL/moto-api/" >/dev/null 2>&1 && break; sleep 0.2; done
while IFS= read -r f; do
  aws --endpoint-url "$AWS_ENDPOINT_URL" ssm put-parameter --type String --tier Advanced \
    --name "$POLICY_PATH/${f#policies/}" --value "file://$f" >/dev/null
done < <(find policies -name '*.rego' -o -path 'policies/data/*.json' | sort)

for ((i = 0; i <= RUNS; i++)); do   # run 0 is a warm-up
  /usr/bin/time -q -f 'time_cpu_s=%U+%S' -o "$tmp/time" "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -cp "$CP" dev.ecsguard.handler.ColdStartProbe "$EVENT" >"$tmp/out" 2>"$tmp/err"
  line=$(grep '^cold start:' "$tmp/err") || { cat "$tmp/err" >&2; exit 1; }
  decision=$(tail -n 1 "$tmp/out")
  if [[ $i -gt 0 ]]; then
    echo "$line $(cat "$tmp/time") response=$decision" | tee -a "$tmp/runs"
    grep '^phases' "$tmp/err"
  fi
done
echo "medians of $RUNS runs:"
for key in init_ms first_event_ms total_ms cpu_ms; do
  sed -n "s/.* $key=\([0-9.]*\).*/\1/p" "$tmp/runs" | sort -n | awk -v k="$key" '{ v[NR] = $1 } END { printf "  %s %s\n", k, v[int((NR + 1) / 2)] }'
done
