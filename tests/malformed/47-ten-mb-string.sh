# A 10 MB string (10 485 760 characters, in a file under the 16 MiB limit):
# refused by the per-string limit, with its length.
python3 -c "
import sys
sys.stdout.write('{\n  \"id\": \"case\", \"seed\": \"s\", \"language\": \"en\", \"year\": 2025, \"kind\": \"narrative_review\",\n  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\"], \"level\": \"expert_opinion\",\n    \"text\": {\"en\": \"' + 'word ' * (2 * 1024 * 1024) + '\"}}]\n}\n')
" > "$1/reviews/case.json"
