#!/usr/bin/env bash
# Start-up benchmark: whole-process CPU and wall time of one-shot ./ecs-guard commands, each run
# in turn with OPA doing the same work (../shared/tools/opa/opaeval, OPA 1.4.2), medians over RUNS.
#
#   bench/startup.sh [RUNS]        (default 9; one warm-up run of each command is not counted)
#
# The work (the README's "Start-up" table):
#   eval    the starter modules (every non-test *.rego under policies/) + policies/data/config.json,
#           the privileged task-state-change input, data.ecsguard.violations  vs  opaeval, same arguments
#   check   one task definition file (the payments-api register-task-definition JSON), with and
#           without the policy's own tests first          vs  opaeval on the same input document
#   test    test policies/                               vs  opaeval compiling the same modules (tests
#           included) and evaluating every test_ rule once in one query (opaeval only evaluates; there
#           is no `opa test` here)
#   replay  one event (the privileged task state change), with and without the policy's tests
#                                                         vs  opaeval on the same input document
# Needs bash, GNU time (/usr/bin/time), jq, and a built jar (./ecs-guard builds it).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
RUNS=${1:-9}
OPA=${OPAEVAL:-$ROOT/../shared/tools/opa/opaeval}
TIME=/usr/bin/time
[[ -x "$OPA" ]] || { echo "startup.sh: opaeval not found at $OPA (set OPAEVAL)" >&2; exit 1; }
[[ -x "$TIME" ]] || { echo "startup.sh: GNU time is needed at $TIME" >&2; exit 1; }
command -v jq >/dev/null 2>&1 || { echo "startup.sh: jq is needed" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./ecs-guard --version >/dev/null   # builds the jar and its start-up archive when out of date

modules=() tests=()
while IFS= read -r f; do modules+=(-d "$f"); done < <(find policies -name '*.rego' ! -name '*_test.rego' | sort)
data=(-d policies/data/config.json)
privileged=events-samples/inputs/input-task-state-change-privileged.json
taskdef_doc=events-samples/inputs/input-task-definition-file.json
jq .taskDefinition "$taskdef_doc" > "$tmp/payments-api.json"   # checked with the doc's account and region

# opa test's work in one opaeval process: every module, and each test_ rule evaluated once.
all_modules=()
while IFS= read -r f; do all_modules+=(-d "$f"); done < <(find policies -name '*.rego' | sort)
query="["
while IFS= read -r f; do
  pkg=$(sed -n 's/^package[[:space:]]\{1,\}\([A-Za-z0-9_.]*\).*/\1/p' "$f" | head -n 1)
  for t in $(grep -oE '^test_[A-Za-z0-9_]*' "$f" | sort -u); do query+="[x | x := data.$pkg.$t], "; tests+=("$t"); done
done < <(find policies -name '*_test.rego' | sort)
query="${query%, }]"

# run NAME A-command... -- B-command...: A and B in turn, RUNS times after one warm-up each.
run() {
  local name=$1; shift
  local a=() b=() i
  while [[ $1 != -- ]]; do a+=("$1"); shift; done; shift; b=("$@")
  "${a[@]}" >/dev/null 2>&1 || true; "${b[@]}" >/dev/null 2>&1 || true
  : > "$tmp/a" ; : > "$tmp/b"
  for ((i = 0; i < RUNS; i++)); do
    "$TIME" -q -f '%e %U %S %M' -a -o "$tmp/a" "${a[@]}" >/dev/null 2>&1 || true
    "$TIME" -q -f '%e %U %S %M' -a -o "$tmp/b" "${b[@]}" >/dev/null 2>&1 || true
  done
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(median cpu a)" "$(median cpu b)" \
    "$(ratio)" "$(median wall a) / $(median wall b)" "$(median rss a) / $(median rss b)"
}
# Median of a column of $tmp/a or $tmp/b: cpu (user + sys), wall, or rss (MiB).
median() {
  awk -v what="$1" 'NF == 4 { v = what == "cpu" ? $2 + $3 : what == "wall" ? $1 : $4 / 1024; print v }' "$tmp/$2" \
    | sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m }'
}
ratio() { awk -v a="$(median cpu a)" -v b="$(median cpu b)" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }'; }

echo "$RUNS runs each, medians; CPU = user + sys seconds of the whole process; wall seconds; peak RSS MiB"
echo "| command | ecs-guard cpu s | OPA cpu s | cpu ratio | wall s (ecs-guard / OPA) | peak MiB (ecs-guard / OPA) |"
echo "|---|---|---|---|---|---|"
run "eval" ./ecs-guard eval "${modules[@]}" "${data[@]}" -i "$privileged" data.ecsguard.violations \
  -- "$OPA" "${modules[@]}" "${data[@]}" -i "$privileged" data.ecsguard.violations
run "check one file" ./ecs-guard check --account 111122223333 --region us-east-1 "$tmp/payments-api.json" \
  -- "$OPA" "${modules[@]}" "${data[@]}" -i "$taskdef_doc" data.ecsguard.violations
run "check one file --skip-policy-tests" ./ecs-guard check --skip-policy-tests --account 111122223333 \
  --region us-east-1 "$tmp/payments-api.json" \
  -- "$OPA" "${modules[@]}" "${data[@]}" -i "$taskdef_doc" data.ecsguard.violations
run "test policies/ (${#tests[@]} tests)" ./ecs-guard test policies/ \
  -- "$OPA" "${all_modules[@]}" "${data[@]}" "$query"
run "replay one event" ./ecs-guard replay events-samples/task-state-change/debug-tools-standalone-privileged-running.json \
  -- "$OPA" "${modules[@]}" "${data[@]}" -i "$privileged" data.ecsguard.violations
run "replay one event --skip-policy-tests" ./ecs-guard replay --skip-policy-tests \
  events-samples/task-state-change/debug-tools-standalone-privileged-running.json \
  -- "$OPA" "${modules[@]}" "${data[@]}" -i "$privileged" data.ecsguard.violations
