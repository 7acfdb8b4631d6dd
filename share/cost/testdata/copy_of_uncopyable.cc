// share/cost/testdata/copy_of_uncopyable.cc
//
// Must NOT compile (ctest cost.copy_of_uncopyable_is_refused): a class
// that cannot be copied asked for the copy-per-call strategy. The test
// passes only on racelab's own message.

#include <memory>

#include "racelab/cost.h"

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  int Ping() { return 1; }
};

const bool kRegistered = racelab::Costs<Connection>(
                             "Connection", racelab::Operations<Connection>().Op(
                                               "Ping", &Connection::Ping))
                             .CopyPerCall()
                             .Register();
