#pragma once
/// Interned strings: each distinct text is kept once for the whole process,
/// and a copy is one pointer. For the names repeated on every entry of a
/// scenario (its file names, the product of each quantity): a large network
/// table holds millions of entries, and a string each made loading it take
/// some forty times the memory of the file.

#include <fmt/format.h>

#include <compare>
#include <iosfwd>
#include <string>
#include <string_view>

namespace shockflow {

class Interned {
public:
    /// The empty text.
    Interned() noexcept;
    /// The one copy of `text` (made on first use; thread-safe).
    Interned(std::string_view text);   // NOLINT(google-explicit-constructor)
    Interned(const std::string& text)  // NOLINT(google-explicit-constructor)
        : Interned(std::string_view(text)) {}
    Interned(const char* text)  // NOLINT(google-explicit-constructor)
        : Interned(std::string_view(text)) {}

    [[nodiscard]] const std::string& str() const noexcept { return *text_; }
    operator const std::string&() const noexcept { return *text_; }  // NOLINT
    operator std::string_view() const noexcept { return *text_; }    // NOLINT
    [[nodiscard]] bool empty() const noexcept { return text_->empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return text_->size(); }
    [[nodiscard]] const char* c_str() const noexcept { return text_->c_str(); }

    /// One copy per text: equal texts are the same pointer.
    friend bool operator==(const Interned& a, const Interned& b) noexcept {
        return a.text_ == b.text_;
    }
    friend bool operator==(const Interned& a, std::string_view b) noexcept { return *a.text_ == b; }
    friend bool operator==(const Interned& a, const std::string& b) noexcept {
        return *a.text_ == b;
    }
    friend bool operator==(const Interned& a, const char* b) noexcept { return *a.text_ == b; }
    friend std::strong_ordering operator<=>(const Interned& a, const Interned& b) noexcept {
        return *a.text_ <=> *b.text_;
    }
    friend std::strong_ordering operator<=>(const Interned& a, std::string_view b) noexcept {
        return std::string_view(*a.text_) <=> b;
    }
    friend std::strong_ordering operator<=>(const Interned& a, const std::string& b) noexcept {
        return *a.text_ <=> b;
    }

private:
    const std::string* text_;
};

std::ostream& operator<<(std::ostream& out, const Interned& text);

}  // namespace shockflow

template <>
struct fmt::formatter<shockflow::Interned> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const shockflow::Interned& text, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(std::string_view(text), ctx);
    }
};
