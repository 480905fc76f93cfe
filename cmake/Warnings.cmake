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
endif()
if(POWERMAP_SANITIZE)
  target_compile_options(powermap_warnings INTERFACE
    -fsanitize=${POWERMAP_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(powermap_warnings INTERFACE -fsanitize=${POWERMAP_SANITIZE})
endif()
