# scripts/lib.sh: what racelab's bash scripts share. Source it after setting
# `prog` (the script's name, for messages):
#
#   prog=run
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# usage               prints the script's header comment (its help text)
# usage_error MSG     "prog: MSG" on stderr, exit 2
# need_value "$@"     the option in $1 must have a value in $2
# positive OPT VAL    VAL must be a positive integer
# count OPT VAL       VAL must be a non-negative integer
# build_logged PRESET LOG [TARGET...]
#                     configures and builds PRESET (only TARGETs if given),
#                     all output to LOG; on failure prints the errors and
#                     returns 1
# racelab_tool MODULE ARGS...
#                     runs racelab_tools.MODULE (the Python package beside
#                     this file) with Debian's /usr/bin/python3

racelab_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
racelab_tool() {
  local module="$1"
  shift
  PYTHONPATH="$racelab_scripts${PYTHONPATH:+:$PYTHONPATH}" \
    /usr/bin/python3 -m "racelab_tools.$module" "$@"
}
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
usage_error() { echo "$prog: $*" >&2; exit 2; }
need_value() { [ $# -ge 2 ] || usage_error "$1 needs a value"; }
positive() {
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || usage_error "$1 must be a positive integer, got '$2'"
}
count() {
  [[ "$2" =~ ^[0-9]+$ ]] || usage_error "$1 must be a number, got '$2'"
}
build_logged() {
  local preset="$1" log="$2"
  shift 2
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  mkdir -p "$(dirname "$log")"
  if ! { cmake --preset "$preset" && cmake --build --preset "$preset" "${targets[@]}"; } >"$log" 2>&1; then
    grep -E -A5 'error|Error|FAILED' "$log" | head -40 >&2
    echo "$prog: the $preset build failed (log: $log)" >&2
    return 1
  fi
}
