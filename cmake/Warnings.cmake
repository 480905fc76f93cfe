# Warnings for every powermap target, linked PRIVATE; third-party headers are SYSTEM.
add_library(powermap_warnings INTERFACE)
target_compile_options(powermap_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
  # Plain structs with default member initialisers are brace-initialised partially on
  # purpose (Diagnostic{severity, where, message}); the rest keep their defaults.
  -Wno-missing-field-initializers)
if(POWERMAP_WERROR)
  target_compile_options(powermap_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O2 reports -Wrestrict inside std::string (GCC bug 105329) and
    # -Wmaybe-uninitialized inside Boost.Graph's edge iterators: false positives in code we
    # do not own. They stay visible as warnings but cannot fail a Release build.
    target_compile_options(powermap_warnings INTERFACE
      -Wno-error=restrict -Wno-error=maybe-uninitialized)
  endif()
endif()
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # RapidJSON 1.1 (Debian 12) compares member iterators through a conversion to its const
  # iterator, which C++20's reversed candidates make "ambiguous" at every loop over an
  # object's members. The choice is unique and right; the fix belongs upstream (RapidJSON
  # master), and SYSTEM headers cannot hide a warning reported at our call site.
  target_compile_options(powermap_warnings INTERFACE -Wno-ambiguous-reversed-operator)
endif()
if(POWERMAP_SANITIZE)
  target_compile_options(powermap_warnings INTERFACE
    -fsanitize=${POWERMAP_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(powermap_warnings INTERFACE -fsanitize=${POWERMAP_SANITIZE})
endif()
