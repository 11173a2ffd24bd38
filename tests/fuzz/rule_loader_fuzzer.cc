// libFuzzer entry point for rule files (lib/ruleset): arbitrary bytes as a
// rule's JSON through parseRules, as a user rule and as a built-in one (the
// length's parity picks). Nothing may crash or escape as an exception; a
// refusal is a Result error naming the file first. A rule that compiles is
// handed to the Python engine when it is a Python rule, so the tree-sitter
// query compiler sees fuzzed queries as well.
#include "base/proxy_target.h"
#include "match/python/python_dialect.h"
#include "match/treesitter/engine.h"
#include "ruleset/rule.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view kSource = "fuzz/rule.json";

void check(bool ok) {
  if (!ok)
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  namespace ruleset = keyshift::ruleset;
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  const auto origin =
      size % 2 == 0 ? ruleset::RuleOrigin::User : ruleset::RuleOrigin::Builtin;

  auto rules = ruleset::parseRules(text, kSource, origin);
  if (!rules.ok()) {
    const std::string &message = rules.error().message;
    check(message.rfind(std::string(kSource) + ":", 0) == 0);
    check(message.back() != '.' && message.back() != '\n');
    return 0;
  }

  for (const ruleset::Rule &rule : *rules) {
    check(!rule.id.empty());
    check(rule.language != keyshift::Language::Unknown);
    (void)ruleset::queryCaptures(rule.language, rule.query);
    for (const ruleset::Constraint &c : rule.where) {
      check(rule.constraintFor(c.capture) != nullptr);
      (void)c.holds(text);
    }
    if (rule.language == keyshift::Language::Python) {
      const std::vector<const ruleset::Rule *> one = {&rule};
      auto matcher = keyshift::ts::Engine::create(
          keyshift::python::dialect(), one,
          keyshift::ProxyTarget{"https://llm-proxy.example/v1", "LLM_PROXY_KEY",
                                ""},
          {}, keyshift::ts::QueryCompile::AllNow);
      if (!matcher.ok())
        check(!matcher.error().message.empty());
    }
  }
  return 0;
}
