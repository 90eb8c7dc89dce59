# Copies every font listed in the manifest from its Debian package into
# `dest` (the build tree's fonts/, never the source tree) and checks its
# SHA-256, so a build can tell when a font changed. The manifest and the
# fonts' README go beside them: `dest` is a complete fonts directory, the
# one the build tree's binary uses and `cmake --install` installs.
include(${CMAKE_CURRENT_LIST_DIR}/Pinned.cmake)

function(evbrief_install_fonts manifest dest)
  file(MAKE_DIRECTORY ${dest})
  get_filename_component(manifest_dir ${manifest} DIRECTORY)
  configure_file(${manifest} ${dest}/fonts.json COPYONLY)
  configure_file(${manifest_dir}/README.md ${dest}/README.md COPYONLY)
  file(READ ${manifest} json)
  string(JSON count LENGTH "${json}" fonts)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON file GET "${json}" fonts ${i} file)
    string(JSON source GET "${json}" fonts ${i} source)
    string(JSON package GET "${json}" fonts ${i} package)
    string(JSON pinned GET "${json}" fonts ${i} sha256)
    set(target ${dest}/${file})
    if(NOT EXISTS ${target})
      evbrief_require_package_file("font ${file}" ${source} ${package})
      file(COPY_FILE ${source} ${target})
    endif()
    evbrief_check_pinned("font ${file}" ${target} ${pinned} ${manifest})
  endforeach()
  message(STATUS "evbrief: ${count} fonts in ${dest}, matching their pinned SHA-256")
endfunction()
