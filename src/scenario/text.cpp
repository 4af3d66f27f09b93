/// Text helpers for diagnostics.

#include "scenario/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace shockflow::scenario {
namespace {

constexpr std::size_t kMaxTypoDistance = 2;
/// Words longer than this get no "did you mean": nobody types an id that long,
/// and comparing 2,000-character ids against thousands of names took minutes.
constexpr std::size_t kMaxHintLength = 64;
constexpr std::size_t kMaxListed = 5;

std::string join_list(const std::vector<std::string>& items, std::size_t max_items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < max_items; ++i) {
        if (i > 0) out += ", ";
        out += excerpt(items[i]);
    }
    if (items.size() > max_items) out += ", ...";
    return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // One row of the classic dynamic programme is enough.
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t over = limit + 1;
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return over;
    // Ukkonen's band: only cells within `limit` of the diagonal can stay
    // within `limit`; cells outside it count as `over`.
    std::vector<std::size_t> row(b.size() + 1, over);
    for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        const std::size_t lo = i > limit ? i - limit : 1;
        const std::size_t hi = std::min(b.size(), i + limit);
        std::size_t diagonal = row[lo - 1];
        row[lo - 1] = lo == 1 && i <= limit ? i : over;
        std::size_t best = row[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t above = row[j];
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitute, over});
            diagonal = above;
            best = std::min(best, row[j]);
        }
        if (hi < b.size()) row[hi + 1] = over;
        if (best > limit) return over;  // every path already costs more
    }
    return std::min(row[b.size()], over);
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > kMaxHintLength) return {};
    const std::string* best = nullptr;
    std::size_t best_distance = kMaxTypoDistance + 1;
    for (const auto& c : candidates) {
        // Only a strictly closer candidate replaces the best one found.
        const std::size_t d = bounded_distance(word, c, best_distance - 1);
        // A one-letter word is "close" to every other one-letter word; require
        // the distance to be smaller than the word itself.
        if (d < best_distance && d < word.size()) {
            best = &c;
            best_distance = d;
            if (d == 0) break;
        }
    }
    return best != nullptr ? *best : std::string{};
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = closest(word, candidates);
    return best.empty() ? std::string{} : fmt::format(" (did you mean {}?)", in_quotes(best));
}

std::string unknown_hint(std::string_view word, const std::vector<std::string>& candidates,
                         bool suggest) {
    if (candidates.empty()) return " (none defined)";
    std::string hint = suggest ? did_you_mean(word, candidates) : std::string{};
    if (!hint.empty()) return hint;
    return fmt::format(" (known: {})", join_list(candidates, kMaxListed));
}

std::string expected_hint(std::string_view word, const std::vector<std::string>& candidates,
                          bool suggest) {
    std::string hint = suggest ? did_you_mean(word, candidates) : std::string{};
    if (!hint.empty()) return hint;
    return fmt::format(" (expected one of: {})", join_list(candidates, candidates.size()));
}

bool is_valid_id(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
}

std::string num(double v) { return fmt::format("{}", v); }

std::string limit_text(double v) {
    // Powers of ten from 1e3 up and from 1e-3 down are written as such.
    for (int k = 3; k <= 18; ++k) {
        if (v == std::pow(10.0, k)) return fmt::format("1e{}", k);
        if (v == std::pow(10.0, -k)) return fmt::format("1e-{}", k);
    }
    return num(v);
}

namespace {

/// Length of the well-formed UTF-8 sequence at the start of `t` (1 to 4), or
/// 0 if it is not one (a stray continuation byte, an overlong form, a
/// surrogate, beyond U+10FFFF, or cut short).
std::size_t utf8_length(std::string_view t) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
    const unsigned char b = byte(0);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    if (b >= 0xE0 && b <= 0xEF) n = 3;
    if (b >= 0xF0 && b <= 0xF4) n = 4;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
    if (n == 0 || t.size() < n || byte(1) < lo || byte(1) > hi) return 0;
    for (std::size_t i = 2; i < n; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
    }
    return n;
}

/// Appends the escaped form of the character at the start of `t`; returns
/// how many bytes of `t` it took. `quotes`: escape `\` and `"` too.
std::size_t escape_one(std::string_view t, std::string& out, bool quotes = true) {
    const auto b = static_cast<unsigned char>(t[0]);
    const std::size_t n = utf8_length(t);
    // C1 controls (U+0080 to U+009F) are terminal commands too.
    const bool c1 = n == 2 && b == 0xC2 && static_cast<unsigned char>(t[1]) < 0xA0;
    if (n > 1 && !c1) {
        out.append(t.substr(0, n));
        return n;
    }
    if (!quotes && (b == '\\' || b == '"')) {
        out += static_cast<char>(b);
        return 1;
    }
    switch (b) {
        case '\\':
            out += "\\\\";
            return 1;
        case '"':
            out += "\\\"";
            return 1;
        case '\n':
            out += "\\n";
            return 1;
        case '\r':
            out += "\\r";
            return 1;
        case '\t':
            out += "\\t";
            return 1;
        case '\0':
            out += "\\0";
            return 1;
        default:
            break;
    }
    if (n == 1 && b >= 0x20 && b != 0x7F) {
        out += static_cast<char>(b);
        return 1;
    }
    const std::size_t bytes = c1 ? 2 : 1;
    for (std::size_t i = 0; i < bytes; ++i)
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(t[i]));
    return bytes;
}

}  // namespace

std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) i += escape_one(text.substr(i), out);
    return out;
}

namespace {

/// Escapes `text` onto `out` up to kMaxQuoted bytes; whether it was cut.
bool escape_some(std::string_view text, std::string& out) {
    std::size_t i = 0;
    while (i < text.size() && i < kMaxQuoted) i += escape_one(text.substr(i), out);
    return i < text.size();
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) i += escape_one(text.substr(i), out, false);
    return out;
}

std::string excerpt(std::string_view text) {
    std::string out;
    if (escape_some(text, out)) out += "...";
    return out;
}

std::string in_quotes(std::string_view text) {
    std::string out = "\"";
    out += escape_some(text, out) ? "\"..." : "\"";
    return out;
}

std::string quoted_path(std::string_view path) { return fmt::format("\"{}\"", escaped(path)); }

}  // namespace shockflow::scenario
