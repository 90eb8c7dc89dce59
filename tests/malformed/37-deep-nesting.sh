# 10 000 nested arrays inside a finding's text: must be refused, not recursed into.
python3 -c "
import sys
d = 10000
sys.stdout.write('{\"id\": \"case\", \"seed\": \"s\", \"language\": \"en\", \"year\": 2025, \"kind\": \"narrative_review\", \"findings\": ' + '[' * d + ']' * d + '}\n')
" > "$1/reviews/case.json"
