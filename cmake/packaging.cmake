# Debian packages with CPack (`cpack -G DEB` in the build directory):
#   keyshift           the binary, its man page and bash/zsh/fish completions
#   keyshift-shim-dev  the C++ shim: headers, static library, CMake package
#                      and keyshift_shim.pc
# The version is project(VERSION); tests/release/deb_check.cmake installs
# both with `dpkg -x` into a scratch root and uses them from there.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME keyshift)
set(CPACK_PACKAGE_VENDOR "keyshift")
# The Maintainer field: the address the project's own commits are made
# under (git log); a distributor sets theirs with -DKEYSHIFT_PACKAGE_CONTACT.
set(KEYSHIFT_PACKAGE_CONTACT
    "keyshift maintainers <maintainers@users.noreply.b-seed-c15c8307.example>"
    CACHE STRING "Maintainer of the Debian packages (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${KEYSHIFT_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "move OpenAI API usage to an OpenAI-compatible proxy")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL keyshift keyshift_shim)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

set(CPACK_DEBIAN_KEYSHIFT_PACKAGE_NAME keyshift)
set(CPACK_COMPONENT_KEYSHIFT_DESCRIPTION
    "codemod and key auditor for OpenAI-compatible proxies\n"
    "Finds OpenAI client constructions, key and base URL reads, api.openai.com\n"
    "literals and hard-coded keys in Python, JavaScript/TypeScript and C++, and\n"
    "rewrites them for a proxy as a unified diff, with an audit log and SARIF.")
# Its shared libraries (tree-sitter, RE2, libclang-cpp, ...) as dpkg-shlibdeps
# finds them.
set(CPACK_DEBIAN_KEYSHIFT_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_KEYSHIFT_SHIM_PACKAGE_NAME keyshift-shim-dev)
set(CPACK_COMPONENT_KEYSHIFT_SHIM_DESCRIPTION
    "keyshift runtime shim for C++ (static library and headers)\n"
    "Retries, circuit breaker, concurrency limit and OpenTelemetry GenAI metrics\n"
    "for OpenAI-compatible HTTP APIs over libcurl; CMake package keyshift_shim\n"
    "and pkg-config keyshift_shim.")
# The library is static: its users link libcurl and need its headers for
# find_dependency(CURL) / pkg-config's Requires.
set(CPACK_DEBIAN_KEYSHIFT_SHIM_PACKAGE_DEPENDS "libcurl4-openssl-dev | libcurl-dev")

# Debian's place for the licence of each package.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION share/doc/keyshift
        RENAME copyright COMPONENT keyshift)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE"
        DESTINATION share/doc/keyshift-shim-dev RENAME copyright
        COMPONENT keyshift_shim)
include(CPack)
