// The fixture of the Client tests: a fake clock, RNG and sleeper, a metrics
// registry, and the base URL / key variables pointed at a MockServer.
#ifndef KEYSHIFT_TESTS_SHIM_CPP_CLIENT_FIXTURE_H_
#define KEYSHIFT_TESTS_SHIM_CPP_CLIENT_FIXTURE_H_

#include "fakes.h"
#include "keyshift/shim/client.h"
#include "mock_server.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <random>
#include <string>

namespace keyshift::shim::testing {

// Built at run time so no key-shaped literal is ever written to a file.
inline std::string fakeKey() {
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::mt19937 gen(std::random_device{}());
  std::string key = std::string("sk-") + "test-";
  for (int i = 0; i < 24; ++i)
    key += kAlphabet[gen() % (sizeof(kAlphabet) - 1)];
  return key;
}

class ClientTest : public ::testing::Test {
protected:
  void SetUp() override {
    key_ = fakeKey();
    ::setenv("KEYSHIFT_SHIM_TEST_KEY", key_.c_str(), 1);
  }
  void pointAt(int port) {
    std::string url = "http://127.0.0.1:" + std::to_string(port) + "/v1";
    ::setenv("KEYSHIFT_SHIM_TEST_BASE_URL", url.c_str(), 1);
  }
  ClientOptions options() {
    ClientOptions o;
    o.base_url_env = "KEYSHIFT_SHIM_TEST_BASE_URL";
    o.api_key_env = "KEYSHIFT_SHIM_TEST_KEY";
    o.env = Environment{&clock_, &clock_, &rng_, &sleeper_};
    o.metrics = &registry_;
    return o;
  }
  nlohmann::json snapshot() {
    return nlohmann::json::parse(registry_.jsonSnapshot());
  }
  double seriesValue(const std::string &metric, const std::string &label,
                     const std::string &value, const char *field = "value") {
    const nlohmann::json snap = snapshot(); // outlives the loop
    for (const auto &fam : snap.at("metrics")) {
      if (fam.at("name") != metric)
        continue;
      for (const auto &s : fam.at("series"))
        if (label.empty() || s.at("labels").value(label, "") == value)
          return s.at(field).get<double>();
    }
    return -1;
  }

  std::string key_;
  FakeClock clock_{1445412450000};
  ScriptedRng rng_{{0.5}};
  RecordingSleeper sleeper_{&clock_};
  MetricsRegistry registry_;
};

} // namespace keyshift::shim::testing

#endif // KEYSHIFT_TESTS_SHIM_CPP_CLIENT_FIXTURE_H_
