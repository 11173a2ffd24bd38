// Test stand-in shaped like openai-cpp's single header: the client and
// its entry points live in openai::_detail and the public names are
// using-declarations, so `openai::start` resolves to
// `openai::_detail::start`. Written for keyshift's tests.
#pragma once
#include <string>

namespace openai {
namespace _detail {

class OpenAI {
public:
  OpenAI(const std::string &token, const std::string &organization,
         bool throw_exception, const std::string &api_base_url)
      : token_(token), organization_(organization),
        throw_(throw_exception),
        base_(api_base_url.empty() ? "https://api.openai.com/v1/"
                                   : api_base_url) {}
  const std::string &base() const { return base_; }

private:
  std::string token_;
  std::string organization_;
  bool throw_;
  std::string base_;
};

inline OpenAI &start(const std::string &token = "",
                     const std::string &organization = "",
                     bool throw_exception = true,
                     const std::string &api_base_url = "") {
  static OpenAI instance(token, organization, throw_exception, api_base_url);
  return instance;
}

inline OpenAI &instance() { return start(); }

} // namespace _detail

using _detail::instance;
using _detail::OpenAI;
using _detail::start;

} // namespace openai
