# A 1 MB string inside a valid file: refused by the per-string limit.
python3 -c "
import sys
sys.stdout.write('{\n  \"id\": \"case\",\n  \"seed\": \"' + 'x' * (1024 * 1024) + '\",\n  \"language\": \"en\", \"year\": 2025, \"kind\": \"narrative_review\",\n  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\"], \"text\": {\"en\": \"A.\", \"fa\": \"آ.\", \"zh-Hans\": \"甲。\"}, \"level\": \"expert_opinion\"}]\n}\n')
" > "$1/reviews/case.json"
