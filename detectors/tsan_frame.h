// detectors/tsan_frame.h
//
// One frame of a ThreadSanitizer stack, as TSan prints it:
//
//   #10 (anonymous namespace)::JsonConfigReader::Get(std::string const&)
//       /src/thirdparty_test.cc:17:15 (test+0x1234) (BuildId: ab12)
//
// parsed, and shortened BY STRUCTURE for a person to read in a failure
// message: "#10 {anon}::JsonConfigReader::Get src/thirdparty_test.cc:17:15".
// The qualified name is kept (every scope, lambdas and operators
// included); parameter lists, cv-qualifiers, return types, ABI tags and
// clone suffixes are dropped; template arguments are kept when short and
// elided ("<...>") when long; "(anonymous namespace)" becomes "{anon}".
// A frame outside the user's code (a system or installed header) is cut
// to its function's name and the file's.
//
// The same rules are written once more in Python for the reports
// (scripts/racelab_tools/tsan_frames.py); both are pinned by one table of
// recorded frames and their expected short forms
// (detectors/testdata/tsan_frames_*.txt).
// Thread-safe (pure functions).

#ifndef RACELAB_DETECTORS_TSAN_FRAME_H_
#define RACELAB_DETECTORS_TSAN_FRAME_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace racelab {

struct TsanFrame {
  int index = 0;          // the N of "#N"
  std::string function;   // as printed; "<null>" when TSan had no name
  std::string location;   // "/abs/file.cc:17:15", "file.cc:52"; "" if none
  std::string module;     // "test+0x1234" (from "(test+0x1234)"); may be ""
  bool has_line() const;  // location names a file and a line
};

// The frame on `line` ("    #N function location (module) (BuildId: ..)");
// nullopt if the line is not a frame.
std::optional<TsanFrame> ParseTsanFrame(absl::string_view line);

// "(anonymous namespace)::Ordered::operator<((anonymous namespace)::Ordered
// const&) const" -> "{anon}::Ordered::operator<". Never empty: a name it
// cannot make shorter is returned whole.
std::string ShortFunctionName(absl::string_view function);

// Where a frame's code lives, for deciding what to show.
enum class FrameOrigin {
  kUser,        // the program's own code
  kThirdParty,  // a system or installed header or library (/usr/include,
                // /usr/lib, /usr/local): shown cut, and never in place of
                // a user frame
  kNone,        // no location at all ("<null>", a stripped library)
};
FrameOrigin OriginOf(const TsanFrame& frame);

// "/abs/path/repro/params.cc:20:3" -> "repro/params.cc:20:3" (from
// racelab's layer folder); any other path keeps its last two components
// ("samples/race.cc:14:44"), enough to tell two files of one name apart.
std::string ShortLocation(absl::string_view location);

// The frame as one line: "#10 {anon}::JsonConfigReader::Get
// samples/thirdparty_test.cc:17:15"; a third-party frame as its function's
// last scopes and its file's name ("#9 basic_json<...>::operator[]
// json.hpp:2134"). `indent` is put in front.
std::string ShortFrameLine(const TsanFrame& frame,
                           absl::string_view indent = "    ");

}  // namespace racelab

#endif  // RACELAB_DETECTORS_TSAN_FRAME_H_
