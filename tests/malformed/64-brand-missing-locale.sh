# brand.json: a text without the Persian and Chinese the briefs print; "zh" is "zh-Hans".
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"

cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic"},
  "contact": {"en": "clinic@example.org", "fa": "clinic@example.org", "zh": "clinic@example.org"},
  "disclaimer": {"en": "Ask your clinician.", "zh-Hans": "请咨询医生。"}
}
JSON
