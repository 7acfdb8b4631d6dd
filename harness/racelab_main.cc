// harness/racelab_main.cc
//
// racelab: the command-line tool.
//
//   racelab hammer  --variant=NAME [--threads=N] [--iterations=N |
//   --duration=D] racelab verdict [--threads=N] [--iterations=N] [--timeout=D]
//   [--out=DIR] racelab variants racelab help
//
// Exit codes: 0 success / every verdict as expected; 1 a verdict was not as
// expected (or hammer saw wrong outcomes); 2 bad usage or the run could not
// be done; 66 a ThreadSanitizer report (TSan builds only); 130 verdict
// interrupted (SIGINT/SIGTERM; the report keeps what was finished).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "harness/child_process.h"
#include "harness/goods_detail_load.h"
#include "harness/hammer.h"
#include "harness/pdd_router.h"
#include "harness/variants.h"
#include "harness/verdict.h"

ABSL_FLAG(std::string, variant, "shared_unsafe",
          "hammer: which client strategy to run: shared_unsafe (the buggy "
          "repro), per_request, locked or copying");
ABSL_FLAG(int32_t, threads, 8,
          "hammer, verdict: threads that send requests at once, released "
          "together by a start latch");
ABSL_FLAG(int64_t, iterations, 2000,
          "hammer, verdict: requests per thread (hammer ignores it when "
          "--duration is set)");
ABSL_FLAG(absl::Duration, duration, absl::ZeroDuration(),
          "hammer: run for this long instead of --iterations (e.g. 2s)");
ABSL_FLAG(uint64_t, seed, 1, "hammer: seed of the per-thread generators");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(120),
          "verdict: time limit for each variant's child process; a child "
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
    "      Hammer one variant in this process and print the outcome counts.\n"
    "      Exit 0 if every request was ok, 1 if any was not.\n"
    "  racelab verdict [--threads=N] [--iterations=N] [--timeout=D] "
    "[--out=DIR] [--report=NAME]\n"
    "      Hammer every variant, each in a child process; the buggy one must\n"
    "      be reported by ThreadSanitizer (TSan build), every fix must be\n"
    "      clean. Writes DIR/NAME. Exit 0 if all verdicts are as\n"
    "      expected, 1 if not.\n"
    "  racelab variants\n"
    "      List the variants.\n"
    "  racelab help\n"
    "      This text.\n"
    "\n"
    "Exit codes: 0 ok, 1 unexpected verdict, 2 bad usage or run failure,\n"
    "66 ThreadSanitizer report (TSan builds stop at the first report),\n"
    "130 verdict interrupted (the report keeps the finished variants).\n";

void PrintHelp(FILE* out) {
  std::fputs(kUsage, out);
  std::fputs("\nflags:\n", out);
  for (const char* name : {"variant", "threads", "iterations", "duration",
                           "seed", "timeout", "out", "report"}) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    std::fprintf(out, "  --%s (default %s)\n      %s\n", name,
                 flag->DefaultValue().c_str(), flag->Help().c_str());
  }
}

[[noreturn]] void UsageError(absl::string_view message) {
  std::fprintf(stderr, "racelab: %s\nRun 'racelab help' for usage.\n",
               std::string(message).c_str());
  std::exit(kExitUsage);
}

// Parses --name=value / --name value / --bool_flag arguments against the
// flags above, and returns the positional arguments. Unknown flags and bad
// values are usage errors (exit 2) with a message naming them.
std::vector<absl::string_view> ParseArguments(int argc, char** argv) {
  std::vector<absl::string_view> positional;
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
    if (!has_value) {
      if (i + 1 >= argc) UsageError(absl::StrCat("--", name, " needs a value"));
      value = argv[++i];
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      UsageError(absl::StrCat("bad value for --", name, ": ", error));
    }
  }
  return positional;
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

int HammerCommand() {
  absl::StatusOr<Variant> variant = ParseVariant(absl::GetFlag(FLAGS_variant));
  if (!variant.ok()) UsageError(variant.status().message());
  HammerOptions options = HammerOptionsFromFlags();

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
    // Long runs print their progress to stderr once a second.
    std::jthread reporter([&progress](std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any tick;
      std::unique_lock<std::mutex> lock(mu);
      for (int seconds = 1;; ++seconds) {
        if (tick.wait_for(lock, stop, std::chrono::seconds(1),
                          [] { return false; }) ||
            stop.stop_requested()) {
          return;
        }
        std::fprintf(stderr, "  ... %lld requests after %ds\n",
                     static_cast<long long>(progress.load()), seconds);
      }
    });
    report = RunHammer(options, GoodsDetailLoad(*service));
  }  // stops and joins the reporter

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

int VariantsCommand() {
  for (Variant variant : kAllVariants) {
    std::printf("%-14s %s\n", std::string(VariantName(variant)).c_str(),
                std::string(VariantDescription(variant)).c_str());
  }
  return 0;
}

int Main(int argc, char** argv) {
  const std::vector<absl::string_view> positional = ParseArguments(argc, argv);
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
  if (command == "variants") return VariantsCommand();
  if (command == "help") {
    PrintHelp(stdout);
    return 0;
  }
  UsageError(absl::StrCat("unknown command \"", command, "\""));
}

}  // namespace
}  // namespace racelab

int main(int argc, char** argv) { return racelab::Main(argc, argv); }
