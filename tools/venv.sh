# Sourced by tools/serve and tools/test: make sure .venv exists and holds
# nova_api (editable) with the extras named in $NOVA_API_EXTRAS.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${NOVA_API_VENV:-$top/.venv}
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
fi
# Reinstall only when the requirements changed since the last install.
stamp="$venv/.nova_api-installed"
spec=".${NOVA_API_EXTRAS:+[$NOVA_API_EXTRAS]}"
if [ ! -f "$stamp" ] || [ "$top/setup.cfg" -nt "$stamp" ] || [ "$(cat "$stamp")" != "$spec" ]; then
    (cd "$top" && "$venv/bin/pip" install --quiet -e "$spec")
    echo "$spec" > "$stamp"
fi
export PATH="$venv/bin:$PATH"
cd "$top"
