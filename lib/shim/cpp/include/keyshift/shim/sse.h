// What the shim reads from response bodies for its metrics (SHIM_SPEC §1.8,
// §1.9): the response model and token usage of a JSON body, and an
// incremental scanner for text/event-stream bodies that counts events, keeps
// the first event's model and the last usage, and notices error events.
#ifndef KEYSHIFT_SHIM_SSE_H_
#define KEYSHIFT_SHIM_SSE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace keyshift::shim {

/// What one JSON document (a whole body or one event's data) says.
/// Absent members leave the fields untouched.
struct BodyMetrics {
  std::string model;
  int64_t input_tokens = -1; ///< < 0: not reported
  int64_t output_tokens = -1;
  bool error = false; ///< an object with a non-null "error" member
};

/// Reads "model" and usage (prompt/completion or input/output tokens) from
/// `json_text`, also when nested under "response" (Responses API events).
void readBodyMetrics(std::string_view json_text, BodyMetrics &out);

/// Feed it the body bytes as they arrive, in any split.
class SseScanner {
public:
  /// Returns the number of events the bytes completed. `[DONE]` ends the
  /// stream and is not an event.
  int feed(std::string_view bytes);

  int events() const { return events_; }
  bool done() const { return done_; }
  /// An `event: error` or a data object carrying "error"; nothing after it
  /// is read (the SDKs raise there).
  bool errorEvent() const { return error_event_; }
  const std::string &firstModel() const { return first_model_; }
  /// The last usage seen, and the model of the last event parsed: the
  /// first, and those carrying usage or an error (the only ones parsed, so
  /// a stream costs a substring search per event, not a JSON parse).
  const BodyMetrics &metrics() const { return metrics_; }

private:
  void line(std::string_view l);
  void dispatch();
  void event(std::string_view data);

  std::string partial_; ///< an incomplete line carried between feeds
  std::string data_;
  std::string event_;
  bool has_data_ = false;
  int events_ = 0;
  bool done_ = false;
  bool error_event_ = false;
  std::string first_model_;
  BodyMetrics metrics_;
};

} // namespace keyshift::shim

#endif // KEYSHIFT_SHIM_SSE_H_
