#!/usr/bin/env bash
# Runs the libFuzzer targets of the fuzz preset, each for SECONDS (default 60).
#   cmake --preset fuzz && cmake --build --preset fuzz
#   tests/fuzz/run.sh [SECONDS [TARGET...]]     TARGET: scenario_toml csv_tables policy
# Each target starts from its seed corpus (<build>/fuzz-seeds/TARGET, made by
# the build) and keeps what it finds in <build>/fuzz-corpus/TARGET, so that a
# later run goes on from there. An input that crashes, trips a sanitizer,
# throws anything but a ConfigError or runs over 10 s is saved in
# <build>/fuzz-artifacts/TARGET/ and the script fails; turn it into a
# regression (docs/TESTING.md, "Fuzzing"). Extra libFuzzer flags can be given in
# SHOCKFLOW_FUZZ_FLAGS (for example "-fork=2" for a long campaign).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(scenario_toml csv_tables policy)
fi
build=${SHOCKFLOW_FUZZ_BUILD:-build/fuzz}
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
for target in "${targets[@]}"; do
    exe="$build/fuzz_$target"
    if [ ! -x "$exe" ]; then
        echo "error: $exe is missing: cmake --preset fuzz && cmake --build --preset fuzz" >&2
        exit 1
    fi
    corpus="$build/fuzz-corpus/$target"
    artifacts="$build/fuzz-artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    echo "::: fuzzing $target for $seconds s"
    # shellcheck disable=SC2086 # SHOCKFLOW_FUZZ_FLAGS is a list of flags
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 ${SHOCKFLOW_FUZZ_FLAGS:-} \
        "$corpus" "$build/fuzz-seeds/$target"; then
        echo "error: fuzz_$target found an input that fails; see $artifacts/" >&2
        status=1
    fi
done
exit $status
