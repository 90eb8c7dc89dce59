# What the fonts (Fonts.cmake) and the ICC profile (Icc.cmake) share: a
# file taken from a Debian package, and its SHA-256 pinned in the tree.

# Stops the configuration when `file` (from Debian's `package`) is missing.
function(evbrief_require_package_file label file package)
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "${label}: ${file} is missing; install the Debian package ${package} "
                        "(apt-get install ${package})")
  endif()
endfunction()

# Stops the configuration when `file`'s SHA-256 is not `pinned` (written in
# `pin_place`); reconfigures when the file changes.
function(evbrief_check_pinned label file pinned pin_place)
  file(SHA256 ${file} actual)
  if(NOT actual STREQUAL pinned)
    message(FATAL_ERROR "${label}: SHA-256 ${actual} of ${file} differs from the pinned ${pinned} "
                        "in ${pin_place}; it changed: review it, then update the pin")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
endfunction()
