// base/atomic_file.cc

#include "base/atomic_file.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace racelab {

absl::Status WriteFileAtomically(const std::string& path,
                                 absl::string_view contents) {
  const std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), error);
    if (error) {
      return absl::InternalError(absl::StrCat("cannot create ",
                                              target.parent_path().string(),
                                              ": ", error.message()));
    }
  }
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", temp));
  }
  std::filesystem::rename(temp, target, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot rename to ", path, ": ", error.message()));
  }
  return absl::OkStatus();
}

}  // namespace racelab
