"""``python -m qualmark``."""

from qualmark.cli import main

main()
