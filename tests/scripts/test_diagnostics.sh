#!/usr/bin/env bash
# Diagnostics: file:line:col: severity: message [$.path], then the source
# line with a caret under the column; GitHub annotations on request; colour
# only on a terminal and never with NO_COLOR; the same problem once.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/inputs/reviews"; cp "$SRC/inputs/indications.json" "$tmp/inputs/"
cp "$SRC/tests/malformed/08-misspelt-field.json" "$tmp/inputs/reviews/case.json"
cd "$tmp"

expected='inputs/reviews/case.json:4:3: error: unknown field "langauge"; did you mean "language"? [$.langauge]
 4 |   "langauge": "en",
   |   ^
inputs/reviews/case.json:1:1: error: missing required field "language" [$]
 1 | {
   | ^'
err=$("$EVBRIEF" validate 2>&1 >/dev/null); [ $? = 1 ] || fail "exit code"
[ "$err" = "$expected" ] || fail "text diagnostics: $err"
echo "ok: diagnostics (text, excerpt, caret)"

expected='::error file=inputs/reviews/case.json,line=4,col=3::unknown field "langauge"; did you mean "language"? [$.langauge]
::error file=inputs/reviews/case.json,line=1,col=1::missing required field "language" [$]'
err=$("$EVBRIEF" validate --diagnostic-format=github 2>&1 >/dev/null); [ $? = 1 ] || fail "github exit code"
[ "$err" = "$expected" ] || fail "github diagnostics: $err"
err=$("$EVBRIEF" validate --diagnostic-format github 2>&1 >/dev/null)
[ "$err" = "$expected" ] || fail "--diagnostic-format VALUE: $err"
err=$("$EVBRIEF" validate --diagnostic-format=xml 2>&1); [ $? = 2 ] || fail "unknown format should exit 2"
[ "$err" = 'evbrief validate: error: unknown diagnostic format "xml" (text or github)' ] || fail "unknown format: $err"
# a build reports in the same shape, each problem once
err=$("$EVBRIEF" build --diagnostic-format=github --locale en --out o 2>&1 >/dev/null); [ $? = 1 ] || fail "build exit code"
[ "$(echo "$err" | grep -c 'line=4,col=3::unknown field "langauge"')" = 1 ] || fail "build github: $err"
echo "ok: diagnostics (github)"

# Colour: on a terminal (script gives one), not in a pipe, never with NO_COLOR.
esc=$(printf '\033')
tty_out=$(script -qec "$EVBRIEF validate" /dev/null 2>&1)
echo "$tty_out" | grep -q "${esc}\[1;31merror:" || fail "no colour on a terminal: $tty_out"
tty_out=$(NO_COLOR=1 script -qec "$EVBRIEF validate" /dev/null 2>&1)
echo "$tty_out" | grep -q "$esc" && fail "colour despite NO_COLOR: $tty_out"
"$EVBRIEF" validate 2>&1 | grep -q "$esc" && fail "colour in a pipe"
echo "ok: diagnostics (colour)"

# A long line (a minified file) is cut around the column.
python3 - "$tmp/inputs/reviews/case.json" <<'PY'
import sys
p = sys.argv[1]
pad = " " * 300
open(p, "w").write('{' + pad + '"langauge": "en"}')
PY
err=$("$EVBRIEF" validate 2>&1 >/dev/null)
line=$(echo "$err" | sed -n 2p); caret=$(echo "$err" | sed -n 3p)
want_line=" 1 | ...$(printf '%40s' '')\"langauge\": \"en\"}"
want_caret="   | $(printf '%43s' '')^"
[ "$line" = "$want_line" ] || fail "long line: [$line]"
[ "$caret" = "$want_caret" ] || fail "long line caret: [$caret]"
echo "ok: diagnostics (long line)"
