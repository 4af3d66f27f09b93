#pragma once
/// Errors in user input (scenario, policy, CSV tables, command line).
///
/// Three kinds of failure never mix in shockflow:
///  1. user input   -> ConfigError (this header), exit status 2;
///  2. programming  -> SHOCKFLOW_ASSERT (core/assert.hpp), exit status 1;
///  3. model outcomes (stock-outs, unmet demand) -> results, not errors.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "shockflow/core/interned.hpp"

namespace shockflow {

/// Where a value came from. line/column are 1-based; 0 means "unknown"
/// (CSV diagnostics carry a line but no column). Every value of a scenario
/// keeps one, so the file's name is shared (16 bytes in all).
struct SourceLoc {
    Interned file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// How serious a diagnostic is: an error rejects the input; a warning names
/// something that loads and runs but is most likely a mistake.
enum class Severity { Error, Warning };

/// One problem found in user input.
struct Diagnostic {
    SourceLoc loc;
    std::string message;  ///< "key.path: what was wrong (what was expected)"
    Severity severity = Severity::Error;

    /// Compiler style: "FILE:LINE:COL: error: MESSAGE" ("FILE:LINE: error: ..."
    /// without a column, "FILE: error: ..." without a line); "warning:" in
    /// place of "error:" for a warning.
    [[nodiscard]] std::string format() const;
};

/// Thrown when user input is invalid. Carries every problem found, not just
/// the first, so a planner fixes a file in one pass.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<Diagnostic> diagnostics);
    ConfigError(SourceLoc loc, std::string message);

    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept {
        return diagnostics_;
    }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Collects diagnostics while a file is checked; throws them together.
class DiagnosticSink {
public:
    void error(SourceLoc loc, std::string message);
    [[nodiscard]] bool empty() const noexcept { return diagnostics_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return diagnostics_.size(); }
    /// Throws ConfigError holding everything collected, if anything was.
    void throw_if_any();

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace shockflow
