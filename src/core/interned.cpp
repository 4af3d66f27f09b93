#include "shockflow/core/interned.hpp"

#include <mutex>
#include <ostream>
#include <unordered_set>

namespace shockflow {
namespace {

struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

struct Pool {
    std::mutex mutex;
    // Nodes of an unordered_set never move: a pointer to a text stays valid
    // for the life of the process (texts are never removed; they are few).
    std::unordered_set<std::string, Hash, std::equal_to<>> texts;
};

Pool& pool() {
    static Pool* p = new Pool;  // never destroyed: static objects may hold Interned
    return *p;
}

const std::string* empty_text() {
    static const std::string* const empty = [] {
        Pool& p = pool();
        const std::scoped_lock lock(p.mutex);
        return &*p.texts.emplace().first;
    }();
    return empty;
}

}  // namespace

Interned::Interned() noexcept : text_(empty_text()) {}

Interned::Interned(std::string_view text) {
    Pool& p = pool();
    const std::scoped_lock lock(p.mutex);
    auto it = p.texts.find(text);
    if (it == p.texts.end()) it = p.texts.emplace(text).first;
    text_ = &*it;
}

std::ostream& operator<<(std::ostream& out, const Interned& text) { return out << text.str(); }

}  // namespace shockflow
