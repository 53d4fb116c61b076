import sys

from dm3p.circles.matching.cli import main

sys.exit(main())
