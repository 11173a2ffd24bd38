// Errors as values for the shim. The shim depends on nothing else in lib/
// (it ships to users on its own), so it carries its own tiny Result instead
// of keyshift::Result from lib/base.
#ifndef KEYSHIFT_SHIM_RESULT_H_
#define KEYSHIFT_SHIM_RESULT_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace keyshift::shim {

/// Lower-case, context first, no trailing period
/// ("client: OPENAI_BASE_URL is not set").
struct ShimError {
  std::string message;
};

template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : v_(std::move(value)) {} // NOLINT: implicit by design
  Result(ShimError error)
      : v_(std::move(error)) {} // NOLINT: implicit by design

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
  const ShimError &error() const {
    assert(!ok() && "error() on an ok Result");
    return std::get<1>(v_);
  }

private:
  std::variant<T, ShimError> v_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_RESULT_H_
