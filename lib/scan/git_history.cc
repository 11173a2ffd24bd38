#include "scan/git_history.h"

#include "scan/git_process.h"

#include <charconv>

namespace keyshift::scan {
namespace {

// Commits start with this byte (--format=%x01%H): every line of a patch
// starts with a diff marker, so it can never be mistaken for one.
constexpr char kCommitMark = '\x01';

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "@@ -a,b +c,d @@ ..." -> c.
std::size_t hunkNewStart(std::string_view line) {
  const std::size_t plus = line.find(" +");
  if (plus == std::string_view::npos)
    return 0;
  std::size_t value = 0;
  const char *begin = line.data() + plus + 2;
  std::from_chars(begin, line.data() + line.size(), value);
  return value;
}

} // namespace

std::string diffHeaderPath(std::string_view field) {
  std::string out;
  if (!field.empty() && field.front() == '"') {
    for (std::size_t i = 1; i < field.size() && field[i] != '"'; ++i) {
      char c = field[i];
      if (c != '\\' || i + 1 >= field.size()) {
        out.push_back(c);
        continue;
      }
      c = field[++i];
      if (c >= '0' && c <= '7') {
        int value = 0;
        for (int k = 0;
             k < 3 && i < field.size() && field[i] >= '0' && field[i] <= '7';
             ++k, ++i)
          value = value * 8 + (field[i] - '0');
        --i;
        out.push_back(static_cast<char>(value));
        continue;
      }
      switch (c) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'v':
        out.push_back('\v');
        break;
      default:
        out.push_back(c);
        break;
      }
    }
  } else {
    out = std::string(field);
    // git ends a header path with a tab when it holds a space.
    if (!out.empty() && out.back() == '\t')
      out.pop_back();
  }
  if (startsWith(out, "b/") || startsWith(out, "a/"))
    out.erase(0, 2);
  return out;
}

void PatchParser::feed(std::string_view chunk) {
  while (!chunk.empty()) {
    const std::size_t nl = chunk.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(chunk);
      return;
    }
    if (partial_.empty()) {
      line(chunk.substr(0, nl));
    } else {
      partial_.append(chunk.substr(0, nl));
      line(partial_);
      partial_.clear();
    }
    chunk.remove_prefix(nl + 1);
  }
}

void PatchParser::finish() {
  if (!partial_.empty()) {
    line(partial_);
    partial_.clear();
  }
  flush();
}

void PatchParser::flush() {
  if (!skip_file_ && any_added_)
    on_file_(current_);
  current_.lines.clear();
  current_.path.clear();
  skip_file_ = true;
  any_added_ = false;
  in_header_ = false;
}

void PatchParser::line(std::string_view text) {
  if (!text.empty() && text.front() == kCommitMark) {
    flush();
    current_.commit = std::string(text.substr(1));
    ++commits_;
    return;
  }
  if (startsWith(text, "diff --git ")) {
    flush();
    in_header_ = true;
    return;
  }
  if (in_header_) {
    if (startsWith(text, "+++ ")) {
      const std::string_view field = text.substr(4);
      skip_file_ = field == "/dev/null";
      if (!skip_file_)
        current_.path = diffHeaderPath(field);
    } else if (startsWith(text, "Binary files ")) {
      skip_file_ = true;
    } else if (startsWith(text, "@@ ")) {
      in_header_ = false;
      next_line_ = hunkNewStart(text);
    }
    return;
  }
  if (skip_file_ || text.empty())
    return;
  switch (text.front()) {
  case '@':
    next_line_ = hunkNewStart(text);
    return;
  case '+':
    current_.lines.push_back({next_line_++, std::string(text.substr(1)), true});
    any_added_ = true;
    return;
  case ' ':
    current_.lines.push_back(
        {next_line_++, std::string(text.substr(1)), false});
    return;
  default: // '-' removed, '\' no newline at end of file
    return;
  }
}

Result<std::size_t>
readHistory(const HistoryOptions &options,
            const std::function<void(const FileDiff &)> &on_file) {
  // Every setting that could change the patch's shape is pinned: prefixes,
  // colour, external diff drivers, textconv, signatures, relative paths.
  std::vector<std::string> args{"-C",
                                options.root,
                                "-c",
                                "core.quotePath=false",
                                "log",
                                "-p",
                                "-U1",
                                "--no-color",
                                "--no-ext-diff",
                                "--no-textconv",
                                "--no-relative",
                                "--no-show-signature",
                                "--src-prefix=a/",
                                "--dst-prefix=b/",
                                "--format=%x01%H"};
  if (!options.pickaxe.empty())
    args.push_back("-G" + options.pickaxe);
  if (!options.range.empty())
    args.push_back(options.range);
  args.emplace_back("--");
  for (const std::string &p : options.pathspecs)
    args.push_back(p);
  PatchParser parser(on_file);
  auto r = streamGit(args,
                     [&parser](std::string_view chunk) { parser.feed(chunk); });
  if (!r)
    return r.error();
  parser.finish();
  if (r->exit_code != 0) {
    std::string why = firstLine(r->err);
    if (startsWith(why, "fatal: "))
      why.erase(0, 7);
    // An empty repository has no history to scan: not an error.
    if (why.find("does not have any commits yet") != std::string::npos)
      return std::size_t{0};
    return makeError(ErrorCode::Usage, "--history: git log: " + why);
  }
  return parser.commits();
}

} // namespace keyshift::scan
