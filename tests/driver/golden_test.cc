// Golden tests (STYLE §5.9): every testdata/golden/<lang>/<case>/ holds an
// input.<ext> and the expected outputs of `keyshift migrate` on it with the
// fixed test proxy (B = https://llm-proxy.example/v1, K = LLM_PROXY_KEY):
//   expected.diff         the unified diff (empty when nothing changes)
//   expected.audit.jsonl  the audit log (deterministic: elapsed_ms 0)
//   shim                  (optional, empty) run as `migrate --shim`
//   include-docs          (optional, empty) run with `--include-docs`
//   proxy.json            (optional) a .keyshift.json whose proxy.preset and
//                         models give the run the preset's model naming and
//                         headers (B and K stay the test proxy's)
// For each case the test also checks idempotency (the rewritten file gives
// no edits) and that real `git apply` turns input into the rewritten file.
// Inputs may hold @@FAKE_OPENAI_KEY@@-style tokens: fake keys are generated
// at run time, and KEYSHIFT_UPDATE_GOLDEN=1 writes the tokens back, never a
// key, when it refreshes the expected files.
#include "config/options.h"
#include "driver/driver.h"
#include "driver/engines.h"
#include "report/audit_log_writer.h"
#include "report/fan_out_sink.h"
#include "report/unified_diff_printer.h"
#include "ruleset/embedded_rules.h"
#include "ruleset/rule_set.h"
#include "scan/memory_file_system.h"
#include "scan/real_file_system.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace keyshift {
namespace {

namespace fs = std::filesystem;
using testing::readText;
using testing::writeText;

const fs::path kGolden = fs::path(KEYSHIFT_SOURCE_DIR) / "testdata" / "golden";
constexpr std::uint64_t kSeed = 42;

/// The keys a seed produces, so golden updates can put the tokens back.
std::string restoreTokens(std::string text) {
  for (auto token :
       {testing::kFakeKeyToken, testing::kFakeProjectKeyToken,
        testing::kFakeServiceAccountKeyToken, testing::kFakeAdminKeyToken}) {
    std::string key = testing::substituteFakeKeys(std::string(token), kSeed);
    for (std::size_t pos = text.find(key); pos != std::string::npos;
         pos = text.find(key, pos))
      text.replace(pos, key.size(), token);
  }
  return text;
}

class NoGit final : public scan::GitLister {
public:
  std::optional<std::string> workTreeRoot(const std::string &) const override {
    return std::nullopt;
  }
  Result<std::vector<std::string>>
  listFiles(const std::string &) const override {
    return std::vector<std::string>{};
  }
};

struct Case {
  fs::path dir;
  fs::path input;
  std::string name() const {
    return dir.parent_path().filename().string() + "_" +
           dir.filename().string();
  }
};

// gtest prints a failing parameter: the case's folder, not its bytes.
void PrintTo(const Case &c, std::ostream *os) { *os << c.dir.string(); }

std::vector<Case> discoverCases() {
  std::vector<Case> cases;
  if (!fs::exists(kGolden))
    return cases;
  for (const auto &entry : fs::recursive_directory_iterator(kGolden))
    if (entry.path().stem() == "input" &&
        (entry.is_regular_file() || entry.is_directory()))
      cases.push_back({entry.path().parent_path(), entry.path()});
  std::sort(cases.begin(), cases.end(),
            [](const Case &a, const Case &b) { return a.dir < b.dir; });
  return cases;
}

struct RunOutput {
  std::string diff;
  std::string audit;
  std::string rewritten; ///< with BOM, as --apply would write it
  std::map<std::string, std::string> tree; ///< every file, as written
};

/// A multi-file case's `input/` folder: repository path -> bytes.
std::map<std::string, std::string> readTree(const fs::path &dir) {
  std::map<std::string, std::string> tree;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      tree[fs::relative(entry.path(), dir).string()] =
          testing::substituteFakeKeys(readText(entry.path()), kSeed);
  return tree;
}

/// The test proxy, with the model naming and headers a case's proxy.json
/// asks for (resolved as the CLI resolves a .keyshift.json).
ProxyTarget testProxy(const std::string &proxy_json) {
  ProxyTarget proxy{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""};
  if (proxy_json.empty())
    return proxy;
  auto file = config::parseConfig(proxy_json, "proxy.json");
  EXPECT_TRUE(file.ok()) << file.error().message;
  auto presets =
      config::parsePresets(ruleset::builtinProxiesJson(), "proxies.json");
  EXPECT_TRUE(presets.ok());
  if (!file.ok() || !presets.ok())
    return proxy;
  auto o = config::resolve(*file, {}, *presets, false);
  EXPECT_TRUE(o.ok()) << o.error().message;
  if (o.ok()) {
    proxy.models = o->proxy.models;
    proxy.headers = o->proxy.headers;
  }
  return proxy;
}

class Pipeline {
public:
  explicit Pipeline(RewriteOptions rewrite, const std::string &proxy_json) {
    ruleset::LoadOptions lo;
    auto rules = ruleset::loadRuleSet(lo);
    EXPECT_TRUE(rules.ok()) << rules.error().message;
    rules_ = std::move(rules).value();
    auto engines =
        driver::Engines::build(rules_, testProxy(proxy_json), rewrite);
    EXPECT_TRUE(engines.ok()) << engines.error().message;
    engines_ = std::make_unique<driver::Engines>(std::move(engines).value());
  }

  /// Runs `migrate --apply` over an in-memory tree (path -> bytes) rooted
  /// at /repo; `rewritten` is the first file as written back.
  RunOutput runTree(const std::map<std::string, std::string> &files,
                    unsigned threads,
                    std::optional<driver::Shard> shard = std::nullopt) {
    // Clang reads C++ files from disk: a tree holding some runs there.
    if (std::any_of(files.begin(), files.end(),
                    [](const auto &f) { return isCpp(f.first); }))
      return runOnDisk(files, threads, shard);
    scan::MemoryFileSystem mfs;
    for (const auto &[path, bytes] : files)
      mfs.addFile("/repo/" + path, bytes);
    return runIn(mfs, "/repo", files, threads, shard);
  }

  /// DriverOptions::reuse_bytes of the runs.
  std::size_t reuse_bytes = driver::kReuseBudgetBytes;

  static bool isCpp(const fs::path &path) {
    static const std::set<std::string> exts{".cc", ".cpp", ".cxx", ".h",
                                            ".hpp"};
    return exts.count(path.extension().string()) > 0;
  }

private:
  RunOutput runOnDisk(const std::map<std::string, std::string> &files,
                      unsigned threads, std::optional<driver::Shard> shard) {
    fs::path dir = fs::temp_directory_path() /
                   ("keyshift-golden-cpp-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    for (const auto &[path, bytes] : files)
      writeText(dir / path, bytes);
    scan::RealFileSystem real;
    RunOutput out = runIn(real, dir.string(), files, threads, shard);
    fs::remove_all(dir);
    // Clang's messages name the directory: as the in-memory runs spell it.
    for (std::string *text : {&out.diff, &out.audit})
      for (std::size_t at = text->find(dir.string()); at != std::string::npos;
           at = text->find(dir.string(), at))
        text->replace(at, dir.string().size(), "/repo");
    return out;
  }

  RunOutput runIn(scan::FileSystem &mfs, const std::string &root,
                  const std::map<std::string, std::string> &files,
                  unsigned threads, std::optional<driver::Shard> shard) {
    driver::DriverOptions options;
    options.walk.roots = {"."};
    options.walk.cwd = root;
    options.shard = shard;
    options.threads = threads;
    options.reuse_bytes = reuse_bytes;
    options.apply = true;
    // As the CLI runs it: the byte scanner too, one finding per key.
    options.keys.enabled = true;
    std::ostringstream diff, audit;
    report::UnifiedDiffPrinter diff_printer(diff);
    report::AuditLogOptions ao;
    ao.deterministic = true;
    report::AuditLogWriter audit_writer(audit, ao);
    report::FanOutSink fan({&diff_printer, &audit_writer});
    NoGit git;
    auto stats = driver::run(options, rules_, *engines_, mfs, git, fan);
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    RunOutput out{diff.str(), audit.str(), "", {}};
    for (const auto &[path, bytes] : files) {
      auto written = mfs.readFile(root + "/" + path);
      out.tree[path] = written.ok() ? *written : bytes;
    }
    out.rewritten = out.tree.begin()->second;
    return out;
  }

  ruleset::RuleSet rules_;
  std::unique_ptr<driver::Engines> engines_;
};

Pipeline &pipeline(bool shim, bool include_docs = false,
                   const std::string &proxy_json = "") {
  static std::map<std::tuple<bool, bool, std::string>,
                  std::unique_ptr<Pipeline>>
      made;
  auto &p = made[{shim, include_docs, proxy_json}];
  if (!p)
    p = std::make_unique<Pipeline>(RewriteOptions{shim, include_docs},
                                   proxy_json);
  return *p;
}

bool gitApplyReproduces(const std::map<std::string, std::string> &input,
                        const std::string &diff,
                        const std::map<std::string, std::string> &expected) {
  fs::path dir = fs::temp_directory_path() /
                 ("keyshift-golden-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto &[path, bytes] : input) {
    fs::create_directories((dir / path).parent_path());
    writeText(dir / path, bytes);
  }
  writeText(dir / "change.diff", diff);
  std::string cmd = "cd '" + dir.string() +
                    "' && git init -q . && git apply --check change.diff && "
                    "git apply change.diff";
  bool ok = std::system(cmd.c_str()) == 0;
  for (const auto &[path, bytes] : expected)
    ok = ok && readText(dir / path) == bytes;
  fs::remove_all(dir);
  return ok;
}

/// The hard rule as a property of the rewritten files (issue 9): no
/// rewritten statement sends a read of an OPENAI_* key variable to the
/// proxy (B), nor a read of K to api.openai.com. A statement is a line the
/// rewrite added, widened until its brackets balance (a client's or a
/// request's arguments), so a URL and a key of one call are seen together.
std::vector<std::string>
hardRuleViolations(const std::map<std::string, std::string> &before,
                   const std::map<std::string, std::string> &after) {
  static const std::regex openai_read(
      R"((environ|getenv|process\.env)\W{0,8}(get\W{0,3})?OPENAI_\w*KEY)");
  static const std::regex proxy_read(
      R"((environ|getenv|process\.env)\W{0,8}(get\W{0,3})?LLM_PROXY_KEY)");
  // URLs in code: a literal that starts with one (not prose in JSX text).
  static const std::regex proxy_url(R"(["'`]https?://llm-proxy\.example)");
  static const std::regex openai_url(R"(["'`]https?://api\.openai\.com)");
  auto lines = [](const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
      out.push_back(line);
    return out;
  };
  auto depth = [](const std::string &line) {
    int d = 0;
    for (char c : line)
      d += (c == '(' || c == '[' || c == '{') -
           (c == ')' || c == ']' || c == '}');
    return d;
  };
  // A name constant (`KEY_ENV = "OPENAI_API_KEY"`, `const KEY_NAME =
  // "..."`) stands for its value where a statement reads by it.
  static const std::regex name_constant(
      R"((?:^|\n)[ \t]*(?:export[ \t]+)?(?:const[ \t]+)?([A-Za-z_]\w*)[ \t]*=[ \t]*["'`](\w+)["'`])");
  std::vector<std::string> violations;
  for (const auto &[path, text] : after) {
    auto old_it = before.find(path);
    if (old_it == before.end() || old_it->second == text)
      continue;
    std::vector<std::pair<std::regex, std::string>> constants;
    for (auto m = std::sregex_iterator(text.begin(), text.end(), name_constant);
         m != std::sregex_iterator(); ++m)
      constants.emplace_back(std::regex("\\b" + (*m)[1].str() + "\\b"),
                             "\"" + (*m)[2].str() + "\"");
    std::vector<std::string> old_lines = lines(old_it->second);
    std::multiset<std::string> old_set(old_lines.begin(), old_lines.end());
    std::vector<std::string> now = lines(text);
    // Bracket depth at the start of each line: a statement runs from a
    // line at depth 0 to the next line ending at depth 0.
    std::vector<int> open(now.size() + 1, 0);
    for (std::size_t k = 0; k < now.size(); ++k)
      open[k + 1] = std::max(0, open[k] + depth(now[k]));
    for (std::size_t i = 0; i < now.size(); ++i) {
      if (old_set.count(now[i]))
        continue; // not rewritten
      std::size_t first = i, last = i;
      while (first > 0 && open[first] > 0)
        --first;
      while (last + 1 < now.size() && open[last + 1] > 0)
        ++last;
      std::string stmt;
      for (std::size_t k = first; k <= last; ++k)
        stmt += now[k] + "\n";
      for (const auto &[name, value] : constants)
        stmt = std::regex_replace(stmt, name, value);
      bool to_proxy = std::regex_search(stmt, proxy_url);
      bool to_openai = std::regex_search(stmt, openai_url);
      if ((to_proxy && std::regex_search(stmt, openai_read)) ||
          (to_openai && std::regex_search(stmt, proxy_read)))
        violations.push_back(path + ":" + std::to_string(i + 1) + ": " + stmt);
    }
  }
  return violations;
}

class GoldenTest : public ::testing::TestWithParam<Case> {};

TEST(HardRuleProperty, FlagsAHalfMovedRequest) {
  std::map<std::string, std::string> before{
      {"a.py", "r = requests.post(\n    \"https://api.openai.com/v1/x\",\n"
               "    headers={\"Authorization\": f\"Bearer "
               "{os.environ['OPENAI_API_KEY']}\"},\n)\n"}};
  auto url_only = before, key_only = before, both = before;
  auto replace = [](std::string &text, std::string_view from,
                    std::string_view to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace(url_only["a.py"], "api.openai.com", "llm-proxy.example");
  replace(key_only["a.py"], "OPENAI_API_KEY", "LLM_PROXY_KEY");
  replace(both["a.py"], "api.openai.com", "llm-proxy.example");
  replace(both["a.py"], "OPENAI_API_KEY", "LLM_PROXY_KEY");
  EXPECT_EQ(hardRuleViolations(before, url_only).size(), 1u);
  EXPECT_EQ(hardRuleViolations(before, key_only).size(), 1u);
  EXPECT_TRUE(hardRuleViolations(before, both).empty());
}

TEST(HardRuleProperty, SeesThroughANameConstant) {
  std::map<std::string, std::string> before{
      {"a.ts", "const KEY_NAME = \"OPENAI_API_KEY\";\n"
               "const c = new OpenAI({ apiKey: process.env[KEY_NAME] });\n"}};
  auto leak = before, moved = before;
  leak["a.ts"] = "const KEY_NAME = \"OPENAI_API_KEY\";\n"
                 "const c = new OpenAI({ apiKey: process.env[KEY_NAME], "
                 "baseURL: \"https://llm-proxy.example/v1\" });\n";
  moved["a.ts"] = "const KEY_NAME = \"LLM_PROXY_KEY\";\n"
                  "const c = new OpenAI({ apiKey: process.env[KEY_NAME], "
                  "baseURL: \"https://llm-proxy.example/v1\" });\n";
  EXPECT_EQ(hardRuleViolations(before, leak).size(), 1u);
  EXPECT_TRUE(hardRuleViolations(before, moved).empty());
}

/// testdata/golden/cpp/: C++ trees, run on disk (Clang reads files).
bool isCppCase(const Case &c) {
  return fs::relative(c.dir, kGolden).begin()->string() == "cpp";
}

TEST_P(GoldenTest, MatchesExpectedOutputs) {
  const Case &c = GetParam();
  if (isCppCase(c) && !driver::cppSupported())
    GTEST_SKIP() << "built without the Clang engine";
  // One input file, or a repository in `input/` (cross-file flows).
  std::map<std::string, std::string> tree =
      fs::is_directory(c.input)
          ? readTree(c.input)
          : std::map<std::string, std::string>{
                {c.input.filename().string(),
                 testing::substituteFakeKeys(readText(c.input), kSeed)}};
  std::string input;
  for (const auto &[path, bytes] : tree)
    input += bytes;
  std::string proxy_json = fs::exists(c.dir / "proxy.json")
                               ? readText(c.dir / "proxy.json")
                               : std::string();
  Pipeline &p = pipeline(fs::exists(c.dir / "shim"),
                         fs::exists(c.dir / "include-docs"), proxy_json);
  RunOutput out = p.runTree(tree, 1);

  if (std::getenv("KEYSHIFT_UPDATE_GOLDEN")) {
    writeText(c.dir / "expected.diff", restoreTokens(out.diff));
    writeText(c.dir / "expected.audit.jsonl", restoreTokens(out.audit));
    GTEST_SKIP() << "updated " << c.dir;
  }
  std::string want_diff =
      testing::substituteFakeKeys(readText(c.dir / "expected.diff"), kSeed);
  std::string want_audit = testing::substituteFakeKeys(
      readText(c.dir / "expected.audit.jsonl"), kSeed);
  EXPECT_EQ(out.diff, want_diff) << "\n==== expected diff ====\n"
                                 << want_diff << "==== actual ====\n"
                                 << out.diff;
  EXPECT_EQ(out.audit, want_audit);
  // Secrets never in clear in the audit log.
  if (input != restoreTokens(input)) {
    for (auto token : {testing::kFakeKeyToken, testing::kFakeProjectKeyToken})
      EXPECT_EQ(out.audit.find(
                    testing::substituteFakeKeys(std::string(token), kSeed)),
                std::string::npos);
  }

  for (const std::string &v : hardRuleViolations(tree, out.tree))
    ADD_FAILURE() << "a credential goes to the wrong party: " << v;

  // Idempotency: the rewritten files ask for nothing more.
  RunOutput again = p.runTree(out.tree, 1);
  EXPECT_EQ(again.diff, "") << "second run still changes:\n" << again.diff;

  // Determinism: all threads vs one.
  RunOutput parallel = p.runTree(tree, 0);
  EXPECT_EQ(parallel.diff, out.diff);
  EXPECT_EQ(parallel.audit, out.audit);

  if (!out.diff.empty())
    EXPECT_TRUE(gitApplyReproduces(tree, out.diff, out.tree))
        << "git apply did not reproduce the rewrite";
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest,
                         ::testing::ValuesIn(discoverCases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           std::string n = info.param.name();
                           for (char &ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch)))
                               ch = '_';
                           return n;
                         });

/// Every case but the C++ ones (run on disk, one at a time) as one tree.
std::map<std::string, std::string> corpusTree() {
  std::map<std::string, std::string> tree;
  for (const Case &c : discoverCases()) {
    if (isCppCase(c))
      continue; // the C++ cases' trees are run on disk, one at a time
    std::string prefix = fs::relative(c.dir, kGolden).string() + "/";
    if (fs::is_directory(c.input))
      for (auto &[path, bytes] : readTree(c.input))
        tree[prefix + "input/" + path] = std::move(bytes);
    else
      tree[fs::relative(c.input, kGolden).string()] =
          testing::substituteFakeKeys(readText(c.input), kSeed);
  }
  return tree;
}

// The whole corpus as one tree: 1 worker and 8 workers must print the same
// bytes (files are matched out of order, emitted in path order).
TEST(GoldenCorpus, OutputIsIdenticalForAnyThreadCount) {
  std::map<std::string, std::string> tree = corpusTree();
  auto runWith = [&](unsigned threads) {
    RunOutput out = pipeline(false).runTree(tree, threads);
    return out.diff + out.audit;
  };
  std::string one = runWith(1);
  EXPECT_GT(one.size(), 1000u);
  EXPECT_EQ(runWith(8), one);
  EXPECT_EQ(runWith(3), one);
}

// What the index pass keeps for the edit pass (driver/index_cache.h)
// changes no byte of the output: the whole corpus with nothing kept, with
// everything kept, and with a budget that keeps only some files.
TEST(GoldenCorpus, ReusingTheIndexPassChangesNothing) {
  std::map<std::string, std::string> tree = corpusTree();
  Pipeline &p = pipeline(false);
  auto runWith = [&](std::size_t budget, unsigned threads) {
    p.reuse_bytes = budget;
    RunOutput out = p.runTree(tree, threads);
    p.reuse_bytes = driver::kReuseBudgetBytes;
    return out.diff + out.audit;
  };
  std::string fresh = runWith(0, 1);
  EXPECT_GT(fresh.size(), 1000u);
  EXPECT_EQ(runWith(driver::kReuseBudgetBytes, 1), fresh);
  EXPECT_EQ(runWith(driver::kReuseBudgetBytes, 3), fresh);
  EXPECT_EQ(runWith(4096, 2), fresh);
}

// The hard rule across files: a .env entry moves to K only when the code
// that reads the variable moves too (driver/repo_plan.h).
TEST(RepoPlan, ConfigRenameWaitsForTheCodeThatReadsIt) {
  const std::string env =
      "OPENAI_API_KEY=\nOPENAI_BASE_URL=https://api.openai.com/v1\n";
  for (unsigned threads : {1u, 3u}) {
    RunOutput kept = pipeline(false).runTree(
        {{".env", env},
         {"app.py", "from openai import OpenAI\nclient = OpenAI(**cfg)\n"}},
        threads);
    EXPECT_EQ(kept.diff.find("+LLM_PROXY_KEY"), std::string::npos) << kept.diff;
    EXPECT_NE(kept.audit.find("OPENAI_API_KEY is one flow across the "
                              "repository and it also reaches code that "
                              "cannot move"),
              std::string::npos)
        << kept.audit;
    EXPECT_NE(kept.audit.find("\"related\":[{\"file\":\"app.py\",\"line\":2"),
              std::string::npos)
        << kept.audit;
    RunOutput moved = pipeline(false).runTree(
        {{".env", env},
         {"app.py", "from openai import OpenAI\nclient = OpenAI()\n"}},
        threads);
    EXPECT_NE(moved.diff.find("+LLM_PROXY_KEY=\n"), std::string::npos)
        << moved.diff;
    EXPECT_NE(moved.diff.find("+OPENAI_BASE_URL=https://llm-proxy.example/v1"),
              std::string::npos)
        << moved.diff;
  }
}

/// A run's audit rows without its summary, sorted: shards print theirs in
/// their own order and count their own files.
std::vector<std::string> findingRows(const std::string &audit) {
  std::vector<std::string> rows;
  std::istringstream in(audit);
  for (std::string line; std::getline(in, line);)
    if (line.find("\"summary\":") == std::string::npos)
      rows.push_back(line);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// --shard K/N: every shard builds the whole plan (the index pass and the
// C++ batch see every file), so N shards together decide exactly what one
// run decides, cross-file and cross-language flows included. Each
// repository runs on its own: merged, one case holding OPENAI_API_KEY would
// hold it in all the others, and their flows would not be put to the test.
TEST(Shards, TogetherDecideWhatOneRunDecides) {
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> trees;
  for (const Case &c : discoverCases()) {
    if (!fs::is_directory(c.input) || (isCppCase(c) && !driver::cppSupported()))
      continue;
    std::map<std::string, std::string> tree = readTree(c.input);
    if (tree.size() > 1)
      trees.emplace_back(c.name(), std::move(tree));
  }
  ASSERT_GE(trees.size(), 50u);
  for (const auto &[name, tree] : trees) {
    SCOPED_TRACE(name);
    RunOutput whole = pipeline(false).runTree(tree, 1);
    constexpr unsigned kShards = 3;
    std::vector<std::string> rows;
    std::map<std::string, std::string> merged = tree;
    for (unsigned k = 0; k < kShards; ++k) {
      RunOutput part =
          pipeline(false).runTree(tree, 1, driver::Shard{k, kShards});
      for (std::string &row : findingRows(part.audit))
        rows.push_back(std::move(row));
      for (const auto &[path, bytes] : part.tree)
        if (bytes != tree.at(path)) {
          EXPECT_EQ(merged.at(path), tree.at(path))
              << path << " written by two shards";
          merged[path] = bytes;
        }
    }
    std::sort(rows.begin(), rows.end());
    EXPECT_EQ(rows, findingRows(whole.audit));
    EXPECT_EQ(merged, whole.tree);
  }
}

TEST(GoldenCorpus, HasCases) { EXPECT_GE(discoverCases().size(), 10u); }

} // namespace
} // namespace keyshift
