# brand.json: a PNG cut short (libpng says where), and a contact line too long for the footer.
# A valid review beside it, so that brand.json's messages are the only ones.
cp "$SRC/inputs/reviews/he-2026.json" "$1/reviews/"
cp "$SRC/docs/examples/brand/logo.png" "$1/logo.png"
head -c 120 "$SRC/docs/examples/brand/logo.png" > "$1/cut.png"
cat > "$1/brand.json" <<'JSON'
{
  "organisation": {"en": "Example Clinic", "fa": "کلینیک نمونه", "zh-Hans": "示例诊所"},
  "logo": {"file": "cut.png", "alt": {"en": "Logo", "fa": "نشان", "zh-Hans": "标志"}},
  "contact": {"en": "Example Street 1, Second Floor, Sampletown, Example Province, Exampleland · +00 000 000 000 · clinic@example.org",
              "fa": "clinic@example.org", "zh-Hans": "clinic@example.org"}
}
JSON
