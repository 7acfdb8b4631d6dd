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
    # Each installed header compiles alone, with only the package on the
    # include path (and the system's GoogleTest and Google Benchmark): none
    # names racelab's internals (base/, share/, ...), which are not there.
    step "every installed header compiles alone against the package"
    headers=("$work"/prefix/include/racelab/*.h)
    [ -e "${headers[0]}" ] || fail "no header installed in $work/prefix/include/racelab"
    for header in "${headers[@]}"; do
      run_logged "$work/header-$(basename "$header").log" \
        "$cxx" -std=c++20 -fsyntax-only -Wall -Wextra -Werror \
        -I"$work/prefix/include" -x c++ "$header"
    done
    echo "${#headers[@]} headers: ${headers[*]##*/}"
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
# A ctest run, its verbose output kept in a log: "ctest_logged LOG ARGS...".
ctest_logged() {
  local log="$1"; shift
  ctest --test-dir "$build" --output-on-failure -V "$@" >"$log" 2>&1
}
expect_in() {  # LOG TEXT: the log must contain TEXT
  grep -qF -- "$2" "$1" || { tail -40 "$1" >&2; fail "expected '$2' in $1"; }
}
build="$work/build"

step "every test is registered in both flavours"
ctest --test-dir "$build" -N >"$work/list.log"
for name in inventory race_condition thirdparty feature_flags; do
  for flavour in normal tsan; do
    expect_in "$work/list.log" "$name.$flavour"
  done
done

step "run its tests (all but feature_flags, whose TSan flavour must fail)"
ctest_logged "$work/tests.log" -E '^feature_flags\.' ||
  { grep -E "tests passed|Failed|Not Run" "$work/tests.log" >&2;
    fail "a test failed (log: $work/tests.log)"; }
grep -E "tests passed|\*\*\*Skipped" "$work/tests.log" || true

# feature_flags: a data race whose results look right, in an OBJECT library.
# ARGS: the flavour that runs here (the other is registered as not run).
check_feature_flags() {
  local runs="$1" log
  for flavour in normal tsan; do
    log="$work/feature_flags.$flavour.log"
    step "feature_flags.$flavour"
    if ! echo " $runs " | grep -q " $flavour "; then
      ctest_logged "$log" -R "^feature_flags\\.$flavour\$" ||
        fail "a flavour that cannot run must be skipped, not failed ($log)"
      expect_in "$log" "racelab: not run:"
      expect_in "$log" "Skipped"
      grep -m1 "racelab: not run:" "$log"
    elif [ "$flavour" = normal ]; then
      ctest_logged "$log" -R '^feature_flags\.normal$' ||
        fail "the normal flavour must pass: it cannot see this race ($log)"
      expect_in "$log" "racelab: passed in a build without ThreadSanitizer"
      "$build/feature_flags_normal" --gtest_output="xml:$work/ff.xml" \
        >/dev/null 2>&1 || fail "feature_flags_normal failed on its own"
      expect_in "$work/ff.xml" 'name="racelab_data_races_checked" value="no'
      echo "passed, with the note in its output and its XML"
    else
      if ctest_logged "$log" -R '^feature_flags\.tsan$'; then
        fail "the TSan flavour passed a class with a data race ($log)"
      fi
      expect_in "$log" "may NOT be shared"
      expect_in "$log" "feature_flags.cc"
      echo "failed, as it must: the race reported in feature_flags.cc"
    fi
  done
}
case "$mode" in
  package) check_feature_flags "normal tsan" ;;
  subdirectory) check_feature_flags "$([ "${6:-}" = tsan ] && echo tsan || echo normal)" ;;
esac

if [ "$mode" = package ]; then
  command -v g++ >/dev/null || fail "g++ is not installed (scripts/setup installs it)"
  step "configured with g++: the TSan flavour is registered as not run"
  run_logged "$work/configure-gxx.log" cmake -S "$source" -B "$work/build-gxx" \
    -G Ninja -DCMAKE_CXX_COMPILER=g++ "${configure[@]}"
  expect_in "$work/configure-gxx.log" "feature_flags.tsan is registered but will not run"
  run_logged "$work/build-gxx.log" cmake --build "$work/build-gxx" \
    --target feature_flags_normal
  build="$work/build-gxx"
  ctest_logged "$work/gxx.log" -R '^feature_flags\.' ||
    fail "with g++: feature_flags.normal must pass, .tsan be skipped"
  expect_in "$work/gxx.log" "racelab: not run: racelab's TSan flavour was built with clang"
  expect_in "$work/gxx.log" "racelab: passed in a build without ThreadSanitizer"
  grep -m1 "racelab: not run:" "$work/gxx.log"
fi
if [ "$mode" = package ]; then
  # Code the TSan flavour could not instrument is refused at configure time.
  refused="$(dirname "$source")/testdata/refused_code"
  for case in "objects_static:'prebuilt' is a STATIC_LIBRARY: its code is compiled once, without ThreadSanitizer" \
              "objects_imported:'elsewhere' is an imported STATIC_LIBRARY" \
              "libs_static:LIBS: 'prebuilt' is a STATIC_LIBRARY" \
              "objects_linking_static:what OBJECTS 'flags' links: 'prebuilt' is a STATIC_LIBRARY" \
              "not_a_target:OBJECTS 'no_such_library' is not a target"; do
    what="${case%%:*}" message="${case#*:}"
    step "refused: $what"
    if cmake -S "$refused" -B "$work/refused-$what" -G Ninja \
        -DCMAKE_CXX_COMPILER="$cxx" "${configure[@]}" -DREFUSE="$what" \
        >"$work/refused-$what.log" 2>&1; then
      fail "configured although $what must be refused ($work/refused-$what.log)"
    fi
    # CMake folds long messages: compare with the line breaks taken out.
    tr -s ' \n' ' ' <"$work/refused-$what.log" >"$work/refused-$what.flat"
    expect_in "$work/refused-$what.flat" "$message"
    echo "refused: ...$message..."
  done
fi
if [ "$mode" = package ]; then
  # A component racelab does not have is named, with the ones it has.
  step "refused: COMPONENTS \"share tsan\" (one unknown name)"
  mkdir -p "$work/unknown-component"
  cat >"$work/unknown-component/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(unknown_component CXX)
find_package(racelab CONFIG REQUIRED COMPONENTS "share tsan")
CMAKE
  if cmake -S "$work/unknown-component" -B "$work/unknown-component/build" \
      -G Ninja -DCMAKE_CXX_COMPILER="$cxx" "${configure[@]}" \
      >"$work/unknown-component.log" 2>&1; then
    fail "configured with an unknown component ($work/unknown-component.log)"
  fi
  tr -s ' \n' ' ' <"$work/unknown-component.log" >"$work/unknown-component.flat"
  expect_in "$work/unknown-component.flat" "racelab has no component 'share tsan': its components are 'share'"
  echo "refused: ...racelab has no component 'share tsan'..."
fi
echo "external_project_test: $mode: all as expected"
