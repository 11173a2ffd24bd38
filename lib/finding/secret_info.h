// A hard-coded secret as keyshift may show or store it: never in clear, only
// its type, a redacted form and a fingerprint. secrets/ fills it in
// (secrets::describe); findings carry it to the printers and baselines.
#ifndef KEYSHIFT_FINDING_SECRET_INFO_H_
#define KEYSHIFT_FINDING_SECRET_INFO_H_

#include <string>

namespace keyshift {

struct SecretInfo {
  std::string type;        ///< "openai-api-key", "openai-project-key", ...
  std::string fingerprint; ///< stable hash, safe to store in a baseline
  std::string redacted;    ///< "sk-proj-…Ab12"
};

} // namespace keyshift

#endif // KEYSHIFT_FINDING_SECRET_INFO_H_
