// The values drawn for a replication in result files: summary.json's
// `samples` (run) and samples.csv (compare), the same values either way.

#include "io/sample_files.hpp"

#include <fmt/format.h>

#include "io/comparison_sheets.hpp"
#include "io/number_format.hpp"
#include "shockflow/core/assert.hpp"

namespace shockflow::io {
namespace {

const std::string& label(const std::vector<std::string>& labels, std::uint32_t event) {
    SHOCKFLOW_ASSERT(event < labels.size(), "a sample of an unknown event");
    return labels[event];
}

}  // namespace

std::string sample_value(const Sample& sample, const std::vector<std::string>& node_ids) {
    if (sample.key != "target") return csv_number(sample.value);
    const auto node = static_cast<std::size_t>(sample.value);
    SHOCKFLOW_ASSERT(node < node_ids.size(), "a sample of an unknown node");
    return node_ids[node];
}

nlohmann::ordered_json samples_json(const std::vector<Sample>& samples,
                                    const std::vector<std::string>& event_labels,
                                    const std::vector<std::string>& node_ids) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const Sample& s : samples) {
        nlohmann::ordered_json& event = out[label(event_labels, s.event)];
        if (s.key == "target") {
            event["target"].push_back(sample_value(s, node_ids));
        } else {
            event[s.key] = json_number(s.value);
        }
    }
    return out;
}

std::string sample_rows(const std::string& policy, std::size_t replication, std::uint64_t seed,
                        const std::vector<Sample>& samples,
                        const std::vector<std::string>& event_labels,
                        const std::vector<std::string>& node_ids) {
    // Keys and node ids never need quoting (ids are [A-Za-z0-9_.-]).
    std::string rows;
    const std::string name = csv_field(policy);
    for (const Sample& s : samples)
        rows +=
            fmt::format("{},{},{},{},{},{}\n", name, replication, seed,
                        csv_field(label(event_labels, s.event)), s.key, sample_value(s, node_ids));
    return rows;
}

}  // namespace shockflow::io
