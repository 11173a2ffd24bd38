#include "keyshift/shim/metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>

namespace keyshift::shim {
namespace {

constexpr double kDurationBuckets[] = {0.01,  0.02,  0.04,  0.08, 0.16,
                                       0.32,  0.64,  1.28,  2.56, 5.12,
                                       10.24, 20.48, 40.96, 81.92};
constexpr std::string_view kDurationLe[] = {
    "0.01", "0.02", "0.04", "0.08",  "0.16",  "0.32",  "0.64",
    "1.28", "2.56", "5.12", "10.24", "20.48", "40.96", "81.92"};
constexpr double kTokenBuckets[] = {1,       4,       16,       64,      256,
                                    1024,    4096,    16384,    65536,   262144,
                                    1048576, 4194304, 16777216, 67108864};
constexpr std::string_view kTokenLe[] = {
    "1",     "4",     "16",     "64",      "256",     "1024",     "4096",
    "16384", "65536", "262144", "1048576", "4194304", "16777216", "67108864"};

constexpr std::string_view kGenAiLabels[] = {
    "gen_ai_operation_name", "gen_ai_provider_name",
    "gen_ai_request_model",  "gen_ai_response_model",
    "server_address",        "server_port",
    "openai_api_type",       "error_type"};
constexpr std::string_view kTokenLabels[] = {
    "gen_ai_operation_name", "gen_ai_provider_name",  "gen_ai_token_type",
    "gen_ai_request_model",  "gen_ai_response_model", "server_address",
    "server_port",           "openai_api_type"};
constexpr std::string_view kKeyLabels[] = {"server_address",
                                           "gen_ai_request_model"};
constexpr std::string_view kKeyOutcome[] = {"server_address",
                                            "gen_ai_request_model", "outcome"};
constexpr std::string_view kKeyReason[] = {"server_address",
                                           "gen_ai_request_model", "reason"};
constexpr std::string_view kKeyFromTo[] = {
    "server_address", "gen_ai_request_model", "from", "to"};

constexpr MetricDescriptor kDescriptors[] = {
    {MetricId::OperationDuration, "gen_ai_client_operation_duration_seconds",
     "gen_ai.client.operation.duration",
     "Duration of one logical GenAI call: queue wait, attempts and backoff",
     MetricKind::Histogram, kGenAiLabels, kDurationBuckets, kDurationLe},
    {MetricId::TimeToFirstChunk,
     "gen_ai_client_operation_time_to_first_chunk_seconds",
     "gen_ai.client.operation.time_to_first_chunk",
     "Time from the start of a streaming call to its first chunk",
     MetricKind::Histogram, kGenAiLabels, kDurationBuckets, kDurationLe},
    {MetricId::TokenUsage, "gen_ai_client_token_usage",
     "gen_ai.client.token.usage", "Tokens reported by responses",
     MetricKind::Histogram, kTokenLabels, kTokenBuckets, kTokenLe},
    {MetricId::Attempts,
     "keyshift_attempts_total",
     "",
     "Upstream attempts by outcome",
     MetricKind::Counter,
     kKeyOutcome,
     {},
     {}},
    {MetricId::Retries,
     "keyshift_retries_total",
     "",
     "Retries scheduled by reason",
     MetricKind::Counter,
     kKeyReason,
     {},
     {}},
    {MetricId::RetryGiveups,
     "keyshift_retry_giveups_total",
     "",
     "Calls that stopped retrying, by reason",
     MetricKind::Counter,
     kKeyReason,
     {},
     {}},
    {MetricId::CircuitState,
     "keyshift_circuit_state",
     "",
     "Circuit state: 0 closed, 1 open, 2 half_open",
     MetricKind::Gauge,
     kKeyLabels,
     {},
     {}},
    {MetricId::CircuitTransitions,
     "keyshift_circuit_transitions_total",
     "",
     "Circuit state transitions",
     MetricKind::Counter,
     kKeyFromTo,
     {},
     {}},
    {MetricId::CircuitRejections,
     "keyshift_circuit_rejections_total",
     "",
     "Calls rejected by an open circuit",
     MetricKind::Counter,
     kKeyLabels,
     {},
     {}},
    {MetricId::InflightRequests,
     "keyshift_inflight_requests",
     "",
     "Attempts holding a concurrency permit",
     MetricKind::Gauge,
     kKeyLabels,
     {},
     {}},
    {MetricId::QueueWait, "keyshift_queue_wait_seconds", "",
     "Time spent waiting for a concurrency permit", MetricKind::Histogram,
     kKeyLabels, kDurationBuckets, kDurationLe},
    {MetricId::ConcurrencyRejections,
     "keyshift_concurrency_rejections_total",
     "",
     "Calls rejected by the concurrency limiter",
     MetricKind::Counter,
     kKeyReason,
     {},
     {}},
    {MetricId::RetryBudgetTokens,
     "keyshift_retry_budget_tokens",
     "",
     "Retry budget tokens left",
     MetricKind::Gauge,
     kKeyLabels,
     {},
     {}},
};
static_assert(std::size(kDescriptors) == kMetricCount);

// Shortest round-trip form, which is what Python repr and JS String print
// too; Prometheus spells infinities +Inf/-Inf.
void appendNumber(std::string &out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
    return;
  }
  if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, ec == std::errc() ? end : buf);
}

void appendNumber(std::string &out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, ec == std::errc() ? end : buf);
}

void appendEscaped(std::string &out, std::string_view v) {
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
}

} // namespace

std::span<const MetricDescriptor> metricDescriptors() { return kDescriptors; }

const MetricDescriptor &descriptorOf(MetricId id) {
  return kDescriptors[static_cast<int>(id)];
}

std::string_view toString(MetricKind kind) {
  switch (kind) {
  case MetricKind::Counter:
    return "counter";
  case MetricKind::Gauge:
    return "gauge";
  case MetricKind::Histogram:
    return "histogram";
  }
  return "";
}

void Histogram::observe(double v) {
  // `le` semantics: a value equal to a bound belongs to that bucket.
  size_t i = static_cast<size_t>(
      std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

struct MetricsRegistry::Series {
  Counter counter;
  Gauge gauge;
  Histogram histogram;
  explicit Series(std::span<const double> bounds) : histogram(bounds) {}
};

namespace {
// Orders stored label vectors against lookup spans without building a
// std::string, so lookups of existing series never allocate.
struct LabelsLess {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A &a, const B &b) const {
    return std::lexicographical_compare(
        a.begin(), a.end(), b.begin(), b.end(),
        [](std::string_view x, std::string_view y) { return x < y; });
  }
};
} // namespace

struct MetricsRegistry::Family {
  std::map<std::vector<std::string>, std::unique_ptr<Series>, LabelsLess>
      series;
};

MetricsRegistry::MetricsRegistry()
    : families_(std::make_unique<Family[]>(kMetricCount)) {}
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Series &MetricsRegistry::series(MetricId id,
                                                 LabelValues values) {
  const MetricDescriptor &d = descriptorOf(id);
  assert(values.size() == d.labels.size() && "label count mismatch");
  (void)d;
  Family &f = families_[static_cast<int>(id)];
  std::lock_guard<std::mutex> lock(mu_);
  auto it = f.series.find(values);
  if (it != f.series.end())
    return *it->second;
  std::vector<std::string> key(values.begin(), values.end());
  auto [pos, inserted] = f.series.emplace(
      std::move(key), std::make_unique<Series>(descriptorOf(id).buckets));
  return *pos->second;
}

Counter &MetricsRegistry::counter(MetricId id, LabelValues values) {
  assert(descriptorOf(id).kind == MetricKind::Counter);
  return series(id, values).counter;
}

Gauge &MetricsRegistry::gauge(MetricId id, LabelValues values) {
  assert(descriptorOf(id).kind == MetricKind::Gauge);
  return series(id, values).gauge;
}

Histogram &MetricsRegistry::histogram(MetricId id, LabelValues values) {
  assert(descriptorOf(id).kind == MetricKind::Histogram);
  return series(id, values).histogram;
}

namespace {
void appendLabels(std::string &out, const MetricDescriptor &d,
                  const std::vector<std::string> &values,
                  std::string_view le = {}) {
  bool any = false;
  for (size_t i = 0; i < d.labels.size(); ++i) {
    if (values[i].empty())
      continue;
    out += any ? ',' : '{';
    any = true;
    out += d.labels[i];
    out += "=\"";
    appendEscaped(out, values[i]);
    out += '"';
  }
  if (!le.empty()) {
    out += any ? ',' : '{';
    any = true;
    out += "le=\"";
    out += le;
    out += '"';
  }
  if (any)
    out += '}';
}
} // namespace

std::string MetricsRegistry::prometheusText() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const MetricDescriptor &d : kDescriptors) {
    const Family &f = families_[static_cast<int>(d.id)];
    if (f.series.empty())
      continue;
    out += "# HELP ";
    out += d.name;
    out += ' ';
    out += d.help;
    out += "\n# TYPE ";
    out += d.name;
    out += ' ';
    out += toString(d.kind);
    out += '\n';
    for (const auto &[values, s] : f.series) {
      switch (d.kind) {
      case MetricKind::Counter:
        out += d.name;
        appendLabels(out, d, values);
        out += ' ';
        appendNumber(out, s->counter.value());
        out += '\n';
        break;
      case MetricKind::Gauge:
        out += d.name;
        appendLabels(out, d, values);
        out += ' ';
        appendNumber(out, s->gauge.value());
        out += '\n';
        break;
      case MetricKind::Histogram: {
        uint64_t cumulative = 0;
        for (size_t i = 0; i <= d.buckets.size(); ++i) {
          cumulative += s->histogram.bucket(i);
          out += d.name;
          out += "_bucket";
          appendLabels(out, d, values,
                       i < d.le.size() ? d.le[i] : std::string_view("+Inf"));
          out += ' ';
          appendNumber(out, cumulative);
          out += '\n';
        }
        out += d.name;
        out += "_sum";
        appendLabels(out, d, values);
        out += ' ';
        appendNumber(out, s->histogram.sum());
        out += '\n';
        out += d.name;
        out += "_count";
        appendLabels(out, d, values);
        out += ' ';
        appendNumber(out, s->histogram.count());
        out += '\n';
        break;
      }
      }
    }
  }
  return out;
}

std::string MetricsRegistry::jsonSnapshot() const {
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  std::lock_guard<std::mutex> lock(mu_);
  for (const MetricDescriptor &d : kDescriptors) {
    const Family &f = families_[static_cast<int>(d.id)];
    nlohmann::ordered_json fam;
    fam["name"] = d.name;
    if (!d.otel_name.empty())
      fam["otel_name"] = d.otel_name;
    fam["type"] = toString(d.kind);
    fam["help"] = d.help;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto &[values, s] : f.series) {
      nlohmann::ordered_json one;
      nlohmann::ordered_json labels = nlohmann::ordered_json::object();
      for (size_t i = 0; i < d.labels.size(); ++i)
        if (!values[i].empty())
          labels[std::string(d.labels[i])] = values[i];
      one["labels"] = std::move(labels);
      if (d.kind == MetricKind::Counter) {
        one["value"] = s->counter.value();
      } else if (d.kind == MetricKind::Gauge) {
        one["value"] = s->gauge.value();
      } else {
        one["count"] = s->histogram.count();
        one["sum"] = s->histogram.sum();
        nlohmann::ordered_json buckets = nlohmann::ordered_json::array();
        uint64_t cumulative = 0;
        for (size_t i = 0; i <= d.buckets.size(); ++i) {
          cumulative += s->histogram.bucket(i);
          buckets.push_back(
              {{"le", i < d.le.size() ? std::string(d.le[i]) : "+Inf"},
               {"count", cumulative}});
        }
        one["buckets"] = std::move(buckets);
      }
      list.push_back(std::move(one));
    }
    fam["series"] = std::move(list);
    metrics.push_back(std::move(fam));
  }
  nlohmann::ordered_json root;
  root["metrics"] = std::move(metrics);
  return root.dump();
}

} // namespace keyshift::shim
