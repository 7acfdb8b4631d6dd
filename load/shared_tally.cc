// load/shared_tally.cc

#include "load/shared_tally.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace racelab {
namespace {

absl::StatusOr<SharedTallyLayout*> Map(const std::string& path, bool create) {
  const int fd =
      open(path.c_str(), create ? O_RDWR | O_CREAT | O_TRUNC : O_RDWR, 0600);
  if (fd < 0) {
    return absl::InternalError(
        absl::StrCat("cannot open tally file ", path, ": ", strerror(errno)));
  }
  if (create && ftruncate(fd, sizeof(SharedTallyLayout)) != 0) {
    const int error = errno;
    close(fd);
    return absl::InternalError(
        absl::StrCat("cannot size tally file ", path, ": ", strerror(error)));
  }
  void* mapped = mmap(nullptr, sizeof(SharedTallyLayout),
                      PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int error = errno;
  close(fd);
  if (mapped == MAP_FAILED) {
    return absl::InternalError(
        absl::StrCat("cannot map tally file ", path, ": ", strerror(error)));
  }
  // A fresh file is all zero bytes, which is the zero value of every atomic
  // in the layout.
  return static_cast<SharedTallyLayout*>(mapped);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SharedTally>> SharedTally::Create(
    const std::string& path) {
  absl::StatusOr<SharedTallyLayout*> layout = Map(path, /*create=*/true);
  if (!layout.ok()) return layout.status();
  return std::unique_ptr<SharedTally>(new SharedTally(*layout));
}

absl::StatusOr<std::unique_ptr<SharedTally>> SharedTally::Open(
    const std::string& path) {
  absl::StatusOr<SharedTallyLayout*> layout = Map(path, /*create=*/false);
  if (!layout.ok()) return layout.status();
  return std::unique_ptr<SharedTally>(new SharedTally(*layout));
}

SharedTally::~SharedTally() { munmap(layout_, sizeof(SharedTallyLayout)); }

void SharedTally::RecordStart() {
  int64_t expected = 0;
  layout_->started_ns.compare_exchange_strong(expected, MonotonicNanos(),
                                              std::memory_order_relaxed);
}

void SharedTally::Record(int thread, Outcome outcome) {
  std::atomic<int64_t>& count =
      layout_->slots[thread].counts[static_cast<int>(outcome)];
  // Only this thread writes its slot: a plain load and store suffice.
  count.store(count.load(std::memory_order_relaxed) + 1,
              std::memory_order_relaxed);
  if (outcome != Outcome::kOk &&
      layout_->first_wrong_ns.load(std::memory_order_relaxed) == 0) {
    int64_t expected = 0;
    layout_->first_wrong_ns.compare_exchange_strong(expected, MonotonicNanos(),
                                                    std::memory_order_relaxed);
  }
}

SharedTally::Totals SharedTally::Read() const {
  Totals totals;
  for (const SharedTallyLayout::Slot& slot : layout_->slots) {
    for (int i = 0; i < kOutcomeCount; ++i) {
      const int64_t n = slot.counts[i].load(std::memory_order_relaxed);
      totals.counts[i] += n;
      totals.requests += n;
    }
  }
  const int64_t started = layout_->started_ns.load(std::memory_order_relaxed);
  const int64_t wrong = layout_->first_wrong_ns.load(std::memory_order_relaxed);
  totals.started_ns = started;
  if (started != 0 && wrong != 0) {
    totals.first_wrong_after = absl::Nanoseconds(wrong - started);
  }
  return totals;
}

}  // namespace racelab
