# A 50 MB string: the file is refused by size before it is parsed.
python3 -c "
import sys
sys.stdout.write('{\"id\": \"case\", \"seed\": \"' + 'x' * (50 * 1024 * 1024) + '\"}\n')
" > "$1/reviews/case.json"
