#include "match/cpp/compiler_standard.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <cctype>
#include <filesystem>
#include <regex>

namespace keyshift::cpp::detail {

namespace fs = std::filesystem;

bool namesStandard(const std::vector<std::string> &args) {
  for (const std::string &a : args)
    if (a.rfind("-std=", 0) == 0 || a.rfind("--std", 0) == 0 ||
        a.rfind("/std:", 0) == 0 || a.rfind("-std:", 0) == 0)
      return true;
  return false;
}

namespace {

/// The value of `#define NAME value` in -dM output, if defined.
std::optional<std::string_view> macroValue(std::string_view text,
                                           std::string_view name) {
  std::string needle = "#define " + std::string(name);
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    if (at != 0 && text[at - 1] != '\n')
      continue;
    std::size_t end = at + needle.size();
    if (end < text.size() && text[end] != ' ' && text[end] != '\n')
      continue;
    std::size_t eol = text.find('\n', end);
    std::string_view value =
        text.substr(end, eol == std::string_view::npos ? std::string_view::npos
                                                       : eol - end);
    while (!value.empty() && value.front() == ' ')
      value.remove_prefix(1);
    return value;
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> standardFromPredefines(std::string_view predefines) {
  std::optional<std::string_view> cplusplus =
      macroValue(predefines, "__cplusplus");
  if (!cplusplus)
    return std::nullopt;
  long value = 0;
  for (char c : *cplusplus) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      break;
    value = value * 10 + (c - '0');
  }
  // Each published standard's value; anything newer than C++20 is the
  // draft Clang 14 calls c++2b.
  std::string year = value > 202002L   ? "2b"
                     : value > 201703L ? "20"
                     : value > 201402L ? "17"
                     : value > 201103L ? "14"
                     : value > 199711L ? "11"
                                       : "98";
  bool strict = macroValue(predefines, "__STRICT_ANSI__").has_value();
  return (strict ? "c++" : "gnu++") + year;
}

bool looksLikeCompiler(std::string_view basename) {
  static const std::regex kCompiler(
      R"(^([A-Za-z0-9_.]+-)*(c\+\+|g\+\+|clang\+\+|gcc|cc|clang)(-[0-9][0-9.]*)?$)");
  return std::regex_match(basename.begin(), basename.end(), kCompiler);
}

namespace {

bool under(const std::string &path, const std::string &root) {
  if (root.empty() || path.size() < root.size() ||
      path.compare(0, root.size(), root) != 0)
    return false;
  return path.size() == root.size() || root.back() == '/' ||
         path[root.size()] == '/';
}

/// The program `compiler` runs, as an absolute path; "" when none.
std::string resolve(const std::string &compiler, const std::string &dir) {
  if (compiler.find('/') == std::string::npos) {
    llvm::ErrorOr<std::string> found = llvm::sys::findProgramByName(compiler);
    return found ? *found : std::string();
  }
  fs::path p(compiler);
  if (p.is_relative())
    p = fs::path(dir) / p;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  if (ec || !llvm::sys::fs::can_execute(canonical.string()))
    return "";
  return canonical.string();
}

/// The compiler's predefined macros for C++; nullopt when it fails.
std::optional<std::string> predefines(const std::string &program) {
  llvm::SmallString<128> out_path;
  if (llvm::sys::fs::createTemporaryFile("keyshift-predefines", "txt",
                                         out_path))
    return std::nullopt;
  llvm::StringRef args[] = {program, "-dM", "-E", "-x", "c++", "/dev/null"};
  llvm::Optional<llvm::StringRef> redirects[] = {llvm::StringRef("/dev/null"),
                                                 llvm::StringRef(out_path),
                                                 llvm::StringRef("/dev/null")};
  // A compiler answers this in milliseconds; a wedged one must not stall
  // the run.
  int rc = llvm::sys::ExecuteAndWait(program, args, llvm::None, redirects,
                                     /*SecondsToWait=*/30);
  std::optional<std::string> text;
  if (rc == 0)
    if (auto buffer = llvm::MemoryBuffer::getFile(out_path))
      text = (*buffer)->getBuffer().str();
  llvm::sys::fs::remove(out_path);
  return text;
}

} // namespace

DefaultStandard CompilerStandards::standardFor(const std::string &compiler,
                                               const std::string &directory) {
  std::string program = resolve(compiler, directory);
  std::string key = program.empty() ? compiler : program;
  auto cached = by_compiler_.find(key);
  if (cached != by_compiler_.end())
    return cached->second;

  std::string why;
  std::optional<std::string> standard;
  if (program.empty())
    why = "compiler " + compiler + " not found";
  else if (!looksLikeCompiler(fs::path(program).filename().string()) &&
           !looksLikeCompiler(fs::path(compiler).filename().string()))
    why = compiler + " does not look like a compiler (not run)";
  else if (under(program, root_))
    why = compiler + " is inside the scanned tree (not run)";
  else if (std::optional<std::string> text = predefines(program);
           !text || !(standard = standardFromPredefines(*text)))
    why = compiler + " did not report __cplusplus";

  DefaultStandard result;
  if (standard) {
    result.flag = "-std=" + *standard;
  } else {
    result.flag = "-std=" + std::string(kAssumedStandard);
    result.note = "compile commands name no C++ standard and " + why +
                  ": parsed as " + result.flag + ", assumed";
  }
  by_compiler_.emplace(key, result);
  return result;
}

} // namespace keyshift::cpp::detail
