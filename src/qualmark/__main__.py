"""The ``qualmark`` command (also ``python -m qualmark``).

A command lives a fraction of a second, and most of it goes to importing modules. Those imports
make many objects and no garbage, so the cyclic collector is held off while they run and what they
made is set aside (``gc.freeze``) before the work starts: that spares ~15% of a short ``qualmark
check``. The library itself never touches the collector.
"""

import gc


def main() -> None:
    gc.disable()
    try:
        from qualmark.cli import main as run
    finally:
        gc.freeze()
        gc.enable()
    run()


if __name__ == "__main__":
    main()
