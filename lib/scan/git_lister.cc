#include "scan/git_lister.h"

#include "scan/git_process.h"

#include <algorithm>

namespace keyshift::scan {

std::vector<std::string> splitNulRecords(std::string_view bytes) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t j = bytes.find('\0', i);
    if (j == std::string_view::npos)
      j = bytes.size();
    if (j > i)
      out.emplace_back(bytes.substr(i, j - i));
    i = j + 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<std::string>
ProcessGitLister::workTreeRoot(const std::string &dir) const {
  auto r = runGit({"-C", dir, "rev-parse", "--show-toplevel"});
  if (!r || r->exit_code != 0)
    return std::nullopt;
  std::string top = std::move(r->out);
  if (!top.empty() && top.back() == '\n')
    top.pop_back();
  if (top.empty() || top.front() != '/')
    return std::nullopt;
  return top;
}

Result<std::vector<std::string>>
ProcessGitLister::listFiles(const std::string &root) const {
  auto r = runGit({"-C", root, "ls-files", "-z", "--cached", "--others",
                   "--exclude-standard"});
  if (!r)
    return r.error();
  if (r->exit_code != 0)
    return makeError(ErrorCode::Io,
                     root + ": git ls-files failed: " + firstLine(r->err));
  return splitNulRecords(r->out);
}

} // namespace keyshift::scan
