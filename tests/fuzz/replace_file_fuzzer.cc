// libFuzzer entry point for the content check of every write
// (scan::RealFileSystem::replaceFile, docs/RELIABILITY.md): the file on
// disk holds `original`; keyshift believes it holds `expected` (equal, or
// changed by another program at a fuzzed offset) and replaces it with
// `bytes`. Checked on every input:
//   - the file is replaced exactly when it held what was expected, and then
//     holds `bytes`; otherwise the error is ErrorCode::Changed and the file
//     still holds `original`;
//   - no temporary file is left beside it, whatever happened.
#include "scan/real_file_system.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <fuzzer/FuzzedDataProvider.h>
#include <string>
#include <unistd.h>

namespace {

void check(bool ok) {
  if (!ok)
    std::abort();
}

const std::string &scratch() {
  static const std::string dir = [] {
    char name[] = "/tmp/keyshift-replace-fuzz-XXXXXX";
    check(::mkdtemp(name) != nullptr);
    return std::string(name);
  }();
  return dir;
}

void writeRaw(const std::string &path, const std::string &bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  check(fd >= 0);
  check(::write(fd, bytes.data(), bytes.size()) ==
        static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

std::string readRaw(const std::string &path) {
  keyshift::scan::RealFileSystem fs;
  auto read = fs.readFile(path);
  check(read.ok());
  return *read;
}

std::size_t entries(const std::string &dir) {
  std::size_t n = 0;
  DIR *d = ::opendir(dir.c_str());
  check(d != nullptr);
  while (dirent *e = ::readdir(d))
    n += std::string(e->d_name) != "." && std::string(e->d_name) != "..";
  ::closedir(d);
  return n;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::string original = in.ConsumeRandomLengthString(2048);
  std::string bytes = in.ConsumeRandomLengthString(2048);
  std::string expected = original;
  // 0: unchanged; 1: one byte changed; 2: appended to; 3: truncated.
  switch (in.ConsumeIntegralInRange(0, 3)) {
  case 1:
    if (!expected.empty())
      expected[in.ConsumeIntegralInRange<std::size_t>(0,
                                                      expected.size() - 1)] ^=
          static_cast<char>(in.ConsumeIntegralInRange(1, 255));
    break;
  case 2:
    expected += in.ConsumeRandomLengthString(16);
    break;
  case 3:
    expected.resize(in.ConsumeIntegralInRange<std::size_t>(0, expected.size()));
    break;
  default:
    break;
  }
  const std::string path = scratch() + "/target.py";
  writeRaw(path, original);
  keyshift::scan::RealFileSystem fs;
  auto replaced = fs.replaceFile(path, expected, bytes);
  if (expected == original) {
    check(replaced.ok());
    check(readRaw(path) == bytes);
  } else {
    check(!replaced.ok());
    check(replaced.error().code == keyshift::ErrorCode::Changed);
    check(readRaw(path) == original);
  }
  check(entries(scratch()) == 1);
  return 0;
}
