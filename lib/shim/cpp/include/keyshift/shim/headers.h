// HTTP response headers as the shim sees them: an ordered list of name/value
// pairs with case-insensitive name lookup (HTTP field names are
// case-insensitive, values are compared exactly).
#ifndef KEYSHIFT_SHIM_HEADERS_H_
#define KEYSHIFT_SHIM_HEADERS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keyshift::shim {

bool equalsIgnoreCase(std::string_view a, std::string_view b);

class Headers {
public:
  void add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  /// The first value of `name`, any letter case.
  std::optional<std::string_view> find(std::string_view name) const {
    for (const auto &[n, v] : fields_)
      if (equalsIgnoreCase(n, name))
        return std::string_view(v);
    return std::nullopt;
  }
  const std::vector<std::pair<std::string, std::string>> &fields() const {
    return fields_;
  }
  void clear() { fields_.clear(); }

private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

inline bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y - 'A' + 'a');
    if (x != y)
      return false;
  }
  return true;
}

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_HEADERS_H_
