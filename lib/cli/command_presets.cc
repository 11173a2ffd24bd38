// keyshift presets: the proxy presets of rules/proxies.json.
#include "cli/commands.h"
#include "cli/run_command.h"
#include "config/options.h"
#include "config/presets.h"
#include "ruleset/embedded_rules.h"

#include <ostream>

namespace keyshift::cli {

ExitStatus runPresets(const RawArgs &, Io &io) {
  auto presets =
      config::parsePresets(ruleset::builtinProxiesJson(), "rules/proxies.json");
  if (!presets.ok())
    return fail(io, presets.error());
  for (const config::Preset &p : *presets) {
    io.out << p.name
           << std::string(p.name.size() < 12 ? 12 - p.name.size() : 1, ' ')
           << p.base_url << "  (key: " << p.key_env << ")\n";
    if (!p.description.empty())
      io.out << "            " << p.description << "\n";
    if (!p.models.prefix.empty())
      io.out << "            models: OpenAI names get the prefix "
             << p.models.prefix << "\n";
    for (const ProxyHeader &h : p.headers)
      io.out << "            header: " << h.name << " from $" << h.env
             << " (required)\n";
  }
  return ExitStatus::Clean;
}

} // namespace keyshift::cli
