#include "rewrite/apply.h"

#include <algorithm>

namespace keyshift {

Result<std::string> applyEdits(std::string_view content,
                               std::vector<Edit> edits) {
  // (offset, length, text): an insertion goes before a replacement that
  // starts where it is, and commuting insertions at one offset apply in a
  // fixed order, whatever order the edits came in.
  std::sort(edits.begin(), edits.end());
  std::string out;
  out.reserve(content.size());
  std::size_t cursor = 0;
  for (const Edit &e : edits) {
    if (e.range.end() > content.size())
      return makeError(ErrorCode::Internal,
                       "edit [" + std::to_string(e.range.offset) + ", " +
                           std::to_string(e.range.end()) +
                           ") lies beyond the end of the text (" +
                           std::to_string(content.size()) + " bytes)");
    if (e.range.offset < cursor)
      return makeError(ErrorCode::Internal, "overlapping edits at offset " +
                                                std::to_string(e.range.offset));
    out.append(content.substr(cursor, e.range.offset - cursor));
    out.append(e.replacement);
    cursor = e.range.end();
  }
  out.append(content.substr(cursor));
  return out;
}

} // namespace keyshift
