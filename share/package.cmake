# share/package.cmake: `cmake --install` makes racelab a package for
# find_package(racelab) (included by share/CMakeLists.txt).
#
# One prefix holds both flavours; install each build into it:
#   cmake --install build/default --prefix P   # racelab::share, ::gtest_main
#   cmake --install build/tsan    --prefix P   # racelab::share_tsan,
#                                              # racelab::gtest_main_tsan
# The TSan flavour carries everything a TSan test must link instrumented:
# racelab's libraries, and the abseil and googletest libraries they use as
# built by tsan.cmake (-fsanitize=thread), as archives under lib/racelab-tsan
# with names of their own, so nothing else in the prefix or the system
# (Debian's libabsl*.so, libgtest.a) can be picked instead. Their headers are
# Debian's (/usr/include/absl, /usr/include/gtest), identical to the sources
# they were built from. A user selects the flavour by the target they link;
# racelab::share_tsan needs clang (its runtime is clang's; the config says
# so if the compiler is another).
if(NOT PROJECT_IS_TOP_LEVEL)
  return()  # a subproject's consumer uses the targets directly
endif()
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(racelab_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/racelab)

# racelab_link_closure(OUT TARGET...): TARGET and every non-imported target
# it links, transitively (aliases resolved).
function(racelab_link_closure out)
  set(seen "")
  set(queue ${ARGN})
  while(queue)
    list(POP_FRONT queue item)
    if(item MATCHES "^\\$<LINK_ONLY:(.+)>$")
      set(item "${CMAKE_MATCH_1}")
    endif()
    if(NOT TARGET "${item}")
      continue()  # -lpthread, a generator expression, ...
    endif()
    get_target_property(aliased ${item} ALIASED_TARGET)
    if(aliased)
      set(item ${aliased})
    endif()
    get_target_property(imported ${item} IMPORTED)
    if(imported OR item IN_LIST seen)
      continue()  # imported: found by racelabConfig.cmake (Threads)
    endif()
    list(APPEND seen ${item})
    get_target_property(libs ${item} LINK_LIBRARIES)
    get_target_property(interface_libs ${item} INTERFACE_LINK_LIBRARIES)
    foreach(lib IN LISTS libs interface_libs)
      if(lib)
        list(APPEND queue "${lib}")
      endif()
    endforeach()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

set(racelab_package_roots racelab_share racelab_gtest_main)
if(TARGET racelab_cost)
  # Normal flavour only.
  list(APPEND racelab_package_roots racelab_cost racelab_cost_allocations)
endif()
if(RACELAB_TSAN)
  racelab_link_closure(package_targets ${racelab_package_roots})
  set(export_set racelabTsanTargets)
  set(archive_dir ${CMAKE_INSTALL_LIBDIR}/racelab-tsan)
  set(suffix _tsan)
else()
  # Imported abseil and googletest come from Debian via racelabConfig.cmake.
  racelab_link_closure(package_targets ${racelab_package_roots})
  set(export_set racelabTargets)
  set(archive_dir ${CMAKE_INSTALL_LIBDIR})
  set(suffix "")
endif()
# racelab_share -> racelab::share or racelab::share_tsan; abseil's and
# googletest's own (TSan flavour only) -> racelab::instrumented_absl_strings.
foreach(target IN LISTS package_targets)
  if(target MATCHES "^racelab_(.*)$")
    set(name ${CMAKE_MATCH_1}${suffix})
  else()
    set(name instrumented_${target})
  endif()
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
endforeach()

install(TARGETS ${package_targets}
        EXPORT ${export_set}
        ARCHIVE DESTINATION ${archive_dir}
        OBJECTS DESTINATION ${archive_dir}/racelab-objects
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/racelab
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
install(EXPORT ${export_set} NAMESPACE racelab::
        DESTINATION ${racelab_cmake_dir})
# Both builds write the same config and version files.
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/racelabConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/racelabConfig.cmake
  INSTALL_DESTINATION ${racelab_cmake_dir})
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/racelabConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/racelabConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/racelabConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/racelabShareTest.cmake
        DESTINATION ${racelab_cmake_dir})
