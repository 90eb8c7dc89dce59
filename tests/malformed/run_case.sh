#!/usr/bin/env bash
# Runs `evbrief validate` on one malformed review and compares the exit code
# and every message, exactly, with tests/malformed/NAME.expected:
#   line 1: the expected exit code; the rest: the expected stderr, with the
#   temporary inputs directory written as INPUTS.
# A case NAME.json is copied to INPUTS/reviews/case.json; a case NAME.sh
# instead writes INPUTS/reviews/case.json itself (for generated inputs such
# as a 50 MB string), getting INPUTS as $1.
set -u
name=$1
here=$(cd "$(dirname "$0")" && pwd)
inputs=$(mktemp -d)
trap 'rm -rf "$inputs"' EXIT
mkdir "$inputs/reviews"
cp "$SRC/inputs/indications.json" "$inputs/"
if [ -f "$here/$name.json" ]; then
  cp "$here/$name.json" "$inputs/reviews/case.json"
else
  bash "$here/$name.sh" "$inputs"
fi
actual=$("$EVBRIEF" validate --inputs "$inputs" 2>&1 >/dev/null)
code=$?
actual=${actual//$inputs/INPUTS}
expected_code=$(head -n 1 "$here/$name.expected")
expected=$(tail -n +2 "$here/$name.expected")
status=0
if [ "$code" != "$expected_code" ]; then
  echo "FAIL $name: exit code $code, expected $expected_code"; status=1
fi
if [ "$actual" != "$expected" ]; then
  echo "FAIL $name: messages differ"
  diff <(echo "$expected") <(echo "$actual")
  status=1
fi
[ $status = 0 ] && echo "ok $name"
exit $status
