// A GitLister for tests: work trees and their file lists are set up front,
// so walker tests need neither git nor a disk.
#ifndef KEYSHIFT_TESTS_SCAN_FAKE_GIT_LISTER_H_
#define KEYSHIFT_TESTS_SCAN_FAKE_GIT_LISTER_H_

#include "scan/file_system.h"
#include "scan/git_lister.h"

#include <algorithm>
#include <map>

namespace keyshift::scan {

class FakeGitLister final : public GitLister {
public:
  /// `files` relative to `root`, as git ls-files would print them.
  void addWorkTree(const std::string &root, std::vector<std::string> files) {
    std::sort(files.begin(), files.end());
    trees_[root] = std::move(files);
  }
  std::optional<std::string>
  workTreeRoot(const std::string &dir) const override {
    ++root_queries_;
    // The innermost work tree wins, as with submodules.
    std::optional<std::string> best;
    for (const auto &[root, files] : trees_)
      if (path::isWithin(dir, root) && (!best || root.size() > best->size()))
        best = root;
    return best;
  }
  Result<std::vector<std::string>>
  listFiles(const std::string &root) const override {
    ++list_calls_;
    auto it = trees_.find(root);
    if (it == trees_.end())
      return makeError(ErrorCode::Io, root + ": not a work tree");
    return it->second;
  }
  int rootQueries() const { return root_queries_; }
  int listCalls() const { return list_calls_; }

private:
  std::map<std::string, std::vector<std::string>> trees_;
  mutable int root_queries_ = 0;
  mutable int list_calls_ = 0;
};

} // namespace keyshift::scan

#endif // KEYSHIFT_TESTS_SCAN_FAKE_GIT_LISTER_H_
