// Prints the endpoint it would call; sends nothing.
#include "api.h"

#include <iostream>

int main() { std::cout << native::kChatUrl << "\n"; }
