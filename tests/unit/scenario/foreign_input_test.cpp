// Files that are not what a scenario expects: an empty table, a binary or
// /proc file, a device named as a table, bytes that are not text inside a
// key or a cell. Each is reported once, at its place, and no message echoes
// raw bytes or much of a file.

#include <algorithm>
#include <filesystem>

#include "unit/scenario/support.hpp"

namespace shockflow::test {
namespace {

class ForeignInput : public LoaderTest {
protected:
    /// kBase with a [network] table whose `nodes` is `nodes`.
    std::vector<Diagnostic> errors_with_nodes(const std::string& nodes) const {
        return scenario_errors(with_base("[network]\nnodes = \"" + nodes + "\"\n"));
    }
};

/// True if no message holds a control byte or a byte that is not UTF-8
/// (all of these tests' bad bytes are below 0x20 or in 0x80..0xFF).
bool printable(const std::vector<Diagnostic>& diags) {
    return std::all_of(diags.begin(), diags.end(), [](const Diagnostic& d) {
        const std::string text = d.format();
        return std::none_of(text.begin(), text.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return b < 0x20 || b >= 0x80;
        });
    });
}

TEST_F(ForeignInput, AnEmptyTableIsReportedOnceAtLineOne) {
    // Not also every required column as "missing", which used to come first
    // and without a line.
    write("empty.csv", "");
    const auto diags = errors_with_nodes("empty.csv");
    ASSERT_EQ(diags.size(), 1U);
    EXPECT_EQ(diags[0].loc.line, 1U);
    EXPECT_EQ(diags[0].message, "empty table (expected a header row)");
}

TEST_F(ForeignInput, ATableHoldingANulByteIsNotText) {
    using namespace std::string_literals;
    write("bin.csv", "id,kind\np2,park\nSECRET=1\0HOME=/root\n"s);
    const auto diags = errors_with_nodes("bin.csv");
    ASSERT_EQ(diags.size(), 1U);
    EXPECT_EQ(diags[0].loc.line, 3U);
    EXPECT_EQ(diags[0].message, "not a text file: it holds a NUL byte (expected a CSV table)");
}

TEST_F(ForeignInput, TheEnvironmentOfTheProcessIsNotEchoed) {
    if (!std::filesystem::exists("/proc/self/environ")) GTEST_SKIP() << "no /proc";
    const auto diags = errors_with_nodes("/proc/self/environ");
    ASSERT_FALSE(diags.empty());
    for (const auto& d : diags) EXPECT_EQ(d.format().find("PATH="), std::string::npos);
    EXPECT_TRUE(printable(diags));
}

TEST_F(ForeignInput, ADeviceIsNotATable) {
    const auto diags = errors_with_nodes("/dev/null");
    ASSERT_EQ(diags.size(), 1U);
    EXPECT_EQ(diags[0].message,
              "network.nodes: cannot open file \"/dev/null\": not a regular file (a character "
              "device)");
}

TEST_F(ForeignInput, BytesInACellAreEscaped) {
    write("n.csv", "id,kind,firms\np2,park,\"1\x01\xff\xfe\"\n");
    const auto diags = errors_with_nodes("n.csv");
    ASSERT_EQ(diags.size(), 1U);
    EXPECT_EQ(diags[0].message,
              "node \"p2\".firms: expected an integer (got \"1\\x01\\xFF\\xFE\")");
}

TEST_F(ForeignInput, BytesInAKeyAreEscaped) {
    // TOML lets a quoted key hold any character, NUL included.
    const auto text =
        replaced(kBase, "name = \"test\"", "name = \"t\"\n\"na\\u0000me\\u0085\" = 1");
    const auto diags = scenario_errors(text);
    EXPECT_EQ(find(diags, "unknown key").message,
              "scenario.na\\0me\\xC2\\x85: unknown key (expected one of: name, description, "
              "start_day, end_day, step_hours, seed, replications, disruption_window)");
    EXPECT_TRUE(printable(diags));
}

TEST_F(ForeignInput, TomlSyntaxErrorsQuoteNoRawBytes) {
    // toml++ names the character it did not expect as it found it.
    const auto diags = scenario_errors("[scenario]\n\xC2\x9Bname = 1\n");
    ASSERT_EQ(diags.size(), 1U);
    EXPECT_NE(diags[0].message.find("saw '\\xC2\\x9B'"), std::string::npos) << diags[0].message;
    EXPECT_TRUE(printable(diags));
}

TEST_F(ForeignInput, ALongUnknownIdIsQuotedInPart) {
    const std::string id(2000, 'x');
    const auto text = with_base("[[link]]\nfrom = \"" + id +
                                "\"\nto = \"r1\"\ncapacity = 1\n"
                                "transit_hours = 1\n");
    const auto d = find(scenario_errors(text), "unknown node");
    EXPECT_EQ(d.message, "link[3].from: unknown node \"" + std::string(64, 'x') +
                             "\"... (known: d1, m1, p1, r1, r2, ...)");
}

TEST_F(ForeignInput, OnlyTheFirstThousandUnknownNamesGetADidYouMean) {
    // Each search reads every name; 100,000 unknown ids against 5,000 nodes
    // took a minute. Later ones list the known names instead.
    std::string links;
    for (int i = 0; i <= 1000; ++i)
        links += "[[link]]\nfrom = \"p2\"\nto = \"r1\"\ncapacity = 1\ntransit_hours = 1\n\n";
    const auto diags = scenario_errors(with_base(links));
    ASSERT_EQ(diags.size(), 1001U);
    EXPECT_EQ(diags.front().message, "link[3].from: unknown node \"p2\" (did you mean \"p1\"?)");
    EXPECT_EQ(diags.back().message,
              "link[1003].from: unknown node \"p2\" (known: d1, m1, p1, r1, r2, ...)");
}

}  // namespace
}  // namespace shockflow::test
