// A scripted HTTP/1.1 server on 127.0.0.1 (ephemeral port) for the Client
// tests: plain sockets in one thread, one canned response per connection,
// recording each request's request line, headers and body.
#ifndef KEYSHIFT_TESTS_SHIM_CPP_MOCK_SERVER_H_
#define KEYSHIFT_TESTS_SHIM_CPP_MOCK_SERVER_H_

#include <arpa/inet.h>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace keyshift::shim::testing {

struct CannedResponse {
  int status = 200;
  std::vector<std::string> headers; ///< "Name: value"
  std::string body;
  bool stream = false; ///< no Content-Length; body split into 3 writes
  /// After the head and body: Close normally, Cut (the body is sent chunked
  /// and the connection closed before the last chunk: a stream cut
  /// mid-way), Stall (keep it open, silent, until the client hangs up).
  /// Hang stalls before sending anything; Reset sends nothing and resets
  /// the connection (RST).
  enum class Then { Close, Cut, Stall, Hang, Reset } then = Then::Close;
};

struct SeenRequest {
  std::string request_line;
  std::string authorization;
  std::vector<std::string> headers; ///< "name: value", names lower-cased
  std::string body;
};

class MockServer {
public:
  explicit MockServer(std::vector<CannedResponse> script)
      : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof(addr));
    ::listen(fd_, 16);
    socklen_t len = sizeof(addr);
    ::getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~MockServer() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<SeenRequest> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  /// Blocks until `n` requests have been read (the test's own timeout
  /// bounds a bug here).
  void waitForRequests(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    seen_cv_.wait(lock, [&] { return seen_.size() >= n; });
  }

private:
  static std::string lowerCase(std::string s) {
    for (char &c : s)
      if (c >= 'A' && c <= 'Z')
        c = static_cast<char>(c - 'A' + 'a');
    return s;
  }

  void serve() {
    for (const CannedResponse &r : script_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0)
        return;
      SeenRequest req = readRequest(c);
      {
        std::lock_guard<std::mutex> lock(mu_);
        seen_.push_back(req);
      }
      seen_cv_.notify_all();
      if (r.then == CannedResponse::Then::Hang) {
        stallUntilClientLeaves(c);
        continue;
      }
      if (r.then == CannedResponse::Then::Reset) {
        linger hard{1, 0}; // close() then sends RST, not FIN
        ::setsockopt(c, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
        ::close(c);
        continue;
      }
      std::string head = "HTTP/1.1 " + std::to_string(r.status) + " X\r\n";
      for (const auto &h : r.headers)
        head += h + "\r\n";
      const bool cut = r.then == CannedResponse::Then::Cut;
      if (cut)
        head += "Transfer-Encoding: chunked\r\n";
      else if (!r.stream)
        head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
      head += "Connection: close\r\n\r\n";
      writeAll(c, head);
      if (cut) {
        char size[32];
        std::snprintf(size, sizeof(size), "%zx\r\n", r.body.size());
        writeAll(c, size + r.body + "\r\n"); // no terminating 0-chunk
      } else if (r.stream) {
        size_t third = r.body.size() / 3;
        writeAll(c, r.body.substr(0, third));
        writeAll(c, r.body.substr(third, third));
        writeAll(c, r.body.substr(2 * third));
      } else {
        writeAll(c, r.body);
      }
      if (r.then == CannedResponse::Then::Stall) {
        stallUntilClientLeaves(c);
        continue;
      }
      ::shutdown(c, SHUT_WR);
      ::close(c);
    }
  }

  // Holds the connection open and silent until the client closes it or the
  // server is destroyed.
  void stallUntilClientLeaves(int c) {
    char tmp[256];
    while (!stopping_) {
      pollfd p{c, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0 && ::recv(c, tmp, sizeof(tmp), 0) <= 0)
        break;
    }
    ::close(c);
  }

  static void writeAll(int c, const std::string &s) {
    size_t off = 0;
    while (off < s.size()) {
      ssize_t n = ::send(c, s.data() + off, s.size() - off, MSG_NOSIGNAL);
      if (n <= 0)
        return;
      off += static_cast<size_t>(n);
    }
  }

  static SeenRequest readRequest(int c) {
    std::string buf;
    char tmp[4096];
    size_t header_end = std::string::npos;
    while (header_end == std::string::npos) {
      ssize_t n = ::recv(c, tmp, sizeof(tmp), 0);
      if (n <= 0)
        return {};
      buf.append(tmp, static_cast<size_t>(n));
      header_end = buf.find("\r\n\r\n");
    }
    SeenRequest req;
    size_t content_length = 0;
    size_t pos = 0;
    while (pos < header_end) {
      size_t eol = buf.find("\r\n", pos);
      std::string line = buf.substr(pos, eol - pos);
      if (pos == 0) {
        req.request_line = line;
      } else if (auto colon = line.find(':'); colon != std::string::npos) {
        std::string name = lowerCase(line.substr(0, colon));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ')
          value.erase(0, 1);
        if (name == "authorization")
          req.authorization = value;
        req.headers.push_back(name + ": " + value);
        if (name == "content-length")
          content_length = std::stoul(value);
      }
      pos = eol + 2;
    }
    req.body = buf.substr(header_end + 4);
    while (req.body.size() < content_length) {
      ssize_t n = ::recv(c, tmp, sizeof(tmp), 0);
      if (n <= 0)
        break;
      req.body.append(tmp, static_cast<size_t>(n));
    }
    return req;
  }

  std::vector<CannedResponse> script_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable seen_cv_;
  std::vector<SeenRequest> seen_;
  std::atomic<bool> stopping_{false};
};

} // namespace keyshift::shim::testing

#endif // KEYSHIFT_TESTS_SHIM_CPP_MOCK_SERVER_H_
