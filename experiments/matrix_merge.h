// experiments/matrix_merge.h
//
// A detection campaign spread over machines: `racelab matrix --shard=I/N`
// runs every N-th run of the matrix (matrix.h) and writes its own
// matrix.json; MergeMatrixShards() turns the N files back into the matrix
// one process would have written, runs in their cells in run order,
// every cell judged again. It refuses, with a message naming the file and
// the difference: a file that is not a racelab matrix, an incomplete
// (interrupted) shard, shards of different builds or options, a shard
// given twice, a shard missing.
// Thread-safe (no shared state).

#ifndef RACELAB_EXPERIMENTS_MATRIX_MERGE_H_
#define RACELAB_EXPERIMENTS_MATRIX_MERGE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "experiments/matrix.h"

namespace racelab {

struct MatrixShardFile {
  std::string path;  // for messages
  std::string json;  // its matrix.json
};

absl::StatusOr<MatrixResult> MergeMatrixShards(
    const std::vector<MatrixShardFile>& shards);

}  // namespace racelab

#endif  // RACELAB_EXPERIMENTS_MATRIX_MERGE_H_
