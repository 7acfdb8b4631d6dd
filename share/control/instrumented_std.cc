// share/control/instrumented_std.cc
//
// -finstrument-functions passes each function's address to its entry and
// exit hooks, before inlining, so code compiled with it refers to every
// function it calls by name, even to those that are always inlined. In
// libstdc++ 12, std::allocator<char>'s allocate and deallocate are such
// functions, declared `extern template` and never exported by libstdc++.so:
// a test whose std::string code is compiled for the controlled scheduler
// would not link. Their definitions, instantiated here, close that gap.

#include <memory>

template class std::allocator<char>;
