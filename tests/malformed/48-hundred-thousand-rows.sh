# A table of 100 000 rows: refused by the limit of 2000 rows, without
# reading the rows one by one.
python3 -c "
import sys
rows = ','.join('[\"r%d\", \"v\"]' % i for i in range(100000))
sys.stdout.write('{\n  \"id\": \"case\", \"seed\": \"s\", \"language\": \"en\", \"year\": 2025, \"kind\": \"narrative_review\",\n  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\"], \"text\": {\"en\": \"A.\", \"fa\": \"آ.\", \"zh-Hans\": \"甲。\"}, \"level\": \"expert_opinion\"}],\n  \"tables\": [{\"id\": \"t1\", \"caption\": {\"en\": \"Big\", \"fa\": \"بزرگ\", \"zh-Hans\": \"大表\"}, \"header\": [\"a\", \"b\"], \"header_renderings\": {\"fa\": [\"a\", \"b\"], \"zh-Hans\": [\"a\", \"b\"]},\n    \"rows\": [' + rows + ']}]\n}\n')
" > "$1/reviews/case.json"
