// share/exhibits/params_vector_client.h
//
// ParamsVectorClient: the seed's shape with a vector: each request appends
// its parameters to a member list, encodes it, and clears it.
//
// Threading: NOT thread-safe (intentionally racy): callers race on
// params_.

#ifndef RACELAB_SHARE_EXHIBITS_PARAMS_VECTOR_CLIENT_H_
#define RACELAB_SHARE_EXHIBITS_PARAMS_VECTOR_CLIENT_H_

#include <string>
#include <utility>
#include <vector>

namespace racelab::exhibits {

class ParamsVectorClient {
 public:
  std::string Query(const std::string& goods_sign) {
    params_.emplace_back("goods_sign", goods_sign);  // INTENTIONAL DATA RACE
    params_.emplace_back("type", "pdd.ddk.goods.detail");
    std::string query;
    for (const auto& [key, value] : params_) query += key + "=" + value + "&";
    params_.clear();
    return query;
  }

 private:
  std::vector<std::pair<std::string, std::string>> params_;  // shared
};

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_PARAMS_VECTOR_CLIENT_H_
