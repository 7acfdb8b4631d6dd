// detectors/evidence_sample.cc
//
// evidence_sample: small programs that each cause ONE outcome for real, so
// that the classifier's tests (evidence_test.cc) read output the tools
// printed live, not text typed by hand.
//
//   evidence_sample race          two threads write one int, ordered only by
//                                 relaxed atomics (no happens-before): TSan
//                                 reports a data race on every run
//   evidence_sample use_after_free  one thread frees a block another then
//                                 reads: TSan's heap-use-after-free
//   evidence_sample lock_order    one thread takes two mutexes in both
//                                 orders: TSan's lock-order-inversion
//   evidence_sample segv          a write through a null pointer
//   evidence_sample abort         a failed assert()
//   evidence_sample hang          sleeps until killed
//   evidence_sample lost_update   two threads add 1 to a balance through a
//                                 read-then-write split by a mutex handoff:
//                                 no data race, a deterministic wrong sum
//   evidence_sample clean         does nothing wrong
//
// Exit codes: 0 the sample finished with the right result, 1 lost_update's
// wrong result, 2 bad usage; the others end as their names say.

#undef NDEBUG  // the abort sample is a real assert()

#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

namespace {

// Relaxed atomics order the two threads in time without telling TSan: the
// accesses they separate still race, as far as the memory model goes.
void SpinUntil(const std::atomic<int>& flag, int value) {
  while (flag.load(std::memory_order_relaxed) != value) {
    std::this_thread::yield();
  }
}

int Race() {
  static int shared = 0;
  std::atomic<int> step{0};
  std::thread writer([&] {
    shared = 1;  // first write
    step.store(1, std::memory_order_relaxed);
  });
  SpinUntil(step, 1);
  shared = 2;  // second write: a data race with the first
  writer.join();
  std::printf("shared=%d\n", shared);
  return 0;
}

int UseAfterFree() {
  int* block = new int(7);
  std::atomic<int> step{0};
  std::thread freer([&] {
    SpinUntil(step, 1);
    delete block;
    step.store(2, std::memory_order_relaxed);
  });
  step.store(1, std::memory_order_relaxed);
  SpinUntil(step, 2);
  const int value = *static_cast<volatile int*>(block);  // freed
  freer.join();
  std::printf("value=%d\n", value);
  return 0;
}

int LockOrder() {
  std::mutex first, second;
  {
    std::lock_guard<std::mutex> a(first);
    std::lock_guard<std::mutex> b(second);
  }
  {
    std::lock_guard<std::mutex> b(second);
    std::lock_guard<std::mutex> a(first);  // the inverse order
  }
  return 0;
}

int Segv() {
  volatile int* nowhere = nullptr;
  *nowhere = 1;
  return 0;
}

int Abort() {
  const bool table_intact = std::getenv("EVIDENCE_SAMPLE_NEVER_SET") != nullptr;
  assert(table_intact);
  return 0;
}

int Hang() {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}

// Each thread reads the balance, hands the turn to the other, and writes
// back what it read plus one. Every access is ordered by the mutex, so this
// is a logic race (check-then-act), not a data race: no detector sees it,
// and the sum is wrong every time.
int LostUpdate() {
  std::mutex mu;
  std::condition_variable turn_changed;
  int turn = 0;  // 0: A reads, 1: B reads, 2: A writes, 3: B writes
  int balance = 0;
  auto client = [&](int read_turn, int write_turn) {
    int seen;
    {
      std::unique_lock<std::mutex> lock(mu);
      turn_changed.wait(lock, [&] { return turn == read_turn; });
      seen = balance;
      ++turn;
    }
    turn_changed.notify_all();
    std::unique_lock<std::mutex> lock(mu);
    turn_changed.wait(lock, [&] { return turn == write_turn; });
    balance = seen + 1;
    ++turn;
    lock.unlock();
    turn_changed.notify_all();
  };
  std::thread a(client, 0, 2), b(client, 1, 3);
  a.join();
  b.join();
  std::printf("evidence-sample requests=2 wrong=%d balance=%d\n", 2 - balance,
              balance);
  return balance == 2 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr,
                 "usage: evidence_sample race|use_after_free|lock_order|segv|"
                 "abort|hang|lost_update|clean\n");
    return 2;
  }
  const char* mode = argv[1];
  if (std::strcmp(mode, "race") == 0) return Race();
  if (std::strcmp(mode, "use_after_free") == 0) return UseAfterFree();
  if (std::strcmp(mode, "lock_order") == 0) return LockOrder();
  if (std::strcmp(mode, "segv") == 0) return Segv();
  if (std::strcmp(mode, "abort") == 0) return Abort();
  if (std::strcmp(mode, "hang") == 0) return Hang();
  if (std::strcmp(mode, "lost_update") == 0) return LostUpdate();
  if (std::strcmp(mode, "clean") == 0) return 0;
  std::fprintf(stderr, "evidence_sample: unknown mode \"%s\"\n", mode);
  return 2;
}
