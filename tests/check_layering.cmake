# Fails when a layer includes one above it (cli -> query -> io -> graph only), when Boost appears
# outside graph/, or when a third-party library leaks into a layer that must not see it.
set(bad "")

# Appends "file: offending lines" for every file matching the patterns (found with `glob`,
# GLOB or GLOB_RECURSE) whose includes match `regex`.
function(forbid glob regex note)
  file(${glob} files ${ARGN})
  foreach(file IN LISTS files)
    file(STRINGS ${file} lines REGEX "${regex}")
    if(lines)
      list(APPEND bad "${file}: ${note}${lines}")
    endif()
  endforeach()
  set(bad "${bad}" PARENT_SCOPE)
endfunction()

forbid(GLOB_RECURSE "#include \"(io|query|cli)/" "" ${ROOT}/graph/*.hpp ${ROOT}/graph/*.cpp)
forbid(GLOB_RECURSE "#include \"(query|cli)/|#include <boost/" "" ${ROOT}/io/*.hpp ${ROOT}/io/*.cpp)
# query/ is front-end neutral: no CLI11, no cli/, no Boost.
forbid(GLOB_RECURSE "#include \"cli/|#include <(boost|CLI)/" "" ${ROOT}/query/*.hpp ${ROOT}/query/*.cpp)
forbid(GLOB_RECURSE "#include <(boost|rapidjson|graphviz|pugixml|unicode)/" "" ${ROOT}/cli/*.hpp ${ROOT}/cli/*.cpp)
# Public graph/ headers (not graph/detail/) keep Boost and ICU private.
forbid(GLOB "#include <(boost|unicode)/" "public graph/ headers must not expose "
       ${ROOT}/graph/*.hpp ${ROOT}/graph/algorithms/*.hpp ${ROOT}/graph/algorithms/*/*.hpp)

if(bad)
  list(JOIN bad "\n" text)
  message(FATAL_ERROR "layering violations:\n${text}")
endif()
message(STATUS "layering ok")
