#include "cli/commands.h"

namespace keyshift::cli {

const std::vector<Command> &commandTable() {
  static const std::vector<Command> commands{
      {"migrate", "migrate [PATH...]",
       "rewrite OpenAI usage to the proxy: unified diff on stdout (--apply "
       "writes it)",
       runMigrate},
      {"audit", "audit [PATH...]",
       "report hard-coded keys (every text file; --history: every commit), "
       "direct endpoints and clients to migrate",
       runAudit},
      {"check", "check FILE... | check --staged [PATH...]",
       "pre-commit gate: exit 1 when a file needs migrating or holds a key",
       runCheck},
      {"rules", "rules", "list the rules with their ids", runRules},
      {"test-rules", "test-rules [FILE...]",
       "run every rule's valid/invalid examples", runTestRules},
      {"presets", "presets", "list the proxy presets", runPresets},
      {"init", "init", "write a starting .keyshift.json here", runInit},
      {"verify", "verify [PATH...]",
       "after a migration: ask the proxy (B, with the key in K) whether it "
       "serves every model name the code uses",
       runVerify},
  };
  return commands;
}

} // namespace keyshift::cli
