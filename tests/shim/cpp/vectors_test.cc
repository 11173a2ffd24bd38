// Runs every conformance vector in testdata/shim/*.json against the C++
// reference. An unknown vector type fails, and the number of vectors run
// must equal the number in the files, so nothing is skipped silently.
#include "fakes.h"
#include "keyshift/shim/backoff.h"
#include "keyshift/shim/circuit_breaker.h"
#include "keyshift/shim/classify.h"
#include "keyshift/shim/endpoint.h"
#include "keyshift/shim/limiter.h"
#include "keyshift/shim/metrics.h"
#include "keyshift/shim/policy.h"
#include "keyshift/shim/policy_json.h"
#include "keyshift/shim/retry_after.h"
#include "keyshift/shim/retry_budget.h"
#include "keyshift/shim/sse.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace keyshift::shim {
namespace {

using nlohmann::json;
using testing::FakeClock;
using testing::RecordingSleeper;
using testing::ScriptedRng;

std::filesystem::path vectorDir() {
  return std::filesystem::path(KEYSHIFT_SOURCE_DIR) / "testdata" / "shim";
}

std::vector<std::filesystem::path> vectorFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto &e : std::filesystem::directory_iterator(vectorDir()))
    if (e.path().extension() == ".json")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

json loadFile(const std::filesystem::path &p) {
  std::ifstream in(p);
  return json::parse(in);
}

template <typename T> T opt(const json &o, const char *name, T fallback) {
  auto it = o.find(name);
  return it == o.end() || it->is_null() ? fallback : it->get<T>();
}

// The vectors' config members are the KEYSHIFT_SHIM_POLICY members, so the
// library's own reader parses them (and fails on an unknown one).
PolicyConfig configFrom(const json &v) {
  auto c = applyPolicyJson(PolicyConfig{},
                           v.value("config", json::object()).dump(), "config");
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? c.value() : PolicyConfig{};
}

Headers headersFrom(const json &o) {
  Headers h;
  for (auto it = o.begin(); it != o.end(); ++it)
    h.add(it.key(), it.value().get<std::string>());
  return h;
}

json nullable(std::string_view s) {
  return s.empty() ? json(nullptr) : json(std::string(s));
}

void runBackoff(const json &v) {
  PolicyConfig c = configFrom(v);
  BackoffMode mode =
      v.at("mode") == "openai" ? BackoffMode::OpenAi : BackoffMode::Full;
  for (const json &k : v.at("cases")) {
    int n = k.at("retries_taken");
    double u = k.at("u");
    EXPECT_EQ(backoffDelayMs(mode, c.retry.base_ms, c.retry.cap_ms, n, u),
              k.at("delay_ms").get<int64_t>())
        << "n=" << n << " u=" << u;
  }
}

void runRetryAfter(const json &v) {
  PolicyConfig c = configFrom(v);
  RetryAfter ra = parseRetryAfter(headersFrom(v.at("headers")),
                                  opt<int64_t>(v, "wall_now_unix_ms", 0),
                                  c.retry.max_retry_after_ms);
  const json &e = v.at("expect");
  std::string got = ra.kind == RetryAfterKind::Delay     ? "delay"
                    : ra.kind == RetryAfterKind::TooLong ? "too_long"
                                                         : "backoff";
  EXPECT_EQ(got, e.at("result").get<std::string>());
  if (e.contains("delay_ms")) {
    EXPECT_EQ(ra.delay_ms, e.at("delay_ms").get<int64_t>());
  }
}

Observation observationFrom(const json &o, Headers &storage,
                            std::string &body) {
  Observation obs;
  if (o.contains("error")) {
    std::string e = o.at("error");
    obs.kind = e == "timeout"     ? AttemptKind::Timeout
               : e == "cancelled" ? AttemptKind::Cancelled
                                  : AttemptKind::ConnectionError;
    EXPECT_TRUE(e == "timeout" || e == "cancelled" || e == "connection_error")
        << "unknown error kind " << e;
    return obs;
  }
  storage = headersFrom(o.value("headers", json::object()));
  body = o.value("body", "");
  obs.kind = AttemptKind::Response;
  obs.status = o.at("status");
  obs.headers = &storage;
  obs.body = body;
  return obs;
}

void runClassify(const json &v) {
  PolicyConfig c = configFrom(v);
  Headers h;
  std::string body;
  Observation obs = observationFrom(v.at("observation"), h, body);
  Classification got =
      classify(obs, opt<int64_t>(v, "wall_now_unix_ms", 0), c.retry);
  char buf[12];
  json actual = {{"retry_class", toString(got.retry_class)},
                 {"attempt_outcome", toString(got.attempt_outcome)},
                 {"breaker_outcome", toString(got.breaker_outcome)},
                 {"retry_reason", nullable(toString(got.retry_reason))},
                 {"error_type",
                  nullable(errorTypeLabel(got.error_kind, got.status, buf))}};
  EXPECT_EQ(actual, v.at("expect"));
}

AttemptOutcome attemptOutcomeFrom(const std::string &s) {
  if (s == "success")
    return AttemptOutcome::Success;
  if (s == "retryable")
    return AttemptOutcome::Retryable;
  if (s == "fatal")
    return AttemptOutcome::Fatal;
  EXPECT_EQ(s, "ignored");
  return AttemptOutcome::Ignored;
}

void runBudget(const json &v) {
  RetryBudget budget(configFrom(v).budget);
  for (const json &s : v.at("steps")) {
    std::string op = s.at("op");
    if (op == "record") {
      int repeat = s.value("repeat", 1);
      for (int i = 0; i < repeat; ++i)
        budget.record(attemptOutcomeFrom(s.at("outcome")));
    } else if (op == "check") {
      EXPECT_EQ(budget.tokensMilli(), s.at("tokens_milli").get<int64_t>());
      EXPECT_EQ(budget.allowRetry(), s.at("allow_retry").get<bool>());
    } else {
      ADD_FAILURE() << "unknown budget op " << op;
    }
  }
}

struct TransitionLog final : BreakerListener {
  json list = json::array();
  void onTransition(CircuitState from, CircuitState to) override {
    list.push_back({toString(from), toString(to)});
  }
};

void runBreaker(const json &v) {
  TransitionLog log;
  CircuitBreaker breaker(configFrom(v).breaker, &log);
  FakeClock clock;
  std::map<std::string, BreakerPermit> permits;
  int index = 0;
  for (const json &s : v.at("steps")) {
    SCOPED_TRACE("step " + std::to_string(index++));
    std::string op = s.at("op");
    if (s.contains("at_ms"))
      clock.set(s.at("at_ms"));
    if (op == "acquire") {
      BreakerPermit p = breaker.tryAcquire(clock);
      const json &e = s.at("expect");
      EXPECT_EQ(p.admitted, e.at("admitted").get<bool>());
      if (e.contains("probe")) {
        EXPECT_EQ(p.probe, e.at("probe").get<bool>());
      }
      if (e.contains("retry_after_ms")) {
        EXPECT_EQ(p.retry_after_ms, e.at("retry_after_ms").get<int64_t>());
      }
      if (s.contains("permit"))
        permits[s.at("permit")] = p;
    } else if (op == "record") {
      BreakerPermit p;
      if (s.contains("permit")) {
        p = permits.at(s.at("permit"));
      } else {
        p = breaker.tryAcquire(clock);
        EXPECT_TRUE(p.admitted) << "implicit acquire was rejected";
      }
      std::string o = s.at("outcome");
      breaker.record(p,
                     o == "success"   ? BreakerOutcome::Success
                     : o == "failure" ? BreakerOutcome::Failure
                                      : BreakerOutcome::Ignored,
                     clock);
    } else if (op == "check") {
      BreakerSnapshot snap = breaker.snapshot();
      const json &e = s.at("expect");
      json actual = json::object();
      for (auto it = e.begin(); it != e.end(); ++it) {
        const std::string &k = it.key();
        if (k == "state")
          actual[k] = toString(snap.state);
        else if (k == "open_until_ms")
          actual[k] = snap.open_until_ms;
        else if (k == "trip_count")
          actual[k] = snap.trip_count;
        else if (k == "consecutive_failures")
          actual[k] = snap.consecutive_failures;
        else if (k == "window_calls")
          actual[k] = snap.window_calls;
        else if (k == "window_failures")
          actual[k] = snap.window_failures;
        else
          ADD_FAILURE() << "unknown breaker check member " << k;
      }
      EXPECT_EQ(actual, e);
    } else {
      ADD_FAILURE() << "unknown breaker op " << op;
    }
  }
  EXPECT_EQ(log.list, v.at("expect_transitions"));
}

struct LimiterLog final : LimiterEvents {
  std::vector<std::string> granted, timed_out;
  void onGranted(LimiterWaiter &w) override {
    granted.push_back(*static_cast<std::string *>(w.user));
  }
  void onTimedOut(LimiterWaiter &w) override {
    timed_out.push_back(*static_cast<std::string *>(w.user));
  }
};

void runLimiter(const json &v) {
  LimiterCore core(configFrom(v).limiter);
  // std::map nodes are stable, so waiters can point at their ids.
  std::map<std::string, std::pair<LimiterWaiter, std::string>> waiters;
  int index = 0;
  for (const json &s : v.at("steps")) {
    SCOPED_TRACE("step " + std::to_string(index++));
    std::string op = s.at("op");
    const json &e = s.at("expect");
    if (op == "check") {
      EXPECT_EQ(core.inFlight(), e.at("in_flight").get<int>());
      EXPECT_EQ(core.queued(), e.at("queued").get<int>());
      continue;
    }
    LimiterLog log;
    int64_t at = s.at("at_ms");
    if (op == "acquire") {
      std::string id = s.at("id");
      auto &slot = waiters[id];
      slot.second = id;
      slot.first.user = &slot.second;
      AcquireStatus st = core.acquire(
          slot.first, at, opt<int64_t>(s, "deadline_ms", kNoDeadline), &log);
      std::string got = st == AcquireStatus::Granted  ? "granted"
                        : st == AcquireStatus::Queued ? "queued"
                                                      : "rejected";
      EXPECT_EQ(got, e.at("result").get<std::string>());
      if (e.contains("reason")) {
        EXPECT_EQ(st, AcquireStatus::RejectedQueueFull);
      }
    } else if (op == "release") {
      EXPECT_EQ(waiters.at(s.at("id")).first.state, WaiterState::Granted);
      core.release(at, &log);
    } else if (op == "cancel") {
      core.cancel(waiters.at(s.at("id")).first, at, &log);
    } else if (op == "advance") {
      core.expire(at, &log);
    } else {
      ADD_FAILURE() << "unknown limiter op " << op;
    }
    EXPECT_EQ(json(log.granted), e.value("granted", json::array()));
    EXPECT_EQ(json(log.timed_out), e.value("timed_out", json::array()));
  }
}

MetricId metricIdByName(const std::string &name, bool &found) {
  for (const MetricDescriptor &d : metricDescriptors())
    if (d.name == name) {
      found = true;
      return d.id;
    }
  found = false;
  return MetricId::Attempts;
}

void runMetrics(const json &v) {
  bool found = false;
  MetricId id = metricIdByName(v.at("metric"), found);
  ASSERT_TRUE(found) << "metric not declared: " << v.at("metric");
  const MetricDescriptor &d = descriptorOf(id);
  EXPECT_EQ(toString(d.kind), v.at("kind").get<std::string>());
  EXPECT_EQ(json(std::vector<std::string>(d.labels.begin(), d.labels.end())),
            v.at("labels"));
  if (d.kind != MetricKind::Histogram)
    return;
  EXPECT_EQ(json(std::vector<double>(d.buckets.begin(), d.buckets.end())),
            v.at("buckets"));
  EXPECT_EQ(json(std::vector<std::string>(d.le.begin(), d.le.end())),
            v.at("le"));
  if (!v.contains("observe"))
    return;
  MetricsRegistry registry;
  std::vector<std::string_view> labels(d.labels.size(), "x");
  Histogram &h = registry.histogram(id, labels);
  for (const json &o : v.at("observe"))
    h.observe(o.get<double>());
  std::vector<uint64_t> cumulative;
  uint64_t acc = 0;
  for (size_t i = 0; i <= d.buckets.size(); ++i)
    cumulative.push_back(acc += h.bucket(i));
  const json &e = v.at("expect");
  EXPECT_EQ(json(cumulative), e.at("cumulative"));
  EXPECT_EQ(h.count(), e.at("count").get<uint64_t>());
  EXPECT_NEAR(h.sum(), e.at("sum").get<double>(), 1e-9);
}

void runEndpoint(const json &v) {
  OperationInfo op = operationForPath(v.at("path").get<std::string>());
  json actual = {{"operation_name", op.operation_name},
                 {"openai_api_type", nullable(op.openai_api_type)}};
  EXPECT_EQ(actual, v.at("expect"));
}

// Finds the series of `metric` whose label set is exactly `labels`.
const json *findSeries(const json &snapshot, const std::string &metric,
                       const json &labels, std::string *kind) {
  for (const json &fam : snapshot.at("metrics")) {
    if (fam.at("name") != metric)
      continue;
    *kind = fam.at("type");
    for (const json &s : fam.at("series"))
      if (s.at("labels") == labels)
        return &s;
    return nullptr;
  }
  *kind = "";
  return nullptr;
}

void runScenario(const json &v) {
  PolicyConfig config = configFrom(v);
  FakeClock clock(v.at("wall_at_mono_zero_ms").get<int64_t>());
  ScriptedRng rng(v.at("rng").get<std::vector<double>>());
  RecordingSleeper sleeper(&clock);
  MetricsRegistry registry;
  Policy policy(config, Environment{&clock, &clock, &rng, &sleeper}, registry);
  const json &req = v.at("request");
  KeyState &key = policy.key(req.at("server_address").get<std::string>(),
                             req.at("server_port").get<int>(),
                             req.at("model").get<std::string>());
  OperationInfo op = operationForPath(req.at("path").get<std::string>());
  const json &upstream = v.at("upstream");
  size_t next = 0;
  Headers headers;
  std::string body, model;
  int index = 0;
  const json key_labels = {{"server_address", key.serverAddress()},
                           {"gen_ai_request_model", key.model()}};
  for (const json &call : v.at("calls")) {
    SCOPED_TRACE("call " + std::to_string(index++));
    int64_t start = call.at("start_ms");
    ASSERT_GE(start, clock.nowMs()) << "vector moves the clock backwards";
    clock.set(start);
    const bool stream = call.value("stream", false);
    std::vector<int64_t> starts;
    SseScanner sse; // the transport's scanner, fed the events as SSE bytes
    CallResult r = policy.execute(key, op, [&](const AttemptContext &) {
      starts.push_back(clock.nowMs());
      AttemptResult a;
      if (next >= upstream.size()) {
        ADD_FAILURE() << "upstream script exhausted";
        a.kind = AttemptKind::ConnectionError;
        return a;
      }
      const json &u = upstream[next++];
      int64_t at = u.at("at_ms");
      EXPECT_GE(at, clock.nowMs()) << "upstream entry before attempt start";
      clock.set(at);
      Observation obs = observationFrom(u, headers, body);
      a.kind = obs.kind;
      a.status = obs.status;
      a.headers = obs.headers;
      a.body = obs.body;
      if (u.contains("events")) {
        // A committed stream: the attempt lasts until its end (§1.9).
        EXPECT_TRUE(stream) << "a stream entry answers a unary call";
        sse = SseScanner{};
        for (const json &e : u.at("events")) {
          clock.set(e.at("at_ms").get<int64_t>());
          if (sse.feed("data: " + e.at("data").dump() + "\n\n") > 0 &&
              a.first_event_ms < 0)
            a.first_event_ms = clock.nowMs();
          if (e.contains("expect_in_flight")) {
            json snap = json::parse(registry.jsonSnapshot());
            std::string kind;
            const json *g = findSeries(snap, "keyshift_inflight_requests",
                                       key_labels, &kind);
            EXPECT_NE(g, nullptr);
            if (g) {
              EXPECT_EQ(g->at("value").get<double>(),
                        e.at("expect_in_flight").get<double>());
            }
          }
        }
        const json &end = u.at("end");
        clock.set(end.at("at_ms").get<int64_t>());
        const std::string how = end.at("result");
        a.stream_end = how == "complete"           ? StreamEnd::Complete
                       : how == "connection_error" ? StreamEnd::ConnectionError
                       : how == "timeout"          ? StreamEnd::Timeout
                       : how == "error_event"      ? StreamEnd::ErrorEvent
                                                   : StreamEnd::Closed;
        EXPECT_TRUE(how == "closed" || a.stream_end != StreamEnd::Closed)
            << "unknown stream end " << how;
        a.first_event_model = sse.firstModel();
        a.response_model = sse.metrics().model;
        a.input_tokens = sse.metrics().input_tokens;
        a.output_tokens = sse.metrics().output_tokens;
        return a;
      }
      if (obs.kind == AttemptKind::Response && obs.status >= 200 &&
          obs.status < 300) {
        json doc = json::parse(body, nullptr, false);
        if (doc.is_object()) {
          model = doc.value("model", "");
          a.response_model = model;
          if (doc.contains("usage")) {
            const json &us = doc.at("usage");
            a.input_tokens = us.value("prompt_tokens",
                                      us.value("input_tokens", int64_t{-1}));
            a.output_tokens = us.value("completion_tokens",
                                       us.value("output_tokens", int64_t{-1}));
          }
        }
      }
      return a;
    });
    char buf[12];
    json actual = {{"result", r.success ? "success" : "failure"},
                   {"status", r.status ? json(r.status) : json(nullptr)},
                   {"error_type", nullable(r.errorType(buf))},
                   {"give_up_reason", nullable(toString(r.give_up))},
                   {"attempt_starts_ms", starts},
                   {"sleeps_ms", sleeper.take()},
                   {"end_ms", clock.nowMs()}};
    if (stream)
      actual["events"] = sse.events();
    EXPECT_EQ(actual, call.at("expect"));
  }
  EXPECT_EQ(next, upstream.size()) << "upstream entries left unconsumed";
  EXPECT_EQ(rng.used(), rng.size()) << "rng draws left unconsumed";
  EXPECT_EQ(rng.overdrawn(), 0u) << "more rng draws than listed";

  json snapshot = json::parse(registry.jsonSnapshot());
  std::set<std::pair<std::string, std::string>> listed_counters;
  for (const json &m : v.at("expect_metrics")) {
    std::string kind;
    const json *s = findSeries(snapshot, m.at("metric"), m.at("labels"), &kind);
    SCOPED_TRACE(m.dump());
    if (m.contains("value")) {
      double want = m.at("value");
      if (kind == "counter")
        listed_counters.insert({m.at("metric"), m.at("labels").dump()});
      if (!s) {
        EXPECT_EQ(want, 0.0) << "series missing";
        continue;
      }
      EXPECT_NEAR(s->at("value").get<double>(), want, 1e-9);
    } else {
      uint64_t want = m.at("count");
      if (!s) {
        EXPECT_EQ(want, 0u) << "series missing";
        continue;
      }
      EXPECT_EQ(s->at("count").get<uint64_t>(), want);
      EXPECT_NEAR(s->at("sum").get<double>(), m.at("sum").get<double>(), 1e-9);
    }
  }
  // Counters must be listed completely.
  for (const json &fam : snapshot.at("metrics")) {
    if (fam.at("type") != "counter")
      continue;
    for (const json &s : fam.at("series"))
      if (s.at("value").get<uint64_t>() != 0) {
        EXPECT_TRUE(
            listed_counters.count({fam.at("name"), s.at("labels").dump()}))
            << "unlisted counter " << fam.at("name") << s.at("labels").dump()
            << " = " << s.at("value");
      }
  }
}

TEST(ShimVectors, EveryVectorPassesAndNoneIsSkipped) {
  size_t in_files = 0, executed = 0;
  std::set<std::string> names;
  for (const auto &file : vectorFiles()) {
    json doc = loadFile(file);
    const json &vectors = doc.at("vectors");
    in_files += vectors.size();
    for (const json &v : vectors) {
      std::string name = v.at("name");
      SCOPED_TRACE(file.filename().string() + ": " + name);
      EXPECT_TRUE(names.insert(name).second) << "duplicate vector name";
      std::string type = v.at("type");
      if (type == "backoff")
        runBackoff(v);
      else if (type == "retry_after")
        runRetryAfter(v);
      else if (type == "classify")
        runClassify(v);
      else if (type == "budget")
        runBudget(v);
      else if (type == "breaker")
        runBreaker(v);
      else if (type == "limiter")
        runLimiter(v);
      else if (type == "metrics")
        runMetrics(v);
      else if (type == "endpoint")
        runEndpoint(v);
      else if (type == "scenario")
        runScenario(v);
      else {
        ADD_FAILURE() << "unknown vector type '" << type << "'";
        continue;
      }
      ++executed;
    }
  }
  EXPECT_GT(in_files, 0u);
  EXPECT_EQ(executed, in_files);
  ::testing::Test::RecordProperty("vectors_executed",
                                  static_cast<int>(executed));
}

TEST(ShimVectors, EveryDeclaredMetricHasAVector) {
  std::set<std::string> covered;
  for (const auto &file : vectorFiles()) {
    const json doc = loadFile(file); // keep alive across the loop
    for (const json &v : doc.at("vectors"))
      if (v.at("type") == "metrics")
        covered.insert(v.at("metric").get<std::string>());
  }
  for (const MetricDescriptor &d : metricDescriptors())
    EXPECT_TRUE(covered.count(std::string(d.name))) << d.name;
}

} // namespace
} // namespace keyshift::shim
