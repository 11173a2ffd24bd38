// Endpoints shared by the native tools.
#pragma once

namespace native {
inline constexpr const char *kChatUrl =
    "https://api.openai.com/v1/chat/completions";
} // namespace native
