// Tests include the fake-key generator under this name; it lives in
// lib/secrets because `keyshift test-rules` substitutes fake keys too.
#include "secrets/fake_key.h"
