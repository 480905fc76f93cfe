// The whole command line as a function: tests call run() in-process and compare both
// streams and the exit code.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace powermap::cli {

/// Runs `powermap args...`; returns the exit code (0 ok, 1 problems or empty answer,
/// 2 bad input or usage, 3 internal error).
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// The same, reading what a command asks (dedupe review --prompt) from `in`, not stdin.
int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
        std::ostream& err);

} // namespace powermap::cli
