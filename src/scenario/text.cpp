/// Text helpers for diagnostics.

#include "scenario/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace shockflow::scenario {
namespace {

constexpr std::size_t kMaxTypoDistance = 2;
constexpr std::size_t kMaxListed = 5;

std::string join_list(const std::vector<std::string>& items, std::size_t max_items) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < max_items; ++i) {
        if (i > 0) out += ", ";
        out += items[i];
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

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = kMaxTypoDistance + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        // A one-letter word is "close" to every other one-letter word; require
        // the distance to be smaller than the word itself.
        if (d < best_distance && d < word.size()) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string best = closest(word, candidates);
    return best.empty() ? std::string{} : fmt::format(" (did you mean \"{}\"?)", best);
}

std::string unknown_hint(std::string_view word, const std::vector<std::string>& candidates) {
    if (candidates.empty()) return " (none defined)";
    std::string hint = did_you_mean(word, candidates);
    if (!hint.empty()) return hint;
    return fmt::format(" (known: {})", join_list(candidates, kMaxListed));
}

std::string expected_hint(std::string_view word, const std::vector<std::string>& candidates) {
    std::string hint = did_you_mean(word, candidates);
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

std::string in_quotes(std::string_view text) { return fmt::format("\"{}\"", text); }

}  // namespace shockflow::scenario
