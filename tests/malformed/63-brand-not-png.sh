# brand.json: a logo named .png that is a JPEG.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"
printf "\377\330\377\340\000\020JFIF\000" > "$1/photo.png"
cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic", "fa": "کلینیک نمونه", "zh-Hans": "示例诊所"},
  "logo": {"file": "photo.png", "alt": {"en": "Logo", "fa": "نشان", "zh-Hans": "标志"}}
}
JSON
