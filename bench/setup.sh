#!/usr/bin/env bash
# Installs what bench/run.sh needs on Debian 12, as root; installs only what
# is missing, so a second run costs nothing.
#   - Debian: hyperfine, /usr/bin/time, WeasyPrint, poppler-utils (pdftotext),
#     valgrind (callgrind), and node/npm when no node is on PATH;
#   - npm: Typst 0.14 (the typst.ts node compiler) into bench/node_modules,
#     at the version pinned by bench/package.json and bench/package-lock.json.
# evbrief's own build dependencies come from .ci/setup.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

packages=(hyperfine time weasyprint poppler-utils valgrind python3)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Typst: reinstall only when the lock file changed since the last install.
stamp="$here/node_modules/.bench-lock.sha256"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "bench/setup: npm install (Typst 0.14 via @myriaddreamin/typst-ts-node-compiler)"
  # npm install, not npm ci: npm ci rejects a lock file that lacks the other
  # platforms' optional packages; the versions are exact pins either way.
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error --omit-lockfile-registry-resolved)
  echo "$want" > "$stamp"
fi
echo "bench/setup: hyperfine $(hyperfine --version | cut -d' ' -f2), WeasyPrint $(weasyprint --version | awk '{print $NF}'), node $(node --version), typst.ts $(node -p "require('$here/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json').version")"
