"""`python -m liveaudit.crawler.distributed`: one worker of a distributed crawl (the launcher
starts these; see `liveaudit crawl --workers`)."""

import sys

from liveaudit.crawler.distributed.worker import main

sys.exit(main())
