#pragma once
#include <string>
namespace llm {
struct Options { std::string base_url; std::string api_key; };
class Client { public: explicit Client(const Options &o); };
}
