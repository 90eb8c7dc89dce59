# A review whose file name and id are 250 characters long (the longest a
# file name can be is 255 bytes): the id is refused by its limit of 64.
id=$(printf 'a%.0s' $(seq 1 250))
cat > "$1/reviews/$id.json" <<JSON
{"id": "$id", "seed": "s", "language": "en", "year": 2025, "kind": "narrative_review",
 "findings": [{"id": "f1", "indications": ["photoaging"], "text": {"en": "A.", "fa": "آ.", "zh-Hans": "甲。"}, "level": "expert_opinion"}]}
JSON
