"""`python -m liveaudit` runs the command line."""

from liveaudit.cli import main

main()
