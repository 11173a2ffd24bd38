// Where chatdemo sends requests and which variables it reads.
#pragma once

#define CHATDEMO_API_ROOT "https://llm-proxy.example"

namespace chatdemo {
constexpr const char *kKeyVariable = "LLM_PROXY_KEY";
inline constexpr char kBaseVariable[] = "LLM_PROXY_URL";
} // namespace chatdemo
