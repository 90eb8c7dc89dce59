#!/usr/bin/env bash
# Command-line behaviour: help, version, exit codes for usage errors.
set -u
fail() { echo "FAIL: $*"; exit 1; }

"$EVBRIEF" --version | grep -qE '^evbrief [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
"$EVBRIEF" --help | grep -q "Exit codes" || fail "--help does not document exit codes"
"$EVBRIEF" validate --help | grep -q "usage: evbrief validate" || fail "validate --help"

"$EVBRIEF" >/dev/null 2>&1; [ $? = 2 ] || fail "no command should exit 2"
"$EVBRIEF" frobnicate >/dev/null 2>&1; [ $? = 2 ] || fail "unknown command should exit 2"
err=$("$EVBRIEF" validate --bogus 2>&1); [ $? = 2 ] || fail "unknown option should exit 2"
echo "$err" | grep -q 'unknown option or argument "--bogus"' || fail "unknown option message: $err"
"$EVBRIEF" validate --inputs >/dev/null 2>&1; [ $? = 2 ] || fail "missing option value should exit 2"

err=$("$EVBRIEF" validate --inputs /nonexistent 2>&1); code=$?
[ $code = 3 ] || fail "missing inputs dir should exit 3, got $code"
echo "$err" | grep -q "/nonexistent/indications.json: error: cannot read" || fail "message: $err"
echo "ok: cli (basics)"

# A character no font has: a warning from validate, an error with --strict,
# reported at the exact place in the input.
bad=$(mktemp -d); trap 'rm -rf "$bad"' EXIT
mkdir "$bad/reviews"; cp "$SRC/inputs/indications.json" "$bad/"
cp "$SRC/tests/malformed/42-no-font-has-it.json" "$bad/reviews/case.json"
err=$("$EVBRIEF" validate --inputs "$bad" --strict 2>&1 >/dev/null); [ $? = 1 ] || fail "--strict should exit 1"
echo "$err" | grep -q 'case.json:2:74: $.findings\[0\].text.en: error: character U+1F600' || fail "strict message: $err"
echo "ok: cli (strict)"
