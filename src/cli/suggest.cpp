#include "cli/suggest.hpp"

#include <fmt/format.h>

#include <string_view>

#include "scenario/text.hpp"

namespace shockflow::cli {
namespace {

// The option of `app` written as `word` ("--out", "-q"), if any.
const CLI::Option* option_named(const CLI::App& app, const std::string& word) {
    for (const CLI::Option* opt : app.get_options())
        if (!opt->get_positional() && opt->check_name(word)) return opt;
    return nullptr;
}

// Every spelling of the options of `app`: "--out", "-q", ...
void add_option_names(const CLI::App& app, std::vector<std::string>& names) {
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_positional()) continue;
        for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
        for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
    }
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

const CLI::App* command_named(const CLI::App& app, const std::string& word) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == word) return sub;
    return nullptr;
}

bool is_option_word(std::string_view word) {
    // "-1" is a (bad) value, not an option.
    return word.size() > 1 && word[0] == '-' && !(word[1] >= '0' && word[1] <= '9');
}

std::string unknown_option(const CLI::App& app, const CLI::App* command, const std::string& word) {
    std::vector<std::string> names;
    if (command != nullptr) add_option_names(*command, names);
    add_option_names(app, names);  // --max-errors, --help, --version are accepted anywhere
    std::string hint = scenario::did_you_mean(word, names);
    const std::string where = command != nullptr ? " " + command->get_name() : "";
    if (hint.empty()) hint = fmt::format(" (shockflow{} --help lists them)", where);
    return fmt::format("shockflow{}: unknown option \"{}\"{}", where, word, hint);
}

}  // namespace

std::string unknown_word_message(const CLI::App& app, const std::vector<std::string>& args) {
    const CLI::App* command = nullptr;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--") break;
        if (!is_option_word(word)) {
            if (command != nullptr) continue;  // an argument of the command
            command = command_named(app, word);
            if (command == nullptr)
                return fmt::format("shockflow: unknown command \"{}\"{}", word,
                                   scenario::expected_hint(word, command_names(app)));
            continue;
        }
        // "--out=DIR" names "--out"; "-n5" names "-n".
        std::string name = word.substr(0, word.find('='));
        if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);
        const CLI::Option* opt = command != nullptr ? option_named(*command, name) : nullptr;
        if (opt == nullptr) opt = option_named(app, name);
        if (opt == nullptr) return unknown_option(app, command, name);
        // Its value is the next word, unless it came attached.
        const bool attached = word.size() > name.size();
        if (opt->get_type_size_min() > 0 && !attached) ++i;
    }
    return {};
}

}  // namespace shockflow::cli
