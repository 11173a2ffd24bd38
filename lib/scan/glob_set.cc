#include "scan/glob_set.h"

#include <re2/re2.h>

#include <array>
#include <cstdio>
#include <utility>

namespace keyshift::scan {
namespace {

Error globError(std::string_view pattern, std::string_view what) {
  return makeError(ErrorCode::Config,
                   "glob '" + std::string(pattern) + "': " + std::string(what));
}

std::string byteEscape(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9') || c == '_')
    return std::string(1, static_cast<char>(c));
  std::array<char, 8> buf{};
  std::snprintf(buf.data(), buf.size(), "\\x{%02x}", c);
  return buf.data();
}

// A byte class with '/' taken out, since no glob character crosses a
// directory boundary. Returns the index just past the closing ']'.
Result<std::size_t> translateClass(std::string_view p, std::size_t i,
                                   std::string_view pattern, std::string &out) {
  std::size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    negate = true;
    ++j;
  }
  std::vector<std::pair<unsigned char, unsigned char>> ranges;
  bool first = true;
  while (true) {
    if (j >= p.size())
      return globError(pattern, "unclosed character class");
    unsigned char c = static_cast<unsigned char>(p[j]);
    if (c == ']' && !first)
      break;
    first = false;
    if (c == '\\') {
      if (j + 1 >= p.size())
        return globError(pattern, "unclosed character class");
      c = static_cast<unsigned char>(p[++j]);
    }
    unsigned char hi = c;
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      j += 2;
      if (p[j] == '\\') {
        if (j + 1 >= p.size())
          return globError(pattern, "unclosed character class");
        ++j;
      }
      hi = static_cast<unsigned char>(p[j]);
      if (hi < c)
        return globError(pattern, "bad character range " +
                                      std::string(1, static_cast<char>(c)) +
                                      "-" +
                                      std::string(1, static_cast<char>(hi)));
    }
    ranges.emplace_back(c, hi);
    ++j;
  }
  std::string cls;
  for (auto [lo, hi] : ranges) {
    if (!negate && lo <= '/' && '/' <= hi) {
      if (lo < '/')
        cls += byteEscape(lo) + "-" + byteEscape('/' - 1);
      if (hi > '/')
        cls += byteEscape('/' + 1) + "-" + byteEscape(hi);
      continue;
    }
    cls += byteEscape(lo);
    if (hi != lo)
      cls += "-" + byteEscape(hi);
  }
  if (negate)
    out += "[^/" + cls + "]";
  else if (cls.empty())
    out += "[^\\x{00}-\\x{ff}]"; // "[/]": can never match
  else
    out += "[" + cls + "]";
  return j + 1;
}

} // namespace

Result<std::string> GlobSet::toRegex(std::string_view pattern) {
  std::string_view p = pattern;
  if (p.empty())
    return globError(pattern, "empty pattern");
  if (p.front() == '!')
    return globError(pattern, "negation ('!') is not supported; list the "
                              "path in include or exclude instead");
  while (p.substr(0, 2) == "./")
    p.remove_prefix(2);
  bool dir_only = false;
  while (!p.empty() && p.back() == '/' &&
         !(p.size() >= 2 && p[p.size() - 2] == '\\')) {
    dir_only = true;
    p.remove_suffix(1);
  }
  bool anchored = false;
  if (!p.empty() && p.front() == '/') {
    anchored = true;
    while (!p.empty() && p.front() == '/')
      p.remove_prefix(1);
  }
  if (p.empty())
    return globError(pattern, "pattern matches nothing");
  anchored = anchored || p.find('/') != std::string_view::npos;

  std::string body;
  std::size_t i = 0;
  while (i < p.size()) {
    char c = p[i];
    bool seg_start = i == 0 || p[i - 1] == '/';
    if (c == '*' && i + 1 < p.size() && p[i + 1] == '*' && seg_start &&
        (i + 2 == p.size() || p[i + 2] == '/')) {
      if (i + 2 == p.size()) {
        body += ".*";
        i += 2;
      } else {
        body += "(?:.*/)?";
        i += 3;
      }
      continue;
    }
    switch (c) {
    case '*':
      body += "[^/]*";
      while (i < p.size() && p[i] == '*')
        ++i;
      continue;
    case '?':
      // One UTF-8 character: an ASCII byte or a lead byte + continuations.
      body += "(?:[^/\\x{80}-\\x{ff}]|[\\x{c0}-\\x{ff}][\\x{80}-\\x{bf}]*)";
      ++i;
      continue;
    case '[': {
      auto next = translateClass(p, i, pattern, body);
      if (!next)
        return next.error();
      i = *next;
      continue;
    }
    case '\\':
      if (i + 1 >= p.size())
        return globError(pattern, "trailing backslash");
      body += byteEscape(static_cast<unsigned char>(p[i + 1]));
      i += 2;
      continue;
    default:
      body += byteEscape(static_cast<unsigned char>(c));
      ++i;
    }
  }
  std::string re = anchored ? "" : "(?:.*/)?";
  re += body;
  re += dir_only ? "/.*" : "(?:/.*)?";
  return re;
}

Result<GlobSet> GlobSet::compile(const std::vector<std::string> &patterns) {
  GlobSet set;
  if (patterns.empty())
    return set;
  std::string all;
  RE2::Options opts;
  opts.set_encoding(RE2::Options::EncodingLatin1); // paths are bytes
  opts.set_dot_nl(true);                           // and may hold '\n'
  opts.set_log_errors(false);
  opts.set_max_mem(64 << 20);
  for (const std::string &pat : patterns) {
    auto re = toRegex(pat);
    if (!re)
      return re.error();
    RE2 one(*re, opts);
    if (!one.ok())
      return globError(pat, one.error());
    if (!all.empty())
      all += '|';
    all += "(?:" + *re + ")";
  }
  auto re = std::make_shared<const RE2>(all, opts);
  if (!re->ok())
    return makeError(ErrorCode::Config, "globs: " + re->error());
  set.re_ = std::move(re);
  set.count_ = patterns.size();
  return set;
}

bool GlobSet::matches(std::string_view repo_path) const {
  if (!re_)
    return false;
  return RE2::FullMatch(re2::StringPiece(repo_path.data(), repo_path.size()),
                        *re_);
}

} // namespace keyshift::scan
