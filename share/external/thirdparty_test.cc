// A user's helper class in an anonymous namespace of a test file, reading a
// shared nlohmann::json with the non-const operator[], which inserts a key
// that is missing: a "read" that writes. Under ThreadSanitizer MayShare must
// fail, and its message must name the user's function and line, not only
// nlohmann's (a third-party frame is cut to its name and never pushes the
// user's frame out).

#include <fstream>
#include <memory>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "racelab/share.h"

namespace {

class JsonConfigReader {
 public:
  explicit JsonConfigReader(nlohmann::json config)
      : config_(std::move(config)) {}
  // Missing keys are inserted by operator[]: two callers write one map.
  int Get(const std::string& key) { return config_[key].is_null() ? 0 : 1; }

 private:
  nlohmann::json config_;
};

// The line of this file that holds `text` (the racy read), 0 if none.
int LineOf(const std::string& text) {
  std::ifstream source(__FILE__);
  std::string line;
  for (int number = 1; std::getline(source, line); ++number) {
    if (line.find(text) != std::string::npos) return number;
  }
  return 0;
}

TEST(ThirdPartyTest, TheFailureNamesTheUsersFunctionAndLine) {
  if (!racelab::ThreadSanitizerActive()) {
    GTEST_SKIP() << "only ThreadSanitizer sees this data race (its results "
                    "look right; without TSan it may also crash)";
  }
  const ::testing::AssertionResult result = racelab::MayShare(
      racelab::Operations<JsonConfigReader>()
          .Factory([] {
            return std::make_unique<JsonConfigReader>(
                nlohmann::json{{"timeout", 5}});
          })
          .Op("Get", &JsonConfigReader::Get,
              racelab::OneOf<std::string>(
                  {"timeout", "key-1", "key-2", "key-3", "key-4"})));
  ASSERT_FALSE(result);
  const std::string message = result.message();
  // "#10 {anon}::JsonConfigReader::Get <dir>/thirdparty_test.cc:26:44"
  const std::string function = "{anon}::JsonConfigReader::Get ";
  const std::string where =
      "thirdparty_test.cc:" + std::to_string(LineOf("return config_[key]")) +
      ":";
  bool named = false;
  for (size_t at = message.find(function); at != std::string::npos;
       at = message.find(function, at + 1)) {
    const std::string line = message.substr(at, message.find('\n', at) - at);
    named = named || line.find(where) != std::string::npos;
  }
  EXPECT_TRUE(named) << "no frame \"" << function << "..." << where
                     << "\" in:\n"
                     << message;
  // nlohmann's frame, cut to its name: one line, not hundreds of
  // characters of template arguments.
  EXPECT_NE(message.find("basic_json<...>::operator[]"), std::string::npos)
      << message;
}

}  // namespace
