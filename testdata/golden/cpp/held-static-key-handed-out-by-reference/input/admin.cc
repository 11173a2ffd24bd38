#include "keys.h"
#include <cstdlib>
void useAdmin() { keySlot() = std::getenv("OPENAI_ADMIN_KEY"); }
