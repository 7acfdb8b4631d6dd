// A user's classes and their tests, outside racelab's tree: six race
// conditions with no data race (every access under a std::mutex, one
// operation split over two locked sections), each beside its fix. Only the
// operations are declared; racelab checks the histories against the
// classes themselves.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "gtest/gtest.h"
#include "racelab/share.h"

namespace shop {

// 1. Two locked sections: read the number, then write the next one.
class InvoiceNumbers {
 public:
  explicit InvoiceNumbers(bool split) : split_(split) {}
  int Next() {
    if (!split_) {
      std::lock_guard<std::mutex> lock(mu_);
      return next_++;
    }
    int number;
    {
      std::lock_guard<std::mutex> lock(mu_);
      number = next_;
    }
    std::lock_guard<std::mutex> lock(mu_);
    next_ = number + 1;
    return number;
  }

 private:
  const bool split_;
  std::mutex mu_;
  int next_ = 1000;  // guarded by mu_
};

// 2. A query map with a lock in every method, shared by all searches.
class SearchClient {
 public:
  explicit SearchClient(bool shared_query) : shared_query_(shared_query) {}
  std::string Search(int term) {
    if (!shared_query_) return "q=" + std::to_string(term);
    Set("q", std::to_string(term));
    return Send();
  }

 private:
  void Set(const std::string& key, const std::string& value) {
    std::lock_guard<std::mutex> lock(mu_);
    query_[key] = value;
  }
  std::string Send() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string url;
    for (const auto& [key, value] : query_) url += key + "=" + value;
    query_.clear();
    return url;
  }

  const bool shared_query_;
  std::mutex mu_;
  std::map<std::string, std::string> query_;  // guarded by mu_
};

// 3. Get-then-set on a locked map.
class Likes {
 public:
  explicit Likes(bool split) : split_(split) {}
  void Like(int post) {
    if (!split_) {
      std::lock_guard<std::mutex> lock(mu_);
      ++likes_[post];
      return;
    }
    const int now = Count(post);
    std::lock_guard<std::mutex> lock(mu_);
    likes_[post] = now + 1;
  }
  int Count(int post) {
    std::lock_guard<std::mutex> lock(mu_);
    return likes_[post];
  }

 private:
  const bool split_;
  std::mutex mu_;
  std::map<int, int> likes_;  // guarded by mu_
};

// 4. Check-then-insert.
class Usernames {
 public:
  explicit Usernames(bool split) : split_(split) {}
  bool Register(int name, int user) {
    if (split_ && Owner(name) != 0) return false;
    std::lock_guard<std::mutex> lock(mu_);
    if (split_) {
      owners_[name] = user;
      return true;
    }
    return owners_.emplace(name, user).second;
  }
  int Owner(int name) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = owners_.find(name);
    return it == owners_.end() ? 0 : it->second;
  }

 private:
  const bool split_;
  std::mutex mu_;
  std::map<int, int> owners_;  // guarded by mu_
};

// 5. Check-then-debit.
class Stock {
 public:
  explicit Stock(bool split) : split_(split) {}
  bool Reserve(int units) {
    if (split_ && Left() < units) return false;
    std::lock_guard<std::mutex> lock(mu_);
    if (!split_ && left_ < units) return false;
    left_ -= units;
    return true;
  }
  int Left() {
    std::lock_guard<std::mutex> lock(mu_);
    return left_;
  }

 private:
  const bool split_;
  std::mutex mu_;
  int left_ = 5;  // guarded by mu_
};

// 6. Refresh on expiry, decided outside the lock.
class Sessions {
 public:
  explicit Sessions(bool split) : split_(split) {}
  int Session() {
    std::unique_lock<std::mutex> lock(mu_);
    if (split_) {
      const bool expired = uses_ == 0;
      lock.unlock();
      if (expired) {
        std::lock_guard<std::mutex> relock(mu_);
        session_ = ++logins_;
        uses_ = 3;
      }
      lock.lock();
    } else if (uses_ == 0) {
      session_ = ++logins_;
      uses_ = 3;
    }
    if (uses_ > 0) --uses_;
    return session_;
  }

 private:
  const bool split_;
  std::mutex mu_;
  int session_ = 0;  // guarded by mu_
  int uses_ = 0;     // guarded by mu_
  int logins_ = 0;   // guarded by mu_
};

// Each shape, split (racy) or whole (its fix).
racelab::Operations<InvoiceNumbers> InvoiceOps(bool split) {
  return racelab::Operations<InvoiceNumbers>()
      .Factory([split] { return std::make_unique<InvoiceNumbers>(split); })
      .Op("Next", &InvoiceNumbers::Next);
}
racelab::Operations<SearchClient> SearchOps(bool split) {
  return racelab::Operations<SearchClient>()
      .Factory([split] { return std::make_unique<SearchClient>(split); })
      .Op("Search", &SearchClient::Search, racelab::Range(1, 3));
}
racelab::Operations<Likes> LikeOps(bool split) {
  return racelab::Operations<Likes>()
      .Factory([split] { return std::make_unique<Likes>(split); })
      .Op("Like", &Likes::Like, racelab::Range(0, 1))
      .Op("Count", &Likes::Count, racelab::Range(0, 1));
}
racelab::Operations<Usernames> UsernameOps(bool split) {
  return racelab::Operations<Usernames>()
      .Factory([split] { return std::make_unique<Usernames>(split); })
      .Op("Register", &Usernames::Register, racelab::Range(0, 1),
          racelab::Range(1, 3))
      .Op("Owner", &Usernames::Owner, racelab::Range(0, 1));
}
racelab::Operations<Stock> StockOps(bool split) {
  return racelab::Operations<Stock>()
      .Factory([split] { return std::make_unique<Stock>(split); })
      .Op("Reserve", &Stock::Reserve, racelab::Range(2, 4))
      .Op("Left", &Stock::Left);
}
racelab::Operations<Sessions> SessionOps(bool split) {
  return racelab::Operations<Sessions>()
      .Factory([split] { return std::make_unique<Sessions>(split); })
      .Op("Session", &Sessions::Session);
}

TEST(RaceConditionTest, SplitInvoiceNumbersAreCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(InvoiceOps(true)));
}
TEST(RaceConditionTest, InvoiceNumbersMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(InvoiceOps(false)));
}
TEST(RaceConditionTest, SharedQueryIsCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(SearchOps(true)));
}
TEST(RaceConditionTest, PerSearchQueryMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(SearchOps(false)));
}
TEST(RaceConditionTest, SplitLikesAreCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(LikeOps(true)));
}
TEST(RaceConditionTest, LikesMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(LikeOps(false)));
}
TEST(RaceConditionTest, SplitUsernamesAreCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(UsernameOps(true)));
}
TEST(RaceConditionTest, UsernamesMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(UsernameOps(false)));
}
TEST(RaceConditionTest, SplitStockIsCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(StockOps(true)));
}
TEST(RaceConditionTest, StockMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(StockOps(false)));
}
TEST(RaceConditionTest, SplitSessionsAreCaught) {
  EXPECT_TRUE(racelab::IsReportedRacy(SessionOps(true)));
}
TEST(RaceConditionTest, SessionsMayBeShared) {
  EXPECT_TRUE(racelab::MayShare(SessionOps(false)));
}

}  // namespace shop
