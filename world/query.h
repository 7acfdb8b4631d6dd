// world/query.h
//
// ParamMap and the URL query encoding the Go library used for its requests
// (net/url Values.Encode / ParseQuery): keys sorted, values escaped with
// url.QueryEscape rules (unreserved bytes kept, space as '+', the rest %XX).

#ifndef RACELAB_WORLD_QUERY_H_
#define RACELAB_WORLD_QUERY_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace racelab {

// String-keyed request parameters. In Go they were map[string]interface{};
// every PDD parameter is sent as a string, so C++ stores strings.
using ParamMap = absl::flat_hash_map<std::string, std::string>;

// QueryEscape() escapes one key or value like Go's url.QueryEscape.
std::string QueryEscape(absl::string_view text);

// EncodeQuery() returns "k1=v1&k2=v2..." with keys in byte order, like Go's
// url.Values.Encode(). An empty map gives an empty string.
std::string EncodeQuery(const ParamMap& params);

// ParseQuery() parses the output of EncodeQuery() (or any query string).
// Returns InvalidArgument on a malformed %-escape or a repeated key.
absl::StatusOr<ParamMap> ParseQuery(absl::string_view query);

}  // namespace racelab

#endif  // RACELAB_WORLD_QUERY_H_
