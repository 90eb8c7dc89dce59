# cmake -DRULES=BUILD/include-rules/STAGE.cmake [-DSTAGE_DIR=DIR] [-DSTAMP=FILE]
#       -P cmake/CheckIncludes.cmake
#
# Fails (and so fails the build) when a file of a stage includes what the
# stage's declaration in CMakeLists.txt does not allow:
#   - a path with a directory ("../pdf/pdf_internal.h", "pdf/x.h"): a stage
#     names its own private headers and the public ones by name only;
#   - a private header of another stage (a file of src/OTHER/);
#   - a public header of a stage it does not link (PUBLIC or PRIVATE);
#     a public header may include only those of its PUBLIC stages;
#   - a library header (cJSON, HarfBuzz, ...) of a library not in its LIBS;
#   - a quoted header found nowhere.
# Every problem is printed as FILE:LINE: message; STAMP is written when
# there is none. STAGE_DIR given on the command line replaces the stage's
# directory (tests/scripts/test_includes.sh checks a copy with a violation).
cmake_minimum_required(VERSION 3.19)
if(NOT RULES)
  message(FATAL_ERROR "CheckIncludes.cmake: -DRULES=FILE is required")
endif()
set(override_dir "${STAGE_DIR}")
include(${RULES})
if(override_dir)
  set(STAGE_DIR "${override_dir}")
endif()

set(problems "")
# FILE:LINE: text, the file named as in the source tree (also when
# STAGE_DIR is a copy). No ";" in text: it separates the list.
macro(problem file line text)
  get_filename_component(dir ${file} DIRECTORY)
  get_filename_component(name ${file} NAME)
  if(dir STREQUAL STAGE_DIR)
    set(shown src/${STAGE}/${name})
  else()
    file(RELATIVE_PATH shown ${ROOT} ${file})
  endif()
  list(APPEND problems "${shown}:${line}: ${text}")
endmacro()

# The KEY of the last KEY=REGEX of pairs whose REGEX matches header; "".
# HEADER_OWNERS pairs a stage with ^header$, LIBRARY_HEADERS a library
# with the pattern of its headers.
function(key_matching pairs header out)
  set(found "")
  foreach(pair IN LISTS pairs)
    if(pair MATCHES "^([^=]+)=(.+)$")
      set(key ${CMAKE_MATCH_1})
      if(header MATCHES "${CMAKE_MATCH_2}")
        set(found ${key})
      endif()
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# The other stage whose src/ directory has header; "".
function(private_owner_of header out)
  set(found "")
  foreach(stage IN LISTS STAGES)
    if(NOT stage STREQUAL STAGE AND EXISTS ${ROOT}/src/${stage}/${header})
      set(found ${stage})
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# check(FILE ALLOWED_STAGES IS_PUBLIC_HEADER)
function(check file allowed public_header)
  # one list element per line: first out of the way what a CMake list
  # would read as separators or brackets
  file(READ ${file} text)
  string(REGEX REPLACE "[];[\\]" "_" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(n 0)
  set(found_problems "")
  string(REPLACE ";" " " allowed_text "${allowed}")
  if(NOT allowed_text)
    set(allowed_text "none")
  endif()
  string(REPLACE ";" " " libs_text "${LIBS}")
  if(NOT libs_text)
    set(libs_text "none")
  endif()
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"])([^>\"]*)[>\"]")
      continue()
    endif()
    set(kind "${CMAKE_MATCH_1}")
    set(header "${CMAKE_MATCH_2}")
    if(kind STREQUAL "<")
      key_matching("${LIBRARY_HEADERS}" "${header}" lib)
      if(lib AND NOT lib IN_LIST LIBS)
        problem(${file} ${n} "<${header}> is a header of ${lib}, which stage ${STAGE} does not link (its libraries: ${libs_text})")
      endif()
      continue()
    endif()
    if(header MATCHES "/")
      problem(${file} ${n} "\"${header}\": a path in an include: a stage names its own private headers (src/${STAGE}/) and public ones (include/) by file name only")
      continue()
    endif()
    key_matching("${HEADER_OWNERS}" "${header}" owner)
    if(owner)
      if(owner STREQUAL STAGE OR owner IN_LIST allowed)
        continue()
      endif()
      if(public_header)
        problem(${file} ${n} "\"${header}\" is stage ${owner}'s public header, and the public headers of stage ${STAGE} may include only those of its PUBLIC stages: ${allowed_text}")
      else()
        problem(${file} ${n} "\"${header}\" is stage ${owner}'s public header, and stage ${STAGE} may use only: ${allowed_text}")
      endif()
      continue()
    endif()
    if(NOT public_header AND EXISTS ${STAGE_DIR}/${header})
      continue()
    endif()
    private_owner_of("${header}" other)
    if(other)
      problem(${file} ${n} "\"${header}\" is a private header of stage ${other} (src/${other}/), which stage ${STAGE} may not include")
    else()
      problem(${file} ${n} "\"${header}\" is neither a header of src/${STAGE}/ nor a public header of include/")
    endif()
  endforeach()
  set(problems "${problems}" PARENT_SCOPE)
endfunction()

file(GLOB sources ${STAGE_DIR}/*.c ${STAGE_DIR}/*.h)
list(SORT sources)
set(allowed ${PUBLIC_STAGES} ${PRIVATE_STAGES})
foreach(file IN LISTS sources)
  check(${file} "${allowed}" FALSE)
endforeach()
foreach(header IN LISTS STAGE_HEADERS)
  check(${ROOT}/include/${header} "${PUBLIC_STAGES}" TRUE)
endforeach()

if(problems)
  list(LENGTH problems count)
  string(REPLACE ";" "\n" text "${problems}")
  message("${text}")
  message(FATAL_ERROR "stage ${STAGE}: ${count} include(s) break the rules of cmake/Stages.cmake (docs/architecture.md)")
endif()
if(STAMP)
  file(TOUCH ${STAMP})
endif()
