#include "match/url_prefix.h"

#include <gtest/gtest.h>

#include <string>

namespace keyshift::url {
namespace {

/// `text` with the prefix it starts with moved to `base`, or "<none>" /
/// "<bare>".
std::string moved(const std::string &text,
                  const std::string &base = "https://proxy.example/v1") {
  auto m = matchPrefix(text, openAiUrlPrefixes(), base);
  if (!m)
    return "<none>";
  if (m->bare_host)
    return "<bare>";
  return m->replacement + text.substr(m->length);
}

TEST(UrlPrefixTest, MovesVersionedAndBareHostPrefixes) {
  EXPECT_EQ(moved("https://api.openai.com/v1/chat"),
            "https://proxy.example/v1/chat");
  EXPECT_EQ(moved("http://api.openai.com/v1"), "https://proxy.example/v1");
  EXPECT_EQ(moved("https://api.openai.com/files"),
            "https://proxy.example/files")
      << "a bare host takes the base URL without its /v1";
  EXPECT_EQ(moved("https://api.openai.com/v1beta/x"),
            "https://proxy.example/v1beta/x");
  EXPECT_EQ(moved("https://api.openai.com", "https://gw.example/openai"),
            "<bare>");
  EXPECT_EQ(moved("https://api.openai.com/v1/x", "https://proxy.example/v1/"),
            "https://proxy.example/v1/x")
      << "the base URL's trailing slash is dropped";
}

TEST(UrlPrefixTest, TheDefaultPortIsTheSameUrl) {
  EXPECT_EQ(moved("https://api.openai.com:443/v1/models"),
            "https://proxy.example/v1/models");
  EXPECT_EQ(moved("http://api.openai.com:80/v1"), "https://proxy.example/v1");
  EXPECT_EQ(moved("https://api.openai.com:8443/v1"), "<none>");
  EXPECT_EQ(moved("https://api.openai.com:80/v1"), "<none>")
      << "port 80 is not https's default";
}

TEST(UrlPrefixTest, OtherHostsAreNotOpenAi) {
  EXPECT_EQ(moved("https://api.openai.com.evil.example/v1"), "<none>");
  EXPECT_EQ(moved("https://api.openai.com@evil.example/v1"), "<none>");
  EXPECT_EQ(moved("https://example.com/v1"), "<none>");
  EXPECT_EQ(moved("see https://api.openai.com/v1"), "<none>")
      << "only a text that starts with the URL";
}

TEST(UrlPrefixTest, AUrlEndsWhereTheTextStopsBeingOne) {
  EXPECT_EQ(moved("https://api.openai.com/v1 is the endpoint"),
            "https://proxy.example/v1 is the endpoint");
  EXPECT_EQ(moved("https://api.openai.com/v1?x=1"),
            "https://proxy.example/v1?x=1");
}

/// The Realtime API's URL `text` moved to `base`'s WebSocket form.
std::string movedSocket(const std::string &text, const std::string &base) {
  auto m = matchPrefix(text, openAiWebSocketPrefixes(), base);
  return m ? m->replacement + text.substr(m->length) : "<none>";
}

TEST(UrlPrefixTest, RealtimeUrlTakesTheBaseUrlsWebSocketForm) {
  EXPECT_EQ(movedSocket("wss://api.openai.com/v1/realtime?model=m",
                        "https://proxy.example/v1/"),
            "wss://proxy.example/v1/realtime?model=m");
  EXPECT_EQ(movedSocket("ws://api.openai.com/v1/realtime",
                        "http://localhost:4000/openai/v1"),
            "ws://localhost:4000/openai/v1/realtime");
  EXPECT_EQ(movedSocket("wss://api.openai.com:443/v1/realtime",
                        "http://gw.internal/v1"),
            "ws://gw.internal/v1/realtime")
      << "the WebSocket form follows B's scheme, not the literal's";
}

TEST(UrlPrefixTest, RealtimeUrlStaysWithoutAWebSocketForm) {
  EXPECT_EQ(movedSocket("wss://api.openai.com/v1/realtime", "unix:///run/gw"),
            "<none>");
  EXPECT_FALSE(webSocketForm("grpc://gw.internal/v1"));
  EXPECT_EQ(movedSocket("wss://api.openai.com/v1beta/realtime",
                        "https://proxy.example/v1"),
            "<none>");
  EXPECT_EQ(movedSocket("wss://eu.api.openai.com/v1/realtime",
                        "https://proxy.example/v1"),
            "<none>");
  EXPECT_EQ(moved("wss://api.openai.com/v1/realtime"), "<none>")
      << "the https prefixes never take a WebSocket URL";
}

} // namespace
} // namespace keyshift::url

namespace keyshift::url {
namespace {

TEST(HostOfTest, OpenAiHostsOverAnySchemeAndSubdomain) {
  EXPECT_EQ(hostOf("wss://api.openai.com/v1/realtime?model=x"),
            HostKind::OpenAi);
  EXPECT_EQ(hostOf("https://eu.api.openai.com/v1"), HostKind::OpenAi);
  EXPECT_EQ(hostOf("https://US.API.OPENAI.COM:443/v1"), HostKind::OpenAi);
  EXPECT_EQ(hostOf("https://mtls.api.openai.com"), HostKind::OpenAi);
  EXPECT_EQ(hostOf("ws://api.openai.com."), HostKind::OpenAi);
}

TEST(HostOfTest, NamesThatOnlyContainTheHostAreOthers) {
  EXPECT_EQ(hostOf("https://notapi.openai.com.example/v1"), HostKind::Other);
  EXPECT_EQ(hostOf("https://xapi.openai.com/v1"), HostKind::Other);
  EXPECT_EQ(hostOf("https://.api.openai.com/v1"), HostKind::Other);
  EXPECT_EQ(hostOf("ftp://api.openai.com/"), HostKind::Other);
  EXPECT_EQ(hostOf("api.openai.com"), HostKind::Other);
}

TEST(HostOfTest, ASchemeAloneLeavesTheHostUnwritten) {
  EXPECT_EQ(hostOf("https://"), HostKind::NotWritten);
  EXPECT_EQ(hostOf("wss://"), HostKind::NotWritten);
}

} // namespace
} // namespace keyshift::url
