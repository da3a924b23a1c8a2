"""agentguard's language server."""
