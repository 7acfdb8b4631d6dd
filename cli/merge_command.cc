// cli/merge_command.cc
//
// `racelab merge --out=DIR SHARD.json...`: the matrix.json files of a
// sharded campaign (`racelab matrix --shard=I/N`) as one matrix
// (experiments/matrix_merge.h), written like an unsharded run's.

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/read_file.h"
#include "cli/commands.h"
#include "experiments/matrix_merge.h"
#include "experiments/matrix_report.h"

namespace racelab {

absl::StatusOr<Conclusion> MergeCommand(const Arguments& arguments) {
  if (arguments.positional.size() < 2) {
    return absl::InvalidArgumentError(
        "merge: name the shards' matrix.json files (racelab merge "
        "--out=DIR a/matrix.json b/matrix.json ...)");
  }
  absl::StatusOr<std::string> out = OutDirFromFlags();
  if (!out.ok()) return out.status();
  std::vector<MatrixShardFile> shards;
  for (size_t i = 1; i < arguments.positional.size(); ++i) {
    const std::string& path = arguments.positional[i];
    absl::StatusOr<std::string> text = ReadFile(path);
    if (!text.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "merge: cannot read ", path, ": ", text.status().message()));
    }
    shards.push_back({path, *std::move(text)});
  }
  absl::StatusOr<MatrixResult> merged = MergeMatrixShards(shards);
  if (!merged.ok()) return merged.status();
  merged->options.out_dir = *out;
  if (absl::Status written = WriteMatrixReports(*merged); !written.ok()) {
    return written;
  }
  std::fputs(MatrixConclusion(*merged).c_str(), stdout);
  std::printf(
      "Merged %zu shards: %s/matrix.json, matrix.xml. To read it: "
      "scripts/matrix-report %s (writes matrix.md and matrix.html)\n",
      shards.size(), out->c_str(), out->c_str());
  return merged->AnyCheckFailed()   ? Conclusion::kNotAsExpected
         : merged->AnyUnavailable() ? Conclusion::kUnavailable
                                    : Conclusion::kAsExpected;
}

}  // namespace racelab
