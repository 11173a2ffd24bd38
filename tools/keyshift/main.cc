// keyshift: everything lives in the libraries; see lib/cli/run_main.h.
#include "cli/run_main.h"

#include <iostream>

int main(int argc, char **argv) {
  return keyshift::cli::runMain(argc, argv, std::cout, std::cerr);
}
