// experiments/matrix_merge.cc

#include "experiments/matrix_merge.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"

namespace racelab {
namespace {

using nlohmann::json;

absl::Status Refuse(const std::string& path, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", why));
}

absl::Duration Millis(const json& value) {
  if (value.is_null()) return absl::InfiniteDuration();
  return absl::Microseconds(std::llround(value.get<double>() * 1000));
}

// The options a shard ran with, back from its JSON.
absl::StatusOr<MatrixOptions> ParseOptions(const std::string& path,
                                           const json& doc) {
  const json& o = doc.at("options");
  MatrixOptions options;
  options.runs = o.at("runs").get<int>();
  options.threads = o.at("threads").get<int>();
  options.iterations = o.at("iterations").get<int64_t>();
  options.valgrind_threads = o.at("valgrind_threads").get<int>();
  options.valgrind_iterations = o.at("valgrind_iterations").get<int64_t>();
  options.timeout = Millis(o.at("timeout_ms"));
  options.buggy_schedule = o.at("buggy_schedule").get<std::string>();
  options.tsan_options_env = o.at("tsan_options").get<std::string>();
  options.build = doc.at("build").get<std::string>();
  options.variants.clear();
  for (const json& name : o.at("variants")) {
    absl::StatusOr<Variant> v = ParseVariant(name.get<std::string>());
    if (!v.ok()) return Refuse(path, v.status().message());
    options.variants.push_back(*v);
  }
  // Absent from a matrix.json written before racelab recorded them.
  const json static_sources = doc.value("static_sources", json::object());
  for (const auto& [name, source] : static_sources.items()) {
    absl::StatusOr<Variant> v = ParseVariant(name);
    if (!v.ok()) return Refuse(path, v.status().message());
    options.static_sources.emplace_back(*v, source.get<std::string>());
  }
  options.detectors.clear();
  for (const json& name : o.at("detectors")) {
    absl::StatusOr<Detector> d = ParseDetector(name.get<std::string>());
    if (!d.ok()) return Refuse(path, d.status().message());
    options.detectors.push_back(*d);
  }
  return options;
}

absl::StatusOr<MatrixRun> ParseRun(const std::string& path, const json& r) {
  MatrixRun run;
  run.index = r.at("run").get<int>();
  run.detected = r.at("detected").get<bool>();
  absl::StatusOr<EvidenceKind> kind =
      ParseEvidenceKind(r.at("evidence").get<std::string>());
  if (!kind.ok()) return Refuse(path, kind.status().message());
  run.evidence = *kind;
  run.how = r.at("how").get<std::string>();
  run.time_to_detection = Millis(r.at("time_to_detection_ms"));
  run.wall = Millis(r.at("wall_ms"));
  run.process_end = r.at("process_end").get<std::string>();
  run.requests = r.at("requests").get<int64_t>();
  run.wrong = r.at("wrong").get<int64_t>();
  run.stderr_excerpt = r.at("stderr_excerpt").get<std::string>();
  run.log = r.value("log", "");
  return run;
}

using CellKey = std::pair<std::string, std::string>;  // variant, detector

// Each shard's matrix.json, parsed; only complete ones.
absl::StatusOr<std::vector<json>> ParseShards(
    const std::vector<MatrixShardFile>& shards) {
  std::vector<json> docs;
  for (const MatrixShardFile& shard : shards) {
    json doc = json::parse(shard.json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("shard") ||
        !doc.contains("options") || !doc.contains("summary")) {
      return Refuse(shard.path,
                    "not a racelab matrix.json written by `racelab matrix` "
                    "(with its shard and options)");
    }
    if (!doc.at("complete").get<bool>()) {
      return Refuse(shard.path,
                    "this shard is incomplete (interrupted or still "
                    "running): run it again");
    }
    docs.push_back(std::move(doc));
  }
  return docs;
}

// The shards are one matrix: one build, the same options, each of the
// `count` shards exactly once.
absl::Status CheckShardsAgree(const std::vector<MatrixShardFile>& shards,
                              const std::vector<json>& docs) {
  const std::string& first = shards[0].path;
  const int count = docs[0]["shard"]["count"].get<int>();
  std::map<int, std::string> seen;  // index -> path
  for (size_t i = 0; i < docs.size(); ++i) {
    const std::string& path = shards[i].path;
    const json& shard = docs[i]["shard"];
    if (docs[i]["build"] != docs[0]["build"]) {
      return Refuse(
          path,
          absl::StrCat("built by \"", docs[i]["build"].get<std::string>(),
                       "\", but ", first, " by \"",
                       docs[0]["build"].get<std::string>(),
                       "\": shards of different builds cannot be merged"));
    }
    for (const auto& [key, value] : docs[0]["options"].items()) {
      if (docs[i]["options"].value(key, json()) != value) {
        return Refuse(
            path,
            absl::StrCat("ran with ", key, "=",
                         docs[i]["options"].value(key, json()).dump(), ", but ",
                         first, " with ", key, "=", value.dump(),
                         ": shards of different options cannot be merged"));
      }
    }
    if (shard["count"].get<int>() != count) {
      return Refuse(path,
                    absl::StrCat("is one of ", shard["count"].get<int>(),
                                 " shards, but ", first, " one of ", count));
    }
    const int index = shard["index"].get<int>();
    if (auto [it, inserted] = seen.emplace(index, path); !inserted) {
      return Refuse(path,
                    absl::StrCat("shard ", index, "/", count,
                                 " is given twice (also ", it->second, ")"));
    }
  }
  std::vector<std::string> missing;
  for (int index = 0; index < count; ++index) {
    if (!seen.contains(index)) missing.push_back(absl::StrCat(index));
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("merge: missing shard(s) ", absl::StrJoin(missing, ", "),
                     " of ", count, " (racelab matrix --shard=I/", count, ")"));
  }
  return absl::OkStatus();
}

// Every shard's runs in the first shard's cells (every shard lists every
// cell), and the Valgrind-load native references.
absl::Status AddRuns(const std::vector<MatrixShardFile>& shards,
                     const std::vector<json>& docs, MatrixResult& result) {
  std::map<CellKey, size_t> cell_of;
  for (const json& s : docs[0]["summary"]) {
    MatrixCell cell;
    absl::StatusOr<Variant> v = ParseVariant(s["variant"].get<std::string>());
    absl::StatusOr<Detector> d =
        ParseDetector(s["detector"].get<std::string>());
    if (!v.ok() || !d.ok()) return Refuse(shards[0].path, "an unknown cell");
    cell.variant = *v;
    cell.detector = *d;
    cell.unavailable = s["unavailable_reason"].get<std::string>();
    cell.measured = s["measured"].get<bool>();
    cell_of[{s["variant"], s["detector"]}] = result.cells.size();
    result.cells.push_back(std::move(cell));
  }
  for (size_t i = 0; i < docs.size(); ++i) {
    for (const json& r : docs[i]["runs"]) {
      const auto it = cell_of.find({r["variant"], r["detector"]});
      if (it == cell_of.end()) {
        return Refuse(shards[i].path, "a run of a cell the others lack");
      }
      absl::StatusOr<MatrixRun> run = ParseRun(shards[i].path, r);
      if (!run.ok()) return run.status();
      result.cells[it->second].runs.push_back(*std::move(run));
    }
    for (const auto& [name, wall] :
         docs[i]["native_wall_valgrind_load_ms"].items()) {
      absl::StatusOr<Variant> v = ParseVariant(name);
      if (v.ok()) {
        result.native_wall_valgrind_load.emplace_back(*v, Millis(wall));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<MatrixResult> MergeMatrixShards(
    const std::vector<MatrixShardFile>& shards) {
  if (shards.empty()) {
    return absl::InvalidArgumentError("merge: no shard files given");
  }
  absl::StatusOr<std::vector<json>> docs = ParseShards(shards);
  if (!docs.ok()) return docs.status();
  if (absl::Status agree = CheckShardsAgree(shards, *docs); !agree.ok()) {
    return agree;
  }
  MatrixResult result;
  absl::StatusOr<MatrixOptions> options =
      ParseOptions(shards[0].path, (*docs)[0]);
  if (!options.ok()) return options.status();
  result.options = *std::move(options);
  if (absl::Status added = AddRuns(shards, *docs, result); !added.ok()) {
    return added;
  }
  for (MatrixCell& cell : result.cells) {
    std::sort(cell.runs.begin(), cell.runs.end(),
              [](const MatrixRun& a, const MatrixRun& b) {
                return a.index < b.index;
              });
    JudgeMatrixCell(cell);
  }
  // The native reference per variant: the median over every shard's runs
  // of its audit cell.
  for (const MatrixCell& cell : result.cells) {
    if (cell.detector == Detector::kAudit && !cell.runs.empty()) {
      result.native_wall.emplace_back(cell.variant, cell.MedianWall());
    }
  }
  result.complete = true;
  return result;
}

}  // namespace racelab
