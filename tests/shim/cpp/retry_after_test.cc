// Unit tests for the strict Retry-After grammar and the IMF-fixdate parser
// beyond what the shared vectors pin down.
#include "keyshift/shim/retry_after.h"

#include <gtest/gtest.h>

namespace keyshift::shim {
namespace {

TEST(RetryAfterTest, ImfFixdateParsesTheRfcExample) {
  EXPECT_EQ(parseImfFixdateMs("Sun, 06 Nov 1994 08:49:37 GMT"),
            std::optional<int64_t>(784111777000));
}

TEST(RetryAfterTest, ImfFixdateRejectsImpossibleDates) {
  EXPECT_EQ(parseImfFixdateMs("Thu, 29 Feb 2001 00:00:00 GMT"), std::nullopt);
  EXPECT_EQ(parseImfFixdateMs("Sun, 06 Nov 1994 24:00:00 GMT"), std::nullopt);
  EXPECT_EQ(parseImfFixdateMs("Sun, 6 Nov 1994 08:49:37 GMT"), std::nullopt);
}

TEST(RetryAfterTest, StrictDecimalFloorsAfterScaling) {
  EXPECT_EQ(parseStrictDecimalMs("1.25", 1000.0), std::optional<double>(1250));
  EXPECT_EQ(parseStrictDecimalMs("1.2.3", 1000.0), std::nullopt);
  EXPECT_EQ(parseStrictDecimalMs("0x10", 1.0), std::nullopt);
}

} // namespace
} // namespace keyshift::shim
