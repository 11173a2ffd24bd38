#include "env.h"
#include <cstdlib>
std::string keyFor(const char *name, bool admin) {
  const char *var = name;
  if (admin)
    var = "OPENAI_ADMIN_KEY";
  const char *v = std::getenv(var);
  return v ? v : "";
}
