"""The bundle's entry point (build.spec): the same as the ``clu-desktop`` command."""

import sys

from clu_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
