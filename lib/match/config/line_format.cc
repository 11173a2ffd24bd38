#include "match/config/line_format.h"

#include <algorithm>
#include <cctype>

namespace keyshift::config {
namespace {

bool isNameStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool isBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view baseName(std::string_view path) {
  auto slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool startsWithWord(std::string_view line, std::size_t i, std::string_view word,
                    bool ignore_case) {
  if (line.size() - i <= word.size())
    return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    char a = line[i + k], b = word[k];
    if (ignore_case ? std::toupper(static_cast<unsigned char>(a)) != b : a != b)
      return false;
  }
  return isBlank(line[i + word.size()]);
}

/// One physical line being read: `text` is the whole file, [pos, end) the
/// line without its line break.
class LineReader {
public:
  LineReader(std::string_view text, std::size_t begin, std::size_t end,
             LineFlavour flavour, LineParse &out)
      : text_(text), pos_(begin), end_(end), flavour_(flavour), out_(&out) {}

  void skipBlanks() {
    while (pos_ < end_ && isBlank(text_[pos_]))
      ++pos_;
  }
  bool atEnd() const { return pos_ >= end_; }
  char peek() const { return pos_ < end_ ? text_[pos_] : '\0'; }
  std::size_t pos() const { return pos_; }
  std::string_view rest() const { return text_.substr(pos_, end_ - pos_); }
  void advance(std::size_t n) { pos_ += n; }

  /// Skips `word` and the blanks after it when the line continues with it.
  bool word(std::string_view w, bool ignore_case = false) {
    if (!startsWithWord(text_.substr(0, end_), pos_, w, ignore_case))
      return false;
    pos_ += w.size();
    skipBlanks();
    return true;
  }

  /// A variable name here, or "".
  std::string_view name() {
    if (!isNameStart(peek()))
      return {};
    std::size_t start = pos_;
    while (pos_ < end_ && isNameChar(text_[pos_]))
      ++pos_;
    return text_.substr(start, pos_ - start);
  }

  /// Reads a value: quoted ("..." with backslash escapes, '...'), or bare up
  /// to a blank (`to_blank`) or the end of the line; an inline comment
  /// (" #" in shell and .env files, "#" in Makefiles) ends a bare value.
  ByteRange value(bool to_blank) {
    char q = peek();
    if (q == '"' || q == '\'') {
      std::size_t start = ++pos_;
      while (pos_ < end_ && text_[pos_] != q) {
        if (q == '"' && text_[pos_] == '\\' && pos_ + 1 < end_)
          ++pos_;
        ++pos_;
      }
      if (pos_ >= end_) {
        ++out_->unterminated;
        return ByteRange::fromBounds(start, end_);
      }
      ByteRange inside = ByteRange::fromBounds(start, pos_);
      ++pos_; // the closing quote
      return inside;
    }
    std::size_t start = pos_;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (to_blank && isBlank(c))
        break;
      if (c == '#' && (flavour_ == LineFlavour::Makefile ||
                       (pos_ > start && isBlank(text_[pos_ - 1]))))
        break;
      ++pos_;
    }
    std::size_t stop = pos_;
    while (stop > start && isBlank(text_[stop - 1]))
      --stop;
    return ByteRange::fromBounds(start, stop);
  }

  /// The line from here to its end, less an inline comment, as Text.
  void restAsText() {
    std::size_t start = pos_;
    ByteRange r = value(false);
    if (r.offset != start) // the line was one quoted string: keep it whole
      r = ByteRange::fromBounds(start, end_);
    if (!r.empty())
      addText(r);
    pos_ = end_;
  }

  void addAssignment(std::string_view key, std::size_t key_at, ByteRange v) {
    Entry e;
    e.kind = Entry::Kind::Assignment;
    e.key = std::string(key);
    e.key_range = ByteRange{key_at, key.size()};
    e.value = std::string(text_.substr(v.offset, v.length));
    e.value_range = v;
    out_->entries.push_back(std::move(e));
  }
  void addText(ByteRange r) {
    Entry e;
    e.kind = Entry::Kind::Text;
    e.value = std::string(text_.substr(r.offset, r.length));
    e.value_range = r;
    out_->entries.push_back(std::move(e));
  }

private:
  std::string_view text_;
  std::size_t pos_, end_;
  LineFlavour flavour_;
  LineParse *out_;
};

} // namespace

LineFlavour lineFlavourForPath(std::string_view path) {
  std::string_view base = baseName(path);
  auto has = [&](std::string_view s) {
    return base.find(s) != std::string_view::npos;
  };
  auto ends = [&](std::string_view s) {
    return base.size() >= s.size() && base.substr(base.size() - s.size()) == s;
  };
  if (has("Dockerfile") || has("dockerfile") || has("Containerfile"))
    return LineFlavour::Dockerfile;
  if (base == "Makefile" || base == "makefile" || base == "GNUmakefile" ||
      ends(".mk") || ends(".make"))
    return LineFlavour::Makefile;
  if (ends(".sh") || ends(".bash") || ends(".zsh") || base == ".envrc" ||
      base == ".bashrc" || base == ".zshrc" || base == ".profile")
    return LineFlavour::Shell;
  return LineFlavour::Env;
}

void addReferences(std::string_view text, std::size_t begin, std::size_t end,
                   LineFlavour flavour, std::vector<Entry> &out) {
  for (std::size_t i = begin; i + 1 < end; ++i) {
    if (text[i] != '$')
      continue;
    std::size_t at = i + 1;
    char open = text[at];
    if (open == '{' || (open == '(' && flavour == LineFlavour::Makefile))
      ++at;
    else if (!isNameStart(open))
      continue;
    std::size_t stop = at;
    while (stop < end && isNameChar(text[stop]))
      ++stop;
    if (stop == at || !isNameStart(text[at]))
      continue;
    if (open == '(' && (stop >= end || text[stop] != ')'))
      continue; // $(command) in a Makefile's shell function, not a variable
    Entry e;
    e.kind = Entry::Kind::Reference;
    e.key = std::string(text.substr(at, stop - at));
    e.key_range = ByteRange::fromBounds(at, stop);
    out.push_back(std::move(e));
    i = stop - 1;
  }
}

namespace {

/// What ends a shell word besides the line: a blank or an operator.
bool endsWord(char c) {
  return isBlank(c) || c == '\r' || c == ';' || c == '|' || c == '&' ||
         c == '(' || c == ')' || c == '`';
}
bool isQuote(char c) { return c == '"' || c == '\''; }

/// Where the quoted string whose quote is at `at` closes (or `end`).
std::size_t closingQuote(std::string_view text, std::size_t at,
                         std::size_t end) {
  std::size_t i = at + 1;
  while (i < end && text[i] != text[at]) {
    if (text[at] == '"' && text[i] == '\\' && i + 1 < end)
      ++i;
    ++i;
  }
  return std::min(i, end);
}

/// The words of one physical line [begin, end) that set or name a variable.
void commandLine(std::string_view text, std::size_t begin, std::size_t end,
                 std::vector<Entry> &out) {
  bool has_value = false; // a `$` expansion: something is passed along
  for (std::size_t i = begin; i + 1 < end; ++i)
    if (text[i] == '$' &&
        (isNameStart(text[i + 1]) || text[i + 1] == '{' || text[i + 1] == '('))
      has_value = true;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && !endsWord(text[i - 1]))
      continue;
    std::size_t at = i, quote = std::string_view::npos;
    if (text[at] == '-') { // `--from-literal=NAME=...`: the option's value
      while (at < end && (isNameChar(text[at]) || text[at] == '-'))
        ++at;
      if (at >= end || text[at] != '=')
        continue;
      ++at;
    }
    if (at < end && isQuote(text[at]))
      quote = at++;
    if (at >= end || !isNameStart(text[at]))
      continue;
    std::size_t stop = at;
    while (stop < end && isNameChar(text[stop]))
      ++stop;
    Entry e;
    e.kind = Entry::Kind::Assignment;
    e.key = std::string(text.substr(at, stop - at));
    e.key_range = ByteRange::fromBounds(at, stop);
    e.in_command = true;
    if (stop < end && text[stop] == '=' &&
        (stop + 1 >= end || text[stop + 1] != '=')) {
      std::size_t v = stop + 1, v_end;
      if (quote != std::string_view::npos) {
        v_end = closingQuote(text, quote, end);
      } else if (v < end && isQuote(text[v])) {
        v_end = closingQuote(text, v, end);
        ++v;
      } else {
        v_end = v;
        while (v_end < end && !endsWord(text[v_end]))
          ++v_end;
      }
      e.value_range = ByteRange::fromBounds(v, std::max(v, v_end));
    } else {
      // The whole word is the name (quoted or not): handed to a command.
      std::size_t after = stop;
      if (quote != std::string_view::npos)
        after = stop < end && text[stop] == text[quote] ? stop + 1 : end + 1;
      if (!has_value || after > end ||
          (after < end && !endsWord(text[after])) ||
          e.key.find("OPENAI") == std::string::npos)
        continue;
      e.passed_name = true;
      e.value_range = ByteRange{stop, 0};
    }
    e.value =
        std::string(text.substr(e.value_range.offset, e.value_range.length));
    out.push_back(std::move(e));
  }
}

} // namespace

void addCommandAssignments(std::string_view text, std::size_t begin,
                           std::size_t end, std::vector<Entry> &out) {
  while (begin < end) {
    std::size_t nl = text.find('\n', begin);
    std::size_t stop = nl == std::string_view::npos || nl > end ? end : nl;
    commandLine(text, begin, stop, out);
    begin = stop + 1;
  }
}

LineParse parseLines(std::string_view text, LineFlavour flavour) {
  LineParse out;
  bool continued = false; // a Dockerfile ENV/ARG list goes on
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t nl = text.find('\n', begin);
    std::size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    if (end > begin && text[end - 1] == '\r')
      --end;
    bool was_continued = continued;
    continued = false;
    std::size_t first_entry = out.entries.size();
    LineReader r(text, begin, end, flavour, out);
    r.skipBlanks();
    if (r.atEnd() || r.peek() == '#') {
      begin = next;
      continue;
    }
    switch (flavour) {
    case LineFlavour::Env:
    case LineFlavour::Shell: {
      bool exported = r.word("export") || (r.word("declare") && r.word("-x"));
      LineReader save = r;
      std::size_t at = r.pos();
      std::string_view key = r.name();
      if (flavour == LineFlavour::Env)
        r.skipBlanks();
      LineReader after_key = r;
      after_key.skipBlanks();
      if (exported && !key.empty() &&
          (after_key.atEnd() || after_key.peek() == '#')) {
        // `export NAME`: exports what the shell has under that name.
        r.addAssignment(key, at, ByteRange{r.pos(), 0});
      } else if (!key.empty() && r.peek() == '=') {
        r.advance(1);
        if (flavour == LineFlavour::Env)
          r.skipBlanks();
        ByteRange v = r.value(flavour == LineFlavour::Shell);
        r.addAssignment(key, at, v);
        r.skipBlanks();
        if (!r.atEnd() && r.peek() != '#' && r.peek() != ';')
          r.restAsText();
        else if (r.peek() == ';') {
          r.advance(1);
          r.skipBlanks();
          r.restAsText();
        }
      } else {
        r = save;
        r.restAsText();
      }
      break;
    }
    case LineFlavour::Dockerfile: {
      bool list = was_continued || r.word("ENV", true) || r.word("ARG", true);
      if (!list) {
        r.restAsText();
        break;
      }
      while (!r.atEnd()) {
        if (r.peek() == '\\' && r.pos() + 1 == end) {
          continued = true;
          break;
        }
        std::size_t at = r.pos();
        std::string_view key = r.name();
        if (key.empty()) {
          r.restAsText();
          break;
        }
        if (r.peek() == '=') {
          r.advance(1);
          r.addAssignment(key, at, r.value(true));
          r.skipBlanks();
          continue;
        }
        r.skipBlanks();
        if (r.atEnd() || (r.peek() == '\\' && r.pos() + 1 == end)) {
          // `ARG NAME` without a default
          r.addAssignment(key, at, ByteRange{r.pos(), 0});
          continue;
        }
        // Legacy `ENV KEY value with blanks`: the rest is the value.
        std::size_t vstart = r.pos();
        std::size_t vend = end;
        while (vend > vstart && isBlank(text[vend - 1]))
          --vend;
        if (vend > vstart && text[vend - 1] == '\\') {
          continued = true;
          --vend;
          while (vend > vstart && isBlank(text[vend - 1]))
            --vend;
        }
        r.addAssignment(key, at, ByteRange::fromBounds(vstart, vend));
        break;
      }
      break;
    }
    case LineFlavour::Makefile: {
      LineReader save = r;
      bool exported = r.word("export");
      if (!exported)
        r.word("override");
      std::size_t at = r.pos();
      std::string_view key = r.name();
      r.skipBlanks();
      std::string_view rest = r.rest();
      std::size_t op = 0;
      for (std::string_view o : {"::=", ":=", "?=", "+=", "!=", "="})
        if (rest.substr(0, o.size()) == o) {
          op = o.size();
          break;
        }
      if (exported && !key.empty() && (rest.empty() || rest[0] == '#')) {
        r.addAssignment(key, at, ByteRange{r.pos(), 0}); // `export NAME`
        break;
      }
      if (key.empty() || op == 0) {
        r = save;
        r.restAsText();
        break;
      }
      r.advance(op);
      r.skipBlanks();
      ByteRange v = r.value(false);
      r.addAssignment(key, at, v);
      break;
    }
    }
    // References anywhere in the line's entries, in line order.
    std::vector<Entry> refs;
    for (std::size_t k = first_entry; k < out.entries.size(); ++k) {
      const Entry &e = out.entries[k];
      addReferences(text, e.value_range.offset, e.value_range.end(), flavour,
                    refs);
    }
    // The variables its commands set (`docker run -e NAME="$NAME"`).
    for (std::size_t k = first_entry; k < out.entries.size(); ++k)
      if (out.entries[k].kind == Entry::Kind::Text)
        addCommandAssignments(text, out.entries[k].value_range.offset,
                              out.entries[k].value_range.end(), refs);
    for (Entry &e : refs)
      out.entries.push_back(std::move(e));
    begin = next;
  }
  return out;
}

} // namespace keyshift::config
