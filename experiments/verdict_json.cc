// experiments/verdict_json.cc
//
// The verdict as a program reads it (verdict_report.h).

#include <string>
#include <vector>

#include "base/build_info.h"
#include "experiments/verdict_report.h"
#include "nlohmann/json.hpp"

namespace racelab {

// The same rows as data (report.json and the HTML report read it), with
// the path of each child's raw output under the out dir.
std::string VerdictJson(const VerdictOptions& options,
                        const std::vector<VerdictRow>& rows, bool done) {
  using nlohmann::json;
  json out = {{"complete", done},
              {"build", IsTsanBuild() ? "tsan" : "native"},
              {"threads", options.threads},
              {"iterations", options.iterations},
              {"rows", json::array()}};
  for (const VerdictRow& row : rows) {
    json j = {{"variant", VariantName(row.variant)},
              {"role", VerdictRoleName(row.role)},
              {"load", row.load},
              {"process_end", row.child.Describe()},
              {"evidence", EvidenceKindName(row.evidence.kind)},
              {"how", row.evidence.how},
              {"verdict", row.verdict},
              {"as_expected", row.as_expected},
              {"wall_ms", absl::ToDoubleMilliseconds(row.child.wall)},
              {"tsan_key_lines", row.tsan.key_lines},
              {"log", row.log}};
    if (row.child.marker_ns > 0) {
      j["time_to_report_ms"] =
          (row.child.marker_ns - row.child.started_ns) / 1e6;
    }
    if (row.report.ok()) {
      j["requests"] = row.report->requests;
      j["wrong"] = row.report->wrong();
      j["examples"] = row.report->examples;
    }
    out["rows"].push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

}  // namespace racelab
