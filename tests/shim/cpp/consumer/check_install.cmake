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
# The pkg-config route the README documents: compile and link the same
# consumer with plain `pkg-config --cflags --libs` (no --static: the library
# is static, so libcurl must be in its public Libs), choosing the standard
# ourselves (the .pc must not force one).
find_program(PKG_CONFIG pkg-config REQUIRED)
file(GLOB pcdir "${prefix}/lib*/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "${pcdir}")
run(${PKG_CONFIG} --cflags --libs keyshift_shim)
string(STRIP "${last_output}" flags)
if(NOT flags MATCHES "-lkeyshift_shim" OR NOT flags MATCHES "-lcurl" OR
   flags MATCHES "-std=")
  message(FATAL_ERROR "unexpected pkg-config output: ${flags}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${CXX} -std=c++2b "${CONSUMER_SRC}/main.cc" -o "${WORK_DIR}/pc_consumer"
    ${flags})
run("${WORK_DIR}/pc_consumer")
if(NOT last_output MATCHES "consumer ok")
  message(FATAL_ERROR "pkg-config consumer printed: ${last_output}")
endif()
