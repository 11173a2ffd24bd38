// Where chatdemo sends requests and which variables it reads.
#pragma once

#define CHATDEMO_API_ROOT "https://api.openai.com"

namespace chatdemo {
constexpr const char *kKeyVariable = "OPENAI_API_KEY";
inline constexpr char kBaseVariable[] = "OPENAI_BASE_URL";
} // namespace chatdemo
