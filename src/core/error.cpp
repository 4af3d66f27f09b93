#include "shockflow/core/error.hpp"

#include <fmt/format.h>

namespace shockflow {
namespace {

std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics) {
        if (!out.empty()) out += '\n';
        out += d.format();
    }
    return out;
}

}  // namespace

std::string Diagnostic::format() const {
    const char* kind = severity == Severity::Warning ? "warning" : "error";
    if (loc.line == 0) return fmt::format("{}: {}: {}", loc.file, kind, message);
    if (loc.column == 0) return fmt::format("{}:{}: {}: {}", loc.file, loc.line, kind, message);
    return fmt::format("{}:{}:{}: {}: {}", loc.file, loc.line, loc.column, kind, message);
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ConfigError::ConfigError(SourceLoc loc, std::string message)
    : ConfigError(std::vector<Diagnostic>{Diagnostic{std::move(loc), std::move(message)}}) {}

void DiagnosticSink::error(SourceLoc loc, std::string message) {
    diagnostics_.push_back(Diagnostic{std::move(loc), std::move(message)});
}

void DiagnosticSink::throw_if_any() {
    if (!diagnostics_.empty()) throw ConfigError(std::move(diagnostics_));
}

}  // namespace shockflow
