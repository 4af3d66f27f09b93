#include "shockflow/model/kpi.hpp"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace shockflow {
namespace {

TEST(KpiRegistry, StartsWithTheSixKpisOfTheContractInItsOrder) {
    const std::vector<std::string_view> contract{"fill_rate",
                                                 "essential_fill_rate",
                                                 "unmet_units",
                                                 "min_active_firm_share",
                                                 "min_operational_park_share",
                                                 "holding_cost"};
    const auto registry = kpi_registry();
    ASSERT_GE(registry.size(), contract.size());
    for (std::size_t i = 0; i < contract.size(); ++i) EXPECT_EQ(registry[i].name, contract[i]);
}

TEST(KpiRegistry, EveryEntryHasAKnownUnitAndAOneLineDefinition) {
    const std::set<std::string_view> units{"share", "ratio",       "units", "cost",
                                           "value", "person-days", "days"};
    for (const KpiInfo& kpi : kpi_registry()) {
        EXPECT_TRUE(units.contains(kpi.unit)) << kpi.name << ": " << kpi.unit;
        EXPECT_FALSE(kpi.definition.empty()) << kpi.name;
        // One line, and nothing that would break the Markdown table of docs/MODEL.md.
        EXPECT_EQ(kpi.definition.find_first_of("\n|"), std::string_view::npos) << kpi.name;
    }
}

TEST(KpiRegistry, ListGivesEachFieldUnderItsNameInRegistryOrder) {
    // Distinct values 1, 2, 3, ... set through the registry's own accessors
    // must come back in the same order from list().
    Kpis kpis;
    double v = 0.0;
    for (const KpiInfo& kpi : kpi_registry()) kpis.*kpi.field = ++v;
    const auto list = kpis.list();
    ASSERT_EQ(list.size(), kpi_registry().size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        EXPECT_EQ(list[i].first, kpi_registry()[i].name);
        EXPECT_EQ(list[i].second, static_cast<double>(i + 1));
    }
    EXPECT_EQ(kpis.fill_rate, 1.0);
    EXPECT_EQ(kpis.holding_cost, 6.0);
}

TEST(KpiRegistry, KpiInfoFindsEveryNameAndRejectsOthers) {
    for (const KpiInfo& kpi : kpi_registry()) EXPECT_EQ(&kpi_info(kpi.name), &kpi);
    EXPECT_FALSE(kpi_info("unmet_units").higher_is_better);
    EXPECT_TRUE(kpi_info("fill_rate").higher_is_better);
    EXPECT_THROW((void)kpi_info("no_such_kpi"), std::invalid_argument);
}

}  // namespace
}  // namespace shockflow
