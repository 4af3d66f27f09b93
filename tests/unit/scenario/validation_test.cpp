// One test per validation rule of the scenario format: each checks the message
// and the line and column it points at. The fixture kBase (support.hpp) has
// nodes p1 m1 s1 d1 r1 r2 (node[0..5]) and links link[0..2]; appended tables
// are node[6], link[3], event[0], ...

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

using Validation = LoaderTest;

// --- keys and types -------------------------------------------------------

TEST_F(Validation, UnknownKeySuggestsClosestKey) {
    const auto text =
        with_base("[[node]]\nid = \"p2\"\nkind = \"park\"\ncapasity = { food = 1 }\n");
    const auto d = expect_error_at(text, "capasity", "unknown key");
    EXPECT_EQ(d.message, "node[6].capasity: unknown key (did you mean \"capacity\"?)");
}

TEST_F(Validation, UnknownKeyWithoutCloseMatchListsTheValidKeys) {
    const auto text = replaced(kBase, "name = \"test\"", "name = \"test\"\ncolour = \"red\"");
    const auto d = expect_error_at(text, "colour", "unknown key");
    EXPECT_EQ(d.message,
              "scenario.colour: unknown key (expected one of: name, description, start_day, "
              "end_day, step_hours, seed, replications, disruption_window)");
}

TEST_F(Validation, UnknownTopLevelTableSuggestsClosest) {
    const auto text = with_base("[[prodcut]]\nid = \"x\"\n");
    const auto d = expect_error_at(text, "prodcut", "unknown key");
    EXPECT_EQ(d.message, "prodcut: unknown key (did you mean \"product\"?)");
}

TEST_F(Validation, UnknownKeyInsideAnInlineTableOfAnEvent) {
    const auto text =
        with_base("[[event]]\nkind = \"link_cut\"\nlink = \"p1->d1\"\nday = 0\nduraton_days = 3\n");
    const auto d = expect_error_at(text, "duraton_days", "unknown key");
    EXPECT_EQ(d.message, "event[0].duraton_days: unknown key (did you mean \"duration_days\"?)");
}

TEST_F(Validation, WrongTypeNamesWhatWasExpected) {
    const auto text = with_base("[[node]]\nid = \"p2\"\nkind = \"park\"\nfirms = \"many\"\n");
    const auto d = expect_error_at(text, "\"many\"", "expected an integer");
    EXPECT_EQ(d.message, "node[6].firms: expected an integer (got a string)");
}

TEST_F(Validation, IntegerIsAcceptedWhereAFloatIsExpected) {
    const auto text = replaced(kBase, "name = \"test\"", "name = \"test\"\nstep_hours = 6");
    EXPECT_DOUBLE_EQ(load_scenario(write("s.toml", text)).step_hours, 6.0);
}

TEST_F(Validation, PlainTableWhereAnArrayOfTablesIsExpected) {
    const auto text = with_base("[recipe]\nproduct = \"food\"\n");
    const auto d = expect_error_at(text, "[recipe]", "expected an array of tables");
    EXPECT_EQ(d.message, "recipe: expected an array of tables, written [[recipe]] (got a table)");
}

TEST_F(Validation, MissingRequiredKeyIsReportedAtItsTable) {
    const auto text = with_base("[[link]]\nfrom = \"p1\"\nto = \"r1\"\ncapacity = 5\n");
    const auto d = expect_error_at(text, "[[link]]", "missing required key");
    EXPECT_EQ(d.message, "link[3]: missing required key \"transit_hours\"");
}

TEST_F(Validation, MissingScenarioTableIsReportedWithoutALine) {
    const auto d = find(scenario_errors("[[product]]\nid = \"food\"\n"), "missing required table");
    EXPECT_EQ(d.message, "scenario: missing required table [scenario]");
    EXPECT_EQ(d.loc.line, 0u);
}

TEST_F(Validation, NonFiniteNumbersAreRejected) {
    const auto text = replaced(kBase, "population = 500", "population = nan");
    const auto d = expect_error_at(text, "nan", "finite");
    EXPECT_EQ(d.message, "node[5].population: must be a finite number (got nan)");
}

// --- ids --------------------------------------------------------------------

TEST_F(Validation, IdsUseLettersDigitsUnderscoreDashDot) {
    const auto text = with_base("[[product]]\nid = \"fresh food\"\n");
    const auto d = expect_error_at(text, "\"fresh food\"", "invalid id");
    EXPECT_EQ(d.message,
              "product[3].id: invalid id \"fresh food\" (use letters, digits, '_', '-' and '.')");
}

TEST_F(Validation, DuplicateProductIdNamesTheFirstDefinition) {
    const auto text = with_base("[[product]]\nid = \"steel\"\n");
    const auto d = expect_error_at(text, "\"steel\"", "duplicate product id");
    EXPECT_EQ(d.message, "product[3].id: duplicate product id \"steel\" (first defined at line 8)");
}

TEST_F(Validation, DuplicateNodeIdIsAnError) {
    const auto text = with_base("[[node]]\nid = \"d1\"\nkind = \"depot\"\n");
    const auto d = expect_error_at(text, "\"d1\"", "duplicate node id");
    EXPECT_EQ(d.message, "node[6].id: duplicate node id \"d1\" (first defined at line 32)");
}

TEST_F(Validation, LinksAreUniquePerFromToPair) {
    const auto text =
        with_base("[[link]]\nfrom = \"d1\"\nto = \"r1\"\ncapacity = 1\ntransit_hours = 1\n");
    const auto d = expect_error_at(text, "[[link]]", "duplicate link");
    EXPECT_EQ(d.message, "link[3]: duplicate link \"d1->r1\" (first defined at line 56)");
}

TEST_F(Validation, TagsAreFreeTextButNotEmpty) {
    // "province:north" is a tag like any other; a target names it "tag:province:north".
    const auto good = with_base(
        "[[node]]\nid = \"p2\"\nkind = \"park\"\ntags = [\"province:north\"]\n"
        "[[event]]\nkind = \"labor_shock\"\ntarget = \"tag:province:north\"\nday = 0\n"
        "duration_days = 2\nabsent_share = 0.3\n");
    EXPECT_EQ(load_scenario(write("good.toml", good)).events.at(0).target, "tag:province:north");
    const auto bad = with_base("[[node]]\nid = \"p2\"\nkind = \"park\"\ntags = [\"a\", \"\"]\n");
    expect_error_at(bad, "[\"a\"", "node[6].tags[1]: must not be empty");
}

// --- references -------------------------------------------------------------

TEST_F(Validation, UnknownNodeInLinkSuggestsAClose) {
    const auto text =
        with_base("[[link]]\nfrom = \"p1\"\nto = \"p9\"\ncapacity = 1\ntransit_hours = 1\n");
    const auto d = expect_error_at(text, "\"p9\"", "unknown node");
    EXPECT_EQ(d.message, "link[3].to: unknown node \"p9\" (did you mean \"p1\"?)");
}

TEST_F(Validation, UnknownNodeWithoutCloseMatchListsKnownNodes) {
    const auto text =
        with_base("[[link]]\nfrom = \"warehouse\"\nto = \"r1\"\ncapacity = 1\ntransit_hours = 1\n");
    const auto d = expect_error_at(text, "\"warehouse\"", "unknown node");
    EXPECT_EQ(d.message,
              "link[3].from: unknown node \"warehouse\" (known: d1, m1, p1, r1, r2, ...)");
}

TEST_F(Validation, NodeQuantitiesNameKnownProducts) {
    const auto text = with_base("[[node]]\nid = \"d2\"\nkind = \"depot\"\nstock = { fod = 1 }\n");
    const auto d = expect_error_at(text, "fod", "unknown product");
    EXPECT_EQ(d.message, "node[6].stock.fod: unknown product \"fod\" (did you mean \"food\"?)");
}

TEST_F(Validation, RecipeProductAndInputsMustExist) {
    const auto text = with_base("[[recipe]]\nproduct = \"bread\"\ninputs = { flour = 1 }\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "recipe[0].product").loc.line, pos_of(text, "\"bread\"").line);
    EXPECT_EQ(find(diags, "recipe[0].inputs.flour").loc.column, pos_of(text, "flour").column);
}

TEST_F(Validation, LinkProductsMustExist) {
    const auto text = with_base(
        "[[link]]\nfrom = \"r1\"\nto = \"r2\"\ncapacity = 1\n"
        "transit_hours = 1\nproducts = [\"food\", \"coal\"]\n");
    const auto d = expect_error_at(text, "[\"food\"", "unknown product");
    EXPECT_EQ(d.message, "link[3].products: unknown product \"coal\" (known: food, ore, steel)");
}

TEST_F(Validation, LinkCannotEndWhereItStarts) {
    const auto text =
        with_base("[[link]]\nfrom = \"d1\"\nto = \"d1\"\ncapacity = 1\ntransit_hours = 1\n");
    expect_error_at(text, "\"d1\"\ncap", "cannot end where it starts");
}

// --- ranges -----------------------------------------------------------------

TEST_F(Validation, CapacitiesAreNonNegative) {
    const auto text =
        with_base("[[node]]\nid = \"p2\"\nkind = \"park\"\ncapacity = { food = -3 }\n");
    const auto d = expect_error_at(text, "-3", "must be >= 0");
    EXPECT_EQ(d.message, "node[6].capacity.food: must be >= 0 (got -3)");
}

TEST_F(Validation, LinkCapacityAndTransitAreNonNegative) {
    const auto text =
        with_base("[[link]]\nfrom = \"r1\"\nto = \"r2\"\ncapacity = -1\ntransit_hours = -2.5\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "link[3].capacity: must be >= 0 (got -1)").loc.column,
              pos_of(text, "-1").column);
    EXPECT_EQ(find(diags, "link[3].transit_hours: must be >= 0 (got -2.5)").loc.line,
              pos_of(text, "-2.5").line);
}

TEST_F(Validation, FirmsAndPopulationAreNonNegative) {
    const auto text = replaced(replaced(kBase, "firms = 40", "firms = -1"), "population = 500",
                               "population = -5");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "node[0].firms: must be >= 0").loc.line, pos_of(text, "-1").line);
    EXPECT_EQ(find(diags, "node[5].population: must be >= 0").loc.column,
              pos_of(text, "-5").column);
}

TEST_F(Validation, ProductPriceIsANonNegativeNumber) {
    const auto negative = replaced(kBase, "id = \"steel\"", "id = \"steel\"\nprice = -2.5");
    const auto d = expect_error_at(negative, "-2.5", "must be >= 0");
    EXPECT_EQ(d.message, "product[1].price: must be >= 0 (got -2.5)");
    const auto text = replaced(kBase, "id = \"steel\"", "id = \"steel\"\nprice = \"high\"");
    EXPECT_EQ(expect_error_at(text, "\"high\"", "expected a number").message,
              "product[1].price: expected a number (got a string)");
    const auto infinite = replaced(kBase, "id = \"steel\"", "id = \"steel\"\nprice = inf");
    EXPECT_EQ(expect_error_at(infinite, "inf", "finite").message,
              "product[1].price: must be a finite number (got inf)");
}

TEST_F(Validation, StartDayMustPrecedeEndDay) {
    const auto text =
        replaced(kBase, "name = \"test\"", "name = \"t\"\nstart_day = 5\nend_day = 4.5");
    const auto d = expect_error_at(text, "4.5", "must be > start_day");
    EXPECT_EQ(d.message, "scenario.end_day: must be > start_day (got 4.5 <= 5)");
    // With end_day left at its default of 30, the start is what was written wrong.
    const auto late = replaced(kBase, "name = \"test\"", "name = \"t\"\nstart_day = 31");
    expect_error_at(late, "31", "scenario.start_day: must be < end_day (got 31 >= 30)");
}

TEST_F(Validation, StepHoursMustDivideADay) {
    const auto text = replaced(kBase, "name = \"test\"", "name = \"t\"\nstep_hours = 5.5");
    const auto d = expect_error_at(text, "5.5", "divide 24");
    EXPECT_EQ(d.message, "scenario.step_hours: must divide 24 hours exactly (got 5.5)");
}

TEST_F(Validation, StepHoursMustBePositive) {
    const auto text = replaced(kBase, "name = \"test\"", "name = \"t\"\nstep_hours = 0.0");
    expect_error_at(text, "0.0", "scenario.step_hours: must be > 0 (got 0)");
}

TEST_F(Validation, SeedIsNonNegativeAndReplicationsAtLeastOne) {
    const auto text =
        replaced(kBase, "name = \"test\"", "name = \"t\"\nseed = -1\nreplications = -2");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "scenario.seed: must be >= 0 (got -1)").loc.line,
              pos_of(text, "-1").line);
    EXPECT_EQ(find(diags, "scenario.replications: must be >= 1 (got -2)").loc.column,
              pos_of(text, "-2").column);
}

TEST_F(Validation, DisruptionWindowMustBeOrdered) {
    const auto text =
        replaced(kBase, "name = \"test\"", "name = \"t\"\ndisruption_window = [12, 0]");
    const auto d = expect_error_at(text, "[12, 0]", "disruption_window");
    EXPECT_EQ(d.message,
              "scenario.disruption_window: the first day must be < the second (got [12, 0])");
}

// --- node kinds -------------------------------------------------------------

TEST_F(Validation, KindSpecificKeysAreRejectedOnOtherKinds) {
    const auto text = with_base(
        "[[node]]\nid = \"d2\"\nkind = \"depot\"\ncapacity = { food = 1 }\n"
        "[[node]]\nid = \"s2\"\nkind = \"source\"\nstock_target_days = 3\n"
        "[[node]]\nid = \"p2\"\nkind = \"park\"\npopulation = 10\n"
        "[[node]]\nid = \"r3\"\nkind = \"region\"\nfirms = 2\n");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags,
                   "node[6].capacity: not allowed on a depot node (only on park, plant "
                   "and source nodes)")
                  .loc.line,
              pos_of(text, "{ food = 1 }").line);
    EXPECT_EQ(find(diags, "node[7].stock_target_days: not allowed on a source node").loc.line,
              pos_of(text, "= 3").line);
    EXPECT_EQ(find(diags, "node[8].population: not allowed on a park node").loc.line,
              pos_of(text, "= 10").line);
    EXPECT_EQ(find(diags, "node[9].firms: not allowed on a region node").loc.column,
              pos_of(text, "2\n").column);
}

TEST_F(Validation, UnknownNodeKindSuggestsClosest) {
    const auto text = with_base("[[node]]\nid = \"x\"\nkind = \"regoin\"\n");
    const auto d = expect_error_at(text, "\"regoin\"", "unknown node kind");
    EXPECT_EQ(d.message, "node[6].kind: unknown node kind \"regoin\" (did you mean \"region\"?)");
}

TEST_F(Validation, RegionWithDemandNeedsPeople) {
    const auto text = with_base(
        "[[node]]\nid = \"r3\"\nkind = \"region\"\npopulation = 0\ndemand = { food = 1 }\n");
    const auto d = expect_error_at(text, "0\ndemand", "population > 0");
    EXPECT_EQ(d.message, "node[6].population: a region with demand needs population > 0 (got 0)");
}

// --- recipes ----------------------------------------------------------------

TEST_F(Validation, AProductHasAtMostOneRecipe) {
    const auto text = with_base(
        "[[recipe]]\nproduct = \"steel\"\ninputs = { ore = 1 }\n"
        "[[recipe]]\nproduct = \"steel\"\ninputs = { ore = 2 }\n");
    const auto d = expect_error_at(text, "\"steel\"", "already has a recipe");
    EXPECT_EQ(d.message, "recipe[1].product: \"steel\" already has a recipe (at line 68)");
}

TEST_F(Validation, ARecipeNamingAnInputTwiceIsASyntaxError) {
    // TOML itself forbids a key written twice in one table.
    const auto text = with_base("[[recipe]]\nproduct = \"steel\"\ninputs = { ore = 1, ore = 2 }\n");
    const auto d = find(scenario_errors(text), "invalid TOML");
    EXPECT_EQ(d.loc.line, pos_of(text, "ore = 2").line);
    EXPECT_GT(d.loc.column, 0u);
}

TEST_F(Validation, AProductUsingOneUnitOfItselfCanNeverBeMade) {
    const auto text = with_base("[[recipe]]\nproduct = \"steel\"\ninputs = { steel = 1 }\n");
    const auto d = expect_error_at(text, "1 }", "can never be produced");
    EXPECT_EQ(d.message,
              "recipe[0].inputs.steel: a product that uses 1 unit(s) of itself per unit made can "
              "never be produced (must be < 1)");
}

TEST_F(Validation, UnproductiveRecipeMatrixIsReportedAtTheFirstRecipe) {
    // food needs 1.2 steel and steel needs 1.2 food: A = [[0, 1.2], [1.2, 0]] has
    // eigenvalues +-1.2, so no non-negative x solves x = Ax + d for d > 0.
    const auto text = with_base(
        "[[recipe]]\nproduct = \"food\"\ninputs = { steel = 1.2 }\n"
        "[[recipe]]\nproduct = \"steel\"\ninputs = { food = 1.2 }\n");
    const auto diags = scenario_errors(text);
    const auto d = find(diags, "unproductive");
    EXPECT_EQ(d.message,
              "recipe: the recipe matrix is unproductive (no non-negative solution of x = Ax + "
              "d); spectral radius of A is 1.2 >= 1");
    EXPECT_EQ(d.loc.line, pos_of(text, "[[recipe]]\nproduct = \"food\"").line);
    EXPECT_EQ(d.loc.column, 1u);
}

TEST_F(Validation, ProductiveRecipeMatrixIsAccepted) {
    // A = [[0, 0.5], [0.5, 0]]: spectral radius 0.5 < 1.
    const auto text = with_base(
        "[[recipe]]\nproduct = \"food\"\ninputs = { steel = 0.5 }\n"
        "[[recipe]]\nproduct = \"steel\"\ninputs = { food = 0.5, ore = 2 }\n");
    const auto spec = load_scenario(write("s.toml", text));
    ASSERT_EQ(spec.recipes.size(), 2u);
    EXPECT_EQ(spec.recipes[1].inputs.size(), 2u);
}

// --- several problems at once -------------------------------------------------

TEST_F(Validation, EveryProblemOfAFileIsReportedInFileOrder) {
    const auto text = replaced(
        with_base("[[node]]\nid = \"p2\"\nkind = \"park\"\ncapacity = { food = -3 }\n"
                  "[[link]]\nfrom = \"p2\"\nto = \"zz\"\ncapacity = 1\ntransit_hours = 1\n"),
        "name = \"test\"", "name = \"test\"\nstep_hours = 7");
    const auto diags = scenario_errors(text);
    ASSERT_EQ(diags.size(), 3u);
    EXPECT_NE(diags[0].message.find("step_hours"), std::string::npos);
    EXPECT_NE(diags[1].message.find("capacity.food"), std::string::npos);
    EXPECT_NE(diags[2].message.find("link[3].to"), std::string::npos);
    EXPECT_LT(diags[0].loc.line, diags[1].loc.line);
    EXPECT_LT(diags[1].loc.line, diags[2].loc.line);
}

}  // namespace
}  // namespace shockflow::test
