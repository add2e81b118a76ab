"""``python -m qualmark``."""

from qualmark.cli import main

if __name__ == "__main__":
    main()
