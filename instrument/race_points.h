// instrument/race_points.h
//
// Named points on the buggy code path, and a Schedule that forces an order
// between them across threads, to reproduce one interleaving on purpose
// instead of waiting for it.
//
// A point is a RACELAB_RACE_POINT(kName) statement in repro/. It compiles to
// nothing unless CMake's RACELAB_RACE_POINTS option is on (the default and
// tsan presets turn it on; release leaves it off, so benchmarks pay
// nothing).
//
// Schedule text: steps separated by spaces, each ROLE@POINT, e.g. the seed's
// interleaving (Schedule::SeedInterleaving()):
//   A@DeepCopy:copied B@SetParams:writing B@SetParams:written
//   A@DeepCopy:iterating A@Request:sending B@DeepCopy:entering
// "thread B writes its parameters while thread A is inside DeepCopy's loop
// (between its first and second entry); B copies only after A has sent".
// A thread takes a role with BindRaceRole('A'). When it reaches a point that
// is its next step, it waits until every earlier step has happened; points
// that are not its next step pass straight through.
//
// The waiting uses relaxed atomics and spinning, which create NO
// happens-before edge: ThreadSanitizer still sees the forced accesses as
// concurrent and reports the race. ForcingMode::kMutex forces the same order
// with a mutex and condition variable instead, which does create the edges,
// and TSan goes silent although the interleaving is the same: TSan reasons
// about synchronisation, not about time.

#ifndef RACELAB_INSTRUMENT_RACE_POINTS_H_
#define RACELAB_INSTRUMENT_RACE_POINTS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "base/enum_table.h"
#include "base/std_mutex.h"

namespace racelab {

enum class RacePoint : uint8_t {
  kSetParamsWriting,   // HttpApp::SetParams, before writing each parameter
  kSetParamsWritten,   // HttpApp::SetParams, after the last write
  kDeepCopyEntering,   // Params::DeepCopy, before touching the map
  kDeepCopyIterating,  // Params::DeepCopy, before copying each entry
  kDeepCopyCopied,     // Params::DeepCopy, after copying each entry
  kDeepCopyResetting,  // Params::DeepCopy, before replacing the map
  kRequestSending,     // HttpApp::Request, before the transport round trip
};
inline constexpr EnumTable<RacePoint, 7> kRacePointTable(
    "race point", {{{RacePoint::kSetParamsWriting, "SetParams:writing",
                     "HttpApp::SetParams, before writing each parameter"},
                    {RacePoint::kSetParamsWritten, "SetParams:written",
                     "HttpApp::SetParams, after the last write"},
                    {RacePoint::kDeepCopyEntering, "DeepCopy:entering",
                     "Params::DeepCopy, before touching the map"},
                    {RacePoint::kDeepCopyIterating, "DeepCopy:iterating",
                     "Params::DeepCopy, before copying each entry"},
                    {RacePoint::kDeepCopyCopied, "DeepCopy:copied",
                     "Params::DeepCopy, after copying each entry"},
                    {RacePoint::kDeepCopyResetting, "DeepCopy:resetting",
                     "Params::DeepCopy, before replacing the map"},
                    {RacePoint::kRequestSending, "Request:sending",
                     "HttpApp::Request, before the transport round trip"}}});
inline constexpr std::array<RacePoint, 7> kAllRacePoints =
    kRacePointTable.Values();

// "SetParams:writing", "SetParams:written", "DeepCopy:entering",
// "DeepCopy:iterating", "DeepCopy:copied", "DeepCopy:resetting",
// "Request:sending".
constexpr absl::string_view RacePointName(RacePoint point) {
  return kRacePointTable.Name(point);
}
inline absl::StatusOr<RacePoint> ParseRacePoint(absl::string_view name) {
  return kRacePointTable.Parse(name);
}

#ifdef RACELAB_RACE_POINTS
inline constexpr bool kRacePointsCompiledIn = true;
#define RACELAB_RACE_POINT(point) \
  ::racelab::HitRacePoint(::racelab::RacePoint::point)
#else
inline constexpr bool kRacePointsCompiledIn = false;
#define RACELAB_RACE_POINT(point) static_cast<void>(0)
#endif

// Called by RACELAB_RACE_POINT. Thread-safe; a few relaxed atomic loads when
// no schedule or trace is active.
void HitRacePoint(RacePoint point);

// One step of a schedule: thread role ROLE reaches POINT.
struct ScheduleStep {
  char role = 'A';  // 'A'..'Z'
  RacePoint point = RacePoint::kSetParamsWriting;
  bool operator==(const ScheduleStep&) const = default;
};

// A parsed schedule. Plain value type.
class Schedule {
 public:
  // Parses "ROLE@POINT ROLE@POINT ...". InvalidArgument names the bad step.
  static absl::StatusOr<Schedule> Parse(absl::string_view text);
  explicit Schedule(std::vector<ScheduleStep> steps)
      : steps_(std::move(steps)) {}

  // The seed's interleaving (see the top of this file). Its last two steps
  // order everything the two requests share, so that in kMutex mode TSan
  // has nothing left to see.
  static Schedule SeedInterleaving();

  // The seed's interleaving as far as the tempting wrong fix
  // (repro/locked_fields/) can be interrupted: between its locked steps,
  // never inside one. B writes its parameters after A has written its own
  // (the same keys: B's values win), A copies the shared map then (B's
  // parameters and signature) and sends, and only then does B copy (an
  // empty map). No data race; A asks for B's item, B sends nothing.
  //   A@SetParams:written B@SetParams:writing B@SetParams:written
  //   A@DeepCopy:entering A@Request:sending B@DeepCopy:entering
  static Schedule LockedFieldsInterleaving();

  std::string ToString() const;
  const std::vector<ScheduleStep>& steps() const { return steps_; }

 private:
  std::vector<ScheduleStep> steps_;
};

// BindRaceRole() gives the calling thread a role ('A'..'Z') in any active
// schedule, or none with '\0'.
void BindRaceRole(char role);

enum class ForcingMode {
  kRelaxedSpin,  // no happens-before: TSan still sees the race
  kMutex,        // std::mutex + condition variable: TSan is blinded
};

// While a ScheduleRun is alive, race points follow its schedule. At most one
// may be alive at a time; create it before the threads that follow it start.
// Thread safety: status() and finished() may be called from any thread.
class ScheduleRun {
 public:
  // A waiting thread gives up after `step_timeout`, records which step never
  // arrived, and releases every other waiter (the run is abandoned).
  ScheduleRun(Schedule schedule, ForcingMode mode,
              absl::Duration step_timeout = absl::Seconds(10));
  ~ScheduleRun();

  ScheduleRun(const ScheduleRun&) = delete;
  ScheduleRun& operator=(const ScheduleRun&) = delete;

  // OK, or FailedPrecondition naming the step that never arrived.
  absl::Status status() const ABSL_LOCKS_EXCLUDED(mu_);
  // True once every step has happened.
  bool finished() const;
  // The step that has not happened yet, as "step N (ROLE@POINT)", or "" if
  // finished.
  std::string NextStep() const;

  // Called by HitRacePoint() on the thread that reached `point`, in two
  // halves so that the trace can record the passage in between:
  // Await() returns the schedule step this hit is (after waiting for its
  // turn), or -1 if it is not scheduled (it passes straight through);
  // Advance() then lets the next step go.
  int Await(char role, RacePoint point);
  void Advance(char role, int step);

 private:
  bool WaitRelaxed(int step);
  bool WaitMutex(int step) ABSL_LOCKS_EXCLUDED(mu_);
  void Fail(int waiting_step) ABSL_LOCKS_EXCLUDED(mu_);

  // Constant after construction.
  const Schedule schedule_;
  const ForcingMode mode_;
  const absl::Duration step_timeout_;
  std::array<std::vector<int>, 26> steps_of_role_;  // indices into steps

  // Relaxed atomics: shared without creating happens-before edges.
  std::atomic<int> cursor_{0};  // index of the next step to happen
  std::array<std::atomic<int>, 26> next_of_role_{};  // per role, into
                                                     // steps_of_role_
  std::atomic<bool> abandoned_{false};

  mutable StdMutex mu_;
  // kMutex mode only (null in kRelaxedSpin): cursor_ moved. Never made in
  // spin mode, where nothing waits on it: Valgrind's DRD reports a
  // condition variable destroyed without ever being used as an error, which
  // would stand in for a race report.
  const std::unique_ptr<StdCondVar> advanced_;
  std::string failure_ ABSL_GUARDED_BY(mu_);
};

// RaceTrace records every race point hit, in order, with relaxed atomics
// (no happens-before either), into a ring of the last 65,536 hits.
class RaceTrace {
 public:
  // Start()/Stop() turn recording on and off. Thread-safe.
  static void Start();
  static void Stop();
  // The sequence number the next hit will get. Thread-safe.
  static uint64_t Now();
  // This thread's small trace id (assigned on first use). Thread-safe.
  static int ThisThreadSlot();

  struct Hit {
    uint64_t sequence;
    int thread_slot;
    RacePoint point;
  };
  // The hits with sequence in [from, to) still in the ring, in order.
  static std::vector<Hit> Between(uint64_t from, uint64_t to);

  // CaptureRequests() returns the hits from `from` on, for the requests in
  // flight then: each thread's hits end at its first Request:sending (after
  // it, a request no longer touches the shared client). Waits, up to
  // `timeout`, until every thread seen has reached that point, so that a
  // replay orders every shared access of those requests. Thread-safe.
  static std::vector<Hit> CaptureRequests(uint64_t from,
                                          absl::Duration timeout);

  // ToSchedule() turns hits into a replayable schedule: `focus_slot` (the
  // thread whose request failed) becomes role A, the others B, C, ... in
  // order of first appearance.
  static Schedule ToSchedule(const std::vector<Hit>& hits, int focus_slot);
};

}  // namespace racelab

#endif  // RACELAB_INSTRUMENT_RACE_POINTS_H_
