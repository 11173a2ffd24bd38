#include "driver/file_worker.h"

#include "base/content_hash.h"
#include "driver/process_file.h"
#include "match/treesitter/budget.h"
#include "scan/file_loader.h"

namespace keyshift::driver {
namespace {

FileProblem problemFor(const scan::FileEntry &entry, FileProblem::Kind kind,
                       std::string message) {
  return FileProblem{std::string(entry.displayPath()), kind,
                     std::move(message)};
}

/// The message for a refused write (scan::FileSystem::replaceFile).
std::string writeFailure(const Error &e, const std::string &path) {
  std::string reason = scan::errorReason(e, path);
  switch (e.code) {
  case ErrorCode::Changed:
    return "skipped: " + reason; // "changed during the run (...)"
  case ErrorCode::Input:
    return "not written: " + reason; // hard links
  default:
    return "cannot write: " + reason;
  }
}

/// What reading a file the index pass found nothing in would give: scanned,
/// nothing found, nothing to change (no sink reads the text then).
void nothingFound(const scan::FileEntry &entry, Slot &slot) {
  slot.file = std::make_unique<SourceFile>(std::string(entry.repoPath()),
                                           std::string(), entry.language);
  slot.outcome.emplace();
  slot.outcome->source = slot.file.get();
  slot.outcome->display_path = entry.displayPath();
  slot.outcome->repo_path = entry.repoPath();
}

} // namespace

FileWorker::FileWorker(const DriverOptions &options, const Engines &engines,
                       const RuleIndex &index, const RepoPlan &plan,
                       const CppBatch *cpp, scan::FileSystem &fs,
                       IndexCache *cache)
    : options_(options), engines_(engines), index_(index), plan_(plan),
      cpp_(cpp), fs_(fs), cache_(cache) {}

Slot FileWorker::process(const scan::FileEntry &entry, std::size_t walk_index) {
  // Taken first, whatever happens next, so its budget is freed.
  std::optional<IndexCache::Kept> kept =
      cache_ ? cache_->take(walk_index) : std::nullopt;
  Slot slot;
  const bool batched = entry.language == Language::Cpp && cpp_ != nullptr;
  const bool matched = engines_.forLanguage(entry.language) != nullptr &&
                       index_.covers(entry.language);
  if (!batched && !matched && !options_.keys.enabled)
    return slot;
  const ChangeSelection::File *selected = nullptr;
  if (options_.selection) {
    auto it = options_.selection->files.find(std::string(entry.repoPath()));
    if (it == options_.selection->files.end())
      return slot; // nothing accepted here: not even read
    selected = &it->second;
  }
  if (options_.apply)
    sweep(entry, slot);
  if (!kept && !batched && !selected && cache_ && cache_->clean(walk_index) &&
      !plan_.edits(std::string(entry.repoPath()))) {
    nothingFound(entry, slot);
    return slot;
  }
  std::optional<std::vector<Finding>> known;
  if (kept) {
    // The bytes the plan was built from; should the file have changed
    // since, the write below refuses it (it must still hold these bytes).
    slot.file = std::make_unique<SourceFile>(std::move(kept->file));
    known = std::move(kept->findings);
  } else {
    scan::LoadResult loaded = scan::loadFile(fs_, entry, options_.limits);
    // Read for the key scanner alone: a binary is not text, as in rg.
    if (loaded.binary && !batched && !matched)
      return slot;
    if (loaded.status != scan::LoadStatus::Loaded) {
      slot.problem = problemFor(entry,
                                loaded.status == scan::LoadStatus::Skipped
                                    ? FileProblem::Kind::Skipped
                                    : FileProblem::Kind::Error,
                                loaded.message);
      return slot;
    }
    slot.file = std::make_unique<SourceFile>(std::move(*loaded.file));
  }
  // The bytes exactly as read: what the engines saw, and what the file must
  // still hold when it is replaced.
  const std::string bytes = slot.file->withBom(slot.file->content());
  if (selected && contentHash(bytes) != selected->reviewed_hash) {
    slot.problem = problemFor(entry, FileProblem::Kind::Error,
                              "skipped: changed since it was reviewed (not "
                              "written; run again)");
    return slot;
  }
  std::optional<FileOutcome> outcome =
      match(entry, *slot.file, bytes, selected, std::move(known), slot);
  if (!outcome)
    return slot;
  outcome->display_path = entry.displayPath();
  outcome->repo_path = entry.repoPath();
  // A file the engine's budget cut short was not fully read: never a
  // silent "0 findings" (exit 3, like any file that could not be
  // processed).
  for (const Finding &f : outcome->findings)
    if (ts::isTooComplex(f) && !slot.problem) {
      slot.problem = problemFor(entry, FileProblem::Kind::Error, f.message);
      break;
    }
  slot.outcome = std::move(outcome);
  if (options_.apply && slot.outcome->changed())
    write(entry, bytes, slot);
  return slot;
}

std::optional<FileOutcome>
FileWorker::match(const scan::FileEntry &entry, const SourceFile &file,
                  const std::string &bytes,
                  const ChangeSelection::File *selected,
                  std::optional<std::vector<Finding>> known, Slot &slot) const {
  ProcessOptions po;
  po.accepted = selected ? &selected->accepted : nullptr;
  po.baseline = options_.baseline;
  po.plan = &plan_;
  po.repo_path = entry.repoPath();
  po.keys = options_.keys;
  if (entry.language != Language::Cpp || cpp_ == nullptr) {
    const Matcher *matcher = engines_.forLanguage(entry.language);
    if (!matcher || !index_.covers(entry.language))
      return reconcile(file, {}, nullptr, po);
    // Matched in the index pass, from these bytes, without the plan's
    // help: the same findings a match now would give.
    if (known)
      return processFindings(file, *matcher, std::move(*known), po);
    // One read of the file feeds the prefilter and the key scanner.
    auto wanted = index_.candidates(entry.language, file.content());
    if (!wanted.empty())
      return processFile(file, *matcher, wanted, po);
    // No rule to run, but the plan may edit it (a model flow's value in a
    // settings module that mentions no OpenAI name).
    std::vector<Finding> planned;
    plan_.apply(std::string(entry.repoPath()), planned, &file);
    const SyntaxChecker *checker =
        planned.empty() ? nullptr : &matcher->syntaxChecker();
    return reconcile(file, std::move(planned), checker, po);
  }
  // Clang read the file itself, maybe at another moment: its offsets are
  // applied only to the very bytes it parsed.
  std::vector<Finding> found;
  if (auto it = cpp_->findings.find(std::string(entry.absPath()));
      it != cpp_->findings.end())
    found = it->second;
  if (!found.empty()) {
    std::vector<std::uint64_t> parsed;
    if (auto it = cpp_->parsed_hashes.find(std::string(entry.absPath()));
        it != cpp_->parsed_hashes.end())
      parsed = it->second;
    if (parsed.size() != 1 || parsed.front() != contentHash(bytes)) {
      slot.problem = problemFor(entry, FileProblem::Kind::Error,
                                "skipped: changed during the run (Clang parsed "
                                "other bytes than the file now holds)");
      return std::nullopt;
    }
  }
  // Clang's edits only touch literal interiors and argument lists it has
  // parsed; there is no cheap re-parse to verify them with.
  FileOutcome outcome = reconcile(file, std::move(found), nullptr, po);
  if (auto err = cpp_->errors.find(std::string(entry.absPath()));
      err != cpp_->errors.end())
    slot.problem = problemFor(entry, FileProblem::Kind::Error, err->second);
  return outcome;
}

void FileWorker::write(const scan::FileEntry &entry, const std::string &bytes,
                       Slot &slot) {
  if (options_.test_hooks.before_write)
    options_.test_hooks.before_write(std::string(entry.absPath()));
  auto written = fs_.replaceFile(std::string(entry.absPath()), bytes,
                                 slot.file->withBom(slot.outcome->new_content));
  if (written.ok()) {
    slot.outcome->written = true;
    return;
  }
  slot.problem =
      problemFor(entry, FileProblem::Kind::Error,
                 writeFailure(written.error(), std::string(entry.absPath())));
  // Findings made from bytes the file no longer holds describe nothing.
  if (written.error().code == ErrorCode::Changed)
    slot.outcome.reset();
}

void FileWorker::sweep(const scan::FileEntry &entry, Slot &slot) {
  std::string dir = scan::path::parent(std::string(entry.absPath()));
  {
    std::lock_guard<std::mutex> lock(swept_mu_);
    if (!swept_.insert(dir).second)
      return;
  }
  auto removed = fs_.removeStaleTemporaries(dir);
  if (!removed.ok()) {
    slot.notes.push_back(removed.error().message);
    return;
  }
  if (removed->empty())
    return;
  std::string shown = scan::path::parent(std::string(entry.displayPath()));
  std::string note = "removed " + std::to_string(removed->size()) +
                     " temporary file" + (removed->size() == 1 ? "" : "s") +
                     " left in " + shown + " by an interrupted keyshift run:";
  for (const std::string &name : *removed)
    note += " " + name;
  slot.notes.push_back(std::move(note));
}

} // namespace keyshift::driver
