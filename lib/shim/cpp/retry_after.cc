#include "keyshift/shim/retry_after.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace keyshift::shim {
namespace {

std::string_view trimSpaceTab(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`.
bool readDigits(std::string_view s, size_t pos, size_t n, int &out) {
  if (pos + n > s.size())
    return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!isDigit(s[pos + i]))
      return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil), so no timegm or
// TZ dependence.
int64_t daysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

} // namespace

std::optional<double> parseStrictDecimalMs(std::string_view value,
                                           double unit_ms) {
  std::string_view s = trimSpaceTab(value);
  size_t i = 0;
  while (i < s.size() && isDigit(s[i]))
    ++i;
  if (i == 0)
    return std::nullopt;
  if (i < s.size()) {
    if (s[i] != '.')
      return std::nullopt;
    size_t j = i + 1;
    while (j < s.size() && isDigit(s[j]))
      ++j;
    if (j == i + 1 || j != s.size())
      return std::nullopt;
  }
  // strtod is correctly rounded like Python's float() and JS Number(), and
  // the grammar above already excluded everything it would be lenient on.
  std::string copy(s);
  double v = std::strtod(copy.c_str(), nullptr);
  return std::floor(v * unit_ms);
}

std::optional<int64_t> parseImfFixdateMs(std::string_view value) {
  // "Sun, 06 Nov 1994 08:49:37 GMT" is exactly 29 characters.
  std::string_view s = trimSpaceTab(value);
  if (s.size() != 29)
    return std::nullopt;
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu",
                                               "Fri", "Sat", "Sun"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr",
                                                 "May", "Jun", "Jul", "Aug",
                                                 "Sep", "Oct", "Nov", "Dec"};
  bool day_ok = false;
  for (auto d : kDays)
    day_ok = day_ok || s.substr(0, 3) == d;
  if (!day_ok || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' ||
      s[16] != ' ' || s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  int month = 0;
  for (int m = 0; m < 12; ++m)
    if (s.substr(8, 3) == kMonths[m])
      month = m + 1;
  int day, year, hh, mm, ss;
  if (month == 0 || !readDigits(s, 5, 2, day) || !readDigits(s, 12, 4, year) ||
      !readDigits(s, 17, 2, hh) || !readDigits(s, 20, 2, mm) ||
      !readDigits(s, 23, 2, ss))
    return std::nullopt;
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
  int max_day = kMonthDays[month - 1] + (month == 2 && isLeap(year) ? 1 : 0);
  // Second 60 is allowed by RFC 9110 for leap seconds.
  if (day < 1 || day > max_day || hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  int64_t secs =
      daysFromCivil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss;
  return secs * 1000;
}

RetryAfter parseRetryAfter(const Headers &headers, int64_t wall_now_unix_ms,
                           int64_t max_retry_after_ms) {
  std::optional<double> v;
  if (auto ms = headers.find("retry-after-ms"))
    v = parseStrictDecimalMs(*ms, 1.0);
  if (!v) {
    if (auto ra = headers.find("retry-after")) {
      v = parseStrictDecimalMs(*ra, 1000.0);
      if (!v) {
        if (auto date_ms = parseImfFixdateMs(*ra))
          v = static_cast<double>(*date_ms - wall_now_unix_ms);
      }
    }
  }
  if (!v || !(*v > 0))
    return {};
  if (*v > static_cast<double>(max_retry_after_ms))
    return {RetryAfterKind::TooLong, 0};
  return {RetryAfterKind::Delay, static_cast<int64_t>(*v)};
}

} // namespace keyshift::shim
