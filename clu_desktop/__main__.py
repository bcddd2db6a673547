import sys

from clu_desktop.cli import main

sys.exit(main())
