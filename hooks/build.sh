#!/usr/bin/env bash
# ASK CLI v2 custom build flow: `ask deploy` runs {projectRoot}/hooks/build.sh
# instead of its built-in python-pip flow, with two arguments: the zip to write
# and the debug flag. The built-in flow would zip only lambda/ plus its
# requirements; this skill's Lambda also needs the `skill` package, so the zip
# is built by `back-spasm package` (pinned, hash-checked, precompiled,
# reproducible) -- the same zip `back-spasm package` writes by hand.
#
# Usage: hooks/build.sh OUT_FILE [DO_DEBUG]
set -euo pipefail

out_file=${1:-upload.zip}
do_debug=${2:-false}
case $out_file in
  /*) ;;
  *) out_file="$PWD/$out_file" ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=${BACK_SPASM_PYTHON:-}
if [[ -z $python ]]; then
  if [[ -x "$root/.venv/bin/python" ]]; then
    python="$root/.venv/bin/python"
  else
    python=python3
  fi
fi

[[ $do_debug == true ]] && echo "[Debug] building $out_file with $python -m skill.tools.package" >&2
cd "$root"
exec "$python" -m skill.tools.package --output "$out_file"
