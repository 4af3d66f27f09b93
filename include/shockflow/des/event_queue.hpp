#pragma once
/// The pending-event set of the discrete-event kernel.
///
/// Events are ordered by (time, priority, insertion sequence): equal times are
/// broken by priority (lower first), then first-in first-out, so runs are
/// deterministic. Entries are small values kept in a binary heap over one
/// vector: once the vector has grown to the peak population, scheduling and
/// popping allocate nothing. Scheduling into the past is a programming error.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "shockflow/core/assert.hpp"
#include "shockflow/core/time.hpp"

namespace shockflow::des {

template <class Payload>
class EventQueue {
public:
    struct Entry {
        Tick time;
        std::uint64_t key;  ///< priority in the top 8 bits, sequence below
        Payload payload;

        [[nodiscard]] std::uint8_t priority() const noexcept {
            return static_cast<std::uint8_t>(key >> 56);
        }
    };

    /// Pre-sizes the heap to avoid growth during a run.
    void reserve(std::size_t n) { heap_.reserve(n); }

    /// Schedules `payload` at `time` (>= now()) with `priority` (0 fires first).
    void schedule(Tick time, std::uint8_t priority, const Payload& payload) {
        SHOCKFLOW_ASSERT(time >= now_, "event scheduled into the past");
        SHOCKFLOW_ASSERT(seq_ < (std::uint64_t{1} << 56), "event sequence overflow");
        heap_.push_back(Entry{time, (std::uint64_t{priority} << 56) | seq_++, payload});
        std::push_heap(heap_.begin(), heap_.end(), Later{});
    }

    /// Removes and returns the earliest event, advancing now() to its time.
    Entry pop() {
        SHOCKFLOW_ASSERT(!heap_.empty(), "pop from an empty event queue");
        std::pop_heap(heap_.begin(), heap_.end(), Later{});
        Entry e = heap_.back();
        heap_.pop_back();
        now_ = e.time;
        return e;
    }

    [[nodiscard]] const Entry& top() const {
        SHOCKFLOW_ASSERT(!heap_.empty(), "top of an empty event queue");
        return heap_.front();
    }
    [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
    /// Entries the queue holds without allocating.
    [[nodiscard]] std::size_t capacity() const noexcept { return heap_.capacity(); }
    /// Time of the last popped event (the simulation clock).
    [[nodiscard]] Tick now() const noexcept { return now_; }
    /// Sets the clock before the first event (e.g. to the run's start).
    void reset(Tick start) {
        heap_.clear();
        seq_ = 0;
        now_ = start;
    }

private:
    // std heap functions build a max-heap; "later" as less-than keeps the
    // earliest event on top.
    struct Later {
        bool operator()(const Entry& a, const Entry& b) const noexcept {
            if (a.time != b.time) return a.time > b.time;
            return a.key > b.key;
        }
    };

    std::vector<Entry> heap_;
    std::uint64_t seq_ = 0;
    Tick now_{0};
};

}  // namespace shockflow::des
