// Loads a scenario, runs it once and writes its files with the installed
// library: `consumer SCENARIO OUT_DIR`. Prints the headline KPIs.
#include <cstdio>
#include <exception>

#include "shockflow/io/run_writer.hpp"
#include "shockflow/model/simulation.hpp"
#include "shockflow/scenario/loader.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: consumer SCENARIO OUT_DIR\n");
        return 2;
    }
    try {
        const shockflow::ScenarioSpec scenario = shockflow::load_scenario(argv[1]);
        const shockflow::Simulator simulator(scenario, scenario.policy);
        const shockflow::RunResult result = simulator.run({.seed = scenario.seed});
        shockflow::io::write_run(result, argv[2]);
        std::printf("scenario %s\nfill_rate %.17g\nessential_fill_rate %.17g\n",
                    result.scenario.c_str(), result.kpi.fill_rate, result.kpi.essential_fill_rate);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "consumer: %s\n", e.what());
        return 1;
    }
    return 0;
}
