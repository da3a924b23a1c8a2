"""`python -m agentguard.hooks` runs the command line."""

from agentguard.hooks.main import main

raise SystemExit(main())
