/// [[product]] and [[recipe]] sections.

#include <fmt/format.h>

#include <map>

#include "scenario/enum_names.hpp"
#include "scenario/productivity.hpp"
#include "scenario/sections.hpp"
#include "scenario/text.hpp"

namespace shockflow::scenario {
namespace {

bool parse_category(const TableReader& r, ProductCategory& out) {
    const auto name = r.string("category");
    if (!name) return !r.has("category");
    if (const auto category = value_named(kCategoryNames, *name)) {
        out = *category;
        return true;
    }
    r.error("category", fmt::format("unknown category {}{}", in_quotes(*name),
                                    expected_hint(*name, category_names())));
    return false;
}

void read_product(const toml::table& table, const std::string& path, LoadContext& ctx, Catalog& cat,
                  ScenarioSpec& spec) {
    const TableReader r(table, path, ctx, {"id", "category", "unit", "price"});
    ProductSpec product;
    product.loc = r.loc();
    parse_category(r, product.category);
    if (auto unit = r.string("unit")) product.unit = *unit;
    if (auto price = r.number("price");
        price && check_quantity(ctx, r.loc("price"), r.path("price"), *price)) {
        product.price = *price;
    }
    const auto id = r.string("id", Need::Required);
    if (!id || !check_id_syntax(ctx, r.loc("id"), r.path("id"), *id)) return;
    if (const auto first = cat.products.find(*id); first != cat.products.end()) {
        r.error("id", fmt::format("duplicate product id {} (first defined at {})", in_quotes(*id),
                                  where(first->second, r.loc("id"))));
        return;
    }
    product.id = *id;
    cat.products.emplace(*id, product.loc);
    spec.products.push_back(std::move(product));
}

/// Reads `inputs`, keeping only entries that name a known product with a
/// quantity >= 0. Returns false if a product needs >= 1 unit of itself.
bool read_inputs(const TableReader& r, const Catalog& cat, RecipeSpec& recipe) {
    const toml::table* inputs = r.subtable("inputs");
    if (inputs == nullptr) return true;
    bool productive = true;
    for (const auto& e : read_number_table(r.ctx(), *inputs, r.path("inputs"))) {
        const std::string path = fmt::format("{}.{}", r.path("inputs"), escaped(e.key));
        if (!check_product(r.ctx(), cat, e.key_loc, path, e.key) ||
            !check_quantity(r.ctx(), e.loc, path, e.value)) {
            continue;
        }
        if (e.key == recipe.product && e.value >= 1.0) {
            r.ctx().error(e.loc, fmt::format("{}: a product that uses {} unit(s) of itself per "
                                             "unit made can never be produced (must be < 1)",
                                             path, num(e.value)));
            productive = false;
        }
        recipe.inputs.push_back(ProductQty{e.key, e.value, e.loc});
    }
    return productive;
}

/// Reports a recipe matrix whose spectral radius is >= 1 at the first recipe.
void check_productive(LoadContext& ctx, const ScenarioSpec& spec) {
    if (spec.recipes.empty()) return;
    const double rho =
        spectral_radius(recipe_matrix(spec.products, spec.recipes), spec.products.size());
    // A tiny margin: a radius that is 1 up to rounding is just as unproductive.
    if (rho < 1.0 - 1e-12) return;
    ctx.error(spec.recipes.front().loc,
              fmt::format("recipe: the recipe matrix is unproductive (no non-negative solution "
                          "of x = Ax + d); spectral radius of A is {:.4g} >= 1",
                          rho));
}

}  // namespace

void read_products(const TableReader& top, Catalog& cat, ScenarioSpec& spec) {
    for_each_table(top, "product", [&](const toml::table& table, const std::string& path) {
        read_product(table, path, top.ctx(), cat, spec);
    });
}

void read_recipes(const TableReader& top, const Catalog& cat, ScenarioSpec& spec) {
    std::map<std::string, SourceLoc, std::less<>> made;  // product -> its recipe
    bool self_loop = false;
    for_each_table(top, "recipe", [&](const toml::table& table, const std::string& path) {
        const TableReader r(table, path, top.ctx(), {"product", "inputs"});
        RecipeSpec recipe;
        recipe.loc = r.loc();
        const auto product = r.string("product", Need::Required);
        const bool known =
            product && check_product(r.ctx(), cat, r.loc("product"), r.path("product"), *product);
        if (known) recipe.product = *product;
        self_loop = !read_inputs(r, cat, recipe) || self_loop;
        if (!known) return;
        if (const auto first = made.find(*product); first != made.end()) {
            r.error("product", fmt::format("{} already has a recipe (at {})", in_quotes(*product),
                                           where(first->second, recipe.loc)));
            return;
        }
        made.emplace(*product, recipe.loc);
        spec.recipes.push_back(std::move(recipe));
    });
    // A self-loop >= 1 is already reported where it is written.
    if (!self_loop) check_productive(top.ctx(), spec);
}

}  // namespace shockflow::scenario
