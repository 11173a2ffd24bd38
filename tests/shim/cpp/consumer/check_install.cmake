# ctest driver (cmake -P): install the keyshift_shim component of BUILD_DIR
# into a scratch prefix, build the consumer against it with find_package,
# run it, then build and run it again with only pkg-config's flags.
# With PREFIX set (tests/release/deb_check.cmake: the unpacked Debian
# package), uses that prefix instead of installing.
if(NOT DEFINED PREFIX)
  file(REMOVE_RECURSE "${WORK_DIR}")
endif()
set(prefix "${WORK_DIR}/prefix")
include("${CMAKE_CURRENT_LIST_DIR}/../../../support/run_command.cmake")
if(DEFINED PREFIX)
  set(prefix "${PREFIX}")
else()
  run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}"
      --component keyshift_shim)
endif()
run(${CMAKE_COMMAND} -S "${CONSUMER_SRC}" -B "${WORK_DIR}/build"
    -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run("${WORK_DIR}/build/consumer")
if(NOT last_output MATCHES "consumer ok")
  message(FATAL_ERROR "consumer printed: ${last_output}")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/pkg_config_consumer.cmake")
file(GLOB pcdir "${prefix}/lib*/pkgconfig")
check_pkg_config_consumer("${pcdir}" -std=c++2b "${WORK_DIR}/pc_consumer")
