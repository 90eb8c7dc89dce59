# Indication ids are file names of briefs (<id>.<locale>.pdf): ids that
# would leave out/ (a relative path, an absolute path, a NUL, a 300-character
# name) are refused in indications.json, which stops the whole run.
python3 - "$1/indications.json" <<'PY'
import json, sys
path = sys.argv[1]
d = json.load(open(path))
d['indications'][0]['id'] = '../../etc/x'
d['indications'][1]['id'] = '/tmp/evbrief'
d['indications'][2]['id'] = 'hair\u0000/../../x'
d['indications'][3]['id'] = 'p' * 300
open(path, 'w').write(json.dumps(d, ensure_ascii=True, indent=2) + '\n')
PY
