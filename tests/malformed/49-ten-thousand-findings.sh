# 10 000 findings: refused by the limit of 1000 findings.
python3 -c "
import sys
findings = ',\n    '.join('{\"id\": \"f%d\", \"indications\": [\"photoaging\"], \"text\": {\"en\": \"Finding %d.\", \"fa\": \"یافتهٔ %d.\", \"zh-Hans\": \"发现 %d。\"}, \"level\": \"expert_opinion\"}' % (i, i, i, i) for i in range(10000))
sys.stdout.write('{\n  \"id\": \"case\", \"seed\": \"s\", \"language\": \"en\", \"year\": 2025, \"kind\": \"narrative_review\",\n  \"findings\": [\n    ' + findings + '\n  ]\n}\n')
" > "$1/reviews/case.json"
