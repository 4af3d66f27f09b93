#pragma once
/// Small text helpers for diagnostics: edit distance, "did you mean" hints,
/// id syntax and number formatting. No TOML here, so the CSV side can use it.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shockflow::scenario {

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// edit_distance(a, b) if it is at most `limit`, else limit + 1: only a band
/// around the diagonal is computed, and it stops once every path costs more.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit);

/// The first candidate closest to `word` if it is close enough to be a likely
/// typo (distance <= 2, and less than the word's length), else "". Words of
/// more than 64 bytes get none.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

/// ` (did you mean "x"?)` for a close candidate, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// For an unknown id: ` (did you mean "x"?)`, else ` (known: a, b, c, d, e, ...)`,
/// or ` (none defined)` when there is nothing to choose from. Without
/// `suggest`, no did-you-mean is looked for.
std::string unknown_hint(std::string_view word, const std::vector<std::string>& candidates,
                         bool suggest = true);

/// For an unknown key or enumerator: did-you-mean, else ` (expected one of: a, b, c)`.
std::string expected_hint(std::string_view word, const std::vector<std::string>& candidates,
                          bool suggest = true);

/// True if `id` matches [A-Za-z0-9_.-]+ (the id syntax of the format spec).
bool is_valid_id(std::string_view id);

/// Shortest round-trip form of a number: 3 -> "3", 0.25 -> "0.25".
std::string num(double v);

/// A bound as the docs write it: 1e+06 -> "1e6", 1e-06 -> "1e-6", 0.5 -> "0.5".
std::string limit_text(double v);

/// `text` safe to print in a message: `\` and `"` as `\\` and `\"`, control
/// characters as `\n`, `\r`, `\t`, `\0` or `\xNN`, and bytes that are not
/// UTF-8 as `\xNN`; other UTF-8 text as it is. Nothing read from a file
/// reaches a terminal raw (a table that is not text once echoed its bytes).
std::string escaped(std::string_view text);

/// `text` with control characters and bytes that are not UTF-8 escaped as
/// by escaped(), but `\` and `"` as they are: for messages of other libraries.
std::string printable(std::string_view text);

/// Longest excerpt of a text that `in_quotes` shows, in bytes before escaping.
inline constexpr std::size_t kMaxQuoted = 64;

/// `text` escaped, cut after kMaxQuoted bytes and then marked `...`.
std::string excerpt(std::string_view text);

/// `"text"`, escaped; a longer text than kMaxQuoted bytes is cut there and
/// marked `"...`, so that no message echoes much of a file.
std::string in_quotes(std::string_view text);

/// `"path"`, escaped but whole.
std::string quoted_path(std::string_view path);

}  // namespace shockflow::scenario
