#!/usr/bin/env python3
"""Write a scaled copy of inputs/ for the scaling benchmark (bench/run.sh).

    python3 bench/scale.py --indications N --out DIR [--inputs DIR]

The vocabulary gets N indications: the original ones, then copies of them in
turn with ids suffixed (skin-aging-2, photoaging-2, …, skin-aging-3, …) and
names suffixed " (2)"; every finding, human study, statement and table of
the five reviews that names an indication also names each of its copies. So
each copy's briefs hold exactly the content of the original's, and a
corpus of N = 7·k indications is k times the real corpus (3·N briefs).
Use multiples of the number of indications (7) for an exact multiple: 35
indications give 105 briefs, 336 give 1008. Standard library only.
"""
import argparse
import json
import os
import shutil


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", default=os.path.join(root, "inputs"))
    ap.add_argument("--indications", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    vocab = json.load(open(os.path.join(a.inputs, "indications.json"), encoding="utf-8"))
    base = vocab["indications"]
    copies = {i["id"]: [] for i in base}
    scaled = []
    for k in range(a.indications):
        orig = base[k % len(base)]
        copy_no = k // len(base) + 1
        if copy_no == 1:
            scaled.append(orig)
            continue
        ind = json.loads(json.dumps(orig))
        ind["id"] = f"{orig['id']}-{copy_no}"
        ind["name"] = {lang: f"{name} ({copy_no})" for lang, name in orig["name"].items()}
        copies[orig["id"]].append(ind["id"])
        scaled.append(ind)
    vocab["indications"] = scaled

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "reviews"))
    schema = os.path.join(a.inputs, "schema")
    if os.path.isdir(schema):
        shutil.copytree(schema, os.path.join(a.out, "schema"))
    with open(os.path.join(a.out, "indications.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, indent=1)

    def widen(items):
        for item in items:
            if item.get("indications"):
                item["indications"] = [x for i in item["indications"] for x in [i] + copies.get(i, [])]

    for name in sorted(os.listdir(os.path.join(a.inputs, "reviews"))):
        if not name.endswith(".json"):
            continue
        rv = json.load(open(os.path.join(a.inputs, "reviews", name), encoding="utf-8"))
        for key in ("findings", "human_studies", "statements", "tables"):
            widen(rv.get(key, []))
        with open(os.path.join(a.out, "reviews", name), "w", encoding="utf-8") as f:
            json.dump(rv, f, ensure_ascii=False, indent=1)
    print(f"{a.out}: {len(scaled)} indications, {3 * len(scaled)} briefs")


if __name__ == "__main__":
    main()
