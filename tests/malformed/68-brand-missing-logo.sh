# brand.json: a logo file that is not there, and keywords for an indication there is not.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic", "fa": "کلینیک نمونه", "zh-Hans": "示例诊所"},
  "logo": {"file": "brand/logo.png", "alt": {"en": "Logo", "fa": "نشان", "zh-Hans": "标志"}},
  "keywords": {"acne": ["spots"]}
}
JSON
