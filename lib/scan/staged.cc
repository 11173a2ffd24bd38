#include "scan/staged.h"

#include "scan/git_process.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace keyshift::scan {
namespace {

Error gitFailed(const std::string &root, std::string_view what,
                const GitOutput &out) {
  return makeError(ErrorCode::Io, root + ": git " + std::string(what) +
                                      " failed: " + firstLine(out.err));
}

struct IndexEntry {
  std::string mode;
  std::string oid;
};

// "100644 <oid> 0\t<path>\0" records of `git ls-files -s -z`.
std::map<std::string, IndexEntry> parseStage(std::string_view bytes) {
  std::map<std::string, IndexEntry> out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::size_t end = bytes.find('\0', i);
    if (end == std::string_view::npos)
      end = bytes.size();
    std::string_view rec = bytes.substr(i, end - i);
    i = end + 1;
    const std::size_t tab = rec.find('\t');
    const std::size_t sp1 = rec.find(' ');
    const std::size_t sp2 = rec.find(' ', sp1 + 1);
    if (tab == std::string_view::npos || sp1 == std::string_view::npos ||
        sp2 == std::string_view::npos || sp2 > tab)
      continue;
    out[std::string(rec.substr(tab + 1))] =
        IndexEntry{std::string(rec.substr(0, sp1)),
                   std::string(rec.substr(sp1 + 1, sp2 - sp1 - 1))};
  }
  return out;
}

} // namespace

Result<std::vector<StagedFile>>
readStagedFiles(const std::string &root, IndexSelection which,
                const std::function<bool(const std::string &)> &wanted) {
  auto stage = runGit({"-C", root, "ls-files", "-s", "-z"});
  if (!stage)
    return stage.error();
  if (stage->exit_code != 0)
    return gitFailed(root, "ls-files -s", *stage);
  const auto index = parseStage(stage->out);

  std::vector<std::string> paths;
  if (which == IndexSelection::Changed) {
    auto names = runGit({"-C", root, "diff", "--cached", "--name-only", "-z",
                         "--no-renames", "--diff-filter=ACMRT"});
    if (!names)
      return names.error();
    if (names->exit_code != 0)
      return gitFailed(root, "diff --cached", *names);
    paths = splitNulRecords(names->out);
  } else {
    for (const auto &[path, entry] : index)
      paths.push_back(path);
  }

  std::vector<std::string> selected; // paths of regular files, in order
  std::string request;
  for (const std::string &p : paths) {
    auto it = index.find(p);
    if (it == index.end() || it->second.mode.rfind("100", 0) != 0)
      continue; // a symbolic link (120000) or submodule (160000)
    if (!wanted(p))
      continue;
    selected.push_back(p);
    request += it->second.oid + "\n";
  }
  if (selected.empty())
    return std::vector<StagedFile>{};
  auto blobs = runGit({"-C", root, "cat-file", "--batch"}, request);
  if (!blobs)
    return blobs.error();
  if (blobs->exit_code != 0)
    return gitFailed(root, "cat-file --batch", *blobs);

  // "<oid> blob <size>\n<bytes>\n" per request, in order.
  std::vector<StagedFile> out;
  std::string_view rest = blobs->out;
  for (const std::string &p : selected) {
    const std::size_t nl = rest.find('\n');
    const std::size_t sp = rest.rfind(' ', nl);
    std::size_t size = 0;
    if (nl == std::string_view::npos || sp == std::string_view::npos ||
        std::from_chars(rest.data() + sp + 1, rest.data() + nl, size).ec !=
            std::errc() ||
        nl + 1 + size > rest.size())
      return makeError(ErrorCode::Io,
                       root +
                           ": git cat-file --batch: unexpected output "
                           "for " +
                           p);
    out.push_back({p, std::string(rest.substr(nl + 1, size))});
    rest.remove_prefix(std::min(rest.size(), nl + 1 + size + 1));
  }
  return out;
}

FixedGitLister::FixedGitLister(std::string root, std::vector<std::string> paths)
    : root_(std::move(root)), paths_(std::move(paths)) {
  std::sort(paths_.begin(), paths_.end());
}

std::optional<std::string>
FixedGitLister::workTreeRoot(const std::string &dir) const {
  if (path::isWithin(dir, root_))
    return root_;
  return std::nullopt;
}

Result<std::vector<std::string>>
FixedGitLister::listFiles(const std::string &root) const {
  if (root != root_)
    return makeError(ErrorCode::Io, root + ": not a work tree");
  return paths_;
}

StagedTree stagedTree(const std::string &root, const std::string &cwd,
                      const std::vector<StagedFile> &files) {
  StagedTree tree;
  tree.fs = std::make_unique<MemoryFileSystem>();
  tree.fs->addDir(root);
  tree.fs->addDir(cwd);
  std::vector<std::string> paths;
  for (const StagedFile &f : files) {
    tree.fs->addFile(path::absolute(root, f.path), f.bytes);
    paths.push_back(f.path);
  }
  tree.git = std::make_unique<FixedGitLister>(root, std::move(paths));
  return tree;
}

} // namespace keyshift::scan
