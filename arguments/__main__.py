import sys

from arguments.cli import main

sys.exit(main())
