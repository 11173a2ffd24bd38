#include "base/model_naming.h"

#include <algorithm>

namespace keyshift {

ProxyModelName proxyModelName(const ModelPolicy &p, const std::string &name) {
  ProxyModelName m;
  auto hit = p.map.find(name);
  bool is_target = std::any_of(p.map.begin(), p.map.end(), [&](const auto &kv) {
    return kv.second == name;
  });
  if (hit != p.map.end()) {
    m.to = hit->second;
  } else if (is_target) {
    m.to = name; // already the proxy's name: idempotent
  } else if (p.explicit_map) {
    m.why = "'" + name +
            "' is not in models.map: add it (keyshift does not "
            "guess a model name)";
    return m;
  } else if (!p.prefix.empty() && name.rfind("ft:", 0) == 0) {
    m.why = "fine-tuned model '" + name +
            "': the proxy names it its own way; add it to models.map";
    return m;
  } else if (!p.prefix.empty() && name.find('/') == std::string::npos) {
    m.to = p.prefix + name;
  } else {
    m.to = name; // no naming rule, or already provider-qualified
  }
  if (!p.served.empty() &&
      std::find(p.served.begin(), p.served.end(), m.to) == p.served.end()) {
    m.why = "the proxy does not serve '" + m.to + "' (" +
            (p.served_source.empty() ? std::string("its model list")
                                     : p.served_source) +
            " serves " + std::to_string(p.served.size()) +
            " names): add it there, or map it in models.map";
    m.to.clear();
  }
  return m;
}

} // namespace keyshift
