// Errors as values. LLVM is built without exceptions and tree-sitter is C,
// so nothing crosses a library boundary by throwing: functions that can fail
// return Result<T>, and only lib/cli turns an Error into an exit code.
#ifndef KEYSHIFT_BASE_ERROR_H_
#define KEYSHIFT_BASE_ERROR_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace keyshift {

/// What went wrong, coarse enough to pick an exit code from.
enum class ErrorCode {
  Usage,    ///< bad command line
  Config,   ///< bad .keyshift.json, rule file or preset
  Io,       ///< a file could not be read or written
  Input,    ///< a file's content cannot be processed (binary, too large, ...)
  Changed,  ///< a file changed between being read and being written: kept
  Internal, ///< a bug in keyshift
};

/// A message in LLVM style: lower-case, no trailing period, with context
/// first ("rules/py/x.json: /query: unknown capture '@foo'").
struct Error {
  ErrorCode code = ErrorCode::Internal;
  std::string message;
};

inline Error makeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

/// A small std::expected stand-in (C++23 is not available here).
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : v_(std::move(value)) {}     // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {} // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T &value() & {
    assert(ok() && "value() on an error Result");
    return std::get<0>(v_);
  }
  const T &value() const & {
    assert(ok() && "value() on an error Result");
    return std::get<0>(v_);
  }
  T &&value() && {
    assert(ok() && "value() on an error Result");
    return std::get<0>(std::move(v_));
  }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }
  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }

  const Error &error() const {
    assert(!ok() && "error() on a successful Result");
    return std::get<1>(v_);
  }

private:
  std::variant<T, Error> v_;
};

/// Result<void>: success carries nothing.
template <> class [[nodiscard]] Result<void> {
public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {} // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error &error() const {
    assert(!ok_ && "error() on a successful Result");
    return error_;
  }

private:
  Error error_;
  bool ok_ = true;
};

} // namespace keyshift

#endif // KEYSHIFT_BASE_ERROR_H_
