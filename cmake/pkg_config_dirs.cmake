# keyshift_pkg_config_dirs(LIBDIR INCLUDEDIR): sets KEYSHIFT_PC_PREFIX,
# KEYSHIFT_PC_LIBDIR and KEYSHIFT_PC_INCLUDEDIR for a .pc file installed in
# <prefix>/<LIBDIR>/pkgconfig. With relative dirs the .pc is relocatable:
# the prefix is as many `..` above ${pcfiledir} as LIBDIR is deep, so a
# multiarch libdir (lib/x86_64-linux-gnu, what GNUInstallDirs picks for
# /usr on Debian) finds the prefix as well as plain `lib` does. Absolute
# dirs are written as they are. Used by lib/shim/cpp and by
# tests/release/deb_check.cmake.
function(keyshift_pkg_config_dirs libdir includedir)
  if(IS_ABSOLUTE "${libdir}")
    set(prefix "${CMAKE_INSTALL_PREFIX}")
    set(lib "${libdir}")
  else()
    file(RELATIVE_PATH up "/prefix/${libdir}/pkgconfig" "/prefix")
    string(REGEX REPLACE "/$" "" up "${up}")
    set(prefix "\${pcfiledir}/${up}")
    set(lib "\${prefix}/${libdir}")
  endif()
  if(IS_ABSOLUTE "${includedir}")
    set(include "${includedir}")
  else()
    set(include "\${prefix}/${includedir}")
  endif()
  set(KEYSHIFT_PC_PREFIX "${prefix}" PARENT_SCOPE)
  set(KEYSHIFT_PC_LIBDIR "${lib}" PARENT_SCOPE)
  set(KEYSHIFT_PC_INCLUDEDIR "${include}" PARENT_SCOPE)
endfunction()
