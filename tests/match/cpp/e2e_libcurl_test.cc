// End to end: rewrite testdata/cpp/e2e_libcurl/sample.cc (libcurl POST to
// api.openai.com with OPENAI_API_KEY), and testdata/cpp/e2e_env_wrapper
// (the same through a wrapper defined in another TU, with a compilation
// database), build them with the system compiler, run them against a mock
// proxy on 127.0.0.1 and check what arrived.
#include "match/cpp/cpp_engine.h"
#include "tests/match/cpp/cpp_test_util.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <atomic>
#include <map>
#include <netinet/in.h>
#include <poll.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace keyshift::cpp {
namespace {

/// Accepts one HTTP request, answers 200 with a small JSON body, and keeps
/// the request head and body for the test to inspect.
class MockProxy {
public:
  MockProxy() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    listen(fd_, 1);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr *>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serveOne(); });
  }
  ~MockProxy() {
    stop_ = true;
    if (thread_.joinable())
      thread_.join();
    close(fd_);
  }
  int port() const { return port_; }
  /// Valid after the client finished (the thread is joined by then).
  std::string request() {
    if (thread_.joinable())
      thread_.join();
    return request_;
  }

private:
  void serveOne() {
    pollfd p{fd_, POLLIN, 0};
    // Wait in slices so the destructor can stop a server nobody called;
    // give up after a minute so a client that never comes cannot hang us.
    bool ready = false;
    for (int slice = 0; slice < 600 && !stop_ && !ready; ++slice)
      ready = poll(&p, 1, 100) > 0;
    if (!ready)
      return;
    int conn = accept(fd_, nullptr, nullptr);
    if (conn < 0)
      return;
    std::string data;
    char buf[4096];
    std::size_t need = std::string::npos;
    while (need == std::string::npos || data.size() < need) {
      pollfd c{conn, POLLIN, 0};
      if (poll(&c, 1, 10000) <= 0)
        break;
      ssize_t n = read(conn, buf, sizeof buf);
      if (n <= 0)
        break;
      data.append(buf, static_cast<std::size_t>(n));
      std::size_t head_end = data.find("\r\n\r\n");
      if (need == std::string::npos && head_end != std::string::npos) {
        std::size_t length = 0;
        std::size_t cl = data.find("Content-Length: ");
        if (cl != std::string::npos && cl < head_end)
          length = std::stoul(data.substr(cl + 16));
        need = head_end + 4 + length;
      }
    }
    request_ = data;
    std::string body = R"({"id":"chatcmpl-mock","object":"chat.completion"})";
    std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json"
                           "\r\nConnection: close\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)!write(conn, response.data(), response.size());
    close(conn);
  }

  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::string request_;
};

/// The environment a rewritten sample runs in: no proxy settings, an
/// OpenAI key that must not be sent, the proxy's key in `key_env`.
std::string runEnvironment(const std::string &key_env, const std::string &token,
                           const std::string &decoy) {
  return "env -u OPENAI_BASE_URL -u http_proxy -u HTTP_PROXY -u https_proxy "
         "-u HTTPS_PROXY -u all_proxy -u ALL_PROXY NO_PROXY=127.0.0.1 "
         "OPENAI_API_KEY=" +
         decoy + " " + key_env + "=" + token + " ";
}

/// What a rewritten sample's request must have brought the mock proxy.
void expectProxyGot(MockProxy &proxy, const std::string &token,
                    const std::string &decoy, const std::string &output) {
  std::string request = proxy.request();
  EXPECT_EQ(request.substr(0, request.find("\r\n")),
            "POST /proxy/v1/chat/completions HTTP/1.1");
  EXPECT_NE(request.find("\r\nAuthorization: Bearer " + token + "\r\n"),
            std::string::npos)
      << request;
  EXPECT_EQ(request.find(decoy), std::string::npos) << request;
  EXPECT_NE(request.find(R"("model":"gpt-4o-mini")"), std::string::npos);
  EXPECT_NE(output.find("chatcmpl-mock"), std::string::npos) << output;
}

/// Runs the rewritten sample with a fresh proxy token and a decoy OpenAI
/// key, and checks what reached the proxy.
void runAgainst(MockProxy &proxy, const std::string &binary) {
  std::mt19937_64 rng(std::random_device{}());
  std::string token = "proxy-token-" + std::to_string(rng());
  std::string decoy = "openai-decoy-" + std::to_string(rng());
  std::string output;
  int rc = testing::runCommand(
      runEnvironment("KEYSHIFT_E2E_PROXY_KEY", token, decoy) + "'" + binary +
          "'",
      &output);
  EXPECT_EQ(rc, 0) << output;
  expectProxyGot(proxy, token, decoy, output);
}

TEST(E2eLibcurlTest, RewrittenSampleTalksToTheProxyWithTheProxyKey) {
  testing::TempDir dir;
  std::string sample = dir.write(
      "sample.cc", testing::readFile(testing::sourceDir() +
                                     "/testdata/cpp/e2e_libcurl/sample.cc"));
  MockProxy proxy;
  std::string base =
      "http://127.0.0.1:" + std::to_string(proxy.port()) + "/proxy/v1";
  EngineOptions options = testing::optionsFor(dir.path());
  options.proxy = ProxyTarget{base, "KEYSHIFT_E2E_PROXY_KEY", ""};
  Result<RunResult> r = runRules(testing::allBuiltinRules(), {sample}, options);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->errors.empty()) << r->errors.front().second;
  std::map<std::string, std::string> changed = testing::applyChanges(*r);
  ASSERT_EQ(changed.count(sample), 1u);
  const std::string &rewritten = changed[sample];
  EXPECT_NE(rewritten.find("std::getenv(\"KEYSHIFT_E2E_PROXY_KEY\")"),
            std::string::npos);
  EXPECT_NE(rewritten.find("\"" + base + "/chat/completions\""),
            std::string::npos);
  EXPECT_EQ(rewritten.find("api.openai.com"), std::string::npos);
  testing::writeFile(sample, rewritten);

  std::string log;
  std::string binary = dir.path() + "/sample";
  ASSERT_EQ(testing::runCommand("c++ -std=c++17 -o '" + binary + "' '" +
                                    sample + "' -lcurl",
                                &log),
            0)
      << log;

  runAgainst(proxy, binary);
}

// Issue 9: the key and the base URL go through envOr(), defined in env.cc,
// with the variables' names in env.h's constants; main.cc's request moves
// only because envOr's summary (made in env.cc's TU) shows the name
// reaching getenv.
TEST(E2eLibcurlTest, WrapperInAnotherTuMovesWithTheNameItReads) {
  testing::TempDir dir;
  std::string from = testing::sourceDir() + "/testdata/cpp/e2e_env_wrapper/";
  std::map<std::string, std::string> files;
  for (const char *name : {"src/env.h", "src/env.cc", "src/main.cc"})
    files[dir.write(name, testing::readFile(from + name))] = name;
  std::string db = "[";
  for (const char *tu : {"src/env.cc", "src/main.cc"})
    db += std::string(db.size() > 1 ? "," : "") + "{\"directory\": \"" +
          dir.path() + "\", \"file\": \"" + tu +
          "\", \"arguments\": [\"c++\", \"-std=c++17\", \"-Isrc\", "
          "\"-c\", \"" +
          tu + "\"]}";
  dir.write("compile_commands.json", db + "]");

  MockProxy proxy;
  std::string base =
      "http://127.0.0.1:" + std::to_string(proxy.port()) + "/proxy/v1";
  EngineOptions options = testing::optionsFor(dir.path());
  options.compile_db_dir = dir.path();
  options.proxy = ProxyTarget{base, "KEYSHIFT_E2E_PROXY_KEY", ""};
  std::vector<std::string> paths;
  for (const auto &[path, name] : files)
    paths.push_back(path);
  Result<RunResult> r = runRules(testing::allBuiltinRules(), paths, options);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->errors.empty()) << r->errors.front().second;
  std::map<std::string, std::string> changed = testing::applyChanges(*r);
  std::string header = dir.path() + "/src/env.h";
  std::string main_cc = dir.path() + "/src/main.cc";
  ASSERT_EQ(changed.count(header), 1u);
  ASSERT_EQ(changed.count(main_cc), 1u);
  EXPECT_NE(changed[header].find("kKeyVar = \"KEYSHIFT_E2E_PROXY_KEY\""),
            std::string::npos)
      << changed[header];
  EXPECT_NE(changed[main_cc].find("\"" + base + "\""), std::string::npos);
  EXPECT_EQ(changed[main_cc].find("api.openai.com"), std::string::npos);
  for (const auto &[path, text] : changed)
    testing::writeFile(path, text);

  std::string log;
  std::string binary = dir.path() + "/chat";
  ASSERT_EQ(testing::runCommand("cd '" + dir.path() +
                                    "' && c++ -std=c++17 -Isrc -o '" + binary +
                                    "' src/env.cc src/main.cc -lcurl",
                                &log),
            0)
      << log;

  runAgainst(proxy, binary);
}

} // namespace
} // namespace keyshift::cpp
