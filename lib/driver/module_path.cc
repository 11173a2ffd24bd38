#include "driver/module_path.h"

#include <algorithm>
#include <array>
#include <vector>

namespace keyshift::driver {
namespace {

constexpr std::array<std::string_view, 8> kExtensions{
    ".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts", ".cts"};

/// `src/app/../lib/./env` -> `src/lib/env`; nullopt when it climbs out of
/// the repository.
std::optional<std::string> normalize(std::string_view path) {
  std::vector<std::string_view> parts;
  for (std::size_t pos = 0; pos <= path.size();) {
    std::size_t slash = std::min(path.find('/', pos), path.size());
    std::string_view part = path.substr(pos, slash - pos);
    if (part == "..") {
      if (parts.empty())
        return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    pos = slash + 1;
  }
  std::string out;
  for (std::string_view p : parts)
    out += (out.empty() ? "" : "/") + std::string(p);
  return out;
}

} // namespace

std::string moduleOf(const std::string &repo_path) {
  std::string m = repo_path.substr(0, repo_path.rfind('.'));
  std::replace(m.begin(), m.end(), '/', '.');
  const std::string init = ".__init__";
  if (m.size() > init.size() && m.ends_with(init))
    m.resize(m.size() - init.size());
  return m;
}

bool isRelativeSpecifier(std::string_view symbol) {
  return symbol.starts_with("./") || symbol.starts_with("../");
}

std::optional<std::string>
resolveSpecifier(const std::string &from, std::string_view spec,
                 const std::function<bool(const std::string &)> &exists) {
  std::size_t slash = from.rfind('/');
  std::string dir = slash == std::string::npos ? "" : from.substr(0, slash + 1);
  auto path = normalize(dir + std::string(spec));
  if (!path || path->empty())
    return std::nullopt;
  std::vector<std::string> tries{*path};
  for (std::string_view ext : kExtensions)
    tries.push_back(*path + std::string(ext));
  // TypeScript's NodeNext style: `./config.js` names `config.ts`.
  for (std::string_view js : {".js", ".mjs", ".cjs", ".jsx"})
    if (path->ends_with(js)) {
      std::string stem = path->substr(0, path->size() - js.size());
      tries.push_back(stem + (js == ".jsx" ? ".tsx" : ".ts"));
      tries.push_back(stem + ".tsx");
    }
  for (std::string_view ext : kExtensions)
    tries.push_back(*path + "/index" + std::string(ext));
  for (const std::string &t : tries)
    if (exists(t))
      return t;
  return std::nullopt;
}

} // namespace keyshift::driver
