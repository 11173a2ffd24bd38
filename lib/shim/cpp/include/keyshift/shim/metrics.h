// Metrics registry for the shim (SHIM_SPEC §1.8, §2): the OpenTelemetry
// GenAI client histograms plus the keyshift_* resilience counters and
// gauges, exported as Prometheus text (format 0.0.4) or a JSON snapshot.
// Series are created once (that allocates) and then updated through stable
// references with relaxed atomics, so hot paths that hold a reference, or
// look one up that already exists, never allocate.
#ifndef KEYSHIFT_SHIM_METRICS_H_
#define KEYSHIFT_SHIM_METRICS_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace keyshift::shim {

enum class MetricKind { Counter, Gauge, Histogram };

enum class MetricId : int {
  OperationDuration,
  TimeToFirstChunk,
  TokenUsage,
  Attempts,
  Retries,
  RetryGiveups,
  CircuitState,
  CircuitTransitions,
  CircuitRejections,
  InflightRequests,
  QueueWait,
  ConcurrencyRejections,
  RetryBudgetTokens,
};
inline constexpr int kMetricCount = 13;

struct MetricDescriptor {
  MetricId id;
  std::string_view name;      ///< Prometheus name
  std::string_view otel_name; ///< "" for keyshift_* metrics
  std::string_view help;
  MetricKind kind;
  std::span<const std::string_view> labels; ///< exposition order
  std::span<const double> buckets;          ///< histograms only
  std::span<const std::string_view> le;     ///< exact `le` label strings
};

/// All metrics, in exposition order.
std::span<const MetricDescriptor> metricDescriptors();
const MetricDescriptor &descriptorOf(MetricId id);
std::string_view toString(MetricKind kind);

class Counter {
public:
  void inc(uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return v_.load(std::memory_order_relaxed); }

private:
  std::atomic<uint64_t> v_{0};
};

class Gauge {
public:
  void set(double v) { v_.store(v, std::memory_order_relaxed); }
  void add(double d) { v_.fetch_add(d, std::memory_order_relaxed); }
  double value() const { return v_.load(std::memory_order_relaxed); }

private:
  std::atomic<double> v_{0.0};
};

class Histogram {
public:
  static constexpr size_t kMaxBounds = 15;
  Histogram() = default;
  explicit Histogram(std::span<const double> bounds) : bounds_(bounds) {}
  void observe(double v);
  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  /// Non-cumulative count of bucket i; i == bounds().size() is +Inf.
  uint64_t bucket(size_t i) const {
    return buckets_[i].load(std::memory_order_relaxed);
  }
  std::span<const double> bounds() const { return bounds_; }

private:
  std::span<const double> bounds_;
  std::atomic<uint64_t> buckets_[kMaxBounds + 1] = {};
  std::atomic<uint64_t> count_{0};
  std::atomic<double> sum_{0.0};
};

/// Label values in the descriptor's label order; "" means "label absent".
using LabelValues = std::span<const std::string_view>;

class MetricsRegistry {
public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry &) = delete;
  MetricsRegistry &operator=(const MetricsRegistry &) = delete;

  /// Get-or-create; the reference stays valid for the registry's life.
  /// Allocates only when the series is new.
  Counter &counter(MetricId id, LabelValues values);
  Gauge &gauge(MetricId id, LabelValues values);
  Histogram &histogram(MetricId id, LabelValues values);

  std::string prometheusText() const;
  std::string jsonSnapshot() const;

private:
  struct Series;
  struct Family;
  Series &series(MetricId id, LabelValues values);

  mutable std::mutex mu_;
  std::unique_ptr<Family[]> families_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_METRICS_H_
