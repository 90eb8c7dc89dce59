# brand.json: values of the wrong type.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"

cat > "$1/brand.json" <<'JSON'
{
  "organisation": "Example Clinic",
  "logo": {"file": 3, "alt": {"en": "Logo", "fa": "نشان", "zh-Hans": "标志"}},
  "author": ["Example Clinic"],
  "keywords": {"photoaging": "sun damage", "photoageing": ["x"]}
}
JSON
