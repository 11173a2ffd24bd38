// The commented starting .keyshift.json that `keyshift init` writes: every
// key, the presets to choose from, and comments on what each setting does.
// It parses with parseConfig (a test keeps it that way).
#ifndef KEYSHIFT_CONFIG_INIT_TEMPLATE_H_
#define KEYSHIFT_CONFIG_INIT_TEMPLATE_H_

#include "config/presets.h"

#include <string>
#include <string_view>
#include <vector>

namespace keyshift::config {

/// With `preset` empty the proxy is left for the user to choose (resolve()
/// then says "no proxy configured"); otherwise that preset is selected.
std::string initTemplate(const std::vector<Preset> &presets,
                         std::string_view preset = {});

} // namespace keyshift::config

#endif // KEYSHIFT_CONFIG_INIT_TEMPLATE_H_
