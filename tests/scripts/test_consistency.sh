#!/usr/bin/env bash
# One command line: every command rejects options it does not use, has
# -h/--help and `evbrief help CMD`; --json on validate, list, check (and
# build) carries every diagnostic; zh is another name of zh-Hans; a BOM is
# a warning; an impossible date is called impossible.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for cmd in validate list build check sample "manifest merge"; do
  for h in -h --help; do
    out=$($EVBRIEF $cmd $h 2>&1) || fail "$cmd $h should exit 0"
    echo "$out" | head -1 | grep -q "^usage: evbrief $cmd" || fail "$cmd $h: $out"
  done
  [ "$($EVBRIEF help $cmd)" = "$($EVBRIEF $cmd --help)" ] || fail "help $cmd differs from $cmd --help"
done
"$EVBRIEF" help frobnicate >/dev/null 2>&1; [ $? = 2 ] || fail "help of an unknown command should exit 2"
echo "ok: consistency (help)"

# check takes no build-only option; list no validate-only one; validate no build option
for opt in --force -j2 --jobs=2 --timings --quiet --fail-fast; do
  err=$("$EVBRIEF" check $opt 2>&1); [ $? = 2 ] || fail "check $opt should exit 2"
  echo "$err" | head -1 | grep -q "^evbrief check: error: unknown option or argument" || fail "check $opt: $err"
done
for opt in --fonts=x --locale=en --allow-missing-glyphs --out=x; do
  "$EVBRIEF" list $opt >/dev/null 2>&1; [ $? = 2 ] || fail "list $opt should exit 2"
done
for opt in --out=x --force --paper=a4 --shard=1/2; do
  "$EVBRIEF" validate $opt >/dev/null 2>&1; [ $? = 2 ] || fail "validate $opt should exit 2"
done
"$EVBRIEF" sample --inputs x >/dev/null 2>&1; [ $? = 2 ] || fail "sample --inputs should exit 2"
# a bad value is reported by the command that was given it
err=$("$EVBRIEF" check --paper b5 2>&1); [ $? = 2 ] || fail "check --paper b5 should exit 2"
[ "$err" = 'evbrief check: error: unknown paper "b5" (a4 or letter)' ] || fail "check --paper b5: $err"
err=$("$EVBRIEF" build --locale de 2>&1); [ $? = 2 ] || fail "build --locale de should exit 2"
[ "$err" = 'evbrief build: error: unknown locale "de" (en, fa or zh)' ] || fail "build --locale de: $err"
echo "ok: consistency (options)"

# --json: valid JSON on stdout with every diagnostic, nothing on stderr.
mkdir -p "$tmp/inputs/reviews"; cp "$SRC/inputs/indications.json" "$tmp/inputs/"
cp "$SRC/tests/malformed/08-misspelt-field.json" "$tmp/inputs/reviews/case.json"
cp "$SRC/inputs/reviews/he-2026.json" "$tmp/inputs/reviews/"
cd "$tmp"
check_json() {  # command, python assertions on d
  local out err; out=$("$EVBRIEF" $1 --json 2>"$tmp/err")
  [ -s "$tmp/err" ] && fail "$1 --json wrote to stderr: $(cat "$tmp/err")"
  echo "$out" | WANT="$want" python3 -c "import json,os,sys; d=json.load(sys.stdin); want=json.loads(os.environ['WANT']); $2" || fail "$1 --json: $out"
}
want='{"file": "inputs/reviews/case.json", "line": 4, "column": 3, "path": "$.langauge", "severity": "error", "message": "unknown field \"langauge\"; did you mean \"language\"?"}'
check_json validate "assert d['diagnostics'][0] == want and len(d['diagnostics']) == 2 and d['errors'] == 2 and not d['valid'] and d['valid_reviews'] == 1"
check_json list "assert d['diagnostics'][0] == want and [i['id'] for i in d['indications']][1] == 'photoaging' and d['indications'][1]['briefs'] == ['photoaging.en.pdf', 'photoaging.fa.pdf', 'photoaging.zh.pdf'] and d['indications'][1]['reviews'][0]['id'] == 'he-2026'"
check_json check "assert d['diagnostics'][0] == want and d['checked'] == 12 and {b['status'] for b in d['briefs']} == {'missing', 'invalid'} and d['briefs'][3] == {'file': 'photoaging.en.pdf', 'status': 'invalid', 'reason': 'inputs/reviews/case.json is invalid'}"
check_json "build --locale en" "assert d['diagnostics'][0] == want and d['built'] == 3 and d['failed'] == 1"
check_json check "assert [b['file'] for b in d['briefs'] if b['status'] == 'current'] == ['skin-aging.en.pdf', 'pigmentation.en.pdf', 'wound-healing-scars.en.pdf'] and d['missing_or_stale'] == 9"
# a problem of the command line is in the JSON too, not only on stderr
want='{"file": null, "line": null, "column": null, "path": null, "severity": "error", "message": "unknown indication \"nope\""}'
out=$("$EVBRIEF" build --indication nope --json 2>"$tmp/err"); [ $? = 2 ] || fail "build --indication nope should exit 2"
[ -s "$tmp/err" ] && fail "build --indication nope --json wrote to stderr: $(cat "$tmp/err")"
echo "$out" | WANT="$want" python3 -c "import json,os,sys; d=json.load(sys.stdin); assert d['diagnostics'][-1] == json.loads(os.environ['WANT']) and d['built'] == 0, d" \
  || fail "build --indication nope --json: $out"
err=$("$EVBRIEF" build --indication nope 2>&1 >/dev/null)
echo "$err" | tail -1 | grep -qxF 'evbrief build: error: unknown indication "nope"' || fail "build --indication nope: $err"
echo "ok: consistency (--json)"

# zh is another name of zh-Hans: as a key, as a language, as a locale.
rm "$tmp/inputs/reviews/case.json"
sed 's/"zh-Hans"/"zh"/g' "$SRC/inputs/reviews/he-2026.json" > "$tmp/inputs/reviews/he-2026.json"
grep -q '"language": "zh"' "$tmp/inputs/reviews/he-2026.json" || fail "the test input has no zh language"
out=$("$EVBRIEF" validate 2>&1) || fail "zh keys should be valid: $out"
"$EVBRIEF" validate --locale zh-Hans >/dev/null 2>&1 || fail "--locale zh-Hans should be accepted"
printf '{"id": "x", "seed": "s", "language": "en", "year": 2025, "kind": "narrative_review", "findings": [{"id": "f", "indications": ["photoaging"], "level": "expert_opinion", "text": {"en": "a", "fa": "ب", "zh": "c", "zh-Hans": "c"}}]}' > "$tmp/x.json"
err=$("$EVBRIEF" validate "$tmp/x.json" 2>&1 >/dev/null); [ $? = 1 ] || fail "zh and zh-Hans together should exit 1"
echo "$err" | head -1 | grep -qF "x.json:1:200: error: both \"zh\" and \"zh-Hans\": \"zh\" is another name of \"zh-Hans\"; keep one" || fail "zh twice: $err"
echo "ok: consistency (zh)"

# A BOM: ignored, with a warning at 1:1.
printf '\xef\xbb\xbf' | cat - "$SRC/inputs/reviews/he-2026.json" > "$tmp/inputs/reviews/he-2026.json"
err=$("$EVBRIEF" validate 2>&1 >/dev/null) || fail "a BOM should not fail validation: $err"
echo "$err" | head -1 | grep -qx 'inputs/reviews/he-2026.json:1:1: warning: byte-order mark at the start of the file: it is ignored; save the file as UTF-8 without one' \
  || fail "BOM warning: $err"
# --strict: the same warning fails validation
"$EVBRIEF" validate --strict >/dev/null 2>&1; [ $? = 1 ] || fail "validate --strict should exit 1 on a warning"
"$EVBRIEF" validate --strict "$SRC/inputs/reviews/xiang-2026.json" >/dev/null 2>&1 || fail "validate --strict on a clean file"
echo "ok: consistency (BOM, --strict)"

# Impossible dates are called impossible; misshapen ones misshapen.
for d in "2026-02-30:February 2026 has 28 days" "2024-02-30:February 2024 has 29 days" "2026-13-01:there is no month 13" "2026-04-31:April 2026 has 30 days"; do
  date=${d%%:*}; why=${d#*:}
  sed "s/\"received\": \"2026-03-02\"/\"received\": \"$date\"/" "$SRC/inputs/reviews/he-2026.json" > "$tmp/inputs/reviews/he-2026.json"
  err=$("$EVBRIEF" validate 2>&1 >/dev/null); [ $? = 1 ] || fail "$date should exit 1"
  echo "$err" | head -1 | grep -qF "error: \"$date\" is an impossible date: $why [\$.dates.received]" || fail "$date: $err"
done
sed 's/"received": "2026-03-02"/"received": "2026-2-3"/' "$SRC/inputs/reviews/he-2026.json" > "$tmp/inputs/reviews/he-2026.json"
"$EVBRIEF" validate 2>&1 >/dev/null | head -1 | grep -qF 'error: "2026-2-3" is not a date of the form YYYY-MM-DD or YYYY-MM' || fail "misshapen date"
echo "ok: consistency (dates)"

# The README's Commands section and the man page name every option of every
# command, and the README names none that the command lacks.
readme=$(sed -n '/^## Commands/,/^Each command accepts/p' "$SRC/README.md")
for cmd in build check validate list sample "manifest merge"; do
  help=$("$EVBRIEF" help $cmd)
  block=$(echo "$readme" | awk -v c="evbrief $cmd" 'index($0, c) == 1 {p = 1; print; next} /^evbrief /{p = 0} p')
  [ -n "$block" ] || fail "README has no synopsis of evbrief $cmd"
  for o in $(echo "$help" | grep -o -- '--[a-z][-a-z]*' | sort -u); do
    [ "$o" = --help ] && continue
    echo "$block" | grep -q -- "$o" || fail "README's evbrief $cmd lacks $o"
    grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$SRC/docs/man/evbrief.1" || fail "the man page lacks $o"
  done
  for o in $(echo "$block" | grep -o -- '--[a-z][-a-z]*' | sort -u); do
    echo "$help" | grep -q -- "$o" || fail "README's evbrief $cmd names $o, which it does not take"
  done
done
echo "ok: consistency (README and man page, flag for flag)"
