#include "shockflow/des/event_queue.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace shockflow::des {
namespace {

TEST(EventQueue, PopsInTimeOrder) {
    EventQueue<int> q;
    for (int t : {50, 10, 40, 20, 30}) q.schedule(Tick{t}, 0, t);
    std::vector<int> seen;
    while (!q.empty()) seen.push_back(q.pop().payload);
    EXPECT_EQ(seen, (std::vector<int>{10, 20, 30, 40, 50}));
}

TEST(EventQueue, EqualTimesPopInInsertionOrder) {
    EventQueue<int> q;
    for (int i = 0; i < 100; ++i) q.schedule(Tick{7}, 1, i);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(q.pop().payload, i);
}

TEST(EventQueue, EqualTimesPopByPriorityBeforeInsertionOrder) {
    EventQueue<int> q;
    q.schedule(Tick{5}, 3, 1);
    q.schedule(Tick{5}, 0, 2);
    q.schedule(Tick{5}, 1, 3);
    q.schedule(Tick{4}, 9, 4);
    EXPECT_EQ(q.pop().payload, 4);
    EXPECT_EQ(q.pop().payload, 2);
    EXPECT_EQ(q.pop().payload, 3);
    EXPECT_EQ(q.pop().payload, 1);
}

TEST(EventQueue, PopAdvancesTheClock) {
    EventQueue<int> q;
    q.reset(Tick{-100});
    EXPECT_EQ(q.now(), Tick{-100});
    q.schedule(Tick{-50}, 0, 0);
    q.pop();
    EXPECT_EQ(q.now(), Tick{-50});
}

TEST(EventQueue, SchedulingAtTheCurrentTimeIsAllowed) {
    EventQueue<int> q;
    q.schedule(Tick{10}, 2, 1);
    q.pop();
    q.schedule(Tick{10}, 0, 2);
    EXPECT_EQ(q.pop().payload, 2);
}

#ifndef NDEBUG
TEST(EventQueueDeathTest, SchedulingIntoThePastIsAProgrammingError) {
    EventQueue<int> q;
    q.schedule(Tick{10}, 0, 1);
    q.pop();
    EXPECT_DEATH(q.schedule(Tick{9}, 0, 2), "scheduled into the past");
}
#endif

// Hold-model churn: a steady population of 64 events, each pop scheduling a
// successor, never outgrows the reserved storage.
TEST(EventQueue, NoAllocationOnceReserved) {
    EventQueue<int> q;
    q.reserve(64);
    const std::size_t reserved = q.capacity();
    for (int i = 0; i < 64; ++i) q.schedule(Tick{i}, 0, i);
    for (int i = 0; i < 10000; ++i) {
        const auto e = q.pop();
        q.schedule(Tick{e.time.value + 37 + (i % 11)}, 0, e.payload);
    }
    EXPECT_EQ(q.capacity(), reserved);
    EXPECT_EQ(q.size(), 64u);
}

}  // namespace
}  // namespace shockflow::des
