// A support bot's nightly batch in C++: answers a queue of customer
// questions through keyshift::shim::Client, a few at a time, streaming the
// long answers. The chaos test migrates it with `keyshift migrate --shim`
// (which moves the key and base URL reads to the proxy's) and runs it
// against a fault-injecting proxy.
//
// Input: CHAOS_WORKLOAD (a JSON file of phases of calls); output:
// CHAOS_RESULTS (one record per call) and CHAOS_METRICS (Prometheus text).
#include <keyshift/shim/client.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;

struct Usage {
  int64_t input = 0;
  int64_t output = 0;
  void add(const json &u) {
    if (!u.is_object())
      return;
    input += u.value("prompt_tokens", int64_t{0});
    output += u.value("completion_tokens", int64_t{0});
  }
};

// Reads every complete `data:` line of the streamed bytes.
void scanStream(const std::string &bytes, int &events, Usage &usage) {
  std::istringstream in(bytes);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("data: ", 0) != 0 || line == "data: [DONE]")
      continue;
    json chunk = json::parse(line.substr(6), nullptr, false);
    if (!chunk.is_object())
      continue;
    ++events;
    usage.add(chunk.value("usage", json()));
  }
}

json ask(keyshift::shim::Client &client, const json &call) {
  const std::string id = call.at("id"), kind = call.at("kind");
  const std::string model = call.at("model");
  json body = {{"model", model},
               {"messages", json::array({{{"role", "user"}, {"content", id}}})}};
  Usage usage;
  int events = 0;
  keyshift::shim::HttpResponse r;
  if (kind == "chat" || kind == "embed") {
    if (kind == "embed")
      body = {{"model", model}, {"input", id}};
    r = client.post(kind == "embed" ? "/embeddings" : "/chat/completions",
                    body.dump());
    const json doc = json::parse(r.body, nullptr, false);
    if (r.call.success && doc.is_object())
      usage.add(doc.value("usage", json()));
  } else {
    body["stream"] = true;
    body["stream_options"] = {{"include_usage", true}};
    std::string received;
    keyshift::shim::CancelToken stop;
    const bool preview = kind == "stream_break";
    r = client.postStream(
        "/chat/completions", body.dump(),
        [&](std::string_view bytes) {
          received.append(bytes);
          // The preview needs the first event only: close the stream.
          if (preview && received.find("\n\n") != std::string::npos)
            stop.cancel();
        },
        keyshift::shim::CallOptions{&stop});
    scanStream(received, events, usage);
    if (preview && r.call.stream_end == keyshift::shim::StreamEnd::Closed)
      r.call.success = true; // closing the preview early is the plan
  }
  json out = {{"id", id},
              {"kind", kind},
              {"ok", r.call.success},
              {"events", events},
              {"usage", {{"input", usage.input}, {"output", usage.output}}}};
  if (!r.call.success) {
    char buf[12];
    out["error_type"] = std::string(r.call.errorType(buf));
  }
  return out;
}

} // namespace

int main() {
  keyshift::shim::ClientOptions options;
  const char *key = std::getenv("OPENAI_API_KEY");
  const char *base = std::getenv("OPENAI_BASE_URL");
  options.base_url = base ? base : "https://api.openai.com/v1";
  options.api_key = key ? key : "";
  auto client = keyshift::shim::Client::create(options);
  if (!client.ok()) {
    std::cerr << client.error().message << "\n";
    return 2;
  }
  std::ifstream in(std::getenv("CHAOS_WORKLOAD"));
  const json workload = json::parse(in);
  json results = json::array();
  std::mutex mu;
  for (const json &phase : workload.at("phases")) {
    std::this_thread::sleep_for(
        std::chrono::milliseconds(phase.value("pause_ms", 0)));
    const json &calls = phase.at("calls");
    std::atomic<size_t> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < phase.at("concurrency").get<int>(); ++w)
      workers.emplace_back([&] {
        for (size_t i = next++; i < calls.size(); i = next++) {
          json r = ask(*client.value(), calls[i]);
          std::lock_guard<std::mutex> lock(mu);
          results.push_back(std::move(r));
        }
      });
    for (auto &t : workers)
      t.join();
  }
  std::ofstream(std::getenv("CHAOS_RESULTS")) << json{{"calls", results}};
  std::ofstream(std::getenv("CHAOS_METRICS"))
      << client.value()->metrics().prometheusText();
  return 0;
}
