# cmake -P: writes the man page and the shell completions that
# `keyshift __generate` derives from the flag table into OUT_DIR (a share/
# tree, as installed), and the man page gzip-compressed as Debian policy
# wants it installed (-n: no name or time stamp, so the bytes are
# reproducible).
foreach(pair
    "man;man/man1/keyshift.1"
    "bash;bash-completion/completions/keyshift"
    "zsh;zsh/vendor-completions/_keyshift"
    "fish;fish/vendor_completions.d/keyshift.fish")
  list(GET pair 0 what)
  list(GET pair 1 path)
  get_filename_component(dir "${OUT_DIR}/${path}" DIRECTORY)
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND "${KEYSHIFT}" __generate ${what}
                  OUTPUT_FILE "${OUT_DIR}/${path}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "keyshift __generate ${what} failed (${rc})")
  endif()
endforeach()
find_program(GZIP gzip REQUIRED)
execute_process(COMMAND "${GZIP}" -9 -n -c "${OUT_DIR}/man/man1/keyshift.1"
                OUTPUT_FILE "${OUT_DIR}/man/man1/keyshift.1.gz"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip of the man page failed (${rc})")
endif()
