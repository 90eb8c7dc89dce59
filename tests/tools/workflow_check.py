"""Checks .github/workflows/briefs.yml for what docs/ci.md promises, and that
every evbrief command in it and in docs/ci.md uses only options that command
accepts (asked of the binary itself: `evbrief help CMD`).

usage: workflow_check.py EVBRIEF WORKFLOW DOC"""
import re
import subprocess
import sys

import yaml

evbrief, workflow_path, doc_path = sys.argv[1:4]
problems = []


def need(condition, what):
    if not condition:
        problems.append(what)


wf = yaml.safe_load(open(workflow_path, encoding="utf-8"))
# YAML 1.1 reads the key "on" as True
triggers = wf.get("on", wf.get(True))
need(isinstance(triggers, dict), "no triggers")
triggers = triggers or {}
for t in ("schedule", "pull_request", "push", "workflow_dispatch"):
    need(t in triggers, f"no {t} trigger")
need("SOURCE_DATE_EPOCH" not in (wf.get("env") or {}), "SOURCE_DATE_EPOCH is fixed in the workflow's env")

steps = wf["jobs"]["briefs"]["steps"]
runs = [s.get("run", "") for s in steps]
uses = [s.get("uses", "") for s in steps]


def index(pred, what):
    for i, s in enumerate(steps):
        if pred(s):
            return i
    problems.append(f"no step that {what}")
    return -1


checkout = index(lambda s: s.get("uses", "").startswith("actions/checkout@"), "checks out")
need(checkout >= 0 and (steps[checkout].get("with") or {}).get("fetch-depth") == 0,
     "the checkout has no history (fetch-depth: 0) for the build date")
setup = index(lambda s: "bash .ci/setup.sh --build" in s.get("run", ""), "installs only what the build needs")
need(not any(re.search(r"\.ci/setup\.sh\s*$", r, re.M) for r in runs), "a step runs the full setup (test tools)")
date = index(lambda s: 'SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- inputs/)' in s.get("run", ""),
             "takes SOURCE_DATE_EPOCH from the last commit that touched inputs/")
restore = index(lambda s: s.get("uses", "").startswith("actions/cache/restore@")
                and (s.get("with") or {}).get("path") == "out/", "restores the previous out/")
build = index(lambda s: "evbrief build" in s.get("run", ""), "builds")
gate = index(lambda s: re.search(r"evbrief check(?!.*\|\| true)", s.get("run", "")) is not None, "gates with check")
save = index(lambda s: s.get("uses", "").startswith("actions/cache/save@"), "saves out/ for the next run")
need(0 <= date < build and 0 <= restore < build < gate, "the order is: date, restore, build, check")
need(build >= 0 and "--force" not in steps[build]["run"], "the build is not incremental (--force)")
need(save >= 0 and "pull_request" in steps[save].get("if", ""), "pull requests overwrite the cache")
need(any(u.startswith("actions/upload-pages-artifact@") for u in uses), "the briefs are not published")
publish = wf["jobs"].get("publish", {})
need(any(s.get("uses", "").startswith("actions/deploy-pages@") for s in publish.get("steps", [])),
     "no job deploys the briefs to Pages")
need(not any("strategy" in j for j in wf["jobs"].values()), "the workflow shards (docs/ci.md: not worth it)")

# Every evbrief command, in the workflow and in docs/ci.md's code blocks.
doc = open(doc_path, encoding="utf-8").read()
code, inside = [], False
for line in doc.splitlines():  # the lines between ``` fences
    if line.startswith("```"):
        inside = not inside
    elif inside:
        code.append(line)
blocks = "\n".join(code)
help_cache = {}
for line in "\n".join(runs).splitlines() + blocks.splitlines():
    for m in re.finditer(r"evbrief ((?:manifest )?[a-z]+)((?: +(?:--?[a-z][-a-z]*(?:[= ](?!--)\S+)?|\"[^\"]*\"|[^|;&\s]+))*)", line):
        cmd, args = m.group(1), m.group(2)
        if cmd not in help_cache:
            p = subprocess.run([evbrief, "help", *cmd.split()], capture_output=True, text=True)
            help_cache[cmd] = p.stdout if p.returncode == 0 else None
        need(help_cache[cmd] is not None, f"unknown command: evbrief {cmd}")
        for opt in re.findall(r"(?<![\w-])(--[a-z][-a-z]*)", args):
            need(help_cache[cmd] is None or opt in help_cache[cmd], f"evbrief {cmd} has no option {opt} ({line.strip()})")

for p in problems:
    print(f"{workflow_path}: error: {p}")
sys.exit(1 if problems else 0)
