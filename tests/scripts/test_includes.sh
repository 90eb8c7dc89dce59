#!/usr/bin/env bash
# The include rule of cmake/Stages.cmake (docs/architecture.md): every stage
# passes it as it is; a stage that includes another stage's private header,
# a public header of a stage it does not link, a library it does not link,
# a path with "..", or a header that exists nowhere, fails, with the exact
# message; and the build itself stops on such an include, before compiling.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() { cmake -DRULES="$BUILD/include-rules/$1.cmake" ${2:+-DSTAGE_DIR="$2"} -P "$SRC/cmake/CheckIncludes.cmake" 2>&1; }

for stage in util model load compose layout pdf cli; do
  out=$(check $stage) || fail "stage $stage breaks the include rule: $out"
done
echo "ok: includes (every stage keeps to its declaration)"

# violation LINE EXPECTED: compose's sources with LINE added to a copy of
# sections.c (after its first line) must fail with EXPECTED.
violation() {
  rm -rf "$tmp/compose" && cp -r "$SRC/src/compose" "$tmp/compose"
  sed -i "1a $1" "$tmp/compose/sections.c"
  out=$(check compose "$tmp/compose"); code=$?
  [ $code != 0 ] || fail "$1 in compose passed the check"
  echo "$out" | grep -qxF "src/compose/sections.c:2: $2" || fail "$1: message: $out"
  echo "$out" | grep -qF "stage compose: 1 include(s) break the rules" || fail "$1: summary: $out"
}
violation '#include "pages.h"' \
  '"pages.h" is stage layout'"'"'s public header, and stage compose may use only: model util'
violation '#include "render.h"' \
  '"render.h" is stage pdf'"'"'s public header, and stage compose may use only: model util'
violation '#include "load.h"' \
  '"load.h" is stage load'"'"'s public header, and stage compose may use only: model util'
violation '#include "layout_internal.h"' \
  '"layout_internal.h" is a private header of stage layout (src/layout/), which stage compose may not include'
violation '#include "../pdf/pdf_internal.h"' \
  '"../pdf/pdf_internal.h": a path in an include: a stage names its own private headers (src/compose/) and public ones (include/) by file name only'
violation '#include "layout/layout_internal.h"' \
  '"layout/layout_internal.h": a path in an include: a stage names its own private headers (src/compose/) and public ones (include/) by file name only'
violation '#include <cjson/cJSON.h>' \
  '<cjson/cJSON.h> is a header of PkgConfig::CJSON, which stage compose does not link (its libraries: none)'
violation '#include <hb.h>' \
  '<hb.h> is a header of PkgConfig::HARFBUZZ, which stage compose does not link (its libraries: none)'
violation '#include "no_such_header.h"' \
  '"no_such_header.h" is neither a header of src/compose/ nor a public header of include/'
# its own private header, a stage it links, the C library: allowed
rm -rf "$tmp/compose" && cp -r "$SRC/src/compose" "$tmp/compose"
sed -i '1a #include "strings.h"\n#include "model.h"\n#include <math.h>' "$tmp/compose/sections.c"
out=$(check compose "$tmp/compose") || fail "allowed includes refused: $out"
# the cli may not reach into a stage either
rm -rf "$tmp/cli" && cp -r "$SRC/src/cli" "$tmp/cli"
sed -i '1a #include "pdf_internal.h"' "$tmp/cli/main.c"
out=$(check cli "$tmp/cli") && fail "the cli included pdf_internal.h and passed"
echo "$out" | grep -qxF 'src/cli/main.c:2: "pdf_internal.h" is a private header of stage pdf (src/pdf/), which stage cli may not include' \
  || fail "cli message: $out"
echo "ok: includes (each kind of violation refused, with its message)"

# The build: a copy of the tree whose compose includes pdf's private header
# stops when evbrief_compose is built, before any compiling.
mkdir -p "$tmp/tree/tests"
cp -r "$SRC/CMakeLists.txt" "$SRC/cmake" "$SRC/include" "$SRC/src" "$SRC/fonts" "$tmp/tree/"
: >"$tmp/tree/tests/CMakeLists.txt"
sed -i '1a #include "../pdf/pdf_internal.h"' "$tmp/tree/src/compose/sections.c"
cmake -S "$tmp/tree" -B "$tmp/tree-build" -DCMAKE_BUILD_TYPE=Release >"$tmp/configure.log" 2>&1 \
  || fail "configure of the copy: $(tail -5 "$tmp/configure.log")"
out=$(cmake --build "$tmp/tree-build" --target evbrief_compose 2>&1) && fail "the build accepted ../pdf/pdf_internal.h in compose"
echo "$out" | grep -qF 'src/compose/sections.c:2: "../pdf/pdf_internal.h": a path in an include' \
  || fail "build message: $out"
echo "$out" | grep -q 'sections.c.o' && fail "the build compiled before the check failed: $out"
sed -i '2d' "$tmp/tree/src/compose/sections.c"
out=$(cmake --build "$tmp/tree-build" --target evbrief_compose 2>&1) || fail "the repaired copy does not build: $out"
echo "ok: includes (the build stops on a violation, and goes on once it is gone)"

# One error channel: nothing prints a problem to stderr by hand but the
# out-of-memory aborts (which cannot allocate a sink); every problem goes
# through eb_diag, so it is counted, deduplicated and shaped like the rest.
# (A usage text and --timings are not problems.)
direct=$(grep -rn 'fprintf(stderr\|fputs([^;]*, stderr)\|perror(' "$SRC/src" \
  | grep -v 'out of memory\|arena array too large\|usage, stderr\|"\\n%s", usage\|^[^:]*:[0-9]*: *fprintf(stderr,$' || true)
[ -z "$direct" ] || fail "problems printed past eb_diag: $direct"
echo "ok: includes (one error channel)"

# Names: a public header declares eb_ functions, a private header of src/
# ebi_ ones; one lifecycle vocabulary (create, init, destroy), so no
# function is named *_new, *_free or *_make.
declared() {  # the function names declared in the headers given
  grep -ohE '\b(eb|ebi)_[a-z0-9_]+ *\(' "$@" | sed 's/ *($//' | sort -u
}
wrong=$(declared "$SRC"/include/*.h | grep '^ebi_' || true)
[ -z "$wrong" ] || fail "internal names in a public header: $wrong"
private=$(find "$SRC/src" -name '*.h')
wrong=$(declared $private | grep '^eb_' | while read -r name; do
  grep -qE "\b$name *\(" "$SRC"/include/*.h || echo "$name"; done)
[ -z "$wrong" ] || fail "a private header declares public-looking names: $wrong"
# (evbrief's own names: eb_, ebi_, and every static function; a library's,
# such as png_image_free, are the library's)
wrong=$( (grep -rhoE '\b(eb|ebi)_[a-z0-9_]+_(new|free|make) *\(' "$SRC/src" "$SRC/include"
          grep -rhoE '^static [^=(]*\b[a-z0-9_]+_(new|free|make) *\(' "$SRC/src") \
  | grep -oE '[a-z0-9_]+ *\($' | sed 's/ *($//' | sort -u || true)
[ -z "$wrong" ] || fail "outside the lifecycle vocabulary (create, init, destroy): $wrong"
echo "ok: includes (names)"
