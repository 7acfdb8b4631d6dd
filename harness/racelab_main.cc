// harness/racelab_main.cc
//
// racelab: the command-line tool.
//
//   racelab hammer   --variant=NAME [--threads=N] [--iterations=N]
//   racelab verdict  [--threads=N] [--iterations=N] [--out=DIR]
//   racelab audit    --variant=NAME [--runs=N]
//   racelab matrix   [--runs=N] [--schedule=seed] [--detectors=X,Y]
//   racelab variants | help
//
// `racelab help` prints every flag. Exit codes: 0 success / every verdict
// as expected; 1 a verdict was not as expected (or hammer saw wrong
// outcomes); 2 bad usage or the run could not be done; 3 matrix detectors
// unavailable; 66 a ThreadSanitizer report or TSan crash (TSan builds
// only); 130 interrupted (SIGINT/SIGTERM; the report keeps what was
// finished).

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/debugging/symbolize.h"
#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "harness/audit.h"
#include "harness/child_process.h"
#include "harness/evidence.h"
#include "harness/goods_detail_load.h"
#include "harness/hammer.h"
#include "harness/matrix.h"
#include "harness/pdd_router.h"
#include "harness/race_points.h"
#include "harness/shared_tally.h"
#include "harness/std_mutex.h"
#include "harness/variants.h"
#include "harness/verdict.h"

ABSL_FLAG(std::string, variant, "shared_unsafe",
          "hammer: which client strategy to run: shared_unsafe (the buggy "
          "repro) or a fix (`racelab variants` lists them all)");
ABSL_FLAG(int32_t, threads, 8,
          "hammer, verdict: threads that send requests at once, released "
          "together by a start latch");
ABSL_FLAG(int64_t, iterations, 2000,
          "hammer, verdict: requests per thread (hammer ignores it when "
          "--duration is set)");
ABSL_FLAG(absl::Duration, duration, absl::ZeroDuration(),
          "hammer: run for this long instead of --iterations (e.g. 2s)");
ABSL_FLAG(uint64_t, seed, 1, "hammer: seed of the per-thread generators");
ABSL_FLAG(std::string, schedule, "",
          "hammer: force an interleaving of the named race points: 'seed' "
          "(the incident's: B writes while A is inside DeepCopy's loop) or "
          "steps ROLE@POINT separated by spaces; thread 0 is role A, thread 1 "
          "B, ... Needs a build with race points (default and tsan presets)");
ABSL_FLAG(std::string, forcing, "spin",
          "hammer: how --schedule forces the order: spin (relaxed atomics, "
          "no happens-before: TSan still sees the race) or mutex (a mutex "
          "and condition variable: TSan is blinded, the corruption is not)");
ABSL_FLAG(bool, record_schedule, false,
          "hammer: on the first wrong outcome, print the order in which the "
          "race points were hit during that request as a --schedule to "
          "replay it");
ABSL_FLAG(std::string, tally_file, "",
          "hammer: also count every outcome, as it happens, in this file "
          "(made by `racelab audit`), so that a crash loses nothing");
ABSL_FLAG(int32_t, runs, 1,
          "audit, matrix: child processes per audit / per matrix cell "
          "(matrix default: 20)");
ABSL_FLAG(std::string, variants, "",
          "matrix: comma-separated variants (default: all)");
ABSL_FLAG(std::string, detectors, "",
          "matrix: comma-separated detectors out of tsan, guard, audit, "
          "helgrind, drd, static (default: all)");
ABSL_FLAG(int32_t, valgrind_threads, 4, "matrix: threads under Valgrind");
ABSL_FLAG(int64_t, valgrind_iterations, 50,
          "matrix: requests per thread under Valgrind (it is ~100x slower)");
ABSL_FLAG(std::string, tsan_tool, "",
          "matrix: the TSan build's racelab (default: build/tsan/harness/"
          "racelab next to this build)");
ABSL_FLAG(std::string, guard_tool, "",
          "matrix: racelab_guard (default: next to this binary)");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(120),
          "verdict, audit: time limit for each child process; a child "
          "still running then is killed and reported as a hang");
ABSL_FLAG(std::string, out, "out",
          "verdict: directory for the report (created if missing)");
ABSL_FLAG(std::string, report, "verdict.md",
          "verdict: file name of the Markdown report inside --out");

namespace racelab {
namespace {

constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    "racelab: reproduces, detects and measures the shared-client race.\n"
    "\n"
    "usage:\n"
    "  racelab hammer  --variant=NAME [--threads=N] [--iterations=N | "
    "--duration=D] [--seed=N]\n"
    "                  [--schedule=seed|STEPS [--forcing=spin|mutex]] "
    "[--record_schedule]\n"
    "      Hammer one variant in this process and print the outcome counts.\n"
    "      Exit 0 if every request was ok, 1 if any was not (or a schedule\n"
    "      step never arrived).\n"
    "  racelab verdict [--threads=N] [--iterations=N] [--timeout=D] "
    "[--out=DIR] [--report=NAME]\n"
    "      The CI verdict, every row a child process judged by what it\n"
    "      printed: liveness (the seed's interleaving, forced: TSan must\n"
    "      REPORT it; natively it must give wrong results), stress (the\n"
    "      buggy client under the plain load: measured, never pass/fail),\n"
    "      and every fix under the plain load (must be clean). Writes\n"
    "      DIR/NAME. Exit 0 if liveness and every fix are as expected, 1 if\n"
    "      not.\n"
    "  racelab audit   --variant=NAME [--threads=N] [--iterations=N] "
    "[--runs=N] [--timeout=D]\n"
    "      The corruption audit: hammer the variant in child processes with\n"
    "      nothing watching (run it from a build without sanitizer or guard)\n"
    "      and classify every request, however the child ends (exit,\n"
    "      SIGSEGV, SIGABRT, SIGILL, hang). Exit 0 if every run of a fix was\n"
    "      clean, or the buggy variant showed its damage; 1 otherwise.\n"
    "  racelab matrix  [--runs=N] [--out=DIR] [--variants=A,B] "
    "[--detectors=X,Y] [--timeout=D]\n"
    "      The detection matrix: every variant x detector (tsan, guard,\n"
    "      audit, helgrind, drd, static), N child processes each. Writes\n"
    "      DIR/matrix.md, matrix.json and matrix.xml (JUnit). Every run is\n"
    "      classified by what it printed; the buggy variant counts as\n"
    "      detected only when the detector itself reported it. Run it from a\n"
    "      build without sanitizer (default or release preset); it finds the\n"
    "      TSan build beside it. --schedule=seed runs the buggy variant as\n"
    "      the forced seed interleaving (a liveness check: every run must be\n"
    "      detected); without it the buggy cells are measured rates, never\n"
    "      pass/fail. Exit 0 all checks as expected, 1 a fix flagged or a\n"
    "      liveness run missed, 3 some detector unavailable (the rest as\n"
    "      expected).\n"
    "  racelab variants\n"
    "      List the variants.\n"
    "  racelab help\n"
    "      This text.\n"
    "\n"
    "Exit codes: 0 ok, 1 unexpected verdict, 2 bad usage or run failure,\n"
    "66 ThreadSanitizer report or TSan crash (TSan builds stop at the first\n"
    "report; TSan's SEGV handler exits 66 too, so read the output),\n"
    "130 verdict interrupted (the report keeps the finished variants).\n";

void PrintHelp(FILE* out) {
  std::fputs(kUsage, out);
  std::fputs("\nflags:\n", out);
  // Every flag defined in this file, from the registry, so the list can
  // never fall behind the flags.
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "racelab_main")) {
      flags.push_back(flag);
    }
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  for (const absl::CommandLineFlag* flag : flags) {
    std::fprintf(out, "  --%s (default %s)\n      %s\n",
                 std::string(flag->Name()).c_str(),
                 flag->DefaultValue().c_str(), flag->Help().c_str());
  }
}

[[noreturn]] void UsageError(absl::string_view message) {
  std::fprintf(stderr, "racelab: %s\nRun 'racelab help' for usage.\n",
               std::string(message).c_str());
  std::exit(kExitUsage);
}

struct Arguments {
  std::vector<absl::string_view> positional;
  // Names of the flags given on the command line, so a command can tell an
  // explicit value from the default.
  absl::flat_hash_set<std::string> given;
};

// Parses --name=value / --name value / --bool_flag arguments against the
// flags above. Unknown flags and bad values are usage errors (exit 2) with
// a message naming them.
Arguments ParseArguments(int argc, char** argv) {
  Arguments arguments;
  std::vector<absl::string_view>& positional = arguments.positional;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      PrintHelp(stdout);
      std::exit(0);
    }
    if (!absl::ConsumePrefix(&arg, "--")) {
      positional.push_back(arg);
      continue;
    }
    absl::string_view name = arg, value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); eq != absl::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr ||
        !absl::StrContains(flag->Filename(), "racelab_main")) {
      UsageError(absl::StrCat("unknown flag --", name));
    }
    if (!has_value && flag->IsOfType<bool>()) {
      value = "true";  // --record_schedule alone means true
    } else if (!has_value) {
      if (i + 1 >= argc) UsageError(absl::StrCat("--", name, " needs a value"));
      value = argv[++i];
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      UsageError(absl::StrCat("bad value for --", name, ": ", error));
    }
    arguments.given.insert(std::string(name));
  }
  return arguments;
}

HammerOptions HammerOptionsFromFlags() {
  HammerOptions options;
  options.threads = absl::GetFlag(FLAGS_threads);
  options.iterations = absl::GetFlag(FLAGS_iterations);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.seed = absl::GetFlag(FLAGS_seed);
  if (absl::Status valid = ValidateHammerOptions(options); !valid.ok()) {
    UsageError(valid.message());
  }
  return options;
}

// The --schedule run, if one was asked for.
std::unique_ptr<ScheduleRun> ScheduleRunFromFlags() {
  const std::string text = absl::GetFlag(FLAGS_schedule);
  const std::string forcing = absl::GetFlag(FLAGS_forcing);
  if (forcing != "spin" && forcing != "mutex") {
    UsageError(
        absl::StrCat("--forcing must be spin or mutex, got \"", forcing, "\""));
  }
  if (text.empty()) return nullptr;
  if (!kRacePointsCompiledIn) {
    UsageError(
        "--schedule needs race points, and this build has none (configure "
        "with -DRACELAB_RACE_POINTS=ON, as the default and tsan presets do)");
  }
  absl::StatusOr<Schedule> schedule =
      text == "seed" ? Schedule::SeedInterleaving() : Schedule::Parse(text);
  if (!schedule.ok()) UsageError(schedule.status().message());
  std::printf("schedule (%s): %s\n", forcing.c_str(),
              schedule->ToString().c_str());
  return std::make_unique<ScheduleRun>(
      *std::move(schedule),
      forcing == "mutex" ? ForcingMode::kMutex : ForcingMode::kRelaxedSpin);
}

// Wraps the load: binds each hammer thread to its schedule role, and with
// --record_schedule prints the race-point order of the first failing
// request, together with every request in flight with it.
HammerOperation WithRacePoints(HammerOperation load, int threads, bool record) {
  if (record && !kRacePointsCompiledIn) {
    UsageError("--record_schedule needs race points, and this build has none");
  }
  // Trace position at which each thread's current request started.
  auto starts = std::make_shared<std::vector<std::atomic<uint64_t>>>(threads);
  auto captured = std::make_shared<std::atomic<bool>>(false);
  if (record) RaceTrace::Start();
  return [load = std::move(load), record, starts,
          captured](RequestContext& context) {
    if (context.iteration == 0 && context.thread < 26) {
      BindRaceRole(static_cast<char>('A' + context.thread));
    }
    if (record) {
      (*starts)[context.thread].store(RaceTrace::Now(),
                                      std::memory_order_relaxed);
    }
    RequestOutcome outcome = load(context);
    if (record && outcome.outcome != Outcome::kOk &&
        !captured->exchange(true)) {
      uint64_t from = RaceTrace::Now();
      for (const std::atomic<uint64_t>& start : *starts) {
        from = std::min(from, start.load(std::memory_order_relaxed));
      }
      const Schedule replay = RaceTrace::ToSchedule(
          RaceTrace::CaptureRequests(from, absl::Seconds(1)),
          RaceTrace::ThisThreadSlot());
      std::printf("replay (thread %d, %s): --schedule='%s'\n", context.thread,
                  std::string(OutcomeName(outcome.outcome)).c_str(),
                  replay.ToString().c_str());
      std::fflush(stdout);
    }
    return outcome;
  };
}

int HammerCommand() {
  absl::StatusOr<Variant> variant = ParseVariant(absl::GetFlag(FLAGS_variant));
  if (!variant.ok()) UsageError(variant.status().message());
  HammerOptions options = HammerOptionsFromFlags();
  const std::unique_ptr<ScheduleRun> schedule_run = ScheduleRunFromFlags();
  std::unique_ptr<SharedTally> tally;
  if (const std::string path = absl::GetFlag(FLAGS_tally_file); !path.empty()) {
    absl::StatusOr<std::unique_ptr<SharedTally>> opened =
        SharedTally::Open(path);
    if (!opened.ok()) UsageError(opened.status().message());
    tally = *std::move(opened);
    options.shared_tally = tally.get();
    if (absl::Status valid = ValidateHammerOptions(options); !valid.ok()) {
      UsageError(valid.message());
    }
  }
  const bool record = absl::GetFlag(FLAGS_record_schedule);

  const PddCredentials credentials = DemoCredentials();
  PddRouterDouble router(credentials);
  std::unique_ptr<ItemDetailService> service =
      MakeService(*variant, credentials, &router);
  std::printf("racelab hammer: %s, %d threads x %s\n",
              std::string(VariantName(*variant)).c_str(), options.threads,
              options.duration > absl::ZeroDuration()
                  ? absl::FormatDuration(options.duration).c_str()
                  : absl::StrCat(options.iterations, " requests").c_str());
  std::fflush(stdout);
  std::atomic<int64_t> progress{0};
  options.progress = &progress;
  HammerReport report;
  {
    // Long runs print their progress to stderr once a second. The reporter
    // polls a mutex-guarded flag with plain sleeps: no timed condition
    // variable wait (glibc's pthread_cond_clockwait, which Valgrind 3.19
    // does not follow) and no std::stop_token (atomics Valgrind cannot see),
    // so Helgrind and DRD have nothing to misread in the harness.
    StdMutex mu;
    bool done = false;  // guarded by mu
    std::thread reporter([&] {
      for (int tick = 1;; ++tick) {
        // 10 ms: the reporter must not delay the end of a short run.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        {
          StdMutexLock lock(&mu);
          if (done) return;
        }
        if (tick % 100 == 0) {
          std::fprintf(stderr, "  ... %lld requests after %ds\n",
                       static_cast<long long>(progress.load()), tick / 100);
        }
      }
    });
    HammerOperation load = GoodsDetailLoad(*service);
    if (schedule_run != nullptr || record) {
      load = WithRacePoints(std::move(load), options.threads, record);
    }
    report = RunHammer(options, load);
    {
      StdMutexLock lock(&mu);
      done = true;
    }
    reporter.join();
  }

  std::printf("  requests %lld in %s\n",
              static_cast<long long>(report.requests),
              absl::FormatDuration(report.wall).c_str());
  for (Outcome outcome : kAllOutcomes) {
    std::printf("  %-15s %lld\n", std::string(OutcomeName(outcome)).c_str(),
                static_cast<long long>(report.count(outcome)));
  }
  if (report.wrong() > 0) {
    std::printf("  first wrong outcome after %s\n",
                absl::FormatDuration(report.first_wrong_after).c_str());
  }
  for (const std::string& example : report.examples) {
    std::printf("  example %s\n", example.c_str());
  }
  std::printf("%s\n", HammerResultLine(*variant, report).c_str());
  if (schedule_run != nullptr) {
    if (absl::Status status = schedule_run->status(); !status.ok()) {
      std::printf("schedule FAILED: %s\n",
                  std::string(status.message()).c_str());
      return 1;
    }
    if (!schedule_run->finished()) {
      std::printf(
          "schedule FAILED: no thread reached %s (does this variant have "
          "that point? only shared_unsafe and locked run repro's code)\n",
          schedule_run->NextStep().c_str());
      return 1;
    }
    std::printf("schedule: every step happened in order\n");
  }
  return report.wrong() == 0 ? 0 : 1;
}

int VerdictCommand() {
  VerdictOptions options;
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) {
    std::fprintf(stderr, "racelab: %s\n", self.status().ToString().c_str());
    return kExitUsage;
  }
  options.tool_path = *self;
  const HammerOptions hammer = HammerOptionsFromFlags();
  options.threads = hammer.threads;
  options.iterations = hammer.iterations;
  options.timeout = absl::GetFlag(FLAGS_timeout);
  if (options.timeout <= absl::ZeroDuration()) {
    UsageError("--timeout must be positive");
  }
  options.out_dir = absl::GetFlag(FLAGS_out);
  if (options.out_dir.empty()) UsageError("--out must not be empty");
  options.report_name = absl::GetFlag(FLAGS_report);
  if (options.report_name.empty() ||
      options.report_name.find('/') != std::string::npos) {
    UsageError("--report must be a plain file name");
  }
  return RunVerdict(options);
}

int AuditCommand() {
  absl::StatusOr<Variant> variant = ParseVariant(absl::GetFlag(FLAGS_variant));
  if (!variant.ok()) UsageError(variant.status().message());
  const HammerOptions hammer = HammerOptionsFromFlags();
  const int runs = absl::GetFlag(FLAGS_runs);
  if (runs < 1) UsageError("--runs must be >= 1");
  AuditOptions options;
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) UsageError(self.status().message());
  options.tool_path = *self;
  options.variant = *variant;
  options.threads = hammer.threads;
  options.iterations = hammer.iterations;
  options.timeout = absl::GetFlag(FLAGS_timeout);
  if (options.timeout <= absl::ZeroDuration()) {
    UsageError("--timeout must be positive");
  }
  if (IsTsanBuild()) {
    std::fprintf(stderr,
                 "racelab audit: note: this is a TSan build; the audit is "
                 "meant for a build with nothing watching\n");
  }
  std::printf("audit: %s, %d threads x %lld requests, %d run(s), watchdog %s\n",
              std::string(VariantName(*variant)).c_str(), options.threads,
              static_cast<long long>(options.iterations), runs,
              absl::FormatDuration(options.timeout).c_str());
  std::printf("%-4s %-14s %-34s %9s %9s %10s %13s %14s %11s %9s %16s\n", "run",
              "evidence", "process end", "requests", "ok", "wrong_item",
              "sign_rejected", "missing_params", "other_error", "exception",
              "first wrong");
  int clean_runs = 0, damaged_runs = 0;
  for (int run = 1; run <= runs; ++run) {
    absl::StatusOr<AuditResult> result = RunAudit(options);
    if (!result.ok()) {
      std::fprintf(stderr, "racelab: %s\n", result.status().ToString().c_str());
      return kExitUsage;
    }
    const SharedTally::Totals& t = result->totals;
    auto count = [&t](Outcome o) {
      return static_cast<long long>(t.counts[static_cast<int>(o)]);
    };
    const Evidence evidence = result->Classify();
    std::printf(
        "%-4d %-14s %-34s %9lld %9lld %10lld %13lld %14lld %11lld %9lld %16s\n",
        run, std::string(EvidenceKindName(evidence.kind)).c_str(),
        result->child.Describe().c_str(), static_cast<long long>(t.requests),
        count(Outcome::kOk), count(Outcome::kWrongItem),
        count(Outcome::kSignRejected), count(Outcome::kMissingParams),
        count(Outcome::kOtherError), count(Outcome::kException),
        t.first_wrong_after == absl::InfiniteDuration()
            ? "-"
            : absl::FormatDuration(t.first_wrong_after).c_str());
    if (evidence.kind != EvidenceKind::kClean) {
      std::printf("     %s\n", evidence.how.c_str());
    }
    std::fflush(stdout);
    evidence.kind == EvidenceKind::kClean ? ++clean_runs : ++damaged_runs;
  }
  const bool buggy = *variant == Variant::kSharedUnsafe;
  std::printf(
      "%d clean run(s), %d showing damage (a report, a crash, an "
      "abort, a hang or wrong results)\n",
      clean_runs, damaged_runs);
  // The buggy variant is expected to show damage; a fix must never.
  return (buggy ? damaged_runs > 0 : damaged_runs == 0) ? 0 : 1;
}

bool IsExecutable(const std::string& path) {
  return !path.empty() && access(path.c_str(), X_OK) == 0;
}

std::string FindInPath(const char* program) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path == nullptr ? "/usr/bin:/bin" : path, ':')) {
    std::string candidate = absl::StrCat(dir, "/", program);
    if (IsExecutable(candidate)) return candidate;
  }
  return "";
}

template <typename T>
std::vector<T> ParseList(const std::string& text, const std::vector<T>& all,
                         absl::StatusOr<T> (*parse)(absl::string_view)) {
  if (text.empty()) return all;
  std::vector<T> items;
  for (absl::string_view name : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    absl::StatusOr<T> item = parse(name);
    if (!item.ok()) UsageError(item.status().message());
    items.push_back(*item);
  }
  if (items.empty()) UsageError("an empty list");
  return items;
}

int MatrixCommand(bool runs_given) {
  MatrixOptions options;
  const HammerOptions hammer = HammerOptionsFromFlags();
  options.threads = hammer.threads;
  options.iterations = hammer.iterations;
  // --runs defaults to 1 (for audit); the matrix wants a sample.
  options.runs = runs_given ? absl::GetFlag(FLAGS_runs) : 20;
  if (options.runs < 1) UsageError("--runs must be >= 1");
  options.out_dir = absl::GetFlag(FLAGS_out);
  if (options.out_dir.empty()) UsageError("--out must not be empty");
  options.timeout = absl::GetFlag(FLAGS_timeout);
  if (options.timeout <= absl::ZeroDuration()) {
    UsageError("--timeout must be positive");
  }
  options.buggy_schedule = absl::GetFlag(FLAGS_schedule);
  if (!options.buggy_schedule.empty() && options.buggy_schedule != "seed") {
    UsageError("matrix: --schedule must be seed (or absent)");
  }
  options.valgrind_threads = absl::GetFlag(FLAGS_valgrind_threads);
  options.valgrind_iterations = absl::GetFlag(FLAGS_valgrind_iterations);
  if (options.valgrind_threads < 1 || options.valgrind_iterations < 1) {
    UsageError("--valgrind_threads and --valgrind_iterations must be >= 1");
  }
  options.variants = ParseList<Variant>(
      absl::GetFlag(FLAGS_variants), {kAllVariants.begin(), kAllVariants.end()},
      &ParseVariant);
  options.detectors = ParseList<Detector>(
      absl::GetFlag(FLAGS_detectors),
      {kAllDetectors.begin(), kAllDetectors.end()}, &ParseDetector);

  // Tools: this binary, and its siblings in the same build tree.
  absl::StatusOr<std::string> self = SelfExecutablePath();
  if (!self.ok()) UsageError(self.status().message());
  const std::filesystem::path self_path(*self);
  const std::filesystem::path build_dir = self_path.parent_path().parent_path();
  const bool self_is_guard = self_path.filename() == "racelab_guard";
  if (!IsTsanBuild() && !self_is_guard) options.native_tool = *self;
  options.guard_tool = absl::GetFlag(FLAGS_guard_tool);
  if (options.guard_tool.empty()) {
    const std::string sibling = self_path.parent_path() / "racelab_guard";
    if (IsExecutable(sibling)) options.guard_tool = sibling;
  } else if (!IsExecutable(options.guard_tool)) {
    UsageError(absl::StrCat("--guard_tool ", options.guard_tool,
                            " is not an executable"));
  }
  options.tsan_tool = absl::GetFlag(FLAGS_tsan_tool);
  if (options.tsan_tool.empty()) {
    const std::string beside = build_dir.parent_path() / "tsan/harness/racelab";
    if (IsTsanBuild()) {
      options.tsan_tool = *self;
    } else if (IsExecutable(beside)) {
      options.tsan_tool = beside;
    }
  } else if (!IsExecutable(options.tsan_tool)) {
    UsageError(absl::StrCat("--tsan_tool ", options.tsan_tool,
                            " is not an executable"));
  }
  if (const char* tsan_options = std::getenv("TSAN_OPTIONS")) {
    options.tsan_options_env = tsan_options;
  }
  options.valgrind = FindInPath("valgrind");
  options.source_dir = RACELAB_SOURCE_DIR;
  options.suppressions =
      absl::StrCat(options.source_dir, "/harness/valgrind.supp");
  options.clang = RACELAB_COMPILER_IS_CLANG ? std::string(RACELAB_CXX_COMPILER)
                                            : FindInPath("clang++");
  if (options.clang.empty()) {
    options.unavailable_static =
        "no clang++ (g++ ignores the thread-safety annotations)";
  } else if (!std::filesystem::exists(
                 absl::StrCat(options.source_dir, "/CMakeLists.txt"))) {
    options.unavailable_static =
        absl::StrCat("racelab's sources are not at ", options.source_dir);
  }
  return RunMatrix(options);
}
int VariantsCommand() {
  for (Variant variant : kAllVariants) {
    std::printf("%-14s %s\n", std::string(VariantName(variant)).c_str(),
                std::string(VariantDescription(variant)).c_str());
  }
  return 0;
}

int Main(int argc, char** argv) {
  const Arguments arguments = ParseArguments(argc, argv);
  const std::vector<absl::string_view>& positional = arguments.positional;
  if (positional.empty()) {
    PrintHelp(stderr);
    return kExitUsage;
  }
  if (positional.size() > 1) {
    UsageError(absl::StrCat("unexpected argument \"", positional[1], "\""));
  }
  const absl::string_view command = positional[0];
  if (command == "hammer") return HammerCommand();
  if (command == "verdict") return VerdictCommand();
  if (command == "audit") return AuditCommand();
  if (command == "matrix") {
    return MatrixCommand(arguments.given.contains("runs"));
  }
  if (command == "variants") return VariantsCommand();
  if (command == "help") {
    PrintHelp(stdout);
    return 0;
  }
  UsageError(absl::StrCat("unknown command \"", command, "\""));
}

}  // namespace
}  // namespace racelab

int main(int argc, char** argv) {
  // Lets the map guard's fatal report (and any other stack) name functions.
  absl::InitializeSymbolizer(argv[0]);
  return racelab::Main(argc, argv);
}
