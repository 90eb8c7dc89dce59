# A 10 MB member name (and a 1 MB enumeration value): refused, and quoted
# in the messages only by their first 64 characters, so that each message
# is one readable line, not megabytes.
python3 -c "
import sys
key = 'k' * (10 * 1024 * 1024)
value = 'v' * (1024 * 1024)
sys.stdout.write('{\n  \"id\": \"case\", \"seed\": \"s\", \"language\": \"en\", \"year\": 2025,\n  \"kind\": \"' + value + '\",\n  \"' + key + '\": 1,\n  \"findings\": [{\"id\": \"f1\", \"indications\": [\"photoaging\"], \"text\": {\"en\": \"A.\", \"fa\": \"آ.\", \"zh-Hans\": \"甲。\"}, \"level\": \"expert_opinion\"}]\n}\n')
" > "$1/reviews/case.json"
