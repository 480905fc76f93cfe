#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli/app.hpp"
#include "cli/output/stdout_stream.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    // Not std::cout: its buffer forgets why a write failed, and run() reports the reason.
    powermap::cli::FdStreamBuf stdout_buffer(STDOUT_FILENO);
    std::ostream out(&stdout_buffer);
    return powermap::cli::run(args, out, std::cerr);
}
