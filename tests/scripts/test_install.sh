#!/usr/bin/env bash
# cmake --install: the binary, fonts and schemas under share/evbrief, the man
# page, bash and zsh completion; the installed evbrief finds its fonts with
# no checkout, run from another directory on a copy of the inputs.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$BUILD" --prefix "$prefix" >"$tmp/install.log" 2>&1 || fail "cmake --install: $(cat "$tmp/install.log")"
for f in bin/evbrief share/evbrief/fonts/fonts.json share/evbrief/fonts/NotoSerif-Regular.ttf \
         share/evbrief/fonts/NotoSansCJK-Regular.ttc share/evbrief/fonts/NotoNaskhArabic-Regular.ttf \
         share/evbrief/schema/review.schema.json share/evbrief/schema/indications.schema.json \
         share/man/man1/evbrief.1 share/bash-completion/completions/evbrief share/zsh/site-functions/_evbrief; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
# every font fonts.json names is installed
python3 - "$prefix/share/evbrief/fonts" <<'PY' || fail "a font of fonts.json is not installed"
import json, os, sys
d = sys.argv[1]
for f in json.load(open(os.path.join(d, "fonts.json")))["fonts"]:
    assert os.path.isfile(os.path.join(d, f["file"])), f["file"]
PY
echo "ok: install (files)"

# Run it elsewhere, on a copy of the inputs: it uses the installed fonts.
mkdir -p "$tmp/clinic"; cp -r "$SRC/inputs" "$tmp/clinic/inputs"
cd "$tmp/clinic"
ev="$prefix/bin/evbrief"
out=$("$ev" validate 2>&1) || fail "installed validate: $out"
[ "$(echo "$out" | head -1)" = "inputs: inputs  fonts: $prefix/share/evbrief/fonts" ] || fail "installed fonts not used: $out"
out=$("$ev" build --locale en -j2 2>&1) || fail "installed build: $out"
[ "$(echo "$out" | head -1)" = "inputs: inputs  fonts: $prefix/share/evbrief/fonts  out: out" ] || fail "build first line: $out"
[ "$(ls out/*.en.pdf | wc -l)" = 7 ] || fail "installed build wrote: $(ls out)"
"$ev" check --locale en >/dev/null 2>&1 || fail "installed check after build"
# the same key as the build tree's binary: fonts are pinned by hash, not path
"$EVBRIEF" check --locale en --inputs inputs --out out >/dev/null 2>&1 || fail "the build tree's evbrief finds the installed build stale"
echo "ok: install (runs without a checkout)"

# The man page renders; the completions load and complete.
if command -v man >/dev/null; then
  man -l "$prefix/share/man/man1/evbrief.1" 2>/dev/null | grep -q "allow-missing-glyphs" || fail "man page"
fi
words=$(bash -c "source '$prefix/share/bash-completion/completions/evbrief'; COMP_WORDS=(evbrief check --f); COMP_CWORD=2; _evbrief; echo \${COMPREPLY[*]}")
[ "$words" = "--fonts" ] || fail "bash completion of check --f: $words"
words=$(bash -c "source '$prefix/share/bash-completion/completions/evbrief'; COMP_WORDS=(evbrief b); COMP_CWORD=1; _evbrief; echo \${COMPREPLY[*]}")
[ "$words" = "build" ] || fail "bash completion of b: $words"
if command -v zsh >/dev/null; then zsh -n "$prefix/share/zsh/site-functions/_evbrief" || fail "zsh completion syntax"; fi
echo "ok: install (man page, completions)"
