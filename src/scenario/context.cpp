/// Reading files and collecting diagnostics for one load.

#include "scenario/context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <memory>
#include <system_error>

#include "scenario/text.hpp"
#include "shockflow/scenario/limits.hpp"

namespace shockflow::scenario {

LoadContext::LoadContext(const std::filesystem::path& file)
    : file_(file.string()), dir_(file.parent_path()), files_read_{file.string()} {}

SourceLoc LoadContext::at(const std::string* source, std::uint32_t line,
                          std::uint32_t column) const {
    if (source == nullptr) return at(line, column);
    // (The text is compared too: a freed name's address may come back.)
    if (source != last_source_ || *source != last_file_.str()) {
        last_source_ = source;
        last_file_ = *source == file_.str() ? file_ : Interned(*source);
    }
    return SourceLoc{last_file_, line, column};
}

void LoadContext::error(SourceLoc loc, std::string message) {
    errors_.push_back(Diagnostic{std::move(loc), std::move(message)});
}

void LoadContext::error_before(std::size_t index, std::vector<Diagnostic> problems) {
    errors_.insert(errors_.begin() + static_cast<std::ptrdiff_t>(std::min(index, errors_.size())),
                   std::make_move_iterator(problems.begin()),
                   std::make_move_iterator(problems.end()));
}

void sort_in_file_order(std::vector<Diagnostic>& all, const std::vector<std::string>& files) {
    const auto rank = [&](const std::string& f) {
        return std::find(files.begin(), files.end(), f) - files.begin();
    };
    std::stable_sort(all.begin(), all.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        const auto ra = rank(a.loc.file);
        const auto rb = rank(b.loc.file);
        if (ra != rb) return ra < rb;
        if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
        return a.loc.column < b.loc.column;
    });
}

void LoadContext::throw_if_any() {
    if (errors_.empty()) return;
    sort_in_file_order(errors_, files_read_);
    DiagnosticSink sink;
    for (auto& d : errors_) sink.error(std::move(d.loc), std::move(d.message));
    errors_.clear();
    sink.throw_if_any();
}

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

/// The system's reason for `err`, as a message goes on: "no such file or directory".
std::string reason(int err) {
    std::string text = std::generic_category().message(err);
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

/// What a path that is not a regular file is instead.
std::string not_regular(std::filesystem::file_type type) {
    using T = std::filesystem::file_type;
    switch (type) {
        case T::directory:
            return "not a regular file (a directory)";
        case T::character:
            return "not a regular file (a character device)";
        case T::block:
            return "not a regular file (a block device)";
        case T::fifo:
            return "not a regular file (a pipe)";
        case T::socket:
            return "not a regular file (a socket)";
        default:
            return "not a regular file";
    }
}

/// The whole file in one buffer sized from its length (a stream copied through
/// a stringstream held the bytes three times over).
std::optional<std::string> read_bytes(const std::filesystem::path& path, std::uintmax_t size,
                                      std::string& error) {
    const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) {
        error = reason(errno);
        return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    text.resize(std::fread(text.data(), 1, text.size(), file.get()));
    // A file that grew since it was measured is read to its end all the same.
    char more[4096];
    for (std::size_t n = 0; (n = std::fread(more, 1, sizeof more, file.get())) > 0;) {
        text.append(more, n);
    }
    if (std::ferror(file.get()) != 0) {
        error = reason(errno);
        return std::nullopt;
    }
    return text;
}

}  // namespace

std::optional<std::string> LoadContext::read(const std::filesystem::path& path) {
    std::error_code ec;
    // Only regular files: opening a directory "succeeds" on Linux, and a
    // device or a pipe may never end.
    const auto status = std::filesystem::status(path, ec);
    if (ec) {
        read_error_ = reason(ec.value());
        return std::nullopt;
    }
    if (!std::filesystem::is_regular_file(status)) {
        read_error_ = not_regular(status.type());
        return std::nullopt;
    }
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    auto text = read_bytes(path, ec ? 0 : size, read_error_);
    if (!text) return std::nullopt;
    hash_ = fnv1a(*text, hash_);
    const std::string name = path.string();
    if (std::find(files_read_.begin(), files_read_.end(), name) == files_read_.end()) {
        files_read_.push_back(name);
    }
    return text;
}

bool check_at_least(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double min) {
    if (v >= min) return true;
    ctx.error(loc, fmt::format("{}: must be >= {} (got {})", path.str(), min, v));
    return false;
}

bool check_above(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double min) {
    if (v > min) return true;
    ctx.error(loc, fmt::format("{}: must be > {} (got {})", path.str(), min, v));
    return false;
}

bool check_share(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v) {
    if (v >= 0.0 && v <= 1.0) return true;
    ctx.error(loc, fmt::format("{}: must be between 0 and 1 (got {})", path.str(), v));
    return false;
}

bool check_at_most(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v, double max,
                   std::string_view unit) {
    if (v <= max) return true;
    ctx.error(loc, fmt::format("{}: must be at most {}{}{} (got {})", path.str(), limit_text(max),
                               unit.empty() ? "" : " ", unit, v));
    return false;
}

bool check_day(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v) {
    if (std::abs(v) <= limits::kMaxDay) return true;
    ctx.error(loc, fmt::format("{}: must be between -{} and {} days (got {})", path.str(),
                               limit_text(limits::kMaxDay), limit_text(limits::kMaxDay), v));
    return false;
}

bool check_days(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v) {
    return check_at_least(ctx, loc, path, v, 0.0) &&
           check_at_most(ctx, loc, path, v, limits::kMaxDays, "days");
}

bool check_quantity(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v) {
    return check_at_least(ctx, loc, path, v, 0.0) &&
           check_at_most(ctx, loc, path, v, limits::kMaxQuantity);
}

bool check_factor(LoadContext& ctx, const SourceLoc& loc, KeyPath path, double v) {
    return check_at_least(ctx, loc, path, v, 0.0) &&
           check_at_most(ctx, loc, path, v, limits::kMaxFactor);
}

}  // namespace shockflow::scenario
