// Needs a header the build generates; without it this TU does not parse,
// and what it does with the endpoint (and its key) is unknown.
#include "endpoint.h"
#include "generated/batch_schema.pb.h"

#include <iostream>

int main() {
  batch::Schema schema;
  std::cout << tools::baseUrl() << "/files " << schema.DebugString() << "\n";
}
