# cmake -P: builds the Debian packages of BUILD_DIR with CPack, installs them
# with `dpkg -x` into a scratch root, then runs `keyshift --version` from
# there (its man page and completions must be in place) and builds, links
# and runs the shim consumer against the unpacked keyshift-shim-dev, with
# find_package and with pkg-config (tests/shim/cpp/consumer/check_install.cmake).
file(REMOVE_RECURSE "${WORK_DIR}")
set(root "${WORK_DIR}/root")
file(MAKE_DIRECTORY "${root}")
include("${CMAKE_CURRENT_LIST_DIR}/../support/run_command.cmake")
include("${BUILD_DIR}/CPackConfig.cmake") # CPACK_PACKAGE_CONTACT
run(cpack -G DEB --config "${BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}/debs")
foreach(package keyshift keyshift-shim-dev)
  file(GLOB deb "${WORK_DIR}/debs/${package}_${VERSION}_*.deb")
  if(NOT deb)
    message(FATAL_ERROR "no ${package}_${VERSION} package in ${WORK_DIR}/debs")
  endif()
  run(dpkg-deb -f "${deb}" Package)
  if(NOT last_output STREQUAL "${package}\n")
    message(FATAL_ERROR "${deb} is package '${last_output}'")
  endif()
  # The maintainer CPack was given (cmake/packaging.cmake), in both
  # packages, and shaped like an address, not a placeholder.
  run(dpkg-deb -f "${deb}" Maintainer)
  if(NOT last_output STREQUAL "${CPACK_PACKAGE_CONTACT}\n" OR
     NOT last_output MATCHES "^[^<>]+ <[^@<> ]+@[^@<> ]+>\n$" OR
     last_output MATCHES "\\.invalid>")
    message(FATAL_ERROR "${deb}: Maintainer '${last_output}'")
  endif()
  run(dpkg -x "${deb}" "${root}")
endforeach()

run("${root}/usr/bin/keyshift" --version)
if(NOT last_output STREQUAL "keyshift ${VERSION}\n")
  message(FATAL_ERROR "packaged keyshift --version: ${last_output}")
endif()
# Debian policy 12.1: the man page is installed gzip-compressed, and it
# is the page the binary generates.
set(man "${root}/usr/share/man/man1/keyshift.1")
if(EXISTS "${man}")
  message(FATAL_ERROR "the man page is installed uncompressed: ${man}")
endif()
run(gzip -t "${man}.gz")
run(gzip -dc "${man}.gz")
set(unpacked_man "${last_output}")
run("${root}/usr/bin/keyshift" __generate man)
if(NOT unpacked_man STREQUAL last_output)
  message(FATAL_ERROR "${man}.gz is not `keyshift __generate man`")
endif()
foreach(file share/man/man1/keyshift.1.gz share/bash-completion/completions/keyshift
             share/zsh/vendor-completions/_keyshift
             share/fish/vendor_completions.d/keyshift.fish
             share/doc/keyshift/copyright share/doc/keyshift-shim-dev/copyright)
  if(NOT EXISTS "${root}/usr/${file}")
    message(FATAL_ERROR "the packages lack /usr/${file}")
  endif()
endforeach()

set(PREFIX "${root}/usr")
include("${CONSUMER_SRC}/check_install.cmake")

# The .pc's libdir, whatever the depth of the libdir: the unpacked shim
# moved to a multiarch layout (what GNUInstallDirs picks for a /usr prefix
# on Debian: lib/<triplet>) with its .pc made as the build makes it for
# that libdir; pkg-config must resolve the directory that holds the
# library, and the consumer must link from there.
function(check_libdir pcdir want)
  set(ENV{PKG_CONFIG_PATH} "${pcdir}")
  run(pkg-config --variable=libdir keyshift_shim)
  string(STRIP "${last_output}" libdir)
  file(REAL_PATH "${libdir}" libdir)
  file(REAL_PATH "${want}" want)
  if(NOT libdir STREQUAL want OR NOT EXISTS "${libdir}/libkeyshift_shim.a")
    message(FATAL_ERROR "${pcdir}/keyshift_shim.pc: libdir ${libdir}, want ${want}")
  endif()
endfunction()
file(GLOB_RECURSE built_pc "${root}/usr/*/keyshift_shim.pc")
get_filename_component(built_pcdir "${built_pc}" DIRECTORY)
get_filename_component(built_libdir "${built_pcdir}" DIRECTORY)
check_libdir("${built_pcdir}" "${built_libdir}")

include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/pkg_config_dirs.cmake")
set(multiarch "${WORK_DIR}/multiarch/usr")
set(ma_lib "${multiarch}/lib/x86_64-linux-gnu")
file(MAKE_DIRECTORY "${ma_lib}/pkgconfig")
file(COPY "${built_libdir}/libkeyshift_shim.a" DESTINATION "${ma_lib}")
file(COPY "${root}/usr/${INCLUDEDIR}/keyshift" DESTINATION "${multiarch}/include")
keyshift_pkg_config_dirs("lib/x86_64-linux-gnu" "include")
set(PROJECT_VERSION "${VERSION}")
configure_file("${PC_IN}" "${ma_lib}/pkgconfig/keyshift_shim.pc" @ONLY)
check_libdir("${ma_lib}/pkgconfig" "${ma_lib}")
check_pkg_config_consumer("${ma_lib}/pkgconfig" -std=c++20
                          "${WORK_DIR}/ma_consumer")
