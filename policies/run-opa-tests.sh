#!/usr/bin/env bash
# Runs the policy unit tests with the real OPA as the oracle.
#
#   policies/run-opa-tests.sh [POLICY_DIR]      (default: the directory of this script)
#
# Loads every *.rego under POLICY_DIR and every *.json under POLICY_DIR/data (merged at
# the data root, as `opa eval -d file.json` does), finds each `test_*` rule in each
# *_test.rego and evaluates data.<package>.<test> with opaeval (OPA 1.4.2, see
# ../shared/tools/opa/README.md; override with OPAEVAL=/path/to/opaeval). A test passes
# when it evaluates to true; false, undefined or an error fail it. `todo_test_*` rules
# are skipped, as `opa test` does.
#
# It also checks that each rule module's METADATA (custom.id, severity,
# default_actions) agrees with data/config.json, where the Lambda reads them.
#
# `ecs-guard test policies/` runs the same tests in our engine; StarterPoliciesInOpaTest (lambda)
# runs this script in `mvn verify` and requires both to pass the same number of tests.
# Needs bash, jq and opaeval. Exit 0 when everything passes, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$(cd "${1:-$here}" && pwd) || exit 1
opaeval=${OPAEVAL:-$here/../../shared/tools/opa/opaeval}

command -v jq >/dev/null 2>&1 || { echo "run-opa-tests: jq is required" >&2; exit 1; }
[ -x "$opaeval" ] || { echo "run-opa-tests: opaeval not found at $opaeval (set OPAEVAL)" >&2; exit 1; }

args=()
while IFS= read -r f; do args+=(-d "$f"); done < <(find "$dir" -name '*.rego' -type f | sort)
if [ -d "$dir/data" ]; then
	while IFS= read -r f; do args+=(-d "$f"); done < <(find "$dir/data" -name '*.json' -type f | sort)
fi

failed_meta=0
config="$dir/data/config.json"
if [ -d "$dir/rules" ] && [ -f "$config" ]; then
	modules=0
	for f in "$dir"/rules/*.rego; do
		case "$f" in *_test.rego) continue ;; esac
		modules=$((modules + 1))
		name=$(sed -n 's/^package ecsguard\.rules\.\([A-Za-z0-9_]*\).*/\1/p' "$f" | head -n 1)
		meta_id=$(sed -n 's/^#[[:space:]]*id:[[:space:]]*\([A-Z0-9_]*\).*/\1/p' "$f" | head -n 1)
		meta_sev=$(sed -n 's/^#[[:space:]]*severity:[[:space:]]*\([a-z]*\).*/\1/p' "$f" | head -n 1)
		meta_act=$(sed -n 's/^#[[:space:]]*default_actions:[[:space:]]*\[\(.*\)\].*/\1/p' "$f" | head -n 1 | tr -d ' ')
		cfg=$(jq -r --arg n "$name" '.ecsguard.config.rules[$n] // empty | "\(.id) \(.severity) \(.actions | join(","))"' "$config")
		if [ "$cfg" != "$meta_id $meta_sev $meta_act" ]; then
			echo "METADATA MISMATCH ${f#"$dir"/}: METADATA says '$meta_id $meta_sev $meta_act', data/config.json rules.$name says '${cfg:-(missing)}'"
			failed_meta=$((failed_meta + 1))
		fi
	done
	for name in $(jq -r '.ecsguard.config.rules | keys[]' "$config"); do
		if [ ! -f "$dir/rules/$name.rego" ]; then
			echo "METADATA MISMATCH data/config.json configures rules.$name but rules/$name.rego does not exist"
			failed_meta=$((failed_meta + 1))
		fi
	done
	[ "$failed_meta" -eq 0 ] && echo "metadata: $modules rule modules agree with data/config.json"
fi

passed=0
failed=0
skipped=0
while IFS= read -r file; do
	pkg=$(sed -n 's/^package[[:space:]]\{1,\}\([A-Za-z0-9_.]*\).*/\1/p' "$file" | head -n 1)
	[ -n "$pkg" ] || { echo "FAIL ${file#"$dir"/}: no package line"; failed=$((failed + 1)); continue; }
	skipped=$((skipped + $(grep -cE '^todo_test_[A-Za-z0-9_]*' "$file")))
	# One evaluation of the whole test package gives every test's value (a test that is false or
	# undefined is absent or false there); only when that evaluation fails (an error in one
	# test stops it) is each test evaluated on its own, to say which one.
	whole=$("$opaeval" "${args[@]}" "data.$pkg" 2>&1)
	package_ok=$(printf '%s' "$whole" | jq -e 'has("errors") | not' >/dev/null 2>&1 && echo yes)
	for test in $(grep -oE '^test_[A-Za-z0-9_]*' "$file" | sort -u); do
		query="data.$pkg.$test"
		if [ "$package_ok" = yes ]; then
			out=$whole
			value=$(printf '%s' "$whole" | jq -c --arg t "$test" '.result[0].expressions[0].value[$t] // "undefined"' 2>/dev/null)
		else
			out=$("$opaeval" "${args[@]}" "$query" 2>&1)
			value=$(printf '%s' "$out" | jq -c '.result[0].expressions[0].value // "undefined"' 2>/dev/null)
		fi
		if [ "$value" = "true" ]; then
			echo "PASS $query"
			passed=$((passed + 1))
		else
			err=$(printf '%s' "$out" | jq -r '[.errors[]? | "\(.code): \(.message) (\(.location.file):\(.location.row))"] | join("; ")' 2>/dev/null)
			echo "FAIL $query: ${err:-${value:-$out}}"
			failed=$((failed + 1))
		fi
	done
done < <(find "$dir" -name '*_test.rego' -type f | sort)

[ "$skipped" -gt 0 ] && echo "$skipped todo tests skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$failed_meta" -eq 0 ] && [ "$passed" -gt 0 ]
