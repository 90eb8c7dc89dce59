#!/usr/bin/env bash
# Scheduled rebuilds: byte-identical output, the manifest, incremental
# rebuilds, `evbrief check`, -j and shards giving the same bytes, and no
# partial PDF after a failed or killed build.
set -u
fail() { echo "FAIL: $*"; exit 1; }
t="$BUILD/test-rebuilds"
rm -rf "$t" && mkdir -p "$t"
export SOURCE_DATE_EPOCH=1767225600
cp -r "$SRC/inputs" "$t/inputs"
build() { "$EVBRIEF" build --inputs "$t/inputs" "$@"; }

# Two full builds, -j1 and -j4, are byte-identical, manifest included.
build --out "$t/a" -j1 --quiet || fail "build a"
build --out "$t/b" -j4 --quiet || fail "build b"
diff -r "$t/a" "$t/b" >/dev/null || fail "-j1 and -j4 builds differ"
[ "$(ls "$t/a"/*.pdf | wc -l)" = 21 ] || fail "21 PDFs expected"

# The manifest lists every brief with its hashes and the inputs and fonts behind it.
/usr/bin/python3 - "$t/a" <<'PY' || fail "manifest content"
import hashlib, json, pathlib, sys
out = pathlib.Path(sys.argv[1])
m = json.loads((out / "manifest.json").read_text())
assert m["evbrief_version"], m
briefs = {b["file"]: b for b in m["briefs"]}
assert len(briefs) == 21, len(briefs)
for name, b in briefs.items():
    data = (out / name).read_bytes()
    assert b["sha256"] == hashlib.sha256(data).hexdigest(), name
    assert b["bytes"] == len(data), name
    assert b["pages"] > 0 and b["indication"] in name and name.endswith("." + b["locale"] + ".pdf")
    assert b["inputs"][0]["file"] == "indications.json"
    assert any(f["file"].startswith("NotoSerif") or f["file"].startswith("NotoSans") for f in b["fonts"])
    assert len(b["key"]) == 64
assert [i["file"] for i in briefs["systemic-anti-aging.en.pdf"]["inputs"]] == ["indications.json", "reviews/web-summary-2026.json"]
assert any(f["file"].startswith("NotoSansCJK") for f in briefs["photoaging.zh.pdf"]["fonts"])
PY

# Nothing changed: nothing rebuilt, check passes.
out=$(build --out "$t/a") || fail "rebuild"
echo "$out" | grep -q "built 0, unchanged 21, failed 0" || fail "no-op rebuild: $out"
"$EVBRIEF" check --inputs "$t/inputs" --out "$t/a" >/dev/null || fail "check on a fresh build"

# Editing one review: check names exactly the briefs it feeds, a rebuild
# rebuilds exactly those, and check passes again.
sed -i 's/"pages": "12–18"/"pages": "12-18"/' "$t/inputs/reviews/haykal-2025.json"
stale=$("$EVBRIEF" check --inputs "$t/inputs" --out "$t/a"); code=$?
[ $code = 1 ] || fail "check should exit 1 on stale briefs, got $code"
expected="hair-restoration.en.pdf hair-restoration.fa.pdf hair-restoration.zh.pdf pigmentation.en.pdf pigmentation.fa.pdf pigmentation.zh.pdf skin-aging.en.pdf skin-aging.fa.pdf skin-aging.zh.pdf"
got=$(echo "$stale" | awk '$1 == "stale" {print $2}' | sort | tr '\n' ' ' | sed 's/ $//')
[ "$got" = "$expected" ] || fail "stale briefs: $got"
echo "$stale" | grep -q "changed: reviews/haykal-2025.json" || fail "check does not name the changed input"
rebuilt=$(build --out "$t/a" | awk '/^\[/ && $2 == "built" {print $3}' | sort | tr '\n' ' ' | sed 's/ $//')
[ "$rebuilt" = "$expected" ] || fail "rebuilt: $rebuilt"
"$EVBRIEF" check --inputs "$t/inputs" --out "$t/a" >/dev/null || fail "check after rebuild"

# A PDF changed by hand, or deleted, is caught and rebuilt.
echo tampered >> "$t/a/photoaging.en.pdf"
rm "$t/a/photoaging.zh.pdf"
stale=$("$EVBRIEF" check --inputs "$t/inputs" --out "$t/a")
echo "$stale" | grep -q "stale    photoaging.en.pdf  (the file changed" || fail "tampered file not caught: $stale"
echo "$stale" | grep -q "missing  photoaging.zh.pdf" || fail "missing file not caught: $stale"
build --out "$t/a" --quiet || fail "repair build"
"$EVBRIEF" check --inputs "$t/inputs" --out "$t/a" >/dev/null || fail "check after repair"
# --force rebuilds everything, to the same bytes.
cp -r "$t/a" "$t/a-before"
build --out "$t/a" --force | grep -q "built 21, unchanged 0" || fail "--force"
diff -r "$t/a" "$t/a-before" >/dev/null || fail "--force changed bytes"

# Four shards, merged, equal a full build: same PDFs, same manifest.
build --out "$t/full" --quiet || fail "full build"
for k in 1 2 3 4; do build --out "$t/shard$k" --shard "$k/4" --quiet || fail "shard $k"; done
n=0; for k in 1 2 3 4; do n=$((n + $(ls "$t/shard$k"/*.pdf | wc -l))); done
[ $n = 21 ] || fail "shards wrote $n briefs, not 21"
for k in 1 2 3 4; do [ "$(ls "$t/shard$k"/*.pdf | wc -l)" -ge 3 ] || fail "shard $k is unbalanced"; done
"$EVBRIEF" manifest merge --out "$t/merged.json" "$t"/shard*/manifest.json >/dev/null || fail "merge"
cmp -s "$t/merged.json" "$t/full/manifest.json" || fail "merged manifest differs from a full build's"
for f in "$t"/full/*.pdf; do cmp -s "$f" "$t/shard"*/"$(basename "$f")" 2>/dev/null || cmp -s "$f" "$(ls "$t"/shard*/"$(basename "$f")")" || fail "shard copy of $(basename "$f") differs"; done
"$EVBRIEF" build --inputs "$t/inputs" --out "$t/x" --shard 5/4 >/dev/null 2>&1; [ $? = 2 ] || fail "--shard 5/4 should be a usage error"

# --json is machine-readable.
build --out "$t/full" --json | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); assert d['unchanged']==21 and len(d['briefs'])==21" || fail "--json"

# An output directory that cannot be made (under a regular file; root
# cannot either): exit 3, the message, nothing written, the file unchanged.
: > "$t/file"
"$EVBRIEF" build --inputs "$t/inputs" --out "$t/file/out" >/dev/null 2>"$t/unwritable.err"; code=$?
[ $code = 3 ] || fail "unwritable out should exit 3, got $code"
[ "$(cat "$t/unwritable.err")" = "evbrief build: error: $t/file exists and is not a directory" ] ||
    fail "message for an unwritable out: $(cat "$t/unwritable.err")"
[ -f "$t/file" ] && [ ! -s "$t/file" ] || fail "the file in the way was changed"

# One invalid review fails only the briefs it feeds: exit 1, the others built,
# the old PDFs of its briefs left as they were.
cp -r "$t/inputs" "$t/bad-inputs"
sed -i 's/"year": 2025,/"year": "2025",/' "$t/bad-inputs/reviews/haykal-2025.json"
cp -r "$t/full" "$t/partial"
touch -d '2000-01-01' "$t/partial/skin-aging.en.pdf"
"$EVBRIEF" build --inputs "$t/bad-inputs" --out "$t/partial" --force >"$t/partial.log" 2>&1; code=$?
[ $code = 1 ] || fail "an invalid review should exit 1, got $code"
grep -q "done: built 12, unchanged 0, failed 9" "$t/partial.log" || fail "partial build summary: $(tail -1 "$t/partial.log")"
[ "$(stat -c %Y "$t/partial/skin-aging.en.pdf")" = "$(date -d 2000-01-01 +%s)" ] || fail "a brief of the invalid review was rewritten"

"$EVBRIEF" build --inputs "$t/bad-inputs" --out "$t/ff" -j1 --fail-fast >"$t/ff.log" 2>&1
grep -q "failed 1" "$t/ff.log" || fail "--fail-fast did not stop at the first failure: $(tail -1 "$t/ff.log")"

# Killing a build mid-way leaves no partial PDF; the next build cleans up.
for delay in 0.05 0.15 0.3 0.6; do
  rm -rf "$t/kill"
  # evbrief itself in the background, not the build function: $! would be
  # a subshell, and killing it would leave evbrief running on, racing the
  # rebuild below (a flaky "leftover temporary files").
  "$EVBRIEF" build --inputs "$t/inputs" --out "$t/kill" -j1 --quiet & pid=$!
  sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  for f in "$t"/kill/*.pdf; do
    [ -e "$f" ] || continue
    cmp -s "$f" "$t/full/$(basename "$f")" || fail "partial or wrong PDF after kill at $delay s: $f"
  done
  build --out "$t/kill" -j1 --quiet || fail "build after kill"
  ls -a "$t/kill" | grep -E '^\..*\.pdf\.|manifest\.json\.' && fail "leftover temporary files after rebuild"
  diff -r "$t/kill" "$t/full" >/dev/null || fail "build after kill differs from a full build"
done
echo "ok: rebuilds"
