# brand.json: a misspelt field gets did-you-mean; one it cannot place gets the docs.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"

cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic", "fa": "کلینیک نمونه", "zh-Hans": "示例诊所"},
  "discliamer": {"en": "x", "fa": "x", "zh-Hans": "x"},
  "colour": "blue"
}
JSON
