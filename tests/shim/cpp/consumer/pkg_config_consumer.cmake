# check_pkg_config_consumer(PCDIR STD OUT): the pkg-config route the README
# documents. Compiles and links the consumer (CONSUMER_SRC/main.cc, with CXX)
# with nothing but `pkg-config --cflags --libs keyshift_shim` from PCDIR (no
# --static: the library is static, so libcurl must be in its public Libs),
# choosing the standard STD ourselves (the .pc must not force one), and
# runs it as OUT. Needs run() from tests/support/run_command.cmake.
function(check_pkg_config_consumer pcdir std out)
  find_program(PKG_CONFIG pkg-config REQUIRED)
  set(ENV{PKG_CONFIG_PATH} "${pcdir}")
  run(${PKG_CONFIG} --cflags --libs keyshift_shim)
  string(STRIP "${last_output}" flags)
  if(NOT flags MATCHES "-lkeyshift_shim" OR NOT flags MATCHES "-lcurl" OR
     flags MATCHES "-std=")
    message(FATAL_ERROR "unexpected pkg-config output: ${flags}")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${CXX} ${std} "${CONSUMER_SRC}/main.cc" -o "${out}" ${flags})
  run("${out}")
  if(NOT last_output MATCHES "consumer ok")
    message(FATAL_ERROR "pkg-config consumer ${out} printed: ${last_output}")
  endif()
endfunction()
