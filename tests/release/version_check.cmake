# cmake -P: the version is written once, in project(VERSION): the binary,
# the shim's .pc, the man page and CHANGELOG.md must all agree with it.
function(expect text pattern what)
  string(FIND "${text}" "${pattern}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: '${pattern}' not found in:\n${text}")
  endif()
endfunction()
execute_process(COMMAND "${KEYSHIFT}" --version OUTPUT_VARIABLE out
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "keyshift ${VERSION}\n")
  message(FATAL_ERROR "keyshift --version printed '${out}' (${rc}), not "
                      "'keyshift ${VERSION}'")
endif()
execute_process(COMMAND "${KEYSHIFT}" __generate man OUTPUT_VARIABLE man)
expect("${man}" "\"keyshift ${VERSION}\"" "man page")
if(EXISTS "${PC_FILE}")
  file(READ "${PC_FILE}" pc)
  expect("${pc}" "\nVersion: ${VERSION}\n" "${PC_FILE}")
endif()
file(READ "${SOURCE_DIR}/CHANGELOG.md" changelog)
expect("${changelog}" "\n## [${VERSION}]\n" "CHANGELOG.md")
file(READ "${SOURCE_DIR}/LICENSE" license)
expect("${license}" "Apache License" "LICENSE")
