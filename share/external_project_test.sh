#!/usr/bin/env bash
# share/external_project_test.sh: the outside project in share/external/,
# built and run against racelab the two ways a user gets it.
#
#   external_project_test.sh package SOURCE WORK CXX NORMAL_BUILD TSAN_BUILD
#     Installs both flavours (a normal and a TSan build of racelab) into a
#     fresh prefix WORK/prefix, then configures the project with
#     find_package(racelab COMPONENTS share tsan), builds it and runs both
#     of its tests (normal and TSan).
#   external_project_test.sh subdirectory SOURCE WORK CXX RACELAB_SOURCE [tsan]
#     Configures the project with add_subdirectory(RACELAB_SOURCE) (the
#     normal flavour, or with "tsan" the TSan one: -DRACELAB_TSAN=ON), builds
#     it and runs its test.
#
# Exit 0 only if every test of the project passed. Logs stay in WORK.
set -euo pipefail
mode="$1" source="$2" work="$3" cxx="$4"
rm -rf "$work"
mkdir -p "$work"

fail() { echo "external_project_test: $*" >&2; exit 1; }
step() { echo "--- $*"; }
run_logged() {  # LOG COMMAND...: the command's output to LOG; on failure its tail
  local log="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    tail -40 "$log" >&2
    fail "failed: $* (log: $log)"
  fi
}

case "$mode" in
  package)
    normal_build="$5" tsan_build="$6"
    [ -f "$normal_build/CMakeCache.txt" ] || fail "no normal build of racelab \
at $normal_build: build the default preset first (cmake --preset default && \
cmake --build --preset default), or set RACELAB_NORMAL_BUILD_DIR"
    for build in "$normal_build" "$tsan_build"; do
      step "cmake --install $build --prefix $work/prefix"
      run_logged "$work/install-$(basename "$build").log" \
        cmake --install "$build" --prefix "$work/prefix"
    done
    configure=(-DCMAKE_PREFIX_PATH="$work/prefix")
    ;;
  subdirectory)
    configure=(-DRACELAB_SOURCE_DIR="$5")
    [ "${6:-}" = tsan ] && configure+=(-DRACELAB_TSAN=ON)
    ;;
  *) fail "unknown mode '$mode' (package or subdirectory)" ;;
esac

step "configure and build $source (${configure[*]})"
run_logged "$work/configure.log" cmake -S "$source" -B "$work/build" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" "${configure[@]}"
run_logged "$work/build.log" cmake --build "$work/build"
step "run its tests"
ctest --test-dir "$work/build" --output-on-failure -V | grep -E "^[0-9]+: \[ +(OK|SKIPPED|FAILED|PASSED) +\]|tests passed|Passed|Failed|racelab"
exit "${PIPESTATUS[0]}"
