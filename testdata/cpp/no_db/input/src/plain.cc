// Mentions no trigger: never parsed.
int answer() { return 42; }
