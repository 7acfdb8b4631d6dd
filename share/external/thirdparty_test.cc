// A user's helper class in an anonymous namespace of a test file, reading a
// shared nlohmann::json with the non-const operator[], which inserts a key
// that is missing: a "read" that writes. Under ThreadSanitizer MayShare must
// fail, and its message must name the user's function and line, not only
// nlohmann's (a third-party frame is cut to its name and never pushes the
// user's frame out).

#include <memory>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "racelab/share.h"

namespace {

// The line of the racy read, for the message's check below.
constexpr int kRacyReadLine = __LINE__ + 8;

class JsonConfigReader {
 public:
  explicit JsonConfigReader(nlohmann::json config)
      : config_(std::move(config)) {}
  // Missing keys are inserted by operator[]: two callers write one map.
  int Get(const std::string& key) { return config_[key].is_null() ? 0 : 1; }

 private:
  nlohmann::json config_;
};

TEST(ThirdPartyTest, TheFailureNamesTheUsersFunctionAndLine) {
  if (!racelab::ThreadSanitizerActive()) {
    GTEST_SKIP() << "only ThreadSanitizer sees this data race (its results "
                    "look right; without TSan it may also crash)";
  }
  const ::testing::AssertionResult result = racelab::MayShare<JsonConfigReader>(
      [] {
        return std::make_unique<JsonConfigReader>(
            nlohmann::json{{"timeout", 5}});
      },
      {{"Get", [](JsonConfigReader& reader, const racelab::Call& call) {
          reader.Get("key-" + std::to_string(call.number % 7));
          return std::string();
        }}});
  ASSERT_FALSE(result);
  const std::string message = result.message();
  const std::string named =
      "{anon}::JsonConfigReader::Get thirdparty_test.cc:" +
      std::to_string(kRacyReadLine);
  EXPECT_NE(message.find(named), std::string::npos)
      << "no \"" << named << "\" in:\n"
      << message;
  // nlohmann's frame, cut to its name: one line, not hundreds of
  // characters of template arguments.
  EXPECT_NE(message.find("basic_json<...>::operator[]"), std::string::npos)
      << message;
}

}  // namespace
