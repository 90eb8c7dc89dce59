#!/usr/bin/env python3
"""Turn one bench/run.sh results directory into the markdown report.

    python3 bench/summarize.py bench/results/latest

Reads hyperfine's JSON (hf-*.json), /usr/bin/time -v output (time-*.txt),
evbrief's --timings lines (timings-*.txt), the PDFs' sizes and page counts,
and extraction.md. Standard library only (pdfinfo for page counts).
"""
import glob
import json
import os
import re
import subprocess
import sys

TARGETS = {"one_ms": 30, "corpus_s": 0.25, "rss_mb": 60, "size_kb": 200}


def hf(res, name):
    path = os.path.join(res, f"hf-{name}.json")
    if not os.path.exists(path):
        return None
    r = json.load(open(path))["results"][0]
    return r


def rss_kb(res, name):
    path = os.path.join(res, f"time-{name}.txt")
    if not os.path.exists(path):
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(path).read())
    return int(m.group(1)) if m else None


def pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        m = re.search(r"Pages:\s+(\d+)", out)
        return int(m.group(1)) if m else None
    except OSError:
        return None


def ms(x):
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.2f} s"


def mib(kb):
    return f"{kb / 1024:.0f} MiB" if kb else "—"


def tline(res, name):
    path = os.path.join(res, f"timings-{name}.txt")
    if not os.path.exists(path):
        return None
    for line in open(path):
        if line.startswith("timings"):
            return line.strip()
    return None


def main():
    res = os.path.realpath(sys.argv[1])
    machine = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(res, "machine.txt")) if "=" in line)
    cmds = dict(line.rstrip("\n").split("\t", 1) for line in open(os.path.join(res, "commands.tsv")))
    out = []
    p = out.append
    p(f"# Benchmark run {os.path.basename(res)}\n")
    p(f"Machine: {machine.get('cpu')}, {machine.get('cores')} cores, {machine.get('mem')} RAM, "
      f"Linux {machine.get('kernel')}; load average {machine.get('loadavg_start')} at the start, "
      f"{machine.get('loadavg_end')} at the end (the machine is shared: other work ran meanwhile).  ")
    p(f"evbrief {machine.get('evbrief')} at {machine.get('evbrief_commit')} ({machine.get('evbrief_binary')}); "
      f"Typst {machine.get('typst')} on node {machine.get('node')}; WeasyPrint {machine.get('weasyprint')}; "
      f"hyperfine {machine.get('hyperfine')}.\n")

    # one brief
    one = {"evbrief": ("one-evbrief", os.path.join(res, "out-one", "skin-aging.en.pdf")),
           "Typst 0.14": ("one-typst", os.path.join(res, "skin-aging.typst.pdf")),
           "WeasyPrint": ("one-weasyprint", os.path.join(res, "skin-aging.weasyprint.pdf"))}
    base = hf(res, "one-evbrief")
    base_rss = rss_kb(res, "one-evbrief")
    base_size = os.path.getsize(one["evbrief"][1]) if os.path.exists(one["evbrief"][1]) else None
    p("## One brief as a process (skin-aging, English)\n")
    p("| tool | median | mean ± σ | CPU (user+sys) | runs | × evbrief | peak RSS | × | PDF bytes | × | pages |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for tool, (name, pdf) in one.items():
        r = hf(res, name)
        if not r:
            continue
        kb = rss_kb(res, name)
        size = os.path.getsize(pdf) if os.path.exists(pdf) else None
        p(f"| {tool} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(r['user'] + r['system'])} "
          f"| {len(r['times'])} | {(r['median'] / base['median']) if base else 0:.1f} | {mib(kb)} | "
          f"{(kb / base_rss) if kb and base_rss else 0:.1f} | {size or '—'} | "
          f"{(size / base_size) if size and base_size else 0:.2f} | {pages(pdf) or '—'} |")
    node = hf(res, "node-startup")
    if node:
        p(f"\nnode's own start (`node -e 0`): median {ms(node['median'])}, included in Typst's process time.")

    # many briefs in one process
    p("\n## Seven English briefs in one process\n")
    p("| tool | median | per brief | × evbrief | peak RSS |")
    p("| --- | ---: | ---: | ---: | ---: |")
    e7 = hf(res, "en7-evbrief")
    for tool, name in (("evbrief -j1", "en7-evbrief"), ("Typst 0.14", "en7-typst")):
        r = hf(res, name)
        if r:
            p(f"| {tool} | {ms(r['median'])} | {ms(r['median'] / 7)} | {(r['median'] / e7['median']) if e7 else 0:.1f} | "
              f"{mib(rss_kb(res, name))} |")
    tt = os.path.join(res, "timings-en7-typst.txt")
    if os.path.exists(tt):
        p("\nTypst's own times inside that process (ms): " +
          "; ".join(line.strip().replace(res + "/peers-all/", "") for line in open(tt)))
    ej = os.path.join(res, "timings-en7-evbrief.json")
    if os.path.exists(ej):
        try:
            briefs = json.load(open(ej))["briefs"]
            p("\nevbrief's per-brief times in that process (ms): " +
              "; ".join(f"{b['file']} {b['ms']:.0f}" for b in briefs))
        except (ValueError, KeyError):
            pass

    # corpus and scaling
    p("\n## Corpus and scaling (evbrief)\n")
    p("| corpus | briefs | -j | median | mean ± σ | CPU (user+sys) | per brief (wall) | per brief (CPU) | peak RSS |")
    p("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows = [("real", 21, "corpus-j1", "1"), ("real", 21, "corpus-jdefault", "default")]
    for path in sorted(glob.glob(os.path.join(res, "hf-scale-*-j1.json")), key=lambda x: int(x.split("-")[-2])):
        n = int(path.split("-")[-2])
        rows += [(f"×{n // 7}", 3 * n, f"scale-{n}-j1", "1"), (f"×{n // 7}", 3 * n, f"scale-{n}-jdefault", "default")]
    per_brief_cpu = {}
    for label, briefs, name, j in rows:
        r = hf(res, name)
        if not r:
            continue
        cpu = r["user"] + r["system"]
        per_brief_cpu.setdefault(j, []).append((briefs, cpu / briefs, r["median"] / briefs))
        p(f"| {label} | {briefs} | {j} | {ms(r['median'])} | {ms(r['mean'])} ± {ms(r['stddev'] or 0)} | {ms(cpu)} | "
          f"{r['median'] / briefs * 1000:.1f} ms | {cpu / briefs * 1000:.1f} ms | {mib(rss_kb(res, name))} |")
    for j, pts in per_brief_cpu.items():
        if len(pts) > 1:
            first = pts[0]
            p(f"\nLinearity (-j {j}): time per brief relative to the 21-brief corpus: " + ", ".join(
                f"{b} briefs: wall {w / first[2]:.2f}, CPU {c / first[1]:.2f}" for b, c, w in pts))

    # phases
    p("\n## Per-phase times (evbrief --timings)\n")
    for name in ["one-evbrief", "corpus-j1", "corpus-jdefault"] + [
            os.path.basename(x)[9:-4] for x in sorted(glob.glob(os.path.join(res, "timings-scale-*-j1.txt")))]:
        line = tline(res, name)
        if line:
            p(f"- `{name}`: {line}")

    # targets
    p("\n## Targets (issue 6)\n")
    p("| target | measured | met |")
    p("| --- | --- | --- |")
    if base:
        p(f"| a brief ≤ {TARGETS['one_ms']} ms as a process | {ms(base['median'])} (skin-aging.en) | "
          f"{'yes' if base['median'] * 1000 <= TARGETS['one_ms'] else 'no'} |")
    cj = hf(res, "corpus-jdefault")
    if cj:
        p(f"| corpus (21 briefs) ≤ {TARGETS['corpus_s']} s on {machine.get('cores')} cores | {ms(cj['median'])} | "
          f"{'yes' if cj['median'] <= TARGETS['corpus_s'] else 'no'} |")
    peak = max((rss_kb(res, n) or 0) for n in cmds if not n.endswith(("typst", "weasyprint")) and n != "node-startup")
    p(f"| peak memory < {TARGETS['rss_mb']} MB | one brief {mib(base_rss)}, largest of every evbrief run {mib(peak)} "
      f"| {'yes' if peak / 1024 * 1.048576 < TARGETS['rss_mb'] else 'no'} |")
    if base_size:
        p(f"| a brief of that content < {TARGETS['size_kb']} KB | {base_size / 1000:.0f} KB (skin-aging.en) | "
          f"{'yes' if base_size < TARGETS['size_kb'] * 1000 else 'no'} |")
    if per_brief_cpu.get("1") and len(per_brief_cpu["1"]) > 1:
        pts = per_brief_cpu["1"]
        worst = max(abs(c / pts[0][1] - 1) for _, c, _ in pts)
        p(f"| build time linear in briefs | CPU per brief within {worst * 100:.0f} % from 21 to {pts[-1][0]} briefs (-j1) "
          f"| {'yes' if worst < 0.15 else 'no'} |")

    ext = os.path.join(res, "extraction.md")
    if os.path.exists(ext):
        p("\n## Text extraction (pdftotext, skin-aging.en key messages)\n")
        p(open(ext).read().strip())

    p("\n## Commands\n")
    for k, v in cmds.items():
        p(f"- `{k}`: `{v.replace(res, '$RES')}`")
    print("\n".join(out))


if __name__ == "__main__":
    main()
