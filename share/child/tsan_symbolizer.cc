// share/child/tsan_symbolizer.cc

#include "share/child/tsan_symbolizer.h"

#include "absl/base/config.h"

#ifdef ABSL_HAVE_THREAD_SANITIZER
#include <sanitizer/common_interface_defs.h>
#endif

namespace racelab::share_internal {

bool StartTsanSymbolizer() {
#ifdef ABSL_HAVE_THREAD_SANITIZER
  char name[128] = "";
  __sanitizer_symbolize_pc(reinterpret_cast<void*>(&StartTsanSymbolizer), "%f",
                           name, sizeof name);
  return name[0] != '\0';
#else
  return false;
#endif
}

}  // namespace racelab::share_internal
