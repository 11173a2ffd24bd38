// Uses the installed keyshift::shim: one policy call, then the Prometheus
// text must mention the attempt; exits 0 on success.
#include <cstdio>
#include <keyshift/shim/client.h>
#include <keyshift/shim/policy.h>
#include <string>

int main() {
  using namespace keyshift::shim;
  MetricsRegistry registry;
  Policy policy(PolicyConfig{}, Environment::real(), registry);
  KeyState &key = policy.key("consumer.test", 443, "m");
  CallResult r = policy.execute(key, operationForPath("/chat/completions"),
                                [](const AttemptContext &) {
                                  AttemptResult a;
                                  a.status = 200;
                                  return a;
                                });
  std::string text = registry.prometheusText();
  bool ok = r.success &&
            text.find("keyshift_attempts_total{server_address=\"consumer."
                      "test\",gen_ai_request_model=\"m\",outcome=\"success\"}"
                      " 1") != std::string::npos;
  // Client::create must fail cleanly without its environment variables.
  ClientOptions options;
  options.base_url_env = "KEYSHIFT_CONSUMER_UNSET_URL";
  ok = ok && !Client::create(options).ok();
  std::puts(ok ? "consumer ok" : "consumer FAILED");
  return ok ? 0 : 1;
}
