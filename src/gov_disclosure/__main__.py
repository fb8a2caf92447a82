"""``python -m gov_disclosure``: the same command line as ``gov-disclosure``."""

from .cli import main

raise SystemExit(main())
