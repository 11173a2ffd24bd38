// Key rotation goes through the vault library, by the variable's name.
#include "env.h"
#include "vault.h"

#include <string>

namespace reports {

std::string rotatedKey() { return vault::secret(kKeyVar); }

} // namespace reports
