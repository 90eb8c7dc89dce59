#!/usr/bin/env python3
"""Validates inputs/ against the JSON Schemas in inputs/schema/ with the
independent `jsonschema` implementation, so the published schema and the C
validator are held to the same files: indications.json, the review files
(or the FILEs named) and, when there is one, brand.json.
Usage: schema_check.py INPUTS_DIR [FILE...]"""
import json
import pathlib
import sys

import jsonschema


def load_schema(inputs, name):
    return json.loads((inputs / "schema" / name).read_text(encoding="utf-8"))


def check(schema, path):
    validator = jsonschema.Draft202012Validator(schema)
    data = json.loads(path.read_text(encoding="utf-8"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    for e in errors:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.path)
        print(f"{path}: {where}: {e.message[:300]}")
    return data, len(errors)


def main():
    inputs = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "inputs")
    files = [pathlib.Path(f) for f in sys.argv[2:]] or sorted((inputs / "reviews").glob("*.json"))
    _, bad = check(load_schema(inputs, "indications.schema.json"), inputs / "indications.json")
    review_schema = load_schema(inputs, "review.schema.json")
    for f in files:
        _, n = check(review_schema, f)
        bad += n
    brand = inputs / "brand.json"
    if brand.exists():
        _, n = check(load_schema(inputs, "brand.schema.json"), brand)
        bad += n
    print(f"schema_check: {len(files)} review file(s){', brand.json' if brand.exists() else ''}, {bad} schema error(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
