#pragma once
// Typed indices: the compiled model and the engine number nodes, products,
// links, channels, rows and several list positions, all as 32-bit integers.
// Each index space has its own type, and arrays say which space indexes
// them, so that using an index of one space in another does not compile.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace shockflow::model {

template <class Tag>
struct Index {
    std::uint32_t value = 0;

    constexpr Index() = default;
    constexpr explicit Index(std::uint32_t v) : value(v) {}
    constexpr explicit Index(std::size_t v) : value(static_cast<std::uint32_t>(v)) {}
    constexpr explicit Index(int v) : value(static_cast<std::uint32_t>(v)) {}

    friend constexpr auto operator<=>(Index, Index) = default;
    constexpr Index& operator++() {
        ++value;
        return *this;
    }
    /// The position `n` places on (list positions only).
    friend constexpr Index operator+(Index a, std::uint32_t n) { return Index(a.value + n); }
    /// How many places from b to a.
    friend constexpr std::uint32_t operator-(Index a, Index b) { return a.value - b.value; }
    [[nodiscard]] constexpr bool valid() const {
        return value != std::numeric_limits<std::uint32_t>::max();
    }
    /// The "no such index" value of this space.
    static constexpr Index none() { return Index(std::numeric_limits<std::uint32_t>::max()); }
};

// Index spaces of the compiled model.
using NodeIndex = Index<struct NodeTag>;        // nodes, in file order
using ProductIndex = Index<struct ProductTag>;  // products, in file order
using LinkIndex = Index<struct LinkTag>;        // links, in file order
using SlotIndex = Index<struct SlotTag>;        // the engine's per-link storage order
using ChannelIndex = Index<struct ChannelTag>;  // (link, product) channels, by source row
using RowIndex = Index<struct RowTag>;          // active (node, product) pairs
using DenseIndex = Index<struct DenseTag>;      // every (node, product) pair; compile time only
using InboundPos = Index<struct InboundTag>;    // positions in the inbound channel lists
using LinkChannelPos = Index<struct LinkChannelTag>;  // positions in channels_of_link
using MadePos = Index<struct MadeTag>;                // positions in the made-product lists
using MadeInputPos = Index<struct MadeInputTag>;      // positions in the made inputs

/// A std::vector indexed by one index space only.
template <class I, class T>
class IndexVec {
public:
    using value_type = T;
    IndexVec() = default;
    explicit IndexVec(std::size_t n, const T& v = T{}) : v_(n, v) {}
    explicit IndexVec(std::vector<T> v) : v_(std::move(v)) {}

    decltype(auto) operator[](I i) { return v_[i.value]; }
    decltype(auto) operator[](I i) const { return v_[i.value]; }

    [[nodiscard]] std::size_t size() const { return v_.size(); }
    [[nodiscard]] bool empty() const { return v_.empty(); }
    /// One past the last index.
    [[nodiscard]] I end_index() const { return I(v_.size()); }
    void assign(std::size_t n, const T& v) { v_.assign(n, v); }
    void resize(std::size_t n) { v_.resize(n); }
    void reserve(std::size_t n) { v_.reserve(n); }
    void clear() { v_.clear(); }
    void push_back(const T& v) { v_.push_back(v); }
    void push_back(T&& v) { v_.push_back(std::move(v)); }
    template <class... A>
    T& emplace_back(A&&... a) {
        return v_.emplace_back(std::forward<A>(a)...);
    }
    auto begin() { return v_.begin(); }
    auto end() { return v_.end(); }
    auto begin() const { return v_.begin(); }
    auto end() const { return v_.end(); }
    T* data() { return v_.data(); }
    const T* data() const { return v_.data(); }
    /// The elements without their index type (for whole-array algorithms).
    std::vector<T>& raw() { return v_; }
    const std::vector<T>& raw() const { return v_; }

private:
    std::vector<T> v_;
};

/// A raw view of an IndexVec for hot loops: same indexing, nothing reloaded.
template <class I, class T>
struct IndexPtr {
    T* p = nullptr;
    T& operator[](I i) const { return p[i.value]; }
};
template <class I, class T>
IndexPtr<I, T> view(IndexVec<I, T>& v) {
    return {v.data()};
}
template <class I, class T>
IndexPtr<I, const T> view(const IndexVec<I, T>& v) {
    return {v.data()};
}

/// Indices 0 .. n - 1 of a space, for range-for loops.
template <class I>
struct IndexRange {
    I first, last;
    struct iterator {
        I i;
        I operator*() const { return i; }
        iterator& operator++() {
            ++i;
            return *this;
        }
        bool operator!=(const iterator& o) const { return i != o.i; }
    };
    [[nodiscard]] iterator begin() const { return {first}; }
    [[nodiscard]] iterator end() const { return {last}; }
};
template <class I>
IndexRange<I> indices(std::size_t n) {
    return {I(std::uint32_t{0}), I(n)};
}
template <class I, class T>
IndexRange<I> indices(const IndexVec<I, T>& v) {
    return indices<I>(v.size());
}

/// Consecutive ranges of items: row r owns items begin(r) .. end(r).
template <class Row, class Item>
struct Ranges {
    IndexVec<Row, Item> offset;  ///< one more than there are rows
    [[nodiscard]] Item begin(Row r) const { return offset[r]; }
    [[nodiscard]] Item end(Row r) const { return offset[Row(r.value + 1)]; }
};

/// Compressed rows: the items of row r sit at positions begin(r) .. end(r)
/// of `list`. Rows, positions and items are each typed.
template <class Row, class Pos, class Item>
struct Csr {
    IndexVec<Row, Pos> offset;  ///< one more than there are rows
    IndexVec<Pos, Item> list;
    [[nodiscard]] Pos begin(Row r) const { return offset[r]; }
    [[nodiscard]] Pos end(Row r) const { return offset[Row(r.value + 1)]; }
};

}  // namespace shockflow::model
