#pragma once
/// A file written beside the result files of a run or a comparison.

#include <string>
#include <string_view>

namespace shockflow::io {

/// One more file for the output directory (e.g. report.html), put in place in
/// the same all-or-nothing commit as the result files.
struct ExtraFile {
    std::string name;           ///< file name, relative to the output directory
    std::string_view contents;  ///< written byte for byte; must outlive the call
};

}  // namespace shockflow::io
