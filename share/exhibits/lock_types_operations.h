// share/exhibits/lock_types_operations.h
//
// The operations the exhibits split at no pthread unlock are checked with
// (absl::Mutex, its reader lock, a spin lock, atomics): one declaration
// for the racy class and its safe twin, shared by their tests
// (share/history/history_phase_lock_types_test.cc) and the scheduler's
// detection benchmark (share/history/history_phase_benchmark.cc).
//
// Header-only templates: compiled with the code under test, so with the
// controlled scheduler's points where that code has them.

#ifndef RACELAB_SHARE_EXHIBITS_LOCK_TYPES_OPERATIONS_H_
#define RACELAB_SHARE_EXHIBITS_LOCK_TYPES_OPERATIONS_H_

#include "racelab/operations.h"

namespace racelab::exhibits {

template <typename D>  // AbslTicketDispenser, SplitAbslTicketDispenser
Operations<D> TicketOps() {
  return Operations<D>().Op("Next", &D::Next);
}
template <typename C>  // ReaderCache, SplitReaderCache
Operations<C> CacheOps() {
  return Operations<C>().Op("Session", &C::Session, Range(1, 2));
}
template <typename S>  // SpinStock, SplitSpinStock
Operations<S> StockOps() {
  return Operations<S>().Op("Take", &S::Take, Range(1, 2)).Op("Left", &S::Left);
}
template <typename Q>  // AtomicQuota, SplitAtomicQuota
Operations<Q> QuotaOps() {
  return Operations<Q>().Op("TryTake", &Q::TryTake).Op("Used", &Q::Used);
}
template <typename B>  // CasBalance, StaleCasBalance
Operations<B> BalanceOps() {
  return Operations<B>()
      .Op("Deposit", &B::Deposit, Range(1, 3))
      .Op("Balance", &B::Balance);
}
template <typename M>  // HighWaterMark, SplitHighWaterMark
Operations<M> MarkOps() {
  return Operations<M>()
      .Op("Offer", &M::Offer, Range(1, 4))
      .Op("Mark", &M::Mark);
}

}  // namespace racelab::exhibits

#endif  // RACELAB_SHARE_EXHIBITS_LOCK_TYPES_OPERATIONS_H_
