// Recall and precision of the key auditor over a corpus generated at test
// time (no key is ever committed): every key shape in every position in
// every file type, plus decoys that must never be hard-coded-key findings.
// Runs `keyshift audit --format json` twice, scanner only (no proxy) and
// with the engines (a proxy configured: one finding per key all the same),
// and prints a table per shape and per file type. The leak test runs every
// output over a smaller corpus and looks for any key in clear.
#include "cli_fixture.h"
#include "secrets/redaction.h"
#include "support/fake_key.h"
#include "support/files.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace keyshift::cli {
namespace {

namespace fs = std::filesystem;
using keyshift::testing::fakeOpenAiKey;
using keyshift::testing::KeyShape;
using keyshift::testing::writeText;

const std::string kSk = std::string("s") + "k-";
const std::string kMarker = std::string("T3Bl") + "bkFJ";

struct Shape {
  std::string name;
  KeyShape shape;
  std::string kind; ///< the finding kind it must give
};

const std::vector<Shape> &shapes() {
  static const std::vector<Shape> all = {
      {"user (legacy)", KeyShape::User, "hardcoded-key"},
      {"project, 74", KeyShape::Project, "hardcoded-key"},
      {"project, 58", KeyShape::ProjectMedium, "hardcoded-key"},
      {"project, 20", KeyShape::ProjectShort, "hardcoded-key"},
      {"service account", KeyShape::ServiceAccount, "hardcoded-key"},
      {"named service acct", KeyShape::NamedServiceAccount, "hardcoded-key"},
      {"admin", KeyShape::Admin, "hardcoded-key"},
      {"sk-None-", KeyShape::NoProject, "hardcoded-key"},
      {"no marker (48)", KeyShape::NoMarker, "possible-key"},
  };
  return all;
}

/// A place a key is written; @K@ and @K2@ stand for keys.
struct Position {
  std::string name;
  std::string line;
};

const std::vector<Position> &positions() {
  static const std::vector<Position> all = {
      {"double-quoted string", R"(api_key = "@K@")"},
      {"single-quoted string", "api_key = '@K@'"},
      {"template literal", "const auth = `Bearer ${prefix}@K@`;"},
      {"line comment", "# rotated in May, old key: @K@"},
      {"block comment", "/* key: @K@ */"},
      {"docstring", R"("""Staging uses @K@ for now.""")"},
      {"JSON-escaped string", R"({"cmd": "export KEY=\"@K@\"\nrun"})"},
      {"escape before and after", R"(text = "first line\n@K@\n")"},
      {"URL query string", "https://api.example.com/v1/chat?api_key=@K@&m=4"},
      {"URL-encoded", "https://x.example/cb?state=1&key%3D@K@"},
      {"HTTP header", "Authorization: Bearer @K@"},
      {"key=value", "OPENAI_API_KEY=@K@"},
      {"key: value", "openai_api_key: @K@"},
      {"XML element", "<apiKey>@K@</apiKey>"},
      {"two keys on a line", "primary=@K@ fallback=@K2@"},
      {"CRLF line", "WINDOWS_KEY=@K@\r"},
      {"end of file, no newline", "LAST=@K@"}, // always the last line
  };
  return all;
}

/// How a file type holds lines of text.
enum class Frame { Lines, OneLine, JsonArray, Notebook };

struct FileType {
  std::string name;
  std::string file;
  Frame frame;
};

const std::vector<FileType> &fileTypes() {
  static const std::vector<FileType> all = {
      {".env", ".env", Frame::Lines},
      {"YAML", "config.yaml", Frame::Lines},
      {"JSON", "settings.json", Frame::JsonArray},
      {"TOML", "config.toml", Frame::Lines},
      {"INI", "app.ini", Frame::Lines},
      {"XML", "web.config.xml", Frame::Lines},
      {"notebook", "analysis.ipynb", Frame::Notebook},
      {"Markdown", "README.md", Frame::Lines},
      {"RST", "docs/setup.rst", Frame::Lines},
      {"shell", "scripts/run.sh", Frame::Lines},
      {"Dockerfile", "Dockerfile", Frame::Lines},
      {"Makefile", "Makefile", Frame::Lines},
      {".properties", "app.properties", Frame::Lines},
      {"log", "logs/server.log", Frame::Lines},
      {"plain text", "notes.txt", Frame::Lines},
      {"no extension", "KEYS", Frame::Lines},
      {"minified JS", "dist/bundle.min.js", Frame::OneLine},
      {"Python", "app.py", Frame::Lines},
      {"TypeScript", "src/client.ts", Frame::Lines},
      {"C++ (no headers)", "tests/client_test.cc", Frame::Lines},
      {"Go", "main.go", Frame::Lines},
      {"Java", "src/App.java", Frame::Lines},
  };
  return all;
}

std::string jsonString(std::string_view s) {
  return nlohmann::json(std::string(s)).dump();
}

std::string replaceAll(std::string s, std::string_view from,
                       const std::string &to) {
  for (std::size_t p = s.find(from); p != std::string::npos;
       p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

/// Lines (no newlines) framed as the file type holds them.
std::string frame(const std::vector<std::string> &lines, Frame f) {
  std::string out;
  switch (f) {
  case Frame::Lines:
    for (std::size_t i = 0; i < lines.size(); ++i)
      out += lines[i] + (i + 1 < lines.size() ? "\n" : "");
    return out;
  case Frame::OneLine:
    out = "!function(){";
    for (const std::string &l : lines)
      out += "var s=" + jsonString(l) + ";";
    return out + "}();";
  case Frame::JsonArray:
    out = "{\n  \"lines\": [\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
      out +=
          "    " + jsonString(lines[i]) + (i + 1 < lines.size() ? ",\n" : "]}");
    return out;
  case Frame::Notebook: {
    // Half the lines in a code cell's source, half in its printed output.
    std::string source, output;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string &into = i % 2 ? output : source;
      into += (into.empty() ? "" : ",\n") + std::string("    ") +
              jsonString(lines[i] + "\n");
    }
    return "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\n" + source +
           "],\n \"outputs\": [{\"output_type\": \"stream\", \"text\": [\n" +
           output + "]}]}],\n \"nbformat\": 4}";
  }
  }
  return out;
}

struct Expected {
  std::string file;
  std::size_t line;
  std::string kind;
  std::string shape;
  std::string position;
  std::string file_type;
};

struct Corpus {
  std::map<std::string, Expected> keys; ///< by fingerprint
  std::vector<std::string> clear;       ///< every key, for the leak test
};

std::size_t lineOf(const std::string &text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i)
    line += text[i] == '\n';
  return line;
}

/// Writes one file per (shape, file type) under `dir`, every position in it.
Corpus writeCorpus(const fs::path &dir, std::size_t shape_limit) {
  Corpus corpus;
  for (std::size_t s = 0; s < shapes().size() && s < shape_limit; ++s) {
    const Shape &shape = shapes()[s];
    for (std::size_t t = 0; t < fileTypes().size(); ++t) {
      const FileType &type = fileTypes()[t];
      std::vector<std::string> lines;
      std::vector<std::pair<std::string, std::string>> placed; // key, position
      if (type.frame == Frame::Lines && type.file.ends_with(".cc"))
        lines.push_back("#include <gtest/gtest.h>  // not installed here");
      for (std::size_t p = 0; p < positions().size(); ++p) {
        const Position &pos = positions()[p];
        const std::uint64_t seed = 1000000 * (s + 1) + 1000 * t + 2 * p;
        std::string k1 = fakeOpenAiKey(shape.shape, seed);
        std::string k2 = fakeOpenAiKey(shape.shape, seed + 1);
        std::string line = replaceAll(pos.line, "@K@", k1);
        placed.emplace_back(k1, pos.name);
        if (line.find("@K2@") != std::string::npos) {
          line = replaceAll(line, "@K2@", k2);
          placed.emplace_back(k2, pos.name);
        }
        lines.push_back(line);
      }
      // A file name per shape: the same file type, one directory each.
      const std::string rel = "s" + std::to_string(s) + "/" + type.file;
      const std::string text = frame(lines, type.frame);
      writeText(dir / rel, text);
      for (const auto &[key, position] : placed) {
        const std::size_t at = text.find(key);
        corpus.keys[secrets::fingerprint(key)] = {
            rel, lineOf(text, at), shape.kind, shape.name, position, type.name};
        corpus.clear.push_back(key);
      }
    }
  }
  return corpus;
}

/// Tokens that must never be hard-coded-key findings; `possible` ones are
/// possible-key notes (an OpenAI prefix without the marker).
struct Decoy {
  std::string text;
  bool possible;
  std::string what;
};

std::vector<Decoy> decoys() {
  std::vector<Decoy> out;
  const std::vector<KeyShape> marked = {
      KeyShape::User,         KeyShape::Project,        KeyShape::ProjectShort,
      KeyShape::Admin,        KeyShape::ServiceAccount, KeyShape::NoProject,
      KeyShape::ProjectMedium};
  for (KeyShape shape : marked) {
    const std::string key = fakeOpenAiKey(shape, 900 + int(shape));
    const std::size_t at = key.find(kMarker);
    std::string wrong = key;
    wrong.replace(at, kMarker.size(), "T3BlbkFK");
    std::string lower = key;
    lower.replace(at, kMarker.size(), "t3blbkfj");
    std::string missing = key;
    missing.erase(at, kMarker.size());
    out.push_back({wrong, true, "wrong marker"});
    out.push_back({lower, true, "marker in the wrong case"});
    // A bare sk- key without its marker is 40 characters: not even a
    // legacy length.
    out.push_back({missing, shape != KeyShape::User, "missing marker"});
  }
  const std::string body = fakeOpenAiKey(KeyShape::Project, 950).substr(8);
  out.push_back(
      {kSk + "proj-" + body.substr(0, 10) + kMarker + body.substr(20, 60), true,
       "marker too close to the start"});
  for (int i = 0; i < 3; ++i) {
    const std::string r = fakeOpenAiKey(KeyShape::Project, 960 + i).substr(8);
    out.push_back(
        {kSk + "ant-api03-" + r.substr(0, 93) + "AA", false, "Anthropic key"});
    out.push_back({kSk + "or-v1-" + std::string("0123456789abcdef") +
                       std::to_string(7 * i + 11) + "a1b2c3d4e5f60718293a" +
                       "4b5c6d7e8f9012345678",
                   false, "OpenRouter key"});
  }
  out.push_back({kSk + "ant-admin01-" + body.substr(0, 74) + kMarker +
                     body.substr(80, 40),
                 false, "Anthropic key holding the marker"});
  for (const char *hex :
       {"3f9a1c07b2e84d6a9c5e0f1b7d2a4c8e", "e0c4b1f8a7d26c93b5e1f0a4d7c82b69",
        "1b7e3d90c4a2f658e0d1c9b3a7f42e85"})
    out.push_back({kSk + hex, false, "DeepSeek-like key"});
  out.push_back({std::string("sk_") + "live_51HqLyjWDarjtT1zdp7dcXkm9", false,
                 "Stripe key"});
  out.push_back({std::string("sk_") + "test_4eC39HqLyjWDarjtT1zdp7dc", false,
                 "Stripe test key"});
  for (const std::string &p : std::vector<std::string>{
           kSk + "...",
           kSk + "\xE2\x80\xA6",
           kSk + std::string(48, 'x'),
           kSk + "proj-" + std::string(74, 'X') + kMarker +
               std::string(74, 'X'),
           kSk + std::string(20, 'X') + kMarker + std::string(20, 'X'),
           "<OPENAI_API_KEY>",
           "${OPENAI_API_KEY}",
           "{{ secrets.OPENAI_API_KEY }}",
           "$OPENAI_API_KEY",
           "%(openai_api_key)s",
           kSk + "your-key-here",
           kSk + "your-openai-api-key-goes-here-0123456789",
           kSk + "REPLACE_ME",
           kSk + "REPLACE_WITH_YOUR_KEY_0123456789abcdef",
           kSk,
           kSk + "proj-",
           kSk + std::string(48, '0'),
           kSk + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV",
           kSk + "123456789012345678901234567890123456789012345678",
           kSk + "proj-" + std::string(64, 'a'),
           kSk + "<your key>",
           kSk + "proj-${PROJECT_KEY}",
           kSk + "proj-EXAMPLE-key-for-docs-0123",
           kSk + "dummy-" + body.substr(0, 48)})
    out.push_back({p, false, "placeholder"});
  for (KeyShape shape : {KeyShape::User, KeyShape::Project, KeyShape::Admin}) {
    const std::string key = fakeOpenAiKey(shape, 970);
    out.push_back({secrets::redact(key), false, "redacted (keyshift)"});
  }
  for (const std::string &r : std::vector<std::string>{
           kSk + "proj-\xE2\x80\xA6" + "AbCd", kSk + "proj-****AbCd",
           kSk + "proj-...AbCd", kSk + "proj-[REDACTED]",
           kSk + std::string(28, '*') + "AbCd", kSk + "...AbCd"})
    out.push_back({r, false, "redacted"});
  for (const std::string &h : std::vector<std::string>{
           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
           "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
           "d41d8cd98f00b204e9800998ecf8427e",
           "123e4567-e89b-12d3-a456-426614174000",
           "f47ac10b-58cc-4372-a567-0e02b2c3d479",
           "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
           "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
           "AKIAIOSFODNN7EXAMPLE", "ghp_" + body.substr(0, 36),
           "c2stcHJvai1hYmNk"})
    out.push_back({h, false, "hash, id or other token"});
  for (const std::string &w : std::vector<std::string>{
           "scikit-learn (sk-learn) and task-runner",
           "disk-usage, risk-free and ask-me-anything",
           "the sk- prefix marks OpenAI keys", "desk-lamp-2000",
           kMarker + " is base64 for OpenAI",
           kSk + "learn-" + "extension-for-pipelines-and-models",
           "whisk-" + fakeOpenAiKey(KeyShape::User, 980).substr(3)})
    out.push_back({w, false, "prose with sk-"});
  // Two keys run together are no key (over 300 characters).
  out.push_back({fakeOpenAiKey(KeyShape::Project, 990) +
                     fakeOpenAiKey(KeyShape::Project, 991).substr(8),
                 false, "overlong token"});
  return out;
}

std::vector<nlohmann::json> findingsOf(const std::string &jsonl) {
  std::vector<nlohmann::json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    if (j.contains("rule"))
      out.push_back(std::move(j));
  }
  return out;
}

using KeyCorpusTest = testing::CliFixture;
using testing::Outcome;

struct Tally {
  std::size_t expected = 0, found = 0;
};

void printTable(const std::string &title,
                const std::map<std::string, Tally> &rows) {
  std::cout << "\n"
            << std::left << std::setw(26) << title << " expected  found\n";
  for (const auto &[name, t] : rows)
    std::cout << std::left << std::setw(26) << name << std::right
              << std::setw(9) << t.expected << std::setw(7) << t.found << "\n";
}

void checkRecallAndPrecision(const Corpus &corpus,
                             const std::vector<Decoy> &decoy_list,
                             const std::vector<nlohmann::json> &findings,
                             const std::string &label) {
  std::map<std::string, std::size_t> seen; // fingerprint -> findings
  std::size_t false_positives = 0, possible_found = 0;
  for (const nlohmann::json &f : findings) {
    if (!f.contains("secret"))
      continue;
    const std::string fp = f["secret"]["fingerprint"];
    const std::string file = f["file"];
    auto it = corpus.keys.find(fp);
    if (file.rfind("decoys/", 0) == 0) {
      if (f["kind"] == "possible-key")
        ++possible_found;
      else
        ADD_FAILURE() << label << ": false positive in " << file << ":"
                      << f["line"] << " (" << f["rule"] << ")";
      if (f["kind"] != "possible-key")
        ++false_positives;
      continue;
    }
    ASSERT_NE(it, corpus.keys.end())
        << label << ": a finding for no generated key: " << f.dump();
    const Expected &e = it->second;
    ++seen[fp];
    EXPECT_EQ(f["file"], e.file) << label << " " << e.position;
    EXPECT_EQ(f["line"], e.line) << label << " " << e.file << " " << e.position;
    EXPECT_EQ(f["kind"], e.kind) << label << " " << e.file << " " << e.position;
  }
  std::map<std::string, Tally> by_shape, by_type, by_position;
  for (const auto &[fp, e] : corpus.keys) {
    const std::size_t n = seen.count(fp) ? seen.at(fp) : 0;
    EXPECT_EQ(n, 1u) << label << ": " << e.shape << " / " << e.file_type
                     << " / " << e.position << " in " << e.file << ":"
                     << e.line;
    for (auto *table : {&by_shape, &by_type, &by_position}) {
      const std::string &row = table == &by_shape  ? e.shape
                               : table == &by_type ? e.file_type
                                                   : e.position;
      ++(*table)[row].expected;
      (*table)[row].found += n == 1;
    }
  }
  std::size_t possible_expected = 0;
  for (const Decoy &d : decoy_list)
    possible_expected += d.possible;
  std::cout << "\n== " << label << " ==";
  printTable("shape", by_shape);
  printTable("file type", by_type);
  printTable("position", by_position);
  std::cout << "\ndecoys: " << decoy_list.size() << " distinct, "
            << false_positives << " false positives; possible-key notes "
            << possible_found << " (" << possible_expected
            << " decoys x decoy files expected)\n";
}

TEST_F(KeyCorpusTest, EveryShapePositionAndFileTypeAndNoDecoy) {
  const Corpus corpus = writeCorpus(dir_, shapes().size());
  const std::vector<Decoy> decoy_list = decoys();
  ASSERT_GE(decoy_list.size(), 70u);
  std::vector<std::string> decoy_lines;
  for (const Decoy &d : decoy_list)
    decoy_lines.push_back("value: " + d.text);
  const std::vector<std::pair<std::string, Frame>> decoy_files = {
      {"decoys/decoys.txt", Frame::Lines},
      {"decoys/decoys.py", Frame::Lines},
      {"decoys/decoys.json", Frame::JsonArray},
      {"decoys/decoys.ipynb", Frame::Notebook},
      {"decoys/.env", Frame::Lines}};
  for (const auto &[file, f] : decoy_files)
    writeText(dir_ / file, frame(decoy_lines, f));

  Outcome scanner = run({"audit", "--format", "json", "--kind", "hardcoded-key",
                         "--kind", "possible-key", "-j", "2", "."});
  ASSERT_EQ(scanner.code, 1) << scanner.err;
  checkRecallAndPrecision(corpus, decoy_list, findingsOf(scanner.out),
                          "byte scanner (no proxy)");
  std::size_t possible = 0;
  for (const nlohmann::json &f : findingsOf(scanner.out))
    possible += f["kind"] == "possible-key" &&
                f["file"].get<std::string>().rfind("decoys/", 0) == 0;
  std::size_t possible_decoys = 0;
  for (const Decoy &d : decoy_list)
    possible_decoys += d.possible;
  EXPECT_EQ(possible, possible_decoys * decoy_files.size());

  // With a proxy the engines run too (Python, TypeScript, C++): still one
  // finding per key.
  writeText(
      dir_ / ".keyshift.json",
      R"({"proxy": {"base_url": "https://gw.example/v1", "key_env": "GW_KEY"}})");
  Outcome engines = run({"audit", "--format", "json", "--kind", "hardcoded-key",
                         "--kind", "possible-key", "-j", "2", "."});
  ASSERT_NE(engines.code, 2) << engines.err;
  checkRecallAndPrecision(corpus, decoy_list, findingsOf(engines.out),
                          "engines + byte scanner (proxy configured)");
  std::map<std::string, std::size_t> by_rule;
  for (const nlohmann::json &f : findingsOf(engines.out))
    ++by_rule[f["rule"].get<std::string>()];
  for (const char *engine_rule :
       {"python.hardcoded-key", "typescript.hardcoded-key"})
    EXPECT_GT(by_rule[engine_rule], 0u)
        << engine_rule << ": the engines saw keys too, and kept them";
}

// No full key in any output, and no slice of one either: text, JSON, SARIF,
// the summary, problems, errors, the baseline file, history. The diff alone
// shows keys, on the lines git apply needs verbatim (removed and context
// lines), never on an added line.
TEST_F(KeyCorpusTest, NoKeyInAnyOutput) {
  const Corpus corpus = writeCorpus(dir_, 3);
  writeText(
      dir_ / ".keyshift.json",
      R"({"proxy": {"base_url": "https://gw.example/v1", "key_env": "GW_KEY"}})");
  std::string git = "cd '" + dir_.string() +
                    "' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 "
                    "git init -q && git add -A && git -c user.name=t -c "
                    "user.email=t@example.invalid commit -q -m corpus";
  ASSERT_EQ(std::system(git.c_str()), 0);
  // A slice from the middle: every redaction shows at most the ends.
  auto leaks = [&corpus](const std::string &text) -> std::string {
    for (const std::string &key : corpus.clear)
      if (text.find(key.substr(key.size() / 2 - 8, 16)) != std::string::npos)
        return key.substr(0, 12) + "…";
    return "";
  };
  const std::string &key = corpus.clear.front();
  std::vector<std::vector<std::string>> commands = {
      {"audit", "."},
      {"audit", "--format", "json", "."},
      {"audit", "--format", "sarif", "."},
      {"audit", "--kind", "hardcoded-key", "--deep-keys", "."},
      {"audit", "--history", "--format", "json"},
      {"audit", "--history", "--format", "sarif"},
      {"check", "--staged"},
      {"check", "s0/.env", "s1/app.py"},
      {"audit", "--write-baseline", "base.json", "."},
      {"migrate", "--apply", "--audit-log", "applied.jsonl", "s2/app.py"},
      {"audit", "--key-env", key, "."},
      {"audit", "--base-url", "https://x.example/" + key, "."},
      {"audit", "--rules", key + ".json", "."},
      {"audit", "--baseline", key, "."},
      {"audit", "--kind", key, "."},
  };
  for (const auto &args : commands) {
    Outcome r = run(args);
    const std::string shown = args[0] + " " + args[1];
    EXPECT_EQ(leaks(r.out), "") << shown << ": stdout";
    EXPECT_EQ(leaks(r.err), "") << shown << ": stderr";
  }
  EXPECT_EQ(leaks(keyshift::testing::readText(dir_ / "base.json")), "");
  EXPECT_EQ(leaks(keyshift::testing::readText(dir_ / "applied.jsonl")), "");

  Outcome diff = run({"migrate", "--audit-log", "log.jsonl", "."});
  EXPECT_EQ(leaks(diff.err), "");
  EXPECT_EQ(leaks(keyshift::testing::readText(dir_ / "log.jsonl")), "");
  std::istringstream lines(diff.out);
  std::size_t removed_with_key = 0;
  for (std::string line; std::getline(lines, line);) {
    const bool verbatim = !line.empty() && (line[0] == '-' || line[0] == ' ') &&
                          line.rfind("--- ", 0) != 0;
    if (!verbatim)
      EXPECT_EQ(leaks(line), "") << "diff line: " << line.substr(0, 40);
    removed_with_key += line[0] == '-' && !leaks(line).empty();
  }
  EXPECT_GT(removed_with_key, 0u) << "the diff removes hard-coded keys";
}

} // namespace
} // namespace keyshift::cli
