// Text from outside keyshift (a flag's value, a path, a config value) made
// safe to print on a terminal: control bytes (ESC, BEL, CR, ...) and bytes
// that are not UTF-8 are written as escapes, so an error message quoting
// them cannot move the cursor, retitle the window or hide text.
//   "A\x1B[31mB" -> "A\\x1B[31mB"
#ifndef KEYSHIFT_BASE_TERMINAL_TEXT_H_
#define KEYSHIFT_BASE_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace keyshift {

/// C0 controls (tab and newline included), DEL and bytes that do not start
/// a well-formed UTF-8 sequence become "\xNN"; C1 controls (U+0080..U+009F,
/// which some terminals obey as CSI) become "\u0080".."\u009F". Everything
/// else is kept.
std::string escapeForTerminal(std::string_view text);

/// A sentence quoting source text on one line: every run of spaces, tabs
/// and line breaks that holds a line break or a tab becomes one space
/// (`OpenAI(\n    base_url=x)` -> `OpenAI( base_url=x)`), so a message never
/// shows a quoted expression's layout as escapes.
std::string oneLine(std::string_view text);

} // namespace keyshift

#endif // KEYSHIFT_BASE_TERMINAL_TEXT_H_
