#pragma once
#pragma GCC system_header
#include <string>
namespace oai {
struct Options { std::string base_url; std::string api_key; };
class Client { public: explicit Client(const Options &o); std::string chat(const std::string &b); };
}
