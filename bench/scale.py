#!/usr/bin/env python3
"""Write a scaled copy of inputs/ for the scaling benchmark (bench/run.sh).

    python3 bench/scale.py --indications N --out DIR [--inputs DIR]

N must be a multiple of the number of indications in the vocabulary (7):
the corpus is copied k = N / 7 times. Copy c (2..k) adds indications with
ids suffixed (skin-aging-c, …, names suffixed " (c)") and a copy of every
review (haykal-2025-c, …) whose findings, human studies, statements and
tables name those indications instead of the originals. So every copied
indication's briefs hold exactly the content of the original's, and the
scaled corpus is k times the real one: 35 indications give 105 briefs from
25 reviews, 336 give 1008 briefs from 240 reviews. (Copying reviews, not
lengthening each finding's list of indications, keeps every list within
the input limits.) Standard library only.
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
    if a.indications < len(base) or a.indications % len(base):
        ap.error(f"--indications must be a multiple of {len(base)}")
    copies = a.indications // len(base)

    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "reviews"))
    schema = os.path.join(a.inputs, "schema")
    if os.path.isdir(schema):
        shutil.copytree(schema, os.path.join(a.out, "schema"))

    scaled = list(base)
    for c in range(2, copies + 1):
        for orig in base:
            ind = json.loads(json.dumps(orig))
            ind["id"] = f"{orig['id']}-{c}"
            ind["name"] = {lang: f"{name} ({c})" for lang, name in orig["name"].items()}
            scaled.append(ind)
    vocab["indications"] = scaled
    with open(os.path.join(a.out, "indications.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False, indent=1)

    nreviews = 0
    for name in sorted(os.listdir(os.path.join(a.inputs, "reviews"))):
        if not name.endswith(".json"):
            continue
        text = open(os.path.join(a.inputs, "reviews", name), encoding="utf-8").read()
        shutil.copyfile(os.path.join(a.inputs, "reviews", name), os.path.join(a.out, "reviews", name))
        nreviews += 1
        for c in range(2, copies + 1):
            rv = json.loads(text)
            rv["id"] = f"{rv['id']}-{c}"
            for key in ("findings", "human_studies", "statements", "tables"):
                for item in rv.get(key, []):
                    if item.get("indications"):
                        item["indications"] = [f"{i}-{c}" for i in item["indications"]]
            with open(os.path.join(a.out, "reviews", rv["id"] + ".json"), "w", encoding="utf-8") as f:
                json.dump(rv, f, ensure_ascii=False, indent=1)
            nreviews += 1
    print(f"{a.out}: {len(scaled)} indications, {nreviews} reviews, {3 * len(scaled)} briefs")


if __name__ == "__main__":
    main()
