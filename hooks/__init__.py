"""agentguard's command line and pre-commit entry points."""
