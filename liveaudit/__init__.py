"""liveaudit: check "live" and "real-time" claims about AI video generators.

The core package holds what the stages share: settings (`config`), the error
catalogue (`errors`), the store (`store`), run records and the command line
(`cli`). The stages live in `liveaudit.crawler`, `liveaudit.classifier`,
`liveaudit.validator` and `liveaudit.dashboard`; they meet only in the store.
See docs/design.md for the whole picture and README.md for the commands.
"""

__version__ = "0.1.0"

from liveaudit.errors import LiveauditError

__all__ = ["LiveauditError", "__version__"]
