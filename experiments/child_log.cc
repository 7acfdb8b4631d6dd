// experiments/child_log.cc

#include "experiments/child_log.h"

#include <filesystem>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/atomic_file.h"

namespace racelab {

absl::StatusOr<std::string> KeepChildLog(const std::string& out_dir,
                                         const std::string& relative,
                                         const std::vector<std::string>& argv,
                                         const ChildResult& child) {
  const std::filesystem::path path = std::filesystem::path(out_dir) / relative;
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return absl::InternalError(absl::StrCat(
        "cannot create ", path.parent_path().string(), ": ", error.message()));
  }
  const std::string command =
      argv.empty() ? "" : absl::StrCat("$ ", absl::StrJoin(argv, " "), "\n");
  if (absl::Status written = WriteFileAtomically(
          path.string(), absl::StrCat(command, "# ", child.Describe(),
                                      "\n# --- stderr\n", child.stderr_text,
                                      "\n# --- stdout\n", child.stdout_text));
      !written.ok()) {
    return written;
  }
  return relative;
}

}  // namespace racelab
