// Prometheus text and JSON snapshot formats of the metrics registry.
#include "keyshift/shim/metrics.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>

namespace keyshift::shim {
namespace {

TEST(MetricsTest, PrometheusTextForACounterAndAGauge) {
  MetricsRegistry registry;
  const std::array<std::string_view, 3> labels{"h", "m\"1", "success"};
  registry.counter(MetricId::Attempts, labels).inc(3);
  const std::array<std::string_view, 2> key{"h", "m"};
  registry.gauge(MetricId::RetryBudgetTokens, key).set(8.1);
  EXPECT_EQ(registry.prometheusText(),
            "# HELP keyshift_attempts_total Upstream attempts by outcome\n"
            "# TYPE keyshift_attempts_total counter\n"
            "keyshift_attempts_total{server_address=\"h\","
            "gen_ai_request_model=\"m\\\"1\",outcome=\"success\"} 3\n"
            "# HELP keyshift_retry_budget_tokens Retry budget tokens left\n"
            "# TYPE keyshift_retry_budget_tokens gauge\n"
            "keyshift_retry_budget_tokens{server_address=\"h\","
            "gen_ai_request_model=\"m\"} 8.1\n");
}

TEST(MetricsTest, HistogramExpositionIsCumulativeAndOmitsEmptyLabels) {
  MetricsRegistry registry;
  const std::array<std::string_view, 2> key{"h", ""};
  Histogram &h = registry.histogram(MetricId::QueueWait, key);
  h.observe(0.01);
  h.observe(100);
  std::string text = registry.prometheusText();
  EXPECT_NE(text.find("keyshift_queue_wait_seconds_bucket{server_address="
                      "\"h\",le=\"0.01\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("keyshift_queue_wait_seconds_bucket{server_address="
                      "\"h\",le=\"81.92\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("keyshift_queue_wait_seconds_bucket{server_address="
                      "\"h\",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("keyshift_queue_wait_seconds_sum{server_address="
                      "\"h\"} 100.01\n"),
            std::string::npos);
  auto json = nlohmann::json::parse(registry.jsonSnapshot());
  bool found = false;
  for (const auto &fam : json.at("metrics"))
    if (fam.at("name") == "keyshift_queue_wait_seconds") {
      found = true;
      EXPECT_EQ(fam.at("series").at(0).at("labels"),
                nlohmann::json({{"server_address", "h"}}));
      EXPECT_EQ(fam.at("series").at(0).at("count"), 2);
    }
  EXPECT_TRUE(found);
}

} // namespace
} // namespace keyshift::shim
