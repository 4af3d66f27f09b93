// Scenario warnings: what loads and runs but is most likely a mistake. Each
// warning has a case where it is given and one where it is not. The base
// scenario (support.hpp) gives none: p1 makes food and reaches r1 through d1;
// m1 makes steel, s1 ore, and nothing uses either.

#include "shockflow/scenario/warnings.hpp"

#include <string>
#include <vector>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

class Warnings : public LoaderTest {
protected:
    std::vector<Diagnostic> warnings_of(std::string_view text) const {
        const auto spec = load_scenario(write("s.toml", text));
        auto all = scenario_warnings(spec);
        for (const auto& d : all) EXPECT_EQ(d.severity, Severity::Warning) << d.message;
        return all;
    }

    /// The one warning of `text`, which must contain `message`, at `anchor`.
    Diagnostic expect_one_at(std::string_view text, std::string_view anchor,
                             std::string_view message) const {
        const auto all = warnings_of(text);
        EXPECT_EQ(all.size(), 1u);
        const Diagnostic d = find(all, message);
        const Pos p = pos_of(text, anchor);
        EXPECT_EQ(d.loc.line, p.line) << d.format();
        EXPECT_EQ(d.loc.column, p.column) << d.format();
        return d;
    }

    void expect_none(std::string_view text) const {
        for (const auto& d : warnings_of(text)) ADD_FAILURE() << d.format();
    }
};

constexpr std::string_view kSalt = "[[product]]\nid = \"salt\"\n";

TEST_F(Warnings, NoneForTheBaseScenario) { expect_none(kBase); }

TEST_F(Warnings, PrintCompilerStyleAsWarnings) {
    const auto all = warnings_of(with_base(kSalt));
    ASSERT_EQ(all.size(), 1u);
    const std::string text = all[0].format();
    EXPECT_NE(text.find("s.toml:" + std::to_string(all[0].loc.line) + ":1: warning: product"),
              std::string::npos)
        << text;
}

// --- a product nobody makes ---------------------------------------------------

TEST_F(Warnings, ProductNobodyMakesAtItsTable) {
    const auto text = with_base(kSalt);
    expect_one_at(text, "[[product]]\nid = \"salt\"",
                  "product \"salt\": no node makes it (no park, plant or source has capacity "
                  "for it)");
}

TEST_F(Warnings, ProductWithOnlyStockSaysSo) {
    const auto text =
        replaced(with_base(kSalt), "stock = { food = 200 }", "stock = { food = 200, salt = 10 }");
    const auto d = expect_one_at(text, "[[product]]\nid = \"salt\"", "product \"salt\"");
    EXPECT_NE(d.message.find("; only initial stock supplies it"), std::string::npos) << d.message;
}

TEST_F(Warnings, ZeroCapacityMakesNothing) {
    // The park lists salt with capacity 0: nobody makes it all the same.
    const auto text = replaced(with_base(kSalt), "capacity = { food = 100 }",
                               "capacity = { food = 100, salt = 0 }");
    expect_one_at(text, "[[product]]\nid = \"salt\"", "product \"salt\": no node makes it");
}

// --- demand no producer can reach ------------------------------------------------

TEST_F(Warnings, DemandForAProductNobodyMakes) {
    const auto text =
        replaced(with_base(kSalt), "population = 500", "population = 500\ndemand = { salt = 3 }");
    const auto all = warnings_of(text);
    ASSERT_EQ(all.size(), 2u);  // the product, and the demand
    const auto d = find(all,
                        "node \"r2\".demand.salt: no producer can supply region \"r2\" with "
                        "\"salt\": no node makes it");
    EXPECT_EQ(d.loc.line, pos_of(text, "salt = 3").line);
    EXPECT_EQ(d.loc.column, pos_of(text, "3 }").column);  // the value, as errors do
}

TEST_F(Warnings, DemandOfAnUnconnectedRegion) {
    const auto text =
        replaced(kBase, "population = 500", "population = 500\ndemand = { food = 3 }");
    expect_one_at(text, "3 }",
                  "node \"r2\".demand.food: no producer can supply region \"r2\" with \"food\": "
                  "it is made by \"p1\", but no path of links carrying it leads from them to "
                  "\"r2\" (only depots pass goods on)");
}

constexpr std::string_view kR2Demand = "population = 500\ndemand = { food = 3 }";

std::string link(std::string_view from, std::string_view to, std::string_view extra = "") {
    return "\n[[link]]\nfrom = \"" + std::string(from) + "\"\nto = \"" + std::string(to) +
           "\"\ncapacity = 100\ntransit_hours = 4\n" + std::string(extra);
}

TEST_F(Warnings, DemandReachedThroughADepot) {
    expect_none(replaced(with_base(link("d1", "r2")), "population = 500", kR2Demand));
}

TEST_F(Warnings, RegionsAndProducersThatDoNotMakeItPassNothingOn) {
    // r1 -> r2 is a road (regions never supply); m1 makes steel, not food.
    const auto text = replaced(with_base(link("r1", "r2") + link("d1", "m1") + link("m1", "r2")),
                               "population = 500", kR2Demand);
    find(warnings_of(text), "node \"r2\".demand.food: no producer can supply region \"r2\"");
}

TEST_F(Warnings, LinksThatDoNotCarryTheProductDoNotConnect) {
    const auto text = replaced(with_base(link("d1", "r2", "products = [\"steel\"]\n")),
                               "population = 500", kR2Demand);
    find(warnings_of(text), "node \"r2\".demand.food: no producer can supply region \"r2\"");
}

TEST_F(Warnings, DemandOfZeroWantsNothing) {
    expect_none(replaced(kBase, "population = 500", "population = 500\ndemand = { food = 0 }"));
}

// --- transit longer than the stock cover -----------------------------------------

TEST_F(Warnings, TransitLongerThanTheDefaultCover) {
    // d1 -> r1 takes 60 hours = 2.5 days; r1 keeps the default 2 days.
    const auto text = replaced(kBase, "transit_hours = 2", "transit_hours = 60");
    expect_one_at(text, "[[link]]\nfrom = \"d1\"",
                  "link \"d1->r1\": 60 hours (2.5 days) in transit exceed the stock_target_days "
                  "= 2 of \"r1\" (the default) for \"food\": its safety stock runs out before "
                  "anything ordered over this link after a disruption can reach \"r1\"");
}

TEST_F(Warnings, TransitWithinAWrittenCover) {
    const auto text = replaced(replaced(kBase, "transit_hours = 2", "transit_hours = 60"),
                               "population = 1000", "population = 1000\nstock_target_days = 3");
    expect_none(text);
    // Exactly the cover is not longer than it: 72 hours against 3 days.
    expect_none(replaced(text, "transit_hours = 60", "transit_hours = 72"));
}

TEST_F(Warnings, TransitLongerThanAWrittenCover) {
    const auto text = replaced(replaced(kBase, "transit_hours = 2", "transit_hours = 40"),
                               "population = 1000", "population = 1000\nstock_target_days = 1.5");
    const auto d = expect_one_at(text, "[[link]]\nfrom = \"d1\"", "link \"d1->r1\": 40 hours");
    EXPECT_NE(d.message.find("(1.67 days) in transit exceed the stock_target_days = 1.5 of \"r1\" "
                             "for \"food\""),
              std::string::npos)
        << d.message;
}

TEST_F(Warnings, SlowLinkIntoADepotThatPassesTheProductOn) {
    // d1 orders food for r1; p1 -> d1 takes 3 days.
    const auto text = replaced(kBase, "transit_hours = 6", "transit_hours = 72");
    expect_one_at(text, "[[link]]\nfrom = \"p1\"", "link \"p1->d1\": 72 hours (3 days)");
}

TEST_F(Warnings, SlowLinkToANodeThatWantsNothingItBrings) {
    // s1 -> m1 takes 3 days, but m1 has no recipe: it orders no ore.
    expect_none(replaced(kBase, "transit_hours = 12", "transit_hours = 72"));
    // With steel made of ore, m1 orders ore over that link.
    const auto text = replaced(with_base("[[recipe]]\nproduct = \"steel\"\ninputs = { ore = 2 }\n"),
                               "transit_hours = 12", "transit_hours = 72");
    expect_one_at(text, "[[link]]\nfrom = \"s1\"",
                  "link \"s1->m1\": 72 hours (3 days) in transit exceed the stock_target_days = 2 "
                  "of \"m1\" (the default) for \"ore\"");
}

TEST_F(Warnings, SlowLinkWarnsOnceNamingEveryProduct) {
    // p1 also makes salt, which r1 demands too: one warning for both.
    const auto text =
        replaced(replaced(replaced(with_base(kSalt), "capacity = { food = 100 }",
                                   "capacity = { food = 100, salt = 5 }"),
                          "demand = { food = 20 }", "demand = { food = 20, salt = 1 }"),
                 "transit_hours = 2", "transit_hours = 60");
    const auto d = expect_one_at(text, "[[link]]\nfrom = \"d1\"", "link \"d1->r1\"");
    EXPECT_NE(d.message.find("for \"food\" and \"salt\":"), std::string::npos) << d.message;
}

TEST_F(Warnings, SlowLinkFromTheCsvTableIsAtItsRow) {
    write("links.csv", "from,to,capacity,transit_hours\nd1,r2,100,4\nm1,r2,10,100\np1,r2,10,100\n");
    const auto text = replaced(replaced(kBase, "population = 500", kR2Demand), "[scenario]",
                               "[network]\nlinks = \"links.csv\"\n\n[scenario]");
    const auto all = warnings_of(text);
    ASSERT_EQ(all.size(), 1u);  // m1 makes no food: it sends none to r2
    const auto d = find(all, "link \"p1->r2\": 100 hours");
    EXPECT_EQ(d.loc.file, (dir_ / "links.csv").string());
    EXPECT_EQ(d.loc.line, 4u);
    EXPECT_EQ(d.loc.column, 0u);
}

// --- depot loops -------------------------------------------------------------

constexpr std::string_view kD2 = "\n[[node]]\nid = \"d2\"\nkind = \"depot\"\n";

TEST_F(Warnings, DepotsThatSupplyEachOther) {
    const auto text = with_base(std::string(kD2) + link("d1", "d2") + link("d2", "d1"));
    expect_one_at(text, "[[link]]\nfrom = \"d1\"\nto = \"d2\"",
                  "link \"d1->d2\": depots \"d1\" and \"d2\" supply each other in a loop over "
                  "links carrying every product: these links are lateral, used only for flows "
                  "planned where a depot's own suppliers fall short and for help from "
                  "better-stocked depots in a disruption (docs/MODEL.md)");
}

TEST_F(Warnings, DepotChainIsNoLoop) {
    expect_none(with_base(std::string(kD2) + link("d1", "d2") + link("d2", "r2")));
}

TEST_F(Warnings, DepotsThatShareNoProductAroundTheCycleAreNoLoop) {
    expect_none(with_base(std::string(kD2) + link("d1", "d2", "products = [\"food\"]\n") +
                          link("d2", "d1", "products = [\"steel\"]\n")));
    const auto text =
        with_base(std::string(kD2) + link("d1", "d2", "products = [\"food\", \"ore\"]\n") +
                  link("d2", "d1", "products = [\"ore\", \"steel\"]\n"));
    find(warnings_of(text),
         "depots \"d1\" and \"d2\" supply each other in a loop over links "
         "carrying \"ore\":");
}

TEST_F(Warnings, ALoopOfThreeDepotsWarnsOnce) {
    const auto text =
        with_base(std::string(kD2) + "\n[[node]]\nid = \"d3\"\nkind = \"depot\"\n" +
                  link("d2", "d3") + link("d3", "d1") + link("d1", "d2") + link("d3", "d2"));
    // The loop's first link in the file is d2 -> d3.
    expect_one_at(text, "[[link]]\nfrom = \"d2\"\nto = \"d3\"",
                  "link \"d2->d3\": depots \"d1\", \"d2\" and \"d3\" supply each other");
}

TEST_F(Warnings, TwoSeparateLoopsWarnTwice) {
    std::string nodes;
    for (const char* id : {"d2", "d3", "d4"})
        nodes += "\n[[node]]\nid = \"" + std::string(id) + "\"\nkind = \"depot\"\n";
    const auto all = warnings_of(with_base(nodes + link("d1", "d2") + link("d2", "d1") +
                                           link("d3", "d4") + link("d4", "d3")));
    ASSERT_EQ(all.size(), 2u);
    EXPECT_NE(all[0].message.find("depots \"d1\" and \"d2\""), std::string::npos);
    EXPECT_NE(all[1].message.find("depots \"d3\" and \"d4\""), std::string::npos);
}

// --- order ---------------------------------------------------------------------

TEST_F(Warnings, AreSortedByPosition) {
    const auto text = replaced(
        with_base(std::string(kSalt) + std::string(kD2) + link("d1", "d2") + link("d2", "d1")),
        "transit_hours = 2", "transit_hours = 60");
    const auto all = warnings_of(text);
    ASSERT_EQ(all.size(), 3u);
    for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].loc.line, all[i].loc.line);
}

}  // namespace
}  // namespace shockflow::test
