// Must NOT compile: an operation whose result has no operator==
// (share/CMakeLists.txt, test share.result_without_equality).

#include <memory>

#include "racelab/share.h"

struct Reading {
  int value = 0;  // no operator==
};

class Sensor {
 public:
  Reading Read() { return {}; }
};

void Declare() {
  racelab::Operations<Sensor>().Op("Read", &Sensor::Read);
}
