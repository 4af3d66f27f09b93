#include "core/atomic_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "shockflow/core/assert.hpp"

namespace shockflow {

namespace fs = std::filesystem;

struct AtomicOutput::Pending {
    fs::path destination;
    fs::path temporary;
    std::ofstream stream;
};

namespace {

// The pid in the name keeps two runs writing into one directory from sharing a
// temporary; the leading dot keeps half-written files out of `ls` and globs.
fs::path temporary_for(const fs::path& destination) {
    const auto name = fmt::format(".{}.tmp.{}", destination.filename().string(), ::getpid());
    return destination.parent_path() / name;
}

// With the system's reason: a full disk ("No space left on device") reads
// otherwise than a read-only one ("Read-only file system") or a denied one.
// Streams keep no error code of their own; errno, cleared before the
// operation, holds the failed call's (EIO if it set none).
[[noreturn]] void throw_io(const std::string& what, const fs::path& path) {
    const int err = errno != 0 ? errno : EIO;
    throw fs::filesystem_error(what, path, std::error_code(err, std::generic_category()));
}

}  // namespace

AtomicOutput::AtomicOutput(fs::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw fs::filesystem_error("cannot create output directory", dir_, ec);
}

AtomicOutput::~AtomicOutput() {
    if (committed_) return;
    for (auto& p : pending_) {
        p->stream.close();
        std::error_code ignored;  // best effort: a destructor must not throw
        fs::remove(p->temporary, ignored);
    }
}

std::ostream& AtomicOutput::open(const std::string& name) {
    SHOCKFLOW_ASSERT(!committed_, "AtomicOutput::open after commit");
    auto p = std::make_unique<Pending>();
    p->destination = dir_ / name;
    p->temporary = temporary_for(p->destination);
    SHOCKFLOW_ASSERT(std::none_of(pending_.begin(), pending_.end(),
                                  [&](const auto& o) { return o->destination == p->destination; }),
                     "file opened twice");
    errno = 0;
    p->stream.open(p->temporary, std::ios::binary | std::ios::trunc);
    if (!p->stream) throw_io("cannot open for writing", p->temporary);
    pending_.push_back(std::move(p));
    return pending_.back()->stream;
}

void AtomicOutput::commit() {
    SHOCKFLOW_ASSERT(!committed_, "AtomicOutput::commit called twice");
    // Write everything first, rename afterwards: a failure while writing any
    // file leaves every destination untouched.
    for (auto& p : pending_) {
        // A write that failed while the file was being written left its
        // reason in errno (what ran since succeeded and left it alone).
        if (!p->stream.fail()) errno = 0;
        p->stream.flush();
        p->stream.close();
        if (p->stream.fail()) throw_io("cannot write", p->temporary);
    }
    for (auto& p : pending_) {
        std::error_code ec;
        fs::rename(p->temporary, p->destination, ec);
        if (ec)
            throw fs::filesystem_error("cannot rename into place", p->temporary, p->destination,
                                       ec);
    }
    committed_ = true;
}

}  // namespace shockflow
