#include "tests/match/cpp/cpp_test_util.h"

#include "base/line_index.h"
#include "base/source_file.h"
#include "rewrite/apply.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace keyshift::cpp::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl =
      (fs::temp_directory_path() / "keyshift-cpp-XXXXXX").string();
  char *made = mkdtemp(tmpl.data());
  path_ = made ? fs::canonical(made).string() : tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string &rel,
                           const std::string &content) const {
  std::string path = (fs::path(path_) / rel).string();
  writeFile(path, content);
  return path;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void writeFile(const std::string &path, const std::string &content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::vector<std::string> listFiles(const std::string &dir) {
  std::vector<std::string> files;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string sourceDir() {
  const char *env = std::getenv("KEYSHIFT_SOURCE_DIR");
  return env && *env ? env : KEYSHIFT_SOURCE_DIR;
}

const std::vector<ruleset::Rule> &builtinRules() {
  static const std::vector<ruleset::Rule> rules = [] {
    std::vector<ruleset::Rule> out;
    std::string dir = sourceDir() + "/rules/cpp";
    for (const std::string &path : listFiles(dir)) {
      std::string rel = "rules/cpp/" + fs::path(path).filename().string();
      Result<ruleset::Rule> rule =
          ruleset::parseRule(readFile(path), rel, ruleset::RuleOrigin::Builtin);
      EXPECT_TRUE(rule.ok()) << (rule.ok() ? "" : rule.error().message);
      if (rule.ok())
        out.push_back(std::move(rule).value());
    }
    return out;
  }();
  return rules;
}

std::vector<const ruleset::Rule *> allBuiltinRules() {
  std::vector<const ruleset::Rule *> out;
  for (const ruleset::Rule &r : builtinRules())
    out.push_back(&r);
  return out;
}

const ruleset::Rule *builtinRule(const std::string &id) {
  for (const ruleset::Rule &r : builtinRules())
    if (r.id == id)
      return &r;
  ADD_FAILURE() << "no built-in rule " << id;
  return nullptr;
}

ProxyTarget exampleProxy() {
  return ProxyTarget{"https://llm-proxy.example/v1", "LLM_PROXY_KEY", ""};
}

EngineOptions optionsFor(const std::string &root) {
  EngineOptions o;
  o.root = root;
  o.proxy = exampleProxy();
  o.threads = 2;
  return o;
}

std::map<std::string, std::string> applyChanges(const RunResult &result) {
  std::map<std::string, std::string> out;
  for (const FileFindings &file : result.files) {
    std::vector<Edit> edits;
    for (const Finding &f : file.findings)
      if (f.change)
        edits.insert(edits.end(), f.change->edits.begin(),
                     f.change->edits.end());
    if (edits.empty())
      continue;
    SourceFile source(file.abs_path, readFile(file.abs_path), Language::Cpp);
    Result<std::string> applied = applyEdits(source.content(), edits);
    EXPECT_TRUE(applied.ok()) << file.abs_path << ": "
                              << (applied.ok() ? "" : applied.error().message);
    if (applied.ok())
      out[file.abs_path] = source.withBom(applied.value());
  }
  return out;
}

std::vector<std::string> describeFindings(const RunResult &result,
                                          const std::string &root) {
  std::vector<std::string> lines;
  for (const FileFindings &file : result.files) {
    SourceFile source(file.abs_path, readFile(file.abs_path), Language::Cpp);
    LineIndex index(source.content());
    std::string rel = fs::path(file.abs_path).lexically_relative(root).string();
    for (const Finding &f : file.findings) {
      Position p = index.position(f.range.offset);
      lines.push_back(rel + ":" + std::to_string(p.line) + ":" +
                      std::to_string(p.column) + ": " +
                      std::string(findingKindName(f.kind)) + " [" + f.rule_id +
                      "] " + std::string(findingActionName(f.action)));
    }
  }
  return lines;
}

int runCommand(const std::string &command, std::string *out) {
  FILE *pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe)
    return -1;
  std::array<char, 4096> buf{};
  std::string text;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe))
    text.append(buf.data(), n);
  int status = pclose(pipe);
  if (out)
    *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace keyshift::cpp::testing
