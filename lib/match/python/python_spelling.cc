// How keyshift writes Python: `os.environ["K"]` (through the module's own
// alias for os, adding `import os` where it has none), double-quoted
// literals, and `from m import f` at the top of the import block.
#include "match/python/python_dialect.h"
#include "match/treesitter/file_context.h"
#include "match/treesitter/layout.h"
#include "match/treesitter/scopes.h"
#include "match/treesitter/spelling.h"

#include <algorithm>

namespace keyshift::python {
namespace {

using ts::nodeType;

bool isDocstring(TSNode stmt) {
  return nodeType(stmt) == "expression_statement" &&
         ts_node_named_child_count(stmt) == 1 &&
         nodeType(ts::firstNamedChild(stmt)) == "string";
}

bool isImport(TSNode stmt) {
  std::string_view t = nodeType(stmt);
  return t == "import_statement" || t == "import_from_statement" ||
         t == "future_import_statement";
}

class PythonSpelling final : public ts::Spelling {
public:
  PythonSpelling(const ProxyTarget &proxy, const ts::FileContext &file)
      : Spelling(proxy, file.scopes, importInsertionPoint(file.root, file.text),
                 file.newline),
        os_alias_(file.scopes.moduleAlias("os")) {}

  std::string literal(std::string_view value) const override {
    return "\"" + std::string(value) + "\"";
  }
  std::string envRead(std::string_view name) const override {
    return osName() + ".environ[" + literal(name) + "]";
  }
  std::string envReadOr(std::string_view name,
                        std::string_view fallback) const override {
    return osName() + ".environ.get(" + literal(name) + ", " +
           std::string(fallback) + ")";
  }
  std::vector<Edit> importsFor(const std::vector<Edit> &edits,
                               const std::string &rule_id) const override {
    bool uses_os =
        !os_alias_ &&
        std::any_of(edits.begin(), edits.end(), [](const Edit &e) {
          return e.replacement.find("os.environ") != std::string::npos;
        });
    if (!uses_os)
      return {};
    return {importEdit("import os", rule_id)};
  }

protected:
  std::string importLine(std::string_view module, std::string_view name,
                         std::string_view local) const override {
    return "from " + std::string(module) + " import " + std::string(name) +
           (local != name ? " as " + std::string(local) : "");
  }

private:
  std::string osName() const { return os_alias_.value_or("os"); }
  std::optional<std::string> os_alias_;
};

} // namespace

ts::ImportPoint importInsertionPoint(TSNode module, std::string_view text) {
  // Leading shebang / coding comments must stay on the first lines.
  std::size_t after_header = 0;
  while (after_header < text.size() && text[after_header] == '#') {
    std::string_view line = text.substr(
        after_header, ts::endOfLine(text, after_header) - after_header);
    bool header = after_header == 0 ? line.rfind("#!", 0) == 0 : false;
    header = header || line.find("coding") != std::string_view::npos;
    if (!header)
      break;
    after_header = ts::endOfLine(text, after_header);
  }
  std::size_t point = after_header;
  bool seen_docstring = false;
  for (TSNode stmt : ts::namedChildren(module)) {
    if (nodeType(stmt) == "comment")
      continue;
    if (!seen_docstring && point == after_header && isDocstring(stmt)) {
      seen_docstring = true;
      point = ts::endOfLine(text, ts_node_end_byte(stmt));
      continue;
    }
    if (!isImport(stmt))
      break;
    point = ts::endOfLine(text, ts_node_end_byte(stmt));
  }
  bool needs_newline = point == text.size() && !text.empty() &&
                       text.back() != '\n' && point != 0;
  return {point, needs_newline};
}

std::unique_ptr<ts::Spelling>
PythonDialect::spelling(const ts::FileContext &file,
                        const ProxyTarget &proxy) const {
  return std::make_unique<PythonSpelling>(proxy, file);
}

} // namespace keyshift::python
