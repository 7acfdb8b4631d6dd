// experiments/matrix_json.cc
//
// The matrix as a program reads it: every run plus a summary per cell,
// and what each variant is (matrix_report.h). Its reader for people is
// scripts/matrix-report (racelab_tools/matrix/report.py): one renderer.

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "experiments/matrix_report.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

// Milliseconds with microsecond resolution; null for "never".
nlohmann::json JsonMillis(absl::Duration d) {
  if (d == absl::InfiniteDuration()) return nullptr;
  return std::round(absl::ToDoubleMilliseconds(d) * 1000) / 1000;
}

const char* VariantKindName(VariantKind kind) {
  switch (kind) {
    case VariantKind::kDataRace:
      return "data_race";
    case VariantKind::kRaceCondition:
      return "race_condition";
    case VariantKind::kFix:
      return "fix";
  }
  return "unknown";
}

}  // namespace

std::string MatrixJson(const MatrixResult& result) {
  using nlohmann::json;
  const MatrixOptions& o = result.options;
  json variants = json::array();
  for (Variant v : o.variants) variants.push_back(VariantName(v));
  json detectors = json::array();
  for (Detector d : o.detectors) detectors.push_back(DetectorName(d));
  // What a reader of the matrix needs to know of each variant, so that
  // no renderer repeats racelab's tables (scripts/racelab_tools/matrix).
  json variant_kinds = json::object();
  for (Variant v : o.variants) {
    variant_kinds[std::string(VariantName(v))] = VariantKindName(KindOf(v));
  }
  json static_sources = json::object();
  for (const auto& [variant, source] : o.static_sources) {
    static_sources[std::string(VariantName(variant))] = source;
  }
  // Every kind of evidence a run may end in, in racelab's order, with what
  // it means: the key of any view, and the order of a cell's outcomes.
  json evidence_kinds = json::array();
  for (EvidenceKind kind : kAllEvidenceKinds) {
    evidence_kinds.push_back(
        {{"name", std::string(EvidenceKindName(kind))},
         {"meaning", std::string(kEvidenceKindTable.Description(kind))}});
  }
  json native_wall = json::object();
  for (const auto& [variant, wall] : result.native_wall) {
    native_wall[std::string(VariantName(variant))] = JsonMillis(wall);
  }
  json native_wall_valgrind = json::object();
  for (const auto& [variant, wall] : result.native_wall_valgrind_load) {
    native_wall_valgrind[std::string(VariantName(variant))] = JsonMillis(wall);
  }
  json doc = {{"complete", result.complete},
              {"build", o.build},
              {"shard", {{"index", o.shard_index}, {"count", o.shard_count}}},
              // What must be equal for shards to be merged (matrix_merge.h).
              {"options",
               {{"runs", o.runs},
                {"threads", o.threads},
                {"iterations", o.iterations},
                {"valgrind_threads", o.valgrind_threads},
                {"valgrind_iterations", o.valgrind_iterations},
                {"timeout_ms", JsonMillis(o.timeout)},
                {"buggy_schedule", o.buggy_schedule},
                {"tsan_options", o.tsan_options_env},
                {"variants", variants},
                {"detectors", detectors}}},
              {"variant_kinds", variant_kinds},
              {"static_sources", static_sources},
              {"evidence_kinds", evidence_kinds},
              {"native_wall_ms", native_wall},
              {"native_wall_valgrind_load_ms", native_wall_valgrind},
              {"runs", json::array()},
              {"summary", json::array()}};
  for (const MatrixCell& cell : result.cells) {
    for (const MatrixRun& run : cell.runs) {
      doc["runs"].push_back(
          {{"variant", VariantName(cell.variant)},
           {"detector", DetectorName(cell.detector)},
           {"run", run.index},
           {"detected", run.detected},
           {"evidence", EvidenceKindName(run.evidence)},
           {"how", run.how},
           {"time_to_detection_ms", JsonMillis(run.time_to_detection)},
           {"wall_ms", JsonMillis(run.wall)},
           {"process_end", run.process_end},
           {"requests", run.requests},
           {"wrong", run.wrong},
           {"stderr_excerpt", run.stderr_excerpt},
           {"log", run.log}});
    }
    json outcomes = json::object();
    for (const auto& [kind, count] : cell.OutcomeCounts()) {
      outcomes[std::string(EvidenceKindName(kind))] = count;
    }
    doc["summary"].push_back(
        {{"variant", VariantName(cell.variant)},
         {"detector", DetectorName(cell.detector)},
         {"available", cell.unavailable.empty()},
         {"unavailable_reason", cell.unavailable},
         {"runs", cell.runs.size()},
         {"detections", cell.detections()},
         {"expects_detection", ExpectsDetection(cell.variant, cell.detector)},
         {"measured", cell.measured},
         {"outcomes", outcomes},
         {"median_time_to_detection_ms",
          JsonMillis(cell.MedianTimeToDetection())},
         {"median_wall_ms",
          JsonMillis(cell.runs.empty() ? absl::InfiniteDuration()
                                       : cell.MedianWall())},
         {"as_expected", cell.as_expected},
         {"verdict", cell.verdict}});
  }
  // A crashed child's stderr may hold invalid UTF-8: replace, never throw.
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace racelab
