#include "config/init_template.h"

#include "base/text_columns.h"

#include <algorithm>

namespace keyshift::config {
std::string initTemplate(const std::vector<Preset> &presets,
                         std::string_view preset) {
  std::size_t name_width = 0, url_width = 0;
  for (const auto &p : presets) {
    name_width = std::max(name_width, p.name.size());
    url_width = std::max(url_width, p.base_url.size());
  }

  std::string t;
  t += "// keyshift configuration. Comments are allowed; relative paths are\n"
       "// relative to this file's directory. Command-line flags override\n"
       "// these values.\n"
       "{\n"
       "  // The OpenAI-compatible proxy to migrate to: a preset, or base_url\n"
       "  // plus key_env (these win over the preset). Presets (`keyshift\n"
       "  // presets` describes them):\n";
  for (const auto &p : presets)
    t += "  //   " + padRight(p.name, name_width) + "  " +
         padRight(p.base_url, url_width) + "  " + p.key_env + "\n";
  // Each commented line is a whole choice, so the file stays valid JSON
  // whichever one line a user uncomments: no trailing comma when nothing
  // follows, a comma when the chosen preset does.
  const char *end = preset.empty() ? "\n" : ",\n";
  t += "  // base_url_env (optional): code reads the URL from this variable,\n"
       "  // with base_url as the default. Uncomment one line:\n"
       "  \"proxy\": {\n";
  if (preset.empty())
    t += "    // \"preset\": \"" +
         (presets.empty() ? std::string("name") : presets.front().name) +
         "\"\n";
  t += std::string("    // \"base_url\": \"https://llm-gateway.internal/v1\", "
                   "\"key_env\": \"LLM_GATEWAY_KEY\"") +
       end +
       "    // \"base_url\": \"https://llm-gateway.internal/v1\", "
       "\"key_env\": \"LLM_GATEWAY_KEY\", \"base_url_env\": "
       "\"LLM_GATEWAY_URL\"" +
       end;
  if (!preset.empty())
    t += "    \"preset\": \"" + std::string(preset) + "\"\n";
  t += "  },\n"
       "\n";
  // The headers the chosen preset's proxy needs: their variables must be
  // set wherever the migrated code runs.
  for (const auto &p : presets)
    if (p.name == preset)
      for (const ProxyHeader &h : p.headers)
        t += "  // " + p.name + " needs the header " + h.name +
             ": migrated clients send it from the variable " + h.env +
             ", set it too.\n";
  t += "  // How the proxy names models; by default the preset's naming\n"
       "  // (`keyshift presets`). A map names every model the code uses\n"
       "  // (others are reported); litellm_config reads the names a LiteLLM\n"
       "  // config.yaml serves. Uncomment one line:\n"
       "  // \"models\": { \"prefix\": \"openai/\" },\n"
       "  // \"models\": { \"map\": { \"gpt-4o-mini\": \"chat-small\" } },\n"
       "\n"
       "  // Which files to look at (globs), after .gitignore.\n"
       "  \"include\": [\"**\"],\n"
       "  \"exclude\": [],  // e.g. \"third_party/**\"\n"
       "\n"
       "  \"rules\": {\n"
       "    \"disable\": [],  // rule ids, see `keyshift rules`\n"
       "    \"extra\": []     // your rule files, e.g. "
       "\"tools/keyshift-rules/*.json\"\n"
       "  },\n"
       "\n"
       "  // Wrap rewritten clients with the keyshift runtime shim (retries,\n"
       "  // circuit breaker, metrics).\n"
       "  \"shim\": false,\n"
       "\n"
       "  // Also rewrite code blocks in Markdown/RST documentation (they are\n"
       "  // reported either way).\n"
       "  \"include_docs\": false,\n"
       "\n"
       "  // Findings recorded here are known and not reported again.\n"
       "  // \"baseline\": \".keyshift-baseline.json\",\n"
       "\n"
       "  \"cpp\": {\n"
       "    // Where compile_commands.json is; default: searched upwards from\n"
       "    // each file.\n"
       "    // \"compile_commands_dir\": \"build\",\n"
       "    \"include_dirs\": []  // -I directories when there is none\n"
       "  },\n"
       "\n"
       "  // Larger files are skipped (bytes).\n"
       "  \"max_file_size\": 4194304\n"
       "}\n";
  return t;
}

} // namespace keyshift::config
