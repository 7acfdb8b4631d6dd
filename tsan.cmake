# tsan.cmake: everything a ThreadSanitizer build of racelab needs.
#
# TSan only understands synchronisation it can see. Debian's prebuilt abseil
# is not instrumented, so absl::Mutex from it produces false race reports
# (measured: 5/5 runs). This file therefore compiles abseil from Debian's own
# source package (unpacked by scripts/setup into .cache/deps) and googletest
# from /usr/src/googletest, both with -fsanitize=thread, and never lets
# Debian's libabsl*.so into a TSan binary.
#
# Runtime options are compiled into every racelab executable
# (instrument/tsan_options.cc): halt_on_error=1 and exitcode=66, so a report is
# a deterministic process exit, plus one commented abseil suppression.

set(RACELAB_TSAN_FLAGS -fsanitize=thread -g -O1 -fno-omit-frame-pointer)
add_compile_options(${RACELAB_TSAN_FLAGS})
add_link_options(-fsanitize=thread)

set(RACELAB_ABSEIL_SOURCE_DIR "${PROJECT_SOURCE_DIR}/.cache/deps/abseil-src"
    CACHE PATH "abseil source tree from Debian's source package (scripts/setup)")
set(RACELAB_GOOGLETEST_SOURCE_DIR "/usr/src/googletest"
    CACHE PATH "googletest source tree (Debian package googletest/libgtest-dev)")

if(NOT EXISTS "${RACELAB_ABSEIL_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR
    "tsan: no abseil source at ${RACELAB_ABSEIL_SOURCE_DIR}.\n"
    "Run scripts/setup first: it unpacks Debian's abseil source package "
    "there, so abseil can be rebuilt with -fsanitize=thread.")
endif()
if(NOT EXISTS "${RACELAB_GOOGLETEST_SOURCE_DIR}/CMakeLists.txt")
  message(FATAL_ERROR
    "tsan: no googletest source at ${RACELAB_GOOGLETEST_SOURCE_DIR}.\n"
    "Run scripts/setup first (it installs libgtest-dev).")
endif()

# abseil as a subproject: same C++ standard as racelab, no tests, no install.
set(ABSL_PROPAGATE_CXX_STD ON)
set(ABSL_BUILD_TESTING OFF)
set(ABSL_ENABLE_INSTALL OFF)
add_subdirectory("${RACELAB_ABSEIL_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/abseil"
                 EXCLUDE_FROM_ALL SYSTEM)

set(INSTALL_GTEST OFF)
set(BUILD_GMOCK OFF)
add_subdirectory("${RACELAB_GOOGLETEST_SOURCE_DIR}" "${PROJECT_BINARY_DIR}/_deps/googletest"
                 EXCLUDE_FROM_ALL SYSTEM)
if(NOT TARGET GTest::gtest)  # googletest >= 1.11 defines these itself
  add_library(GTest::gtest ALIAS gtest)
  add_library(GTest::gtest_main ALIAS gtest_main)
endif()

# The symbolizer TSan runs to name each frame. Without one every frame of a
# report prints "<null> <null> (racelab+0x6431d)" and no test can tell which
# code raced. TSan would look it up on PATH at run time, so PATH would decide
# which symbolizer (if any) runs; instead the one matching this compiler is
# found now and compiled in as external_symbolizer_path
# (instrument/tsan_options.cc), and its absence stops the configure.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  string(REGEX MATCH "^[0-9]+" _racelab_llvm_major "${CMAKE_CXX_COMPILER_VERSION}")
  set(_racelab_symbolizer_names llvm-symbolizer-${_racelab_llvm_major})
  set(_racelab_symbolizer_hint /usr/lib/llvm-${_racelab_llvm_major}/bin)
  set(_racelab_symbolizer_package llvm-${_racelab_llvm_major})
else()
  set(_racelab_symbolizer_names llvm-symbolizer)
  set(_racelab_symbolizer_hint "")
  set(_racelab_symbolizer_package llvm)
endif()
find_program(RACELAB_LLVM_SYMBOLIZER NAMES ${_racelab_symbolizer_names}
             HINTS ${_racelab_symbolizer_hint}
             DOC "llvm-symbolizer compiled into the TSan build's options")
if(NOT RACELAB_LLVM_SYMBOLIZER)
  message(FATAL_ERROR
    "tsan: no ${_racelab_symbolizer_names} found (looked on PATH and in "
    "'${_racelab_symbolizer_hint}'). Without it every ThreadSanitizer frame "
    "prints <null> and no report names the code that raced.\n"
    "Run scripts/setup (it installs Debian's ${_racelab_symbolizer_package}), "
    "or pass -DRACELAB_LLVM_SYMBOLIZER=/path/to/llvm-symbolizer.")
endif()
get_filename_component(RACELAB_LLVM_SYMBOLIZER_REAL "${RACELAB_LLVM_SYMBOLIZER}" REALPATH)
message(STATUS "tsan: llvm-symbolizer: ${RACELAB_LLVM_SYMBOLIZER_REAL}")

add_library(racelab_tsan_options OBJECT
            ${PROJECT_SOURCE_DIR}/instrument/tsan_options.cc)
target_compile_definitions(racelab_tsan_options PRIVATE
  RACELAB_LLVM_SYMBOLIZER_PATH="${RACELAB_LLVM_SYMBOLIZER_REAL}")
