# racelabShareTest.cmake: racelab_add_share_test(), one call for a user's
# MayShare test in every flavour racelab has (docs/own-class.md).
#
#   racelab_add_share_test(NAME my_test
#                          SOURCES my_test.cc ...
#                          [OBJECTS my_objlib ...]   # the code under test
#                          [LIBS header_only_lib ...]
#                          [COMPILE_OPTIONS -g ...]
#                          [LABELS label ...]
#                          [TIMEOUT seconds])         # default 300
#
# Builds the test once per flavour and registers each with ctest:
#   my_test.normal  executable my_test_normal, linked with racelab::share
#   my_test.tsan    executable my_test_tsan, linked with racelab's TSan
#                   flavour (instrumented abseil and googletest): every
#                   source, the OBJECTS' included, compiled with
#                   -fsanitize=thread; TIMEOUT x 5; TSAN_OPTIONS set
# Labels: racelab, racelab-normal or racelab-tsan, and LABELS. Each test
# asks ctest for 2 processors and holds the resource lock
# racelab_share_test, so two detection tests never share the cores.
#
# The code under test must be instrumented in the TSan test, so it comes as
# SOURCES or OBJECT libraries (whose sources, include directories,
# definitions and options are compiled again for each flavour). A static,
# shared or imported library in OBJECTS is refused: it would run
# uninstrumented. LIBS takes header-only (INTERFACE) libraries only.
#
# A flavour that cannot be built here is registered anyway, as a test that
# is skipped and prints why (ctest -V, the JUnit XML): the TSan flavour
# with a compiler other than clang or without racelab's TSan build
# installed; with add_subdirectory(racelab), the flavour racelab was not
# configured in. A project whose TSan tests never run is warned at
# configure time.

include_guard(GLOBAL)

# racelab_control_options(<var>): the options racelab_add_share_test
# compiles the code under test with, so that the history check's controlled
# scheduler (share/control/controlled_scheduler.h) has a scheduling point at
# every load and store outside the thread's stack (atomic loads and stores
# included; read-modify-writes such as fetch_add, compare_exchange and
# test_and_set are not loads or stores to SanitizerCoverage, and are split
# by the function boundaries of std::atomic's members) and at every
# function's entry and exit, inlined ones included. Without them a
# class gets only the points of its pthread, futex, yield and sleep calls.
# g++ has no trace-loads: function boundaries only.
function(racelab_control_options var)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(${var}
      -fsanitize-coverage=trace-pc-guard,trace-loads,trace-stores
      -finstrument-functions PARENT_SCOPE)
  elseif(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(${var} -finstrument-functions PARENT_SCOPE)
  else()
    set(${var} "" PARENT_SCOPE)
  endif()
endfunction()

# The flavours this configuration can build, and why not the others:
#   global property RACELAB_FLAVOURS            normal and/or tsan
#   global property RACELAB_NOT_RUN_<flavour>   the reason
#   global property RACELAB_TARGETS_<flavour>   share and gtest_main targets
# set by racelabConfig.cmake (package) or share/CMakeLists.txt
# (add_subdirectory).

function(_racelab_not_run_test name flavour reason)
  add_test(NAME ${name}.${flavour}
           COMMAND ${CMAKE_COMMAND} -E echo "racelab: not run: ${reason}")
  set_tests_properties(${name}.${flavour} PROPERTIES
    SKIP_REGULAR_EXPRESSION "racelab: not run:"
    LABELS "racelab;racelab-${flavour};racelab-not-run")
  message(STATUS "racelab_add_share_test(${name}): ${name}.${flavour} "
                 "is registered but will not run: ${reason}")
endfunction()

# Refuses what would leave the code under test uninstrumented. `origin`
# names where the libraries came from ("LIBS" or an OBJECT library's links).
function(_racelab_check_inputs name objects libs origin)
  foreach(object IN LISTS objects)
    if(NOT TARGET ${object})
      message(FATAL_ERROR "racelab_add_share_test(${name}): OBJECTS "
        "'${object}' is not a target: give an OBJECT library "
        "(add_library(${object} OBJECT ...)) or list its files in SOURCES")
    endif()
    get_target_property(type ${object} TYPE)
    get_target_property(imported ${object} IMPORTED)
    if(imported OR NOT type STREQUAL "OBJECT_LIBRARY")
      if(imported)
        set(what "an imported ${type}")
      else()
        set(what "a ${type}")
      endif()
      message(FATAL_ERROR "racelab_add_share_test(${name}): OBJECTS "
        "'${object}' is ${what}: its code is compiled once, without "
        "ThreadSanitizer, so the TSan test could not see its data races. "
        "Make it an OBJECT library or list its sources in SOURCES")
    endif()
  endforeach()
  foreach(lib IN LISTS libs)
    if(NOT TARGET ${lib})
      message(FATAL_ERROR "racelab_add_share_test(${name}): ${origin}: "
        "'${lib}' is not a target: LIBS, and what an OBJECT library links, "
        "must be header-only (INTERFACE) libraries")
    endif()
    get_target_property(type ${lib} TYPE)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      message(FATAL_ERROR "racelab_add_share_test(${name}): ${origin}: "
        "'${lib}' is a ${type}: compiled code linked as it is would run without "
        "ThreadSanitizer in the TSan test. LIBS takes header-only "
        "(INTERFACE) libraries; give compiled code as OBJECTS or SOURCES")
    endif()
  endforeach()
endfunction()

function(racelab_add_share_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT"
                        "SOURCES;OBJECTS;LIBS;COMPILE_OPTIONS;LABELS"
                        ${ARGN})
  if(NOT ARG_NAME OR NOT ARG_SOURCES)
    message(FATAL_ERROR "racelab_add_share_test: give NAME and SOURCES "
      "(racelab_add_share_test(NAME my_test SOURCES my_test.cc))")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "racelab_add_share_test(${ARG_NAME}): unknown "
      "arguments '${ARG_UNPARSED_ARGUMENTS}' (NAME, SOURCES, OBJECTS, LIBS, "
      "COMPILE_OPTIONS, LABELS, TIMEOUT)")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  _racelab_check_inputs(${ARG_NAME} "${ARG_OBJECTS}" "${ARG_LIBS}" LIBS)
  get_property(flavours GLOBAL PROPERTY RACELAB_FLAVOURS)
  foreach(flavour normal tsan)
    set(test ${ARG_NAME}.${flavour})
    if(NOT flavour IN_LIST flavours)
      get_property(reason GLOBAL PROPERTY RACELAB_NOT_RUN_${flavour})
      _racelab_not_run_test(${ARG_NAME} ${flavour} "${reason}")
      continue()
    endif()
    get_property(targets GLOBAL PROPERTY RACELAB_TARGETS_${flavour})
    set(exe ${ARG_NAME}_${flavour})
    add_executable(${exe} ${ARG_SOURCES})
    foreach(object IN LISTS ARG_OBJECTS)
      # The OBJECT library's own sources, compiled again in this flavour.
      get_target_property(sources ${object} SOURCES)
      get_target_property(dir ${object} SOURCE_DIR)
      foreach(source IN LISTS sources)
        if(NOT IS_ABSOLUTE "${source}")
          set(source "${dir}/${source}")
        endif()
        target_sources(${exe} PRIVATE "${source}")
      endforeach()
      target_include_directories(${exe} PRIVATE
        $<TARGET_PROPERTY:${object},INCLUDE_DIRECTORIES>)
      target_compile_definitions(${exe} PRIVATE
        $<TARGET_PROPERTY:${object},COMPILE_DEFINITIONS>)
      target_compile_options(${exe} PRIVATE
        $<TARGET_PROPERTY:${object},COMPILE_OPTIONS>)
      get_target_property(object_libs ${object} LINK_LIBRARIES)
      if(object_libs)
        _racelab_check_inputs(${ARG_NAME} "" "${object_libs}"
                              "what OBJECTS '${object}' links")
        target_link_libraries(${exe} PRIVATE ${object_libs})
      endif()
    endforeach()
    racelab_control_options(control_options)
    target_compile_options(${exe} PRIVATE ${control_options}
                           ${ARG_COMPILE_OPTIONS})
    target_link_libraries(${exe} PRIVATE ${targets} ${ARG_LIBS})
    add_test(NAME ${test} COMMAND ${exe})
    set(timeout ${ARG_TIMEOUT})
    set(environment "")
    if(flavour STREQUAL "tsan")
      math(EXPR timeout "${ARG_TIMEOUT} * 5")
      # Both stacks of a deadlock; MayShare's child sets its own options.
      set(environment "TSAN_OPTIONS=second_deadlock_stack=1")
    endif()
    set_tests_properties(${test} PROPERTIES
      LABELS "racelab;racelab-${flavour};${ARG_LABELS}"
      TIMEOUT ${timeout}
      PROCESSORS 2
      RESOURCE_LOCK racelab_share_test
      ENVIRONMENT "${environment}")
  endforeach()
  if(NOT "tsan" IN_LIST flavours)
    get_property(warned GLOBAL PROPERTY RACELAB_WARNED_NO_TSAN)
    if(NOT warned)
      set_property(GLOBAL PROPERTY RACELAB_WARNED_NO_TSAN TRUE)
      get_property(reason GLOBAL PROPERTY RACELAB_NOT_RUN_tsan)
      message(WARNING "racelab_add_share_test(${ARG_NAME}): only the normal "
        "flavour runs here, and it cannot see a data race whose results "
        "look right: ${reason}")
    endif()
  endif()
endfunction()
