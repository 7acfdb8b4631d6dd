#!/usr/bin/env bash
# share/external_project_test.sh BUILD_DIR EXTERNAL_SOURCE WORK_DIR CXX
# Installs racelab from BUILD_DIR into a fresh prefix under WORK_DIR, then
# configures, builds and runs the outside project in EXTERNAL_SOURCE
# against it with find_package(racelab). Exit 0 only if its test passed.
set -euo pipefail
build="$1" source="$2" work="$3" cxx="$4"
rm -rf "$work"
mkdir -p "$work"
echo "--- cmake --install $build --prefix $work/prefix"
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
echo "--- configure and build $source"
cmake -S "$source" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log"
cmake --build "$work/build" >"$work/build.log"
echo "--- run its test"
"$work/build/inventory_test"
