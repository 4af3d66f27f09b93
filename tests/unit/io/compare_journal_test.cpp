#include "io/compare_journal.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <fstream>
#include <limits>

#include "unit/io/temp_dir.hpp"

namespace shockflow::io {
namespace {

namespace fs = std::filesystem;
using experiment::FinishedPair;
using test::TempDir;

FinishedPair pair(std::size_t p, std::size_t k, double x) {
    return FinishedPair{.policy = p,
                        .replication = k,
                        .kpis = {x, -0.0, std::numeric_limits<double>::quiet_NaN(), 1e300},
                        .censored = {0, 1, 0, static_cast<std::uint8_t>(k % 2)},
                        .daily_fill = {0.5, x / 3}};
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) return false;
    return true;
}

void expect_same(const FinishedPair& a, const FinishedPair& b) {
    EXPECT_EQ(a.policy, b.policy);
    EXPECT_EQ(a.replication, b.replication);
    EXPECT_TRUE(same_bits(a.kpis, b.kpis));
    EXPECT_EQ(a.censored, b.censored);
    EXPECT_TRUE(same_bits(a.daily_fill, b.daily_fill));
}

TEST(CompareJournal, RecordsReadBackBitForBit) {
    const std::string text = journal_header(42) + journal_record(pair(1, 7, 0.1)) +
                             journal_record(pair(0, 3, 1.0 / 3.0));
    const JournalContents c = parse_journal(text, 42);
    EXPECT_TRUE(c.header_ok);
    EXPECT_EQ(c.valid_bytes, text.size());
    ASSERT_EQ(c.pairs.size(), 2u);
    expect_same(c.pairs[0], pair(1, 7, 0.1));
    expect_same(c.pairs[1], pair(0, 3, 1.0 / 3.0));
}

TEST(CompareJournal, ATornLastRecordIsDroppedAtEveryCut) {
    const std::string whole = journal_header(7) + journal_record(pair(0, 0, 2.0));
    const std::string last = journal_record(pair(0, 1, 3.0));
    // Cut anywhere within the last record, its newline included.
    for (std::size_t cut = 0; cut < last.size(); ++cut) {
        const JournalContents c = parse_journal(whole + last.substr(0, cut), 7);
        ASSERT_EQ(c.pairs.size(), 1u) << cut;
        EXPECT_EQ(c.valid_bytes, whole.size()) << cut;
    }
}

TEST(CompareJournal, ARecordThatFailsItsCheckEndsWhatIsRead) {
    const std::string first = journal_header(7) + journal_record(pair(0, 0, 2.0));
    std::string damaged = journal_record(pair(0, 1, 3.0));
    damaged[6] = damaged[6] == '0' ? '1' : '0';  // one flipped digit among the counts
    const std::string text = first + damaged + journal_record(pair(0, 2, 4.0));
    const JournalContents c = parse_journal(text, 7);
    ASSERT_EQ(c.pairs.size(), 1u);
    EXPECT_EQ(c.valid_bytes, first.size());
    // Zeros, as a file system may leave after a power cut, read as a torn record.
    EXPECT_EQ(parse_journal(first + std::string(64, '\0'), 7).pairs.size(), 1u);
}

TEST(CompareJournal, AJournalOfAnotherComparisonGivesNothing) {
    const std::string text = journal_header(7) + journal_record(pair(0, 0, 2.0));
    const JournalContents c = parse_journal(text, 8);
    EXPECT_FALSE(c.header_ok);
    EXPECT_TRUE(c.pairs.empty());
    EXPECT_EQ(c.valid_bytes, 0u);
    EXPECT_FALSE(parse_journal("", 7).header_ok);
}

TEST(CompareJournal, KeyChangesWithWhatTheResultsDependOn) {
    ScenarioSpec scenario;
    scenario.input_hash = 1;
    PolicySpec a, b;
    a.name = "a";
    b.name = "b";
    experiment::CompareOptions o;
    o.seed = 5;
    o.replications = 10;
    const std::uint64_t key = journal_key(scenario, {a, b}, o);
    experiment::CompareOptions more = o;
    more.replications = 20;  // more replications may reuse the first ten
    more.threads = 3;
    EXPECT_EQ(journal_key(scenario, {a, b}, more), key);
    experiment::CompareOptions seed = o;
    seed.seed = 6;
    EXPECT_NE(journal_key(scenario, {a, b}, seed), key);
    experiment::CompareOptions daily = o;
    daily.daily_fill = true;
    EXPECT_NE(journal_key(scenario, {a, b}, daily), key);
    EXPECT_NE(journal_key(scenario, {b, a}, o), key);
    ScenarioSpec edited = scenario;
    edited.input_hash = 2;
    EXPECT_NE(journal_key(edited, {a, b}, o), key);
    PolicySpec a2 = a;
    a2.input_hash = 9;
    EXPECT_NE(journal_key(scenario, {a2, b}, o), key);
}

TEST(CompareJournal, ResumeReadsEveryJournalOfTheFolderAndCutsItsOwnTornTail) {
    TempDir tmp;
    {
        CompareJournal j(tmp.path(), 11, 0, false);
        j.append(pair(0, 0, 1.0));
        j.append(pair(0, 2, 2.0));
    }
    {
        CompareJournal j(tmp.path(), 11, 1, false);
        j.append(pair(0, 1, 3.0));
    }
    const fs::path own = tmp.path() / ".shockflow" / "journal.0";
    std::ofstream(own, std::ios::app) << "1 0 4 2 3ff";  // torn by a crash
    std::ofstream(tmp.path() / ".shockflow" / "journal.2")
        << journal_header(99) << journal_record(pair(1, 1, 5.0));  // another comparison
    {
        CompareJournal j(tmp.path(), 11, 0, true);
        ASSERT_EQ(j.finished().size(), 3u);
        expect_same(j.finished()[0], pair(0, 0, 1.0));
        expect_same(j.finished()[1], pair(0, 2, 2.0));
        expect_same(j.finished()[2], pair(0, 1, 3.0));
        j.append(pair(1, 0, 6.0));
    }
    std::ifstream in(own, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const JournalContents c = parse_journal(text, 11);
    EXPECT_EQ(c.valid_bytes, text.size());
    ASSERT_EQ(c.pairs.size(), 3u);
    expect_same(c.pairs[2], pair(1, 0, 6.0));
}

TEST(CompareJournal, WithoutResumeItsOwnFileStartsAfresh) {
    TempDir tmp;
    {
        CompareJournal j(tmp.path(), 11, 0, false);
        j.append(pair(0, 0, 1.0));
    }
    CompareJournal j(tmp.path(), 11, 0, false);
    EXPECT_TRUE(j.finished().empty());
    std::ifstream in(j.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(text, journal_header(11));
}

TEST(CompareJournal, ASecondWriterOfTheSameJournalIsRefused) {
    TempDir tmp;
    CompareJournal first(tmp.path(), 11, 0, false);
    EXPECT_THROW(CompareJournal(tmp.path(), 11, 0, true), fs::filesystem_error);
    CompareJournal other_rank(tmp.path(), 11, 1, false);  // another rank's file is free
}

TEST(CompareJournal, RemoveAllLeavesNoJournal) {
    TempDir tmp;
    CompareJournal zero(tmp.path(), 11, 0, false);
    CompareJournal(tmp.path(), 11, 1, false).append(pair(0, 1, 1.0));
    zero.remove_all();
    EXPECT_TRUE(TempDir::state(tmp.path(), "journal.").empty());
}

}  // namespace
}  // namespace shockflow::io
