// The C++ standard a compile command gets when it names none. CMake leaves
// `-std` out when the compiler's default already satisfies the project
// (GCC 11+ defaults to gnu++17), but Clang 14 defaults to gnu++14, so such
// a database would not parse. The compiler the command names is asked once
// (`-dM -E -x c++ /dev/null`, read `__cplusplus`) and its answer passed to
// Clang. LLVM Support only: no Clang headers here.
#ifndef KEYSHIFT_MATCH_CPP_COMPILER_STANDARD_H_
#define KEYSHIFT_MATCH_CPP_COMPILER_STANDARD_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::cpp::detail {

/// Whether argv already chooses a language standard (`-std=`, `--std`,
/// `/std:`).
bool namesStandard(const std::vector<std::string> &args);

/// "gnu++17" / "c++20" from a compiler's predefined macros (`__cplusplus`,
/// `__STRICT_ANSI__`); nullopt without `__cplusplus`.
std::optional<std::string> standardFromPredefines(std::string_view predefines);

/// Whether a program name looks like a C or C++ compiler driver
/// (`c++`, `g++-12`, `x86_64-linux-gnu-g++`, `clang++-14`, `cc`).
bool looksLikeCompiler(std::string_view basename);

/// What to add to a command that names no standard.
struct DefaultStandard {
  std::string flag;                ///< "-std=gnu++17"
  std::optional<std::string> note; ///< set when keyshift had to assume it
};

/// The standard assumed when the compiler cannot be asked.
inline constexpr std::string_view kAssumedStandard = "gnu++17";

/// Asks each compiler once. Never runs a program inside the scanned tree
/// (a checked-in "compiler" is the repository's code, not a toolchain) nor
/// one whose name is no compiler's.
class CompilerStandards {
public:
  explicit CompilerStandards(std::string root) : root_(std::move(root)) {}

  /// `compiler` is argv[0] of a command run in `directory`.
  DefaultStandard standardFor(const std::string &compiler,
                              const std::string &directory);

private:
  std::string root_;
  std::map<std::string, DefaultStandard> by_compiler_;
};

} // namespace keyshift::cpp::detail

#endif // KEYSHIFT_MATCH_CPP_COMPILER_STANDARD_H_
