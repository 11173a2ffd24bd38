# cmake -P: builds the Debian packages of BUILD_DIR with CPack, installs them
# with `dpkg -x` into a scratch root, then runs `keyshift --version` from
# there (its man page and completions must be in place) and builds, links
# and runs the shim consumer against the unpacked keyshift-shim-dev, with
# find_package and with pkg-config (tests/shim/cpp/consumer/check_install.cmake).
file(REMOVE_RECURSE "${WORK_DIR}")
set(root "${WORK_DIR}/root")
file(MAKE_DIRECTORY "${root}")
include("${CMAKE_CURRENT_LIST_DIR}/../support/run_command.cmake")
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
  run(dpkg -x "${deb}" "${root}")
endforeach()

run("${root}/usr/bin/keyshift" --version)
if(NOT last_output STREQUAL "keyshift ${VERSION}\n")
  message(FATAL_ERROR "packaged keyshift --version: ${last_output}")
endif()
foreach(file share/man/man1/keyshift.1 share/bash-completion/completions/keyshift
             share/zsh/vendor-completions/_keyshift
             share/fish/vendor_completions.d/keyshift.fish
             share/doc/keyshift/copyright share/doc/keyshift-shim-dev/copyright)
  if(NOT EXISTS "${root}/usr/${file}")
    message(FATAL_ERROR "the packages lack /usr/${file}")
  endif()
endforeach()

set(PREFIX "${root}/usr")
include("${CONSUMER_SRC}/check_install.cmake")
