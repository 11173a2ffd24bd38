#include "endpoint.h"

#include <iostream>

int main() { std::cout << tools::baseUrl() << "/models\n"; }
