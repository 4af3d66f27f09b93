// Events dated outside the run [start_day, end_day) are input errors, at the
// event's `day`; a distribution is outside only if every day it can draw is.
// The base scenario runs over the default span [-14, 30).

#include "scenario/event_days.hpp"

#include <fmt/format.h>

#include <limits>
#include <string>
#include <utility>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using EventDays = LoaderTest;

/// A strike on p1 on `day` (a number or a distribution table).
std::string strike_on(std::string_view day) {
    return with_base(
        fmt::format("[[event]]\nkind = \"strike\"\ntarget = \"p1\"\nday = {}\ncapacity_loss = 0.5\n"
                    "repair_days = 2\n",
                    day));
}

TEST_F(EventDays, FirstAndLastMomentsOfTheRunAreInside) {
    for (const char* day : {"-14", "29.99", "{ uniform = [25, 40] }", "{ uniform = [-20, -14] }"}) {
        const auto spec = load_scenario(write("s.toml", strike_on(day)));
        EXPECT_EQ(spec.events.size(), 1u) << day;
    }
}

TEST_F(EventDays, DayOnEndDayIsAfterTheRun) {
    const auto text = strike_on("30");
    const auto d = expect_error_at(
        text, "30\ncapacity_loss",
        "event[0].day: day 30 falls after the end of the run [start_day, end_day) = [-14, 30)");
    EXPECT_EQ(d.severity, Severity::Error);
}

TEST_F(EventDays, DayBeforeStartDayIsBeforeTheRun) {
    expect_error_at(strike_on("-14.5"), "-14.5",
                    "event[0].day: day -14.5 falls before the start of the run [start_day, "
                    "end_day) = [-14, 30)");
}

TEST_F(EventDays, DistributionIsOutsideOnlyIfEveryDrawIs) {
    expect_error_at(strike_on("{ uniform = [30, 31] }"), "{ uniform",
                    "event[0].day: every day this uniform can draw, [30, 31], falls after the end");
    expect_error_at(strike_on("{ triangular = [-20, -16, -15] }"), "{ triangular",
                    "event[0].day: every day this triangular can draw, [-20, -15], falls before "
                    "the start");
    // A beta draws on [0, 1]: outside a run that starts on day 2.
    expect_error_at(replaced(strike_on("{ beta = [2, 2] }"), "name = \"test\"",
                             "name = \"test\"\nstart_day = 2"),
                    "{ beta", "every day this beta can draw, [0, 1], falls before the start");
}

TEST_F(EventDays, NormalReachesSixSigmaWithinItsBounds) {
    // mu = 40, sigma = 1: [34, 46], after the run. sigma = 2: [28, 52], which meets it.
    expect_error_at(strike_on("{ normal = [40, 1] }"), "{ normal",
                    "event[0].day: every day this normal can draw, [34, 46] (mu +/- 6 sigma, "
                    "within min and max), falls after the end");
    EXPECT_EQ(load_scenario(write("s.toml", strike_on("{ normal = [40, 2] }"))).events.size(), 1u);
    // min = 31 cuts [28, 52] to [31, 52]: after the run again.
    expect_error_at(strike_on("{ normal = [40, 2], min = 31 }"), "{ normal",
                    "[31, 52] (mu +/- 6 sigma, within min and max), falls after the end");
}

TEST_F(EventDays, NormalRangeOfDays) {
    using scenario::day_range;
    Distribution d;
    d.kind = Distribution::Kind::Normal;
    d.p = {10.0, 1.0, 0.0};
    EXPECT_EQ(day_range(d), std::make_pair(4.0, 16.0));
    d.min = 12.0;
    EXPECT_EQ(day_range(d), std::make_pair(12.0, 16.0));
    // mu far above max: every draw is rejected and the sampler returns max.
    d.min = -std::numeric_limits<double>::infinity();
    d.max = 2.0;
    EXPECT_EQ(day_range(d), std::make_pair(2.0, 2.0));
    // ... and far below min: it returns min.
    d.min = 20.0;
    d.max = 30.0;
    EXPECT_EQ(day_range(d), std::make_pair(20.0, 20.0));
}

TEST_F(EventDays, EveryKindIsChecked) {
    const char* events[] = {
        "kind = \"link_cut\"\nlink = \"p1->d1\"\nday = 31\nduration_days = 1\n",
        "kind = \"demand_shock\"\nday = 31\nduration_days = 1\nmultiplier = 2\n",
        "kind = \"displacement\"\nfrom = \"r1\"\nto = \"r2\"\nshare = 0.1\nday = 31\n",
        "kind = \"labor_shock\"\ntarget = \"p1\"\nday = 31\nduration_days = 1\nabsent_share = "
        "0.1\n",
    };
    for (const char* event : events) {
        const auto diags = scenario_errors(with_base(std::string("[[event]]\n") + event));
        ASSERT_EQ(diags.size(), 1u) << event;
        EXPECT_EQ(diags[0].message,
                  "event[0].day: day 31 falls after the end of the run [start_day, end_day) = "
                  "[-14, 30)");
    }
}

TEST_F(EventDays, IndexCountsEventsRejectedForOtherReasons) {
    const auto text = with_base(
        "[[event]]\nkind = \"strike\"\ntarget = \"p9\"\nday = 0\ncapacity_loss = 1\n"
        "repair_days = 1\n\n"
        "[[event]]\nkind = \"demand_shock\"\nday = 40\nduration_days = 1\nmultiplier = 2\n");
    const auto diags = scenario_errors(text);
    find(diags, "event[0].target: unknown node \"p9\"");
    EXPECT_EQ(find(diags, "event[1].day: day 40 falls after the end").loc.line,
              pos_of(text, "day = 40").line);
}

TEST_F(EventDays, NotCheckedWhenTheRunSpanIsInError) {
    // end_day is unreadable, so 30 is only its default: report the type alone.
    const auto diags = scenario_errors(
        replaced(strike_on("35"), "name = \"test\"", "name = \"test\"\nend_day = \"forty\""));
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_NE(diags[0].message.find("scenario.end_day: expected"), std::string::npos)
        << diags[0].message;
}

}  // namespace
}  // namespace shockflow::test
