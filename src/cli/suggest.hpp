#pragma once
// "Did you mean" for a mistyped command or option on the command line.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace shockflow::cli {

/// For a command line that `app` rejected: a message naming the first word
/// that is neither a command nor an option where it stands, with the closest
/// valid name ("did you mean") or the valid ones; "" when every word is known
/// (then the fault is elsewhere, a missing value for example). `args` are the
/// arguments without the program name.
std::string unknown_word_message(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace shockflow::cli
