// The one place text bound for an output loses its keys: every snippet and
// message a finding carries goes through maskKeys, whatever engine made it.
//   maskKeys("key = 'sk-proj-<body>'") -> "key = 'sk-proj-…Ab12'"
#ifndef KEYSHIFT_SECRETS_MASK_H_
#define KEYSHIFT_SECRETS_MASK_H_

#include <string>
#include <string_view>

namespace keyshift::secrets {

/// `text` with every key redacted (redactSecrets), then a blunter pass for
/// what the detector cannot classify, such as a key written with an escape
/// sequence in the middle (`"sk-proj-…\u0041…"`), whose tail would show:
/// anything key-shaped keeps its kind prefix ("sk-", "sk-proj-") and
/// loses the rest: never a character of the key's body.
std::string maskKeys(std::string_view text);

} // namespace keyshift::secrets

#endif // KEYSHIFT_SECRETS_MASK_H_
