"""``python -m cleaner``: the ``cleaner`` command."""

import sys

from cleaner.cli.main import main

sys.exit(main())
