// Hand-written JSON string output for the audit log. It never throws and
// never transcodes silently: valid UTF-8 becomes a JSON string, anything else
// becomes {"bytes":"<base64>"} (ripgrep's convention), so a consumer can
// still recover the exact bytes of a path or snippet.
#ifndef KEYSHIFT_REPORT_JSON_TEXT_H_
#define KEYSHIFT_REPORT_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace keyshift::report {

/// Standard base64 (RFC 4648, with padding).
std::string base64Encode(std::string_view bytes);

/// Appends `text` as a quoted JSON string. `text` must be valid UTF-8;
/// control characters are escaped, everything else is copied as is.
void appendJsonString(std::string &out, std::string_view text);

/// Appends `text` as a JSON string when it is valid UTF-8, otherwise as
/// {"bytes":"<base64 of text>"}.
void appendJsonText(std::string &out, std::string_view text);

/// `text` with every byte that is not part of a valid UTF-8 sequence spelled
/// as the four characters "\xNN": for formats (SARIF, terminal text) that
/// only take strings, so the damage stays visible instead of becoming U+FFFD.
std::string escapeInvalidUtf8(std::string_view text);

/// `,"key":` — the object writers' separator before each field after the
/// first.
void appendJsonKey(std::string &out, std::string_view key);
/// `,"key":<appendJsonText(value)>`
void appendJsonTextField(std::string &out, std::string_view key,
                         std::string_view value);
/// `,"key":<value>`
void appendJsonNumberField(std::string &out, std::string_view key,
                           std::size_t value);

} // namespace keyshift::report

#endif // KEYSHIFT_REPORT_JSON_TEXT_H_
