#!/usr/bin/env bash
# The benchmark: evbrief against Typst 0.14 and WeasyPrint on the same brief,
# the full corpus, a scaled corpus, peak memory, output sizes, per-phase
# times and Persian text extraction. Prints a markdown report on stdout;
# everything measured goes to bench/results/<time>/ (gitignored).
#
#   bash bench/setup.sh            # once: hyperfine, WeasyPrint, Typst 0.14 …
#   bash bench/run.sh [--quick]    # --quick: fewer runs, no 1000-brief corpus
#
# Environment: EVBRIEF (the binary; default build-rel/evbrief, built in
# Release if missing), EVBRIEF_COMMIT (the commit it was built from, for the
# report; default HEAD), FONTS (default: fonts/ beside the binary, where CMake copies them), RUNS (default 10).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

E="${EVBRIEF:-$root/build-rel/evbrief}"
FONTS="${FONTS:-$(dirname "$E")/fonts}"
INPUTS="$root/inputs"
RUNS="${RUNS:-10}"
[ $quick = 1 ] && RUNS=3
if [ ! -x "$E" ]; then
  echo "run.sh: building $E (Release)" >&2
  cmake -S "$root" -B "$root/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build-rel" -j"$(nproc)" --target evbrief >/dev/null
  E="$root/build-rel/evbrief"
fi
for tool in hyperfine /usr/bin/time weasyprint node pdftotext; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool missing: run bash bench/setup.sh" >&2; exit 2; }
done
[ -d "$bench/node_modules/@myriaddreamin/typst-ts-node-compiler" ] ||
  { echo "run.sh: Typst missing: run bash bench/setup.sh" >&2; exit 2; }

res="$bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$res"
ln -sfn "$(basename "$res")" "$bench/results/latest"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# ---- the machine and the versions -------------------------------------------------
{
  echo "date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p')"
  echo "cores=$(nproc)"
  echo "mem=$(free -h | awk '/^Mem:/{print $2}')"
  echo "kernel=$(uname -r)"
  echo "evbrief=$("$E" --version 2>&1 | head -1)"
  echo "evbrief_binary=$E"
  # EVBRIEF_COMMIT: the commit the binary was built from, when not this tree's HEAD
  echo "evbrief_commit=${EVBRIEF_COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
  echo "typst=0.14 via typst.ts $(node -p "require('$bench/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json').version")"
  echo "node=$(node --version)"
  echo "weasyprint=$(weasyprint --version | awk '{print $NF}')"
  echo "hyperfine=$(hyperfine --version | awk '{print $2}')"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$res/machine.txt"

# ---- the same brief for the peers ----------------------------------------------------
log "peers: Typst and HTML documents of skin-aging (and every indication)"
python3 "$bench/make_peers.py" --fonts "$FONTS" --out "$res/peers" 2>"$res/peers.log"
python3 "$bench/make_peers.py" --fonts "$FONTS" --all --out "$res/peers-all" 2>>"$res/peers.log"
# WeasyPrint sees only the fonts of $FONTS (Noto Sans CJK SC is face 2 of a collection).
mkdir -p "$res/fontconfig"
cat > "$res/fontconfig/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><dir>$FONTS</dir><cachedir>$res/fontconfig/cache</cachedir></fontconfig>
EOF
export FONTCONFIG_FILE="$res/fontconfig/fonts.conf"
fc-cache "$FONTS" >/dev/null 2>&1 || true

# ---- scaled inputs ---------------------------------------------------------------------
scales=(35)
[ $quick = 0 ] && scales+=(336)
for n in "${scales[@]}"; do
  python3 "$bench/scale.py" --indications "$n" --out "$res/inputs-$n" >&2
done

# ---- commands --------------------------------------------------------------------------
ours() { echo "$E build --inputs ${2:-$INPUTS} --fonts $FONTS --out $res/out-$1 --force --quiet ${*:3}"; }
typst_one="node $bench/typst-compile.mjs --font-path $FONTS $res/peers/skin-aging.typ $res/skin-aging.typst.pdf"
weasy_one="weasyprint $res/peers/skin-aging.html $res/skin-aging.weasyprint.pdf"
typst_en="node $bench/typst-compile.mjs --font-path $FONTS"
for typ in "$res"/peers-all/*.typ; do typst_en+=" $typ ${typ%.typ}.typst.pdf"; done

declare -A CMD
CMD[one-evbrief]="$(ours one "" --indication skin-aging --locale en -j1)"
CMD[one-typst]="$typst_one"
CMD[one-weasyprint]="$weasy_one"
CMD[node-startup]="node -e 0"
CMD[en7-evbrief]="$(ours en7 "" --locale en -j1)"
CMD[en7-typst]="$typst_en"
CMD[corpus-j1]="$(ours corpus "" -j1)"
CMD[corpus-jdefault]="$(ours corpus)"
for n in "${scales[@]}"; do
  CMD[scale-$n-j1]="$(ours scale-$n "$res/inputs-$n" -j1)"
  CMD[scale-$n-jdefault]="$(ours scale-$n "$res/inputs-$n")"
done
printf '%s\n' "${!CMD[@]}" | sort | while read -r k; do echo "$k	${CMD[$k]}"; done > "$res/commands.tsv"

# ---- timings (hyperfine) ----------------------------------------------------------------
hf() { # name warmup runs
  local name=$1 warmup=$2 runs=$3
  log "hyperfine $name ($runs runs)"
  echo "$name $(cut -d' ' -f1 /proc/loadavg)" >> "$res/loadavg.txt"
  # A failing command is reported and left out of the report, not fatal.
  hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$res/hf-$name.json" \
    -n "$name" "${CMD[$name]}" > "$res/hf-$name.txt" 2>&1 ||
    { log "FAILED: $name (see $res/hf-$name.txt)"; rm -f "$res/hf-$name.json"; }
}
hf one-evbrief 3 "$RUNS"
hf one-typst 2 "$RUNS"
hf node-startup 2 "$RUNS"
hf one-weasyprint 1 $([ $quick = 1 ] && echo 2 || echo 5)
hf en7-evbrief 2 "$RUNS"
hf en7-typst 1 $([ $quick = 1 ] && echo 2 || echo 5)
hf corpus-j1 2 "$RUNS"
hf corpus-jdefault 2 "$RUNS"
for n in "${scales[@]}"; do
  r=$([ "$n" -gt 100 ] && echo 2 || echo 3); w=$([ "$n" -gt 100 ] && echo 0 || echo 1)
  hf "scale-$n-j1" "$w" "$r"
  hf "scale-$n-jdefault" "$w" "$r"
done

# ---- peak memory (/usr/bin/time -v), once each --------------------------------------------
log "peak memory"
for name in $(cut -f1 "$res/commands.tsv"); do
  # shellcheck disable=SC2086
  /usr/bin/time -v ${CMD[$name]} > /dev/null 2> "$res/time-$name.txt" || true
done

# ---- per-phase times (--timings) ----------------------------------------------------------
log "per-phase times"
for name in one-evbrief corpus-j1 corpus-jdefault $(printf 'scale-%s-j1 ' "${scales[@]}"); do
  # shellcheck disable=SC2086
  ${CMD[$name]} --timings > "$res/timings-$name.txt" 2>&1 || true
done
# In-process time per brief of Typst (one process, every English brief).
# shellcheck disable=SC2086
$typst_en --times 2> "$res/timings-en7-typst.txt" || true
"$E" build --inputs "$INPUTS" --fonts "$FONTS" --out "$res/out-en7" --force --json --locale en -j1 \
  > "$res/timings-en7-evbrief.json" 2>/dev/null || true

# ---- text extraction ---------------------------------------------------------------------
log "Persian and Chinese text extraction"
python3 "$bench/extract_check.py" --inputs "$INPUTS" \
  "evbrief=$res/out-one/skin-aging.en.pdf" "Typst=$res/skin-aging.typst.pdf" \
  "WeasyPrint=$res/skin-aging.weasyprint.pdf" > "$res/extraction.md"

echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$res/machine.txt"
python3 "$bench/summarize.py" "$res" | tee "$res/report.md"
log "results in $res"
