// A small client library configured through an options object.
#pragma once

#include <string>

namespace llm {

struct Options {
  std::string base_url;
  std::string api_key;
  int timeout_s = 30;
};

class Client {
public:
  explicit Client(const Options &options);
};

} // namespace llm

