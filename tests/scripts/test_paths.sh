#!/usr/bin/env bash
# Where the commands find their inputs and put their output: ./inputs or the
# nearest inputs/ above (never the source tree the binary was built from),
# said on the first line; --out makes its parents; validate FILE... and -.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Outside any project: no inputs, a clear message, exit 3, nothing read.
mkdir -p "$tmp/empty/sub"
err=$(cd "$tmp/empty/sub" && "$EVBRIEF" validate 2>&1); code=$?
[ $code = 3 ] || fail "no inputs anywhere should exit 3, got $code"
[ "$err" = "evbrief validate: error: no inputs/indications.json in $tmp/empty/sub or any directory above it; name the inputs with --inputs DIR" ] \
  || fail "no-inputs message: $err"
err=$(cd "$tmp/empty" && "$EVBRIEF" build 2>&1); [ $? = 3 ] || fail "build without inputs should exit 3"
[ ! -e "$tmp/empty/out" ] || fail "build without inputs wrote out/"
echo "ok: paths (no inputs)"

# A project with one review: found from the project and from below it.
mkdir -p "$tmp/proj/inputs/reviews" "$tmp/proj/a/b"
cp "$SRC/inputs/indications.json" "$tmp/proj/inputs/"
cp "$SRC/inputs/reviews/he-2026.json" "$tmp/proj/inputs/reviews/"
out=$(cd "$tmp/proj" && "$EVBRIEF" validate 2>&1) || fail "validate in the project: $out"
[ "$(echo "$out" | head -1)" = "inputs: inputs  fonts: $BUILD/fonts" ] || fail "first line: $out"
echo "$out" | grep -qx '7 indication(s), 1 valid review(s), 0 invalid file(s), 0 error(s)' || fail "summary: $out"
out=$(cd "$tmp/proj/a/b" && "$EVBRIEF" list 2>&1) || fail "list from below: $out"
[ "$(echo "$out" | head -1)" = "inputs: $tmp/proj/inputs" ] || fail "list first line: $out"
echo "$out" | tail -1 | grep -qx '7 indication(s), 1 review(s), 12 brief(s) to build' || fail "list: $out"
echo "ok: paths (found upward)"

# build from below writes the project's out/, and says so first.
out=$(cd "$tmp/proj/a/b" && "$EVBRIEF" build -j2 2>&1) || fail "build from below: $out"
[ "$(echo "$out" | head -1)" = "inputs: $tmp/proj/inputs  fonts: $BUILD/fonts  out: $tmp/proj/out" ] || fail "build first line: $out"
[ -f "$tmp/proj/out/manifest.json" ] || fail "no manifest in the project's out/"
[ ! -e "$tmp/proj/a/b/out" ] || fail "build wrote out/ in the current directory"
out=$(cd "$tmp/proj/a/b" && "$EVBRIEF" check 2>&1) || fail "check from below: $out"
[ "$(echo "$out" | head -1)" = "inputs: $tmp/proj/inputs  fonts: $BUILD/fonts  out: $tmp/proj/out" ] || fail "check first line: $out"
# --quiet and --json print no such line
out=$(cd "$tmp/proj" && "$EVBRIEF" build --quiet 2>&1) || fail "quiet build: $out"
[ -z "$out" ] || fail "--quiet printed: $out"
out=$(cd "$tmp/proj" && "$EVBRIEF" build --json 2>/dev/null | head -1)
[ "$out" = "{" ] || fail "--json first line: $out"
echo "ok: paths (build and check)"

# --out makes every missing parent.
out=$("$EVBRIEF" build --inputs "$tmp/proj/inputs" --out "$tmp/deep/er/out" --locale en 2>&1) || fail "deep --out: $out"
[ -f "$tmp/deep/er/out/photoaging.en.pdf" ] || fail "deep --out wrote: $(ls -R "$tmp/deep" 2>&1)"
touch "$tmp/afile"
err=$("$EVBRIEF" build --inputs "$tmp/proj/inputs" --out "$tmp/afile/out" 2>&1); [ $? = 3 ] || fail "--out under a file should exit 3"
echo "$err" | grep -qx "evbrief build: error: $tmp/afile exists and is not a directory" || fail "--out under a file: $err"
"$EVBRIEF" sample --out "$tmp/s/a/b.pdf" >/dev/null 2>&1 && [ -f "$tmp/s/a/b.pdf" ] || fail "sample --out parents"
out=$("$EVBRIEF" manifest merge --out "$tmp/m/n/manifest.json" "$tmp/deep/er/out/manifest.json" 2>&1) || fail "merge --out parents: $out"
[ "$(echo "$out" | head -1)" = "out: $tmp/m/n/manifest.json" ] || fail "merge first line: $out"
[ -f "$tmp/m/n/manifest.json" ] || fail "merge --out made no parents"
echo "ok: paths (--out parents)"

# validate FILE... checks only those files (against the vocabulary); - is stdin.
mkdir "$tmp/bad"; bad="$tmp/bad/case.json"; cp "$SRC/tests/malformed/05-year-string.json" "$bad"
err=$(cd "$tmp/proj" && "$EVBRIEF" validate inputs/reviews/he-2026.json "$bad" 2>&1 >/dev/null); code=$?
[ $code = 1 ] || fail "validate FILE with a bad one should exit 1, got $code"
[ "$(echo "$err" | grep -c error)" = "$(cd "$tmp/proj" && "$EVBRIEF" validate "$bad" 2>&1 >/dev/null | grep -c error)" ] \
  || fail "validate FILE: the good file added errors: $err"
out=$(cd "$tmp/proj" && "$EVBRIEF" validate inputs/reviews/he-2026.json 2>/dev/null | tail -1)
[ "$out" = "7 indication(s), 1 valid review(s), 0 invalid file(s), 0 error(s)" ] || fail "validate one file: $out"
err=$(cd "$tmp/proj" && "$EVBRIEF" validate - < "$bad" 2>&1 >/dev/null); [ $? = 1 ] || fail "validate - should exit 1"
[ "$err" = "$(printf '%s\n' '<stdin>:5:11: error: expected a whole number, found a string [$.year]' ' 5 |   "year": "2025",' '   |           ^')" ] || fail "validate - messages: $err"
out=$(cd "$tmp/proj" && "$EVBRIEF" validate - < inputs/reviews/he-2026.json 2>&1) || fail "validate - (valid): $out"
err=$(cd "$tmp/proj" && "$EVBRIEF" validate /nonexistent.json 2>&1 >/dev/null); [ $? = 3 ] || fail "missing FILE should exit 3"
echo "$err" | grep -qx "/nonexistent.json: error: cannot read: No such file or directory" || fail "missing FILE: $err"
# the same review twice: reported at its id, with line and column
mkdir "$tmp/copy"; cp "$SRC/inputs/reviews/he-2026.json" "$tmp/copy/"
err=$(cd "$tmp/proj" && "$EVBRIEF" validate inputs/reviews/he-2026.json "$tmp/copy/he-2026.json" 2>&1 >/dev/null); [ $? = 1 ] || fail "a review twice should exit 1"
[ "$(echo "$err" | head -1)" = "$tmp/copy/he-2026.json:2:9: error: review id \"he-2026\" is already used by inputs/reviews/he-2026.json [\$.id]" ] \
  || fail "review twice: $err"
echo "ok: paths (validate FILE and -)"
