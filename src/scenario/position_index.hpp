#pragma once
/// Finding ids among thousands by hash: a network table looks up two nodes and
/// one (from, to) pair per row. Node-based hash maps spent more on allocating,
/// hashing and dividing than the rest of a row's checks.

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>
#include <vector>

namespace shockflow::scenario {

/// Mixes the bits of `x` (the splitmix64 finaliser).
constexpr std::uint64_t mix_bits(std::uint64_t x) noexcept {
    x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31U);
}

/// A hash of an id, eight bytes at a time (ids are short: "park1999").
inline std::uint64_t hash_id(std::string_view id) noexcept {
    const auto word = [](const char* p) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, sizeof w);
        return w;
    };
    const char* p = id.data();
    std::size_t n = id.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    if (n >= 8) {
        for (; n > 8; p += 8, n -= 8) h = mix_bits(h ^ word(p));
        return mix_bits(h ^ word(p + n - 8));  // the last eight bytes, overlapping
    }
    std::uint64_t rest = 0;
    for (std::size_t i = 0; i < n; ++i) {
        rest |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8U * i);
    }
    return mix_bits(h ^ rest);
}

/// Positions of items in a sequence the caller keeps, found by their hash and
/// a comparison the caller supplies: open addressing with linear probing over
/// a power-of-two table at most 70 % full. A slot is eight bytes, so that the
/// table of a 20,000-link network stays in the per-core cache: lookups come in
/// no useful order, and a miss per lookup made it the slowest step of a row.
class PositionIndex {
public:
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

    [[nodiscard]] std::size_t size() const noexcept { return size_; }

    /// The position with this hash for which `same(position)` holds, or kNone.
    template <typename Same>
    [[nodiscard]] std::size_t find(std::uint64_t hash, const Same& same) const {
        if (slots_.empty()) return kNone;
        const std::size_t mask = slots_.size() - 1;
        const auto check = check_of(hash);
        for (std::size_t i = hash & mask; slots_[i].position != 0; i = (i + 1) & mask) {
            if (slots_[i].check == check && same(slots_[i].position - 1)) {
                return slots_[i].position - 1;
            }
        }
        return kNone;
    }

    /// Adds `position` (the caller has checked that its item is new). `rehash`
    /// gives the hash of any position added before, for when the table grows.
    template <typename Rehash>
    void insert(std::uint64_t hash, std::size_t position, const Rehash& rehash) {
        reserve(size_ + 1, rehash);
        place(hash, static_cast<std::uint32_t>(position + 1));
        ++size_;
    }

    /// Room for `n` positions without growing.
    template <typename Rehash>
    void reserve(std::size_t n, const Rehash& rehash) {
        if (10 * n <= 7 * slots_.size()) return;
        std::vector<Slot> old(std::bit_ceil(std::max<std::size_t>(n + n / 2, 16)));
        old.swap(slots_);
        for (const Slot& s : old) {
            if (s.position != 0) place(rehash(s.position - 1), s.position);
        }
    }

private:
    struct Slot {
        std::uint32_t check = 0;     ///< high bits of the hash: most mismatches end here
        std::uint32_t position = 0;  ///< position + 1; 0 marks an empty slot
    };

    static std::uint32_t check_of(std::uint64_t hash) noexcept {
        return static_cast<std::uint32_t>(hash >> 32U);
    }

    void place(std::uint64_t hash, std::uint32_t position) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = hash & mask;
        while (slots_[i].position != 0) i = (i + 1) & mask;
        slots_[i] = Slot{check_of(hash), position};
    }

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

}  // namespace shockflow::scenario
