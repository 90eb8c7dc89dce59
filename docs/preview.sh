#!/usr/bin/env bash
# Regenerates docs/preview/: the first page of one brief in each locale, as
# PNG, from a fresh build with a fixed SOURCE_DATE_EPOCH.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SOURCE_DATE_EPOCH=1767225600 ./build/evbrief build --indication photoaging --out "$tmp" --quiet
for locale in en fa zh; do
  pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$tmp/photoaging.$locale.pdf" "docs/preview/photoaging.$locale"
done
ls -l docs/preview
