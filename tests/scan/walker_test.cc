#include "fake_git_lister.h"
#include "scan/memory_file_system.h"
#include "scan/walker.h"

#include <gtest/gtest.h>

namespace keyshift::scan {
namespace {

std::vector<std::string> repoPaths(const WalkResult &r) {
  std::vector<std::string> out;
  for (const FileEntry &f : r.files)
    out.emplace_back(f.repoPath());
  return out;
}

std::vector<std::string> displayPaths(const WalkResult &r) {
  std::vector<std::string> out;
  for (const FileEntry &f : r.files)
    out.emplace_back(f.displayPath());
  return out;
}

using Strings = std::vector<std::string>;

class WalkerTest : public ::testing::Test {
protected:
  Result<WalkResult> run(Strings roots, std::string cwd = "/w",
                         Strings include = {"**"}, Strings exclude = {}) {
    WalkOptions opts;
    opts.roots = std::move(roots);
    opts.cwd = std::move(cwd);
    opts.include = std::move(include);
    opts.exclude = std::move(exclude);
    return walk(fs_, git_, opts);
  }
  WalkResult ok(Strings roots, std::string cwd = "/w", Strings include = {"**"},
                Strings exclude = {}) {
    auto r = run(std::move(roots), std::move(cwd), std::move(include),
                 std::move(exclude));
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : WalkResult{};
  }

  MemoryFileSystem fs_;
  FakeGitLister git_;
};

TEST_F(WalkerTest, PlainWalkListsKnownLanguagesSortedSkippingVcsDirs) {
  fs_.addFile("/w/b.py", "");
  fs_.addFile("/w/a.ts", "");
  fs_.addFile("/w/README", "");
  fs_.addFile("/w/.env", "");
  fs_.addFile("/w/.github/workflows/ci.yml", "");
  fs_.addFile("/w/.git/hooks/x.py", "");
  fs_.addFile("/w/.svn/y.py", "");
  fs_.addFile("/w/node_modules/openai/index.js", "");
  fs_.addFile("/w/sub/c.py", "");
  WalkResult r = ok({"."});
  EXPECT_EQ(repoPaths(r), (Strings{".env", ".github/workflows/ci.yml", "a.ts",
                                   "b.py", "sub/c.py"}));
  EXPECT_EQ(displayPaths(r), repoPaths(r));
  ASSERT_EQ(r.files.size(), 5u);
  EXPECT_EQ(r.files[0].absPath(), "/w/.env");
  EXPECT_EQ(r.files[0].language, Language::Env);
  EXPECT_EQ(r.files[1].language, Language::Yaml);
  EXPECT_EQ(r.files[2].language, Language::TypeScript);
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(WalkerTest, EmptyRootsMeanTheWorkingDirectory) {
  fs_.addFile("/w/a.py", "");
  EXPECT_EQ(repoPaths(ok({})), (Strings{"a.py"}));
}

TEST_F(WalkerTest, SkippedDirectoryNamedAsRootIsWalked) {
  fs_.addFile("/w/node_modules/openai/index.js", "");
  WalkResult r = ok({"node_modules"});
  EXPECT_EQ(repoPaths(r), (Strings{"node_modules/openai/index.js"}));
}

TEST_F(WalkerTest, MissingRootIsAnErrorNamingIt) {
  fs_.addDir("/w");
  auto r = run({"./nope/"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Usage);
  EXPECT_EQ(r.error().message, "nope: no such file or directory");
}

TEST_F(WalkerTest, BrokenSymlinkIsAnErrorProblemAndNotRead) {
  fs_.addFile("/w/a.py", "");
  fs_.addSymlink("/w/link.py", "gone.py");
  WalkResult r = ok({"."});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
  EXPECT_EQ(r.problems, (std::vector<WalkProblem>{
                            {"link.py", true, "broken symbolic link"}}));
  EXPECT_TRUE(fs_.filesRead().empty());
}

TEST_F(WalkerTest, SymlinkLeavingTheRootIsAnErrorProblemAndNotRead) {
  fs_.addFile("/etc/passwd.yaml", "root:x:0:0");
  fs_.addSymlink("/w/conf.yaml", "/etc/passwd.yaml");
  fs_.addSymlink("/w/up.py", "../etc/passwd.yaml");
  WalkResult r = ok({"."});
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(r.problems,
            (std::vector<WalkProblem>{
                {"conf.yaml", true,
                 "symbolic link leaves the root: -> /etc/passwd.yaml"},
                {"up.py", true,
                 "symbolic link leaves the root: -> ../etc/passwd.yaml"}}));
  EXPECT_TRUE(fs_.filesRead().empty());
}

TEST_F(WalkerTest, SymlinkToAFileInsideTheRootIsSkippedSilently) {
  fs_.addFile("/w/a.py", "");
  fs_.addSymlink("/w/alias.py", "a.py");
  WalkResult r = ok({"."});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(WalkerTest, SymlinkedDirectoryIsNotFollowed) {
  fs_.addFile("/w/src/x.py", "");
  fs_.addSymlink("/w/lib", "src");
  fs_.addSymlink("/w/outside", "/usr/lib");
  WalkResult r = ok({"."});
  EXPECT_EQ(repoPaths(r), (Strings{"src/x.py"}));
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(WalkerTest, SymlinkRootIsResolvedToItsTarget) {
  fs_.addFile("/w/releases/v2/a.py", "");
  fs_.addSymlink("/w/current", "releases/v2");
  WalkResult r = ok({"current"});
  EXPECT_EQ(displayPaths(r), (Strings{"releases/v2/a.py"}));
  EXPECT_EQ(r.files[0].absPath(), "/w/releases/v2/a.py");
}

TEST_F(WalkerTest, SymlinkRootLeavingTheRootIsAnErrorProblemAndNotRead) {
  fs_.addFile("/home/u/out.py", "x = 1\n");
  fs_.addFile("/home/u/lib/y.py", "");
  fs_.addSymlink("/w/out.py", "/home/u/out.py");
  fs_.addSymlink("/w/lib", "/home/u/lib");
  WalkResult r = ok({"out.py", "lib"});
  EXPECT_TRUE(r.files.empty());
  EXPECT_EQ(r.problems,
            (std::vector<WalkProblem>{
                {"lib", true, "symbolic link leaves the root: -> /home/u/lib"},
                {"out.py", true,
                 "symbolic link leaves the root: -> /home/u/out.py"}}));
  EXPECT_TRUE(fs_.filesRead().empty());
}

TEST_F(WalkerTest, SymlinkedDirectoryRootIsNotDescendedForWriting) {
  fs_.addFile("/w/releases/v2/a.py", "");
  fs_.addSymlink("/w/current", "releases/v2");
  WalkOptions opts;
  opts.roots = {"current"};
  opts.cwd = "/w";
  opts.for_writing = true;
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->files.empty());
  EXPECT_EQ(r->problems,
            (std::vector<WalkProblem>{
                {"current", true,
                 "symbolic link to a directory: not followed with --apply "
                 "(name releases/v2 instead)"}}));
}

TEST_F(WalkerTest, MissingRootIsSkippedWhenAskedFor) {
  fs_.addFile("/w/a.py", "");
  WalkOptions opts;
  opts.roots = {"deleted.py", "a.py"};
  opts.cwd = "/w";
  opts.missing_roots_skipped = true;
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(repoPaths(*r), (Strings{"a.py"}));
  EXPECT_EQ(r->problems,
            (std::vector<WalkProblem>{
                {"deleted.py", false, "no such file or directory"}}));
}

TEST_F(WalkerTest, BrokenSymlinkRootIsAnErrorProblem) {
  fs_.addFile("/w/a.py", "");
  fs_.addSymlink("/w/dangling.py", "nowhere.py");
  WalkResult r = ok({"dangling.py", "a.py"});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
  EXPECT_EQ(r.problems, (std::vector<WalkProblem>{
                            {"dangling.py", true, "broken symbolic link"}}));
}

TEST_F(WalkerTest, UnreadableDirectoryIsAnErrorProblemAndTheRestIsWalked) {
  fs_.addFile("/w/a.py", "");
  fs_.addFile("/w/secret/b.py", "");
  fs_.setUnreadable("/w/secret");
  WalkResult r = ok({"."});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
  EXPECT_EQ(r.problems,
            (std::vector<WalkProblem>{
                {"secret", true, "cannot read directory: Permission denied"}}));
}

TEST_F(WalkerTest, UnreadableFileIsListedForTheLoaderToReport) {
  fs_.addFile("/w/a.py", "");
  fs_.setUnreadable("/w/a.py");
  EXPECT_EQ(repoPaths(ok({"."})), (Strings{"a.py"}));
}

TEST_F(WalkerTest, IncludeAndExcludeGlobsApplyToRepoPaths) {
  fs_.addFile("/w/src/a.py", "");
  fs_.addFile("/w/src/gen/b.py", "");
  fs_.addFile("/w/src/c.ts", "");
  fs_.addFile("/w/tools/d.py", "");
  fs_.addFile("/w/third_party/x/e.py", "");
  WalkResult r =
      ok({"."}, "/w", {"src/**", "*.py"}, {"src/gen/", "third_party/**"});
  EXPECT_EQ(repoPaths(r), (Strings{"src/a.py", "src/c.ts", "tools/d.py"}));
}

TEST_F(WalkerTest, EmptyIncludeListIncludesEverything) {
  fs_.addFile("/w/a.py", "");
  EXPECT_EQ(repoPaths(ok({"."}, "/w", {})), (Strings{"a.py"}));
}

TEST_F(WalkerTest, ExcludedPathsProduceNoProblems) {
  fs_.addSymlink("/w/vendor/broken.py", "gone.py");
  WalkResult r = ok({"."}, "/w", {"**"}, {"vendor"});
  EXPECT_TRUE(r.files.empty());
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(WalkerTest, BadGlobIsAConfigErrorNamingThePattern) {
  fs_.addDir("/w");
  auto r = run({"."}, "/w", {"**"}, {"[a"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::Config);
  EXPECT_EQ(r.error().message, "glob '[a': unclosed character class");
}

TEST_F(WalkerTest, FileNamedTwiceIsListedOnce) {
  fs_.addFile("/w/a.py", "");
  fs_.addFile("/w/b.py", "");
  WalkResult r = ok({"a.py", ".", "./a.py", "/w/a.py"});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py", "b.py"}));
}

TEST_F(WalkerTest, RootOutsideCwdShowsAbsolutePathsAndRootRelativeRepoPaths) {
  fs_.addFile("/w/sub/a.py", "");
  fs_.addFile("/w/other/x.py", "");
  fs_.addFile("/w/other/deep/y.py", "");
  WalkResult r = ok({"../other", "/w/other/x.py", "a.py"}, "/w/sub");
  EXPECT_EQ(repoPaths(r), (Strings{"a.py", "deep/y.py", "x.py"}));
  EXPECT_EQ(displayPaths(r),
            (Strings{"a.py", "/w/other/deep/y.py", "/w/other/x.py"}));
}

TEST_F(WalkerTest, SameRepoPathSortsByDisplayPath) {
  fs_.addFile("/b/x.py", "");
  fs_.addFile("/a/x.py", "");
  fs_.addDir("/w");
  WalkResult r = ok({"/b", "/a"});
  EXPECT_EQ(repoPaths(r), (Strings{"x.py", "x.py"}));
  EXPECT_EQ(displayPaths(r), (Strings{"/a/x.py", "/b/x.py"}));
}

TEST_F(WalkerTest, UnknownLanguageExplicitFileIsDroppedSilently) {
  fs_.addFile("/w/LICENSE", "");
  WalkResult r = ok({"LICENSE"});
  EXPECT_TRUE(r.files.empty());
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(WalkerTest, AnyTextTakesEveryNameButBinaryExtensions) {
  fs_.addFile("/w/Dockerfile", "");
  fs_.addFile("/w/notes.txt", "");
  fs_.addFile("/w/.env.example", "");
  fs_.addFile("/w/app.log", "");
  fs_.addFile("/w/a.py", "");
  fs_.addFile("/w/logo.PNG", "");
  fs_.addFile("/w/dist/app.tar.gz", "");
  WalkOptions opts;
  opts.roots = {"."};
  opts.cwd = "/w";
  opts.any_text = true;
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(repoPaths(*r), (Strings{".env.example", "Dockerfile", "a.py",
                                    "app.log", "notes.txt"}));
  // Dockerfile is the config engine's; notes.txt no engine's.
  EXPECT_NE(r->files[1].language, Language::Unknown);
  EXPECT_EQ(r->files[4].language, Language::Unknown);
}

TEST(IsBinaryNameTest, ByExtensionCaseInsensitively) {
  EXPECT_TRUE(isBinaryName("img/logo.png"));
  EXPECT_TRUE(isBinaryName("w.SAFETENSORS"));
  EXPECT_TRUE(isBinaryName("x.tar.gz"));
  EXPECT_FALSE(isBinaryName("Makefile"));
  EXPECT_FALSE(isBinaryName(".png"));
  EXPECT_FALSE(isBinaryName("png.txt"));
}

// --- inside a git work tree (FakeGitLister) ---

class GitWalkerTest : public WalkerTest {
protected:
  void SetUp() override {
    fs_.addFile("/r/a.py", "");
    fs_.addFile("/r/ignored.py", "");
    fs_.addFile("/r/src/b.py", "");
    fs_.addFile("/r/src/c.ts", "");
    fs_.addFile("/r/lib/x.py", "");
    fs_.addFile("/r/sub/inner.py", ""); // a submodule's content
    fs_.addFile("/r/nested/n.py", "");  // an untracked nested repository
    fs_.addFile("/r/third_party/t.py", "");
    git_.addWorkTree("/r",
                     {"a.py", "deleted.py", "src/b.py", "src/c.ts", "lib/x.py",
                      "sub", "nested/", "third_party/t.py", "README"});
  }
};

TEST_F(GitWalkerTest, UsesGitsListDroppingDeletedAndNotDescending) {
  WalkResult r = ok({"."}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"a.py", "lib/x.py", "src/b.py", "src/c.ts",
                                   "third_party/t.py"}));
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(GitWalkerTest, NoIgnoreWalksWhatGitIgnoresToo) {
  WalkOptions opts;
  opts.roots = {"."};
  opts.cwd = "/r";
  opts.no_ignore = true;
  auto r = walk(fs_, git_, opts);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(repoPaths(*r), (Strings{"a.py", "ignored.py", "lib/x.py",
                                    "nested/n.py", "src/b.py", "src/c.ts",
                                    "sub/inner.py", "third_party/t.py"}));
  EXPECT_EQ(git_.listCalls(), 0);
  opts.roots = {"src"};
  auto sub = walk(fs_, git_, opts);
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(repoPaths(*sub), (Strings{"src/b.py", "src/c.ts"}));
}

TEST_F(GitWalkerTest, DirectoryRootRestrictsGitsList) {
  WalkResult r = ok({"src"}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"src/b.py", "src/c.ts"}));
  EXPECT_EQ(displayPaths(r), (Strings{"src/b.py", "src/c.ts"}));
}

TEST_F(GitWalkerTest, RepoPathsStayRelativeToTheWorkTreeFromASubdirectory) {
  WalkResult r = ok({"."}, "/r/src", {"src/*.py"});
  EXPECT_EQ(repoPaths(r), (Strings{"src/b.py"}));
  EXPECT_EQ(displayPaths(r), (Strings{"b.py"}));
  EXPECT_EQ(r.files[0].absPath(), "/r/src/b.py");
}

TEST_F(GitWalkerTest, ParentOfCwdIsShownWithAnAbsolutePath) {
  WalkResult r = ok({"../lib"}, "/r/src");
  EXPECT_EQ(repoPaths(r), (Strings{"lib/x.py"}));
  EXPECT_EQ(displayPaths(r), (Strings{"/r/lib/x.py"}));
}

TEST_F(GitWalkerTest, ExplicitFileIsTakenEvenWhenGitIgnoresIt) {
  WalkResult r = ok({"ignored.py"}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"ignored.py"}));
}

TEST_F(GitWalkerTest, ExplicitFileStillHonoursExcludeGlobs) {
  WalkResult r =
      ok({"third_party/t.py", "a.py"}, "/r", {"**"}, {"third_party/"});
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
}

TEST_F(GitWalkerTest, LinkToAnotherDirectoryOfTheWorkTreeIsSilent) {
  fs_.addSymlink("/r/src/link.py", "../lib/x.py");
  git_.addWorkTree("/r", {"src/b.py", "src/link.py"});
  WalkResult r = ok({"src"}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"src/b.py"}));
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(GitWalkerTest, TrackedLinkLeavingTheWorkTreeIsReported) {
  fs_.addFile("/home/u/.config/key.json", "{}");
  fs_.addSymlink("/r/key.json", "/home/u/.config/key.json");
  git_.addWorkTree("/r", {"a.py", "key.json"});
  WalkResult r = ok({"."}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"a.py"}));
  EXPECT_EQ(r.problems,
            (std::vector<WalkProblem>{{"key.json", true,
                                       "symbolic link leaves the root: -> "
                                       "/home/u/.config/key.json"}}));
}

TEST_F(GitWalkerTest, GitIsAskedOncePerWorkTreeAndDirectory) {
  WalkResult r = ok({"src", "lib", "src/b.py", "src/c.ts"}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"lib/x.py", "src/b.py", "src/c.ts"}));
  EXPECT_EQ(git_.listCalls(), 1);
  EXPECT_EQ(git_.rootQueries(), 2); // /r/src and /r/lib
}

TEST_F(GitWalkerTest, InnermostWorkTreeWinsForANestedRepository) {
  git_.addWorkTree("/r/nested", {"n.py"});
  WalkResult r = ok({"nested"}, "/r");
  EXPECT_EQ(repoPaths(r), (Strings{"n.py"}));
  EXPECT_EQ(displayPaths(r), (Strings{"nested/n.py"}));
}

// One string per entry: the display and repository paths are tails of the
// absolute one, or kept beside it when not (a root reached through a link).
TEST(FileEntryTest, KeepsEachPathWhetherOrNotItIsATailOfTheAbsolutePath) {
  FileEntry tails("src/a.py", "a.py", "/r/src/a.py", Language::Python);
  EXPECT_EQ(tails.displayPath(), "src/a.py");
  EXPECT_EQ(tails.repoPath(), "a.py");
  EXPECT_EQ(tails.absPath(), "/r/src/a.py");
  FileEntry linked("link/a.py", "link/a.py", "/real/a.py", Language::Python);
  EXPECT_EQ(linked.displayPath(), "link/a.py");
  EXPECT_EQ(linked.repoPath(), "link/a.py");
  EXPECT_EQ(linked.absPath(), "/real/a.py");
  FileEntry apart("x/a.py", "y/a.py", "/real/a.py", Language::Python);
  EXPECT_EQ(apart.displayPath(), "x/a.py");
  EXPECT_EQ(apart.repoPath(), "y/a.py");
  EXPECT_EQ(apart.absPath(), "/real/a.py");
  EXPECT_EQ(apart,
            FileEntry("x/a.py", "y/a.py", "/real/a.py", Language::Python));
  EXPECT_FALSE(apart == linked);
}

} // namespace
} // namespace keyshift::scan
