"""agentguard's engine and rules: pure functions from a path and its text to findings."""
