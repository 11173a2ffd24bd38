// The captures a query defines, by the rule language's query syntax.
#include "base/json_diag.h"
#include "ruleset/compile.h"

#include <algorithm>

namespace keyshift::ruleset {
namespace {

using namespace detail;

bool isCaptureChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}
void addUnique(std::vector<std::string> &names, std::string name) {
  if (!name.empty() &&
      std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(std::move(name));
}
std::vector<std::string> treeSitterCaptures(std::string_view q) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (c == '"') {
      // A string literal: "@x" inside it is text to match, not a capture.
      for (++i; i < q.size() && q[i] != '"'; ++i)
        if (q[i] == '\\')
          ++i;
    } else if (c == ';') {
      while (i < q.size() && q[i] != '\n')
        ++i;
    } else if (c == '@') {
      std::size_t start = i + 1;
      while (i + 1 < q.size() && isCaptureChar(q[i + 1]))
        ++i;
      addUnique(names, std::string(q.substr(start, i + 1 - start)));
    }
  }
  return names;
}
std::vector<std::string> clangQueryCaptures(std::string_view q) {
  std::vector<std::string> names;
  constexpr std::string_view kBind = ".bind(";
  for (auto at = q.find(kBind); at != std::string_view::npos;
       at = q.find(kBind, at + 1)) {
    std::size_t i = at + kBind.size();
    while (i < q.size() && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n'))
      ++i;
    if (i >= q.size() || q[i] != '"')
      continue;
    std::size_t end = q.find('"', i + 1);
    if (end == std::string_view::npos)
      break;
    addUnique(names, std::string(q.substr(i + 1, end - i - 1)));
  }
  return names;
}
std::vector<std::string> re2NamedGroups(std::string_view q) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i + 3 < q.size(); ++i) {
    if (q[i] == '\\') {
      ++i;
      continue;
    }
    if (q.compare(i, 2, "(?") != 0)
      continue;
    std::size_t start;
    if (q.compare(i + 2, 2, "P<") == 0)
      start = i + 4;
    else if (q[i + 2] == '<')
      start = i + 3;
    else
      continue;
    std::size_t end = q.find('>', start);
    if (end == std::string_view::npos)
      break;
    addUnique(names, std::string(q.substr(start, end - start)));
  }
  return names;
}
} // namespace

namespace detail {

/// The captures a query spells out, without the implicit ones.
std::vector<std::string> explicitCaptures(Language l, std::string_view q) {
  if (usesTreeSitter(l))
    return treeSitterCaptures(q);
  if (l == Language::Cpp)
    return clangQueryCaptures(q);
  return re2NamedGroups(q);
}
std::string unknownCapture(const std::string &name,
                           const std::vector<std::string> &captures) {
  std::string msg = "unknown capture '" + name + "'";
  std::string hint = json_diag::suggest(name, captures);
  if (!hint.empty())
    return msg + hint;
  if (captures.empty())
    return msg + " (the query defines no captures)";
  return msg + " (the query defines: " + joined(captures) + ")";
}
} // namespace detail

std::vector<std::string> queryCaptures(Language language,
                                       std::string_view query) {
  std::vector<std::string> names = explicitCaptures(language, query);
  if (!usesTreeSitter(language) && language != Language::Cpp) {
    addUnique(names, "key");
    addUnique(names, "value");
  }
  return names;
}
} // namespace keyshift::ruleset
