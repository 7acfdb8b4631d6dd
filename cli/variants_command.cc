// cli/variants_command.cc
//
// `racelab variants`: every variant with its one-line description.

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "variants/variants.h"

namespace racelab {

absl::StatusOr<Conclusion> VariantsCommand(const Arguments&) {
  for (Variant variant : kAllVariants) {
    std::printf("%-14s %s\n", std::string(VariantName(variant)).c_str(),
                std::string(VariantDescription(variant)).c_str());
  }
  return Conclusion::kAsExpected;
}

}  // namespace racelab
