// A user's class in a library of its own (an OBJECT library), outside
// racelab's tree.
//
// NOT thread-safe, though every result looks right: Enable() writes a
// flag with no lock while others read it. The writes all store `true`,
// so no call ever returns a wrong answer and no history is out of order;
// it is a data race all the same (undefined behaviour), which only a
// ThreadSanitizer build can see.

#ifndef USES_RACELAB_FEATURE_FLAGS_H_
#define USES_RACELAB_FEATURE_FLAGS_H_

namespace shop {

class FeatureFlags {
 public:
  static constexpr int kFlags = 4;

  void Enable(int flag);
  bool IsEnabled(int flag) const;

 private:
  bool enabled_[kFlags] = {};
};

}  // namespace shop

#endif  // USES_RACELAB_FEATURE_FLAGS_H_
