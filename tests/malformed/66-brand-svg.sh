# brand.json: an SVG logo is refused with the way to a PNG.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"
echo "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" > "$1/logo.svg"
cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic", "fa": "کلینیک نمونه", "zh-Hans": "示例诊所"},
  "logo": {"file": "logo.svg", "alt": {"en": "Logo", "fa": "نشان", "zh-Hans": "标志"}}
}
JSON
