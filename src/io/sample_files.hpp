#pragma once
/// The values drawn for a replication as result files show them (private to
/// src/): summary.json's `samples` and the rows of compare's samples.csv.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shockflow/model/result.hpp"

namespace shockflow::io {

/// The header line of samples.csv.
inline constexpr const char* kSamplesHeader = "policy,replication,seed,event,key,value\n";

/// The text of a sample's value: a node's id for "target", else the number
/// (csv_number). `node_ids` as in RunResult.
std::string sample_value(const Sample& sample, const std::vector<std::string>& node_ids);

/// summary.json's `samples`: by event label, by key, the value drawn (a list
/// of node ids for "target"); events without a drawn value are left out.
nlohmann::ordered_json samples_json(const std::vector<Sample>& samples,
                                    const std::vector<std::string>& event_labels,
                                    const std::vector<std::string>& node_ids);

/// The lines of samples.csv for one (policy, replication): one per sample.
std::string sample_rows(const std::string& policy, std::size_t replication, std::uint64_t seed,
                        const std::vector<Sample>& samples,
                        const std::vector<std::string>& event_labels,
                        const std::vector<std::string>& node_ids);

}  // namespace shockflow::io
