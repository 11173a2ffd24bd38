#include "keyshift/shim/sse.h"

#include <nlohmann/json.hpp>

namespace keyshift::shim {
namespace {

void readDoc(const nlohmann::json &doc, BodyMetrics &out) {
  if (!doc.is_object())
    return;
  if (auto e = doc.find("error"); e != doc.end() && !e->is_null())
    out.error = true;
  if (auto m = doc.find("model"); m != doc.end() && m->is_string())
    out.model = m->get<std::string>();
  // Responses API events nest the response object; Assistants events their
  // run under "data".
  for (const char *nested : {"response", "data"})
    if (auto r = doc.find(nested); r != doc.end() && r->is_object())
      readDoc(*r, out);
  auto u = doc.find("usage");
  if (u == doc.end() || !u->is_object())
    return;
  auto read = [&](const char *name, int64_t &v) {
    if (auto it = u->find(name); it != u->end() && it->is_number_integer())
      v = it->get<int64_t>();
  };
  read("prompt_tokens", out.input_tokens);
  read("input_tokens", out.input_tokens);
  read("completion_tokens", out.output_tokens);
  read("output_tokens", out.output_tokens);
}

// Whether `data` has a "usage" member that is not null: only those events
// (and the first, and error events) are worth a JSON parse, so a stream costs
// a substring search per event rather than a parse.
bool hasUsage(std::string_view data) {
  for (size_t at = data.find("\"usage\""); at != std::string_view::npos;
       at = data.find("\"usage\"", at + 7)) {
    size_t v = at + 7;
    while (v < data.size() && (data[v] == ' ' || data[v] == ':' ||
                               data[v] == '\t' || data[v] == '\n'))
      ++v;
    if (v < data.size() && data[v] != 'n')
      return true;
  }
  return false;
}

} // namespace

void readBodyMetrics(std::string_view json_text, BodyMetrics &out) {
  readDoc(nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false),
          out);
}

int SseScanner::feed(std::string_view bytes) {
  const int before = events_;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t nl = bytes.find('\n', start);
    if (nl == std::string_view::npos) {
      partial_.append(bytes.substr(start));
      break;
    }
    std::string_view piece = bytes.substr(start, nl - start);
    if (!partial_.empty()) {
      partial_.append(piece);
      line(partial_);
      partial_.clear();
    } else {
      line(piece);
    }
    start = nl + 1;
  }
  return events_ - before;
}

void SseScanner::line(std::string_view l) {
  if (!l.empty() && l.back() == '\r')
    l.remove_suffix(1);
  if (l.empty()) {
    dispatch();
    return;
  }
  if (l.front() == ':')
    return; // a comment
  std::string_view field = l.substr(0, l.find(':'));
  std::string_view value =
      field.size() < l.size() ? l.substr(field.size() + 1) : "";
  if (!value.empty() && value.front() == ' ')
    value.remove_prefix(1);
  if (field == "data") {
    if (has_data_)
      data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  } else if (field == "event") {
    event_.assign(value);
  }
}

void SseScanner::dispatch() {
  if (has_data_ && !done_ && !error_event_)
    event(data_);
  data_.clear();
  event_.clear();
  has_data_ = false;
}

void SseScanner::event(std::string_view data) {
  if (data.starts_with("[DONE]")) {
    done_ = true;
    return;
  }
  const bool worth = events_ == 0 || event_ == "error" || hasUsage(data) ||
                     data.find("\"error\"") != std::string_view::npos;
  if (!worth) {
    ++events_;
    return;
  }
  BodyMetrics one;
  readBodyMetrics(data, one);
  if (one.error || event_ == "error") {
    error_event_ = true; // not an event for the caller: the SDKs raise here
    return;
  }
  if (events_ == 0)
    first_model_ = one.model;
  if (!one.model.empty())
    metrics_.model = one.model;
  if (one.input_tokens >= 0)
    metrics_.input_tokens = one.input_tokens;
  if (one.output_tokens >= 0)
    metrics_.output_tokens = one.output_tokens;
  ++events_;
}

} // namespace keyshift::shim
